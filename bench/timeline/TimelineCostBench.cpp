// Prints what sampling a run's timeline costs: each program is run N times with and N times
// without the timeline recorder, interleaved (with, without, without, with, ...), and the medians
// of its wall and CPU time (measured from outside, as grading measures them) are compared. Also
// the grader thread's own CPU time per run, which holds the sampling's cost, and how busy the
// lanes were. Target: under 2% on wall and CPU time. A figure to watch, not a test.
//
//   bench_timeline_cost [RUNS]     (default 10 of each)

#include "sandbox/Sandbox.h"
#include "timeline/Timeline.h"

#include <QCoreApplication>
#include <QFile>
#include <QTemporaryDir>
#include <QTextStream>

#include <algorithm>
#include <ctime>

using namespace Unlocked;

namespace {

struct Program
{
    const char *name;
    const char *source;
};

const Program programs[] = {
    {"two CPU-bound threads", R"(import threading
def count(n):
    while n > 0:
        n -= 1
threads = [threading.Thread(target=count, args=(3_000_000,)) for _ in range(2)]
for t in threads: t.start()
for t in threads: t.join()
)"},
    {"Pool of 2 processes", R"(from multiprocessing import Pool
def count(n):
    while n > 0:
        n -= 1
    return n
if __name__ == "__main__":
    with Pool(2) as pool:
        pool.map(count, [1_500_000] * 4)
)"},
    {"asyncio, waiting", R"(import asyncio
async def main():
    await asyncio.gather(*(asyncio.sleep(0.3) for _ in range(10)))
asyncio.run(main())
)"},
};

double median(QList<double> v)
{
    std::sort(v.begin(), v.end());
    const qsizetype n = v.size();
    return n == 0 ? 0.0 : n % 2 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
}

double threadCpu()
{
    timespec ts{};
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
    return ts.tv_sec + ts.tv_nsec / 1e9;
}

QString percent(double with, double without)
{
    return QString::asprintf("%+.2f%%", without > 0 ? 100.0 * (with - without) / without : 0.0);
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    QTextStream out(stdout);
    const int runs = argc > 1 ? std::max(1, QString::fromLocal8Bit(argv[1]).toInt()) : 10;
    const IsolationSupport support = Sandbox::isolationSupport();
    if (!support.available) {
        out << "isolation unavailable: " << support.reason << "\n";
        return 1;
    }
    out << "Timeline sampling cost, " << runs << " runs with and " << runs
        << " without, interleaved; medians\n\n";
    for (const Program &program : programs) {
        QTemporaryDir dir;
        QFile file(dir.filePath(QStringLiteral("main.py")));
        if (!file.open(QIODevice::WriteOnly) || file.write(program.source) < 0)
            return 1;
        file.close();
        RunSpec spec;
        spec.workDir = dir.path();
        spec.interpreter = QStringLiteral("/usr/bin/python3");
        spec.arguments = {QStringLiteral("main.py")};
        const Sandbox sandbox;
        QList<double> wall[2], cpu[2], grader[2], busy, samples;
        for (int i = 0; i < 2 * runs; ++i) {
            const bool with = (i % 4 == 0) || (i % 4 == 3); // ABBA: drifts hit both alike
            TimelineRecorder recorder;
            RunSpec run = spec;
            run.timeline = with ? &recorder : nullptr;
            const double before = threadCpu();
            const RunOutcome outcome = sandbox.run(run);
            const double spent = threadCpu() - before;
            if (!outcome.succeeded()) {
                out << program.name << ": the run failed: " << outcome.failure
                    << QString::fromUtf8(outcome.err) << "\n";
                return 1;
            }
            wall[with].append(outcome.wallSeconds);
            cpu[with].append(outcome.cpuSeconds);
            grader[with].append(spent);
            if (with) {
                const Timeline t = recorder.timeline();
                const QList<double> cores = t.coresBusy();
                double sum = 0;
                for (double c : cores)
                    sum += c;
                busy.append(cores.isEmpty() ? 0.0 : sum / cores.size());
                samples.append(t.intervalCount);
            }
        }
        out << program.name << ":\n"
            << QString::asprintf("  wall  %.3f s sampled, %.3f s not: ", median(wall[1]),
                                 median(wall[0]))
            << percent(median(wall[1]), median(wall[0])) << "\n"
            << QString::asprintf("  CPU   %.3f s sampled, %.3f s not: ", median(cpu[1]),
                                 median(cpu[0]))
            << percent(median(cpu[1]), median(cpu[0])) << "\n"
            << QString::asprintf("  grader thread CPU per run  %.4f s sampled, %.4f s not "
                                 "(%.2f%% of the run's wall time)\n",
                                 median(grader[1]), median(grader[0]),
                                 100.0 * (median(grader[1]) - median(grader[0])) /
                                     std::max(1e-9, median(wall[1])))
            << QString::asprintf("  %g intervals of 10 ms, %.2f cores busy on average\n\n",
                                 median(samples), median(busy));
        out.flush();
    }
    return 0;
}
