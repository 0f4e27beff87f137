// Prints what sampling a run's timeline costs: each program is run in N pairs, one run with the
// timeline recorder and one without, the order alternating (with, without, without, with, ...)
// so that a drift of the machine hits both alike. Each pair's ratio of wall and of CPU time
// (measured from outside, as grading measures them) is a sample; the median change is printed
// with its 95% distribution-free interval. Also the grader thread's own CPU time per sample,
// which is the sampling's whole direct cost, and how busy the lanes were. Target: under 2% on
// wall and CPU time. A figure to watch, not a test. Each program's work is first sized so that
// one run takes about a second on this machine. First, the sampler alone: its CPU time per
// sample of a waiting Pool's tree, sampled over and over.
//
//   bench_timeline_cost [PAIRS]     (default 20)

#include "measure/SampleStatistics.h"
#include "sandbox/Sandbox.h"
#include "timeline/Timeline.h"

#include <QCoreApplication>
#include <QFile>
#include <QProcess>
#include <QTemporaryDir>
#include <QTextStream>

#include <algorithm>
#include <numeric>
#include <ctime>

using namespace Unlocked;

namespace {

struct Program
{
    const char *name;
    const char *source; // does an amount of work that grows with its one argument
};

const Program programs[] = {
    {"two CPU-bound threads", R"(import sys, threading
def count(n):
    while n > 0:
        n -= 1
n = int(sys.argv[1])
threads = [threading.Thread(target=count, args=(n,)) for _ in range(2)]
for t in threads: t.start()
for t in threads: t.join()
)"},
    {"Pool of 2 processes", R"(import sys
from multiprocessing import Pool
def count(n):
    while n > 0:
        n -= 1
    return n
if __name__ == "__main__":
    with Pool(2) as pool:
        pool.map(count, [int(sys.argv[1]) // 2] * 4)
)"},
    {"asyncio, waiting", R"(import asyncio, sys
async def main():
    seconds = int(sys.argv[1]) / 1e7
    await asyncio.gather(*(asyncio.sleep(seconds) for _ in range(10)))
asyncio.run(main())
)"},
};

double threadCpu()
{
    timespec ts{};
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
    return ts.tv_sec + ts.tv_nsec / 1e9;
}

constexpr double kRunSeconds = 1.0;

// The argument that makes one unsampled run of \a spec take about kRunSeconds here.
qint64 sizeWork(const Sandbox &sandbox, RunSpec spec)
{
    qint64 n = 1'000'000;
    for (int step = 0; step < 4; ++step) {
        spec.arguments = {QStringLiteral("main.py"), QString::number(n)};
        const RunOutcome outcome = sandbox.run(spec);
        if (!outcome.succeeded())
            return n;
        n = qint64(double(n) * kRunSeconds / std::max(0.01, outcome.wallSeconds));
    }
    return n;
}

// "+1.23% [-0.50%, +2.10%]": the median change of the pairs' ratios and its 95% interval.
QString change(const QList<double> &ratios)
{
    const MedianInterval m = SampleStatistics::medianInterval(ratios, 0.95);
    QString text = QString::asprintf("%+.2f%%", 100.0 * (m.median - 1.0));
    if (m.valid)
        text += QString::asprintf(" [%+.2f%%, %+.2f%%]", 100.0 * (m.low - 1.0),
                                  100.0 * (m.high - 1.0));
    return text;
}

// The sampler's CPU time per sample of a tree of three waiting processes (a Pool of two).
void sampleAlone(QTextStream &out)
{
    QProcess pool;
    pool.start(QStringLiteral("/usr/bin/python3"),
               {QStringLiteral("-c"), QStringLiteral(R"(import sys, time
from multiprocessing import Pool
with Pool(2) as pool:  # its workers end with it, when our end of its stdin closes
    pool.map_async(time.sleep, [30, 30])
    print("ready", flush=True)
    sys.stdin.read()
)")});
    if (!pool.waitForReadyRead(10000)) {
        out << "the sampler alone: the Pool did not start\n";
        return;
    }
    const TreeSampler sampler;
    constexpr int kSamples = 2000;
    qsizetype threads = 0;
    const double before = threadCpu();
    for (int i = 0; i < kSamples; ++i)
        threads = sampler.sample(pid_t(pool.processId()), false, {}).size();
    const double each = (threadCpu() - before) / kSamples;
    pool.closeWriteChannel();
    pool.waitForFinished();
    out << QString::asprintf("the sampler alone: %.1f us of CPU per sample of a waiting Pool's "
                             "%lld threads, %d samples in a row\n\n",
                             each * 1e6, qlonglong(threads), kSamples);
}

struct Run
{
    double wall = 0.0, cpu = 0.0, grader = 0.0;
    int intervals = 0;
    double meanCoresBusy = 0.0;
};

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    QTextStream out(stdout);
    const int pairs = argc > 1 ? std::max(1, QString::fromLocal8Bit(argv[1]).toInt()) : 20;
    const IsolationSupport support = Sandbox::isolationSupport();
    if (!support.available) {
        out << "isolation unavailable: " << support.reason << "\n";
        return 1;
    }
    out << "Timeline sampling cost: " << pairs
        << " pairs of runs with and without, in alternating order; median change of the pairs'"
           " ratios [95% interval]\n\n";
    sampleAlone(out);
    for (const Program &program : programs) {
        QTemporaryDir dir;
        QFile file(dir.filePath(QStringLiteral("main.py")));
        if (!file.open(QIODevice::WriteOnly) || file.write(program.source) < 0)
            return 1;
        file.close();
        RunSpec spec;
        spec.workDir = dir.path();
        spec.interpreter = QStringLiteral("/usr/bin/python3");
        const Sandbox sandbox;
        spec.arguments = {QStringLiteral("main.py"),
                          QString::number(sizeWork(sandbox, spec))};
        auto measure = [&](bool sampled, Run *run) {
            TimelineRecorder recorder;
            RunSpec one = spec;
            one.timeline = sampled ? &recorder : nullptr;
            const double before = threadCpu();
            const RunOutcome outcome = sandbox.run(one);
            run->grader = threadCpu() - before;
            if (!outcome.succeeded()) {
                out << program.name << ": the run failed: " << outcome.failure
                    << QString::fromUtf8(outcome.err) << "\n";
                return false;
            }
            run->wall = outcome.wallSeconds;
            run->cpu = outcome.cpuSeconds;
            const Timeline t = recorder.timeline();
            const QList<double> cores = t.coresBusy();
            run->intervals = t.intervalCount;
            run->meanCoresBusy = cores.isEmpty()
                ? 0.0
                : std::accumulate(cores.begin(), cores.end(), 0.0) / double(cores.size());
            return true;
        };
        QList<double> wallRatio, cpuRatio, perSample, busy, wallWithout;
        for (int i = 0; i < pairs; ++i) {
            Run with, without;
            const bool withFirst = i % 2 == 0;
            if (!measure(withFirst, withFirst ? &with : &without) ||
                !measure(!withFirst, withFirst ? &without : &with))
                return 1;
            wallRatio.append(with.wall / without.wall);
            cpuRatio.append(with.cpu / std::max(1e-9, without.cpu));
            perSample.append((with.grader - without.grader) / std::max(1, with.intervals));
            busy.append(with.meanCoresBusy);
            wallWithout.append(without.wall);
        }
        const double sampleSeconds = SampleStatistics::median(perSample);
        out << program.name << " (argument " << spec.arguments.last()
            << QString::asprintf(", %.3f s a run unsampled, %.2f cores busy on average):\n",
                                 SampleStatistics::median(wallWithout),
                                 SampleStatistics::median(busy))
            << "  wall time  " << change(wallRatio) << "\n"
            << "  CPU time   " << change(cpuRatio) << "\n"
            << QString::asprintf("  the grader's own CPU per sample  %.1f us, %.2f%% of one core "
                                 "at one sample each 10 ms\n\n",
                                 sampleSeconds * 1e6, 100.0 * sampleSeconds / 0.01);
        out.flush();
    }
    return 0;
}
