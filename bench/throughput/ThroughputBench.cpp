// What unlocked-cli adds to the Python it runs, as a learner's or a CI's command sees it.
//
//   bench_throughput [N]
//
// 1. `run` of an empty program against `python3` running it bare;
// 2. `grade --task using-multiprocessing` of its reference against running the reference bare;
// 3. `batch` of 200 correctness-only submissions with --jobs 1 and with the default.
// The commands of 1 and 2 alternate with their bare twins, N times each (default 30), and the
// medians are compared; each figure is a difference or a ratio measured in the same run. Not a
// test: it prints figures for docs/sandbox.md.
#include <QCoreApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QProcess>
#include <QTemporaryDir>
#include <QThread>

#include <algorithm>
#include <cstdio>

namespace {

const QString kPython = QStringLiteral("/usr/bin/python3");
const QString kCli = QStringLiteral(UNLOCKED_CLI);
const QString kSource = QStringLiteral(UNLOCKED_SOURCE_DIR);

double median(QList<double> values)
{
    std::sort(values.begin(), values.end());
    const qsizetype n = values.size();
    return n == 0 ? 0.0 : n % 2 ? values[n / 2] : (values[n / 2 - 1] + values[n / 2]) / 2;
}

/** Wall seconds of one run of the command; exits the benchmark if it cannot start. */
double timed(const QString &program, const QStringList &arguments, int *exitCode = nullptr)
{
    QProcess process;
    process.setStandardOutputFile(QProcess::nullDevice());
    process.setStandardErrorFile(QProcess::nullDevice());
    QElapsedTimer clock;
    clock.start();
    process.start(program, arguments);
    if (!process.waitForStarted() || !process.waitForFinished(600000)) {
        std::fprintf(stderr, "cannot run %s\n", qPrintable(program));
        std::exit(2);
    }
    const double seconds = clock.nsecsElapsed() / 1e9;
    if (exitCode)
        *exitCode = process.exitCode();
    return seconds;
}

struct Pair
{
    QList<double> bare, cli;
};

/** Alternates the bare command and the CLI's, after one warm-up of each. */
Pair interleaved(int rounds, const QStringList &bare, const QStringList &cli)
{
    timed(kPython, bare);
    timed(kCli, cli);
    Pair pair;
    for (int i = 0; i < rounds; ++i) {
        pair.bare.append(timed(kPython, bare));
        pair.cli.append(timed(kCli, cli));
    }
    return pair;
}

void printPair(const char *what, const Pair &pair, double targetMs)
{
    const double bare = median(pair.bare) * 1000, cli = median(pair.cli) * 1000;
    std::printf("%-44s bare %6.1f ms  unlocked-cli %6.1f ms  adds %+6.1f ms (target %+.0f)\n",
                what, bare, cli, cli - bare, targetMs);
}

/** DIR/learner-NNN/using-multiprocessing.py: the reference, the starter and a broken file. */
QString writeClass(const QString &root, int submissions)
{
    const QString task = kSource + QStringLiteral("/tasks/using-multiprocessing/");
    const QStringList sources = {task + QStringLiteral("reference.py"),
                                 task + QStringLiteral("starter.py")};
    for (int i = 0; i < submissions; ++i) {
        const QString dir = root + QStringLiteral("/learner-%1").arg(i, 3, 10, QLatin1Char('0'));
        QDir().mkpath(dir);
        const QString file = dir + QStringLiteral("/using-multiprocessing.py");
        if (i % 10 == 9) {
            QFile broken(file);
            broken.open(QIODevice::WriteOnly);
            broken.write("def main(:\n    pass\n");
        } else {
            QFile::copy(sources[i % 2], file);
        }
    }
    return root;
}

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    const int rounds = argc > 1 ? std::max(1, QString::fromLocal8Bit(argv[1]).toInt()) : 30;
    QFile load(QStringLiteral("/proc/loadavg"));
    load.open(QIODevice::ReadOnly);
    std::printf("bench_throughput: %d rounds, %d CPUs, load %s\n", rounds,
                QThread::idealThreadCount(), load.readAll().trimmed().left(14).constData());

    QTemporaryDir tmp;
    const QString empty = tmp.filePath(QStringLiteral("empty.py"));
    QFile file(empty);
    file.open(QIODevice::WriteOnly);
    file.write("pass\n");
    file.close();
    printPair("run of an empty program", interleaved(rounds, {empty}, {"run", empty}), 15);

    const QString reference = kSource + QStringLiteral("/tasks/using-multiprocessing/reference.py");
    printPair("grade --task using-multiprocessing",
              interleaved(rounds, {reference},
                          {"grade", "--task", "using-multiprocessing", reference}),
              60);

    const int submissions = 200;
    const QString dir = writeClass(tmp.filePath(QStringLiteral("class")), submissions);
    const int cores = QThread::idealThreadCount();
    for (const int jobs : {1, 0}) {
        QStringList arguments = {"batch", "--submissions", dir, "--output",
                                 tmp.filePath(QStringLiteral("report.json"))};
        if (jobs > 0)
            arguments << "--jobs" << QString::number(jobs);
        int code = 0;
        const double seconds = timed(kCli, arguments, &code);
        const int used = jobs > 0 ? std::min(jobs, cores) : cores;
        std::printf("batch of %d, --jobs %-8s %6.2f s  %6.1f grades/s  %5.1f per s per core "
                    "(target 10; exit %d)\n",
                    submissions, jobs > 0 ? qPrintable(QString::number(jobs)) : "default",
                    seconds, submissions / seconds, submissions / seconds / used, code);
    }
    return 0;
}
