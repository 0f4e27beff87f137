// Verdict stability of the parallel speedup check on real, sandboxed Python programs.
//
//   bench_measure_stability [N] [--efficiency E] [--budget S] [--only NAME,...] [--verbose]
//
// Grades each fixture solution N times against the sequential baseline and prints how often
// each verdict came out, the speedups seen and how long grading took. Not a test: it prints
// figures for docs/measurement.md.
#include "measure/MeasuredCheck.h"
#include "measure/ParallelProbe.h"
#include "measure/SampleStatistics.h"
#include "sandbox/Sandbox.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QMap>
#include <QTemporaryDir>
#include <QTextStream>

#include <algorithm>
#include <cstdio>

#include <sched.h>

using namespace Unlocked;

namespace {

struct Fixture
{
    QString name;
    std::optional<Verdict> expected; // empty: borderline, any verdict is honest
};

QString loadAverage()
{
    QFile file(QStringLiteral("/proc/loadavg"));
    if (!file.open(QIODevice::ReadOnly))
        return QStringLiteral("?");
    return QString::fromLatin1(file.readAll()).section(QLatin1Char(' '), 0, 2);
}

/** Times one whole sandboxed run of `program` and checks its output. */
class ProgramTimer
{
public:
    ProgramTimer(const Sandbox &sandbox, QString program, QByteArray expected)
        : m_sandbox(sandbox), m_program(std::move(program)), m_expected(std::move(expected))
    {
    }

    TimedRun operator()() const
    {
        TimedRun timed;
        QTemporaryDir dir;
        const QString name = QFileInfo(m_program).fileName();
        if (!dir.isValid() || !QFile::copy(m_program, dir.filePath(name))) {
            timed.error = QStringLiteral("could not prepare a work directory");
            return timed;
        }
        RunSpec spec;
        spec.workDir = dir.path();
        spec.interpreter = QStringLiteral("/usr/bin/python3");
        spec.arguments = {name};
        const RunOutcome outcome = m_sandbox.run(spec);
        timed.wallSeconds = outcome.wallSeconds;
        timed.cpuSeconds = outcome.cpuSeconds;
        if (!outcome.succeeded()) {
            timed.error = outcome.started ? QStringLiteral("exit %1 signal %2 %3: %4")
                                                .arg(outcome.exitCode)
                                                .arg(outcome.signal)
                                                .arg(limitMessage(outcome.limit, spec.limits),
                                                     QString::fromUtf8(outcome.err.right(300)))
                                          : outcome.failure;
            return timed;
        }
        if (!m_expected.isEmpty() && outcome.out.trimmed() != m_expected) {
            timed.error =
                QStringLiteral("wrong output: %1").arg(QString::fromUtf8(outcome.out.left(200)));
            return timed;
        }
        timed.ok = true;
        return timed;
    }

private:
    const Sandbox &m_sandbox;
    QString m_program;
    QByteArray m_expected;
};

QString fixed(double value, int decimals = 2)
{
    return QString::number(value, 'f', decimals);
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    QTextStream out(stdout);
    int repeats = 5;
    double efficiency = 0.6;
    double budget = 0.0;
    bool verbose = false;
    QStringList only;
    const QStringList args = app.arguments().mid(1);
    for (qsizetype i = 0; i < args.size(); ++i) {
        const QString &arg = args[i];
        if (arg == QLatin1String("--efficiency") && i + 1 < args.size())
            efficiency = args[++i].toDouble();
        else if (arg == QLatin1String("--budget") && i + 1 < args.size())
            budget = args[++i].toDouble();
        else if (arg == QLatin1String("--only") && i + 1 < args.size())
            only = args[++i].split(QLatin1Char(','));
        else if (arg == QLatin1String("--verbose"))
            verbose = true;
        else if (arg.toInt() > 0)
            repeats = arg.toInt();
        else {
            out << "usage: bench_measure_stability [N] [--efficiency E] [--budget S] "
                   "[--only NAME,...] [--verbose]\n";
            return 2;
        }
    }

    const QString data = QStringLiteral(UNLOCKED_MEASURE_DATA);
    const IsolationSupport support = Sandbox::isolationSupport();
    const Sandbox sandbox(support.available ? Sandbox::Mode::Isolated : Sandbox::Mode::Unisolated);
    out << "# " << QDateTime::currentDateTimeUtc().toString(Qt::ISODate)
        << "  sandbox: " << (support.available ? "isolated" : "UNISOLATED (")
        << (support.available ? QString() : support.reason + QLatin1Char(')'))
        << "  load: " << loadAverage() << "\n";

    // The expected output, from the baseline itself.
    const QString baselinePath = data + QStringLiteral("/baseline.py");
    RunSpec spec;
    QTemporaryDir dir;
    QFile::copy(baselinePath, dir.filePath(QStringLiteral("baseline.py")));
    spec.workDir = dir.path();
    spec.interpreter = QStringLiteral("/usr/bin/python3");
    spec.arguments = {QStringLiteral("baseline.py")};
    const RunOutcome reference = sandbox.run(spec);
    if (!reference.succeeded()) {
        out << "the baseline does not run: " << reference.failure << reference.err << "\n";
        return 1;
    }
    const QByteArray expected = reference.out.trimmed();
    cpu_set_t set;
    CPU_ZERO(&set);
    sched_getaffinity(0, sizeof(set), &set);
    const int cores = CPU_COUNT(&set);
    out << "# baseline alone: " << fixed(reference.wallSeconds) << " s wall, "
        << fixed(reference.cpuSeconds) << " s CPU; cores " << cores << "; calibration probe "
        << fixed(ParallelProbe::measure(cores)) << "x; efficiency " << efficiency
        << "; N = " << repeats << "\n";
    out.flush();

    const QList<Fixture> fixtures{{QStringLiteral("parallel"), Verdict::Passed},
                                  {QStringLiteral("sequential"), Verdict::Failed},
                                  {QStringLiteral("threads"), Verdict::Failed},
                                  {QStringLiteral("spinner"), Verdict::Failed},
                                  {QStringLiteral("borderline"), std::nullopt}};
    CheckSpec check;
    check.kind = CheckKind::ParallelSpeedup;
    check.name = QStringLiteral("parallel speedup");
    check.target = efficiency;
    MeasureOptions options;
    options.budgetSeconds = budget;

    out << QStringLiteral("%1 %2 %3 %4 %5 %6 %7 %8 %9 %10 %11\n")
               .arg(QStringLiteral("solution"), -11)
               .arg(QStringLiteral("pass"), 5)
               .arg(QStringLiteral("fail"), 5)
               .arg(QStringLiteral("inc"), 5)
               .arg(QStringLiteral("err"), 4)
               .arg(QStringLiteral("wrong"), 6)
               .arg(QStringLiteral("speedup med"), 12)
               .arg(QStringLiteral("[min–max]"), 12)
               .arg(QStringLiteral("cores busy"), 10)
               .arg(QStringLiteral("pairs med"), 9)
               .arg(QStringLiteral("grading s med/max"), 18);
    out.flush();
    for (const Fixture &fixture : fixtures) {
        if (!only.isEmpty() && !only.contains(fixture.name))
            continue;
        const ProgramTimer baselineTimer(sandbox, baselinePath, expected);
        const ProgramTimer solutionTimer(
            sandbox, data + QLatin1Char('/') + fixture.name + QStringLiteral(".py"), expected);
        QMap<Verdict, int> counts;
        QList<double> speedups, seconds, pairs, utilizations;
        int wrong = 0;
        for (int i = 0; i < repeats; ++i) {
            const CheckResult result =
                runMeasuredCheck(check, baselineTimer,
                                 [&solutionTimer](double) { return solutionTimer(); }, options);
            ++counts[result.verdict];
            if (fixture.expected && result.verdict != *fixture.expected &&
                (result.verdict == Verdict::Passed || result.verdict == Verdict::Failed))
                ++wrong;
            if (result.measurement)
                seconds.append(result.measurement->seconds);
            if (result.measurement && result.measurement->pairs > 0) {
                speedups.append(result.measurement->speedup);
                pairs.append(result.measurement->pairs);
                utilizations.append(result.measurement->utilization);
            }
            if (verbose)
                out << "  " << fixture.name << " #" << i + 1 << " " << verdictName(result.verdict)
                    << " (" << fixed(result.measurement ? result.measurement->seconds : 0.0, 1)
                    << " s): " << result.message << "\n";
            out.flush();
        }
        const auto [minSpeedup, maxSpeedup] = std::minmax_element(speedups.begin(), speedups.end());
        out << QStringLiteral("%1 %2 %3 %4 %5 %6 %7 %8 %9 %10 %11\n")
                   .arg(fixture.name, -11)
                   .arg(counts.value(Verdict::Passed), 5)
                   .arg(counts.value(Verdict::Failed), 5)
                   .arg(counts.value(Verdict::Inconclusive), 5)
                   .arg(counts.value(Verdict::Error), 4)
                   .arg(fixture.expected ? QString::number(wrong) : QStringLiteral("-"), 6)
                   .arg(fixed(SampleStatistics::median(speedups)) + QLatin1Char('x'), 12)
                   .arg(speedups.isEmpty()
                            ? QString()
                            : fixed(*minSpeedup) + QStringLiteral("–") + fixed(*maxSpeedup),
                        12)
                   .arg(fixed(SampleStatistics::median(utilizations)), 10)
                   .arg(fixed(SampleStatistics::median(pairs), 0), 9)
                   .arg(fixed(SampleStatistics::median(seconds), 1) + QLatin1Char('/') +
                            fixed(seconds.isEmpty()
                                      ? 0.0
                                      : *std::max_element(seconds.begin(), seconds.end()),
                                  1),
                        18);
        out.flush();
    }
    out << "# done " << QDateTime::currentDateTimeUtc().toString(Qt::ISODate)
        << "  load: " << loadAverage() << "\n";
    return 0;
}
