// Verdicts of the built-in course's speedup checks, graded end to end as a learner would be.
//
//   bench_measure_tasks [N] [--only TASK,...]
//
// For every built-in task with a speedup check: its reference (correct), a sequential solution
// and a cheating one, each graded N times by the real grader in the real sandbox. The
// calibration is made once per task into a private cache (its cost is printed on its own
// line) and then reused, as on a learner's machine after the first grading. Prints verdict
// counts, the median and longest grading time, the size chosen and the net and whole-run
// speedups. With BENCH_VERBOSE set, also the message of every inconclusive grading and of each
// row's last. Not a test: it prints figures for docs/measurement.md.
#include "Grader.h"
#include "Paths.h"
#include "measure/SampleStatistics.h"
#include "pack/PackLoader.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QTemporaryDir>

#include <cstdio>

using namespace Unlocked;

namespace {

struct Solution
{
    QString name;
    QString path;
    Verdict expected;
};

QString loadAverage()
{
    QFile file(QStringLiteral("/proc/loadavg"));
    if (!file.open(QIODevice::ReadOnly))
        return QStringLiteral("?");
    return QString::fromLatin1(file.readAll()).section(QLatin1Char(' '), 0, 2);
}

const CheckResult *speedupCheck(const GradeResult &result)
{
    for (const CheckResult &c : result.checks)
        if (c.kind == CheckKind::ParallelSpeedup || c.kind == CheckKind::SingleCoreSpeedup)
            return &c;
    return nullptr;
}

QList<Solution> solutionsOf(const Task &task)
{
    const QString dir = QStringLiteral(UNLOCKED_BENCH_SOLUTIONS "/") + task.id;
    const QString ext = task.isCython() ? QStringLiteral(".pyx") : QStringLiteral(".py");
    QList<Solution> list{{QStringLiteral("correct"), task.referencePath, Verdict::Passed}};
    // A sequential solution: the starter where it is correct but slow, else one of our own.
    const QString sequential = dir + QStringLiteral("/sequential") + ext;
    list.append({QStringLiteral("sequential"),
                 QFile::exists(sequential) ? sequential : task.starterPath, Verdict::Failed});
    list.append(
        {QStringLiteral("cheating"), dir + QStringLiteral("/cheating") + ext, Verdict::Failed});
    for (const QString &extra : QDir(dir).entryList({QStringLiteral("half*")}))
        list.append({QStringLiteral("half"), dir + QLatin1Char('/') + extra, Verdict::Error});
    return list;
}

QString fmt(double value, int decimals = 2)
{
    return QString::number(value, 'f', decimals);
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    QStringList args = app.arguments().mid(1);
    int n = 10;
    QStringList only;
    for (qsizetype i = 0; i < args.size(); ++i) {
        if (args[i] == QLatin1String("--only") && i + 1 < args.size())
            only = args[++i].split(QLatin1Char(','));
        else
            n = std::max(1, args[i].toInt());
    }
    const PackLoadResult loaded = PackLoader::load(Paths::builtinPack());
    if (!loaded.pack) {
        std::fprintf(stderr, "the built-in pack does not load\n");
        return 2;
    }
    QTemporaryDir cache;
    GradeOptions options;
    options.calibrationCache = cache.filePath(QStringLiteral("calibration.json"));
    const Grader grader(options);

    std::printf("bench_measure_tasks: N = %d, %s UTC, load %s\n", n,
                qPrintable(QDateTime::currentDateTimeUtc().toString(QStringLiteral("HH:mm"))),
                qPrintable(loadAverage()));
    std::printf("%-16s %-10s %4s %4s %4s %4s %5s %9s %21s %8s %13s %11s %5s %6s\n", "task",
                "solution", "pass", "fail", "inc", "err", "wrong", "size med", "net x med [min-max]",
                "whole x", "grading s", "measuring s", "pairs", "steal%");
    std::fflush(stdout);
    int wrongTotal = 0;
    for (const Task &task : loaded.pack->tasks) {
        const CheckSpec *spec = nullptr;
        for (const CheckSpec &c : task.checks)
            if (c.kind == CheckKind::ParallelSpeedup || c.kind == CheckKind::SingleCoreSpeedup)
                spec = &c;
        if (!spec || (!only.isEmpty() && !only.contains(task.id)))
            continue;
        // The first grading calibrates; shown apart, it is what the first learner pays once.
        const GradeResult first = grader.grade(task, task.referencePath);
        const CheckResult *firstCheck = speedupCheck(first);
        std::printf(
            "%-16s calibration + first grading %.1f s: size %lld, baseline %.2f s, "
            "start-up %.2f s (load %s)\n",
            qPrintable(task.id), first.seconds,
            firstCheck && firstCheck->measurement ? (long long)firstCheck->measurement->workloadSize
                                                  : 0ll,
            firstCheck && firstCheck->measurement
                ? firstCheck->measurement->calibratedBaselineSeconds
                : 0.0,
            firstCheck && firstCheck->measurement ? firstCheck->measurement->fixedSeconds : 0.0,
            qPrintable(loadAverage()));
        for (const Solution &solution : solutionsOf(task)) {
            int counts[4] = {0, 0, 0, 0};
            int wrong = 0;
            QList<double> seconds, measuring, sizes, net, whole, pairs;
            double steal = -1.0; // the most the host took during one grading's solution runs
            QString lastMessage;
            QStringList undecided; // the messages of inconclusive gradings
            for (int i = 0; i < n; ++i) {
                const GradeResult result = grader.grade(task, solution.path);
                const CheckResult *check = speedupCheck(result);
                seconds.append(result.seconds);
                const Verdict v = check ? check->verdict : result.verdict;
                counts[int(v == Verdict::Passed         ? 0
                           : v == Verdict::Failed       ? 1
                           : v == Verdict::Inconclusive ? 2
                                                        : 3)]++;
                if (solution.expected != Verdict::Error &&
                    (v == Verdict::Passed || v == Verdict::Failed) && v != solution.expected)
                    ++wrong;
                if (check && check->measurement)
                    measuring.append(check->measurement->seconds);
                if (check && check->measurement && check->measurement->pairs > 0) {
                    sizes.append(double(check->measurement->workloadSize));
                    net.append(check->measurement->speedup);
                    whole.append(check->measurement->wholeSpeedup);
                    pairs.append(check->measurement->pairs);
                    steal = std::max(steal, check->measurement->stealShare);
                }
                lastMessage = check ? check->message : result.message;
                if (v == Verdict::Inconclusive)
                    undecided.append(lastMessage);
            }
            wrongTotal += wrong;
            const auto [minNet, maxNet] = std::minmax_element(net.cbegin(), net.cend());
            auto maxOf = [](const QList<double> &values) {
                return values.isEmpty() ? QString()
                                        : fmt(*std::max_element(values.cbegin(), values.cend()), 1);
            };
            const QString wrongText =
                solution.expected == Verdict::Error ? QStringLiteral("-") : QString::number(wrong);
            const QString netText = net.isEmpty() ? QString()
                                                  : QStringLiteral("%1x [%2-%3]")
                                                        .arg(fmt(SampleStatistics::median(net)),
                                                             fmt(*minNet, 1), fmt(*maxNet, 1));
            const QString line =
                QStringLiteral("%1 %2 %3 %4 %5 %6 %7 %8 %9 %10 %11 %12 %13 %14")
                    .arg(task.id, -16)
                    .arg(solution.name, -10)
                    .arg(counts[0], 4)
                    .arg(counts[1], 4)
                    .arg(counts[2], 4)
                    .arg(counts[3], 4)
                    .arg(wrongText, 5)
                    .arg(QString::number(SampleStatistics::median(sizes), 'f', 0), 9)
                    .arg(netText, 21)
                    .arg(whole.isEmpty() ? QString() : fmt(SampleStatistics::median(whole)) + 'x',
                         8)
                    .arg(fmt(SampleStatistics::median(seconds), 1) + '/' + maxOf(seconds), 13)
                    .arg(fmt(SampleStatistics::median(measuring), 1) + '/' + maxOf(measuring), 11)
                    .arg(pairs.isEmpty() ? QString() : fmt(SampleStatistics::median(pairs), 1), 5)
                    .arg(steal < 0.0 ? QString() : fmt(steal * 100, 1), 6);
            std::printf("%s\n", qPrintable(line));
            if (qEnvironmentVariableIsSet("BENCH_VERBOSE")) {
                std::printf("    last message: %s\n", qPrintable(lastMessage));
                for (const QString &message : std::as_const(undecided))
                    std::printf("    inconclusive: %s\n", qPrintable(message));
            }
            std::fflush(stdout);
        }
    }
    std::printf("clear cases graded the wrong way round: %d; load at the end %s\n", wrongTotal,
                qPrintable(loadAverage()));
    return 0;
}
