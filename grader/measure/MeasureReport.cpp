#include "MeasureReport.h"

#include <algorithm>
#include <cmath>

namespace Unlocked {

namespace {

// A failing parallel verdict needs a machine on which an ideal program could have passed: the
// calibration probe must reach the required speedup with this much to spare.
constexpr double kProbeHeadroom = 0.9;
// Cores count as "busy" for the diagnosis above this utilization.
constexpr double kBusyCores = 1.3;
// A sequential, CPU-bound baseline that gets less than this share of a core is being crowded
// out by other programs: worth telling a learner whose check came out inconclusive.
constexpr double kContendedBaseline = 0.8;
// Above this share of the solution's wall time with a task waiting for a CPU, a fail is withheld.
constexpr double kSolutionWaitedShare = 0.2;
// Above this share of each CPU's time taken by the hypervisor during the solution's runs, too.
constexpr double kSolutionStolenShare = 0.05;
// However busy the machine, the baseline ran on it too, between the solution's runs: a solution
// that took more than twice as long (the whole interval below this) is slow by itself, and its
// fail stands whatever the witnesses of a busy machine say.
constexpr double kSlowerThanContentionExplains = 0.5;

QString times(double value)
{
    return QString::number(value, 'f', 2) + QLatin1Char('x');
}

QString secs(double value)
{
    return QString::number(value, 'f', 2) + QStringLiteral(" s");
}

QString cores(double value)
{
    return QString::number(value, 'f', 1);
}

QString percent(double fraction)
{
    return QString::number(qRound(fraction * 100)) + QLatin1Char('%');
}

QString pairsText(int n, const char *unit)
{
    return QStringLiteral("%1 %2%3").arg(n).arg(QLatin1String(unit)).arg(n == 1 ? "" : "s");
}

QString intervalText(const MedianInterval &interval)
{
    if (!interval.valid)
        return QStringLiteral("too few runs for a confidence interval");
    return QStringLiteral("%1 interval %2–%3")
        .arg(percent(interval.coverage), times(interval.low), times(interval.high));
}

QString requirementText(const SpeedupReport &report)
{
    if (!report.parallel)
        return QStringLiteral("this check needs %1").arg(times(report.required));
    return QStringLiteral("this check needs %1 on %2 cores")
        .arg(times(report.required))
        .arg(report.workers);
}

// One window of the probe is not a measurement (see ParallelProbe): no message rests on fewer.
constexpr int kProbeSamplesNeeded = 3;

bool probeTooLow(const SpeedupReport &report)
{
    return report.probeSamples >= kProbeSamplesNeeded && report.availableParallelism > 0.0 &&
           report.availableParallelism < idealSpeedupForAFail(report.required);
}

// The baseline is sequential and CPU-bound: when it gets well under one core, the sandboxed runs
// are being crowded out. The probe cannot always see this: the runs live in cgroups of their own,
// which the scheduler may weigh as one entity each, however many processes they hold.
bool baselineCrowded(const SpeedupStatistics &stats)
{
    return stats.hasCpu() && stats.baselineUtilization() < kContendedBaseline;
}

// Other programs (or the solution's own surplus of processes) kept runnable tasks waiting for a
// CPU through much of the solution's runs: a fail measured then may be the machine's doing. The
// probe cannot see this when the contention came and went between its windows.
bool solutionKeptWaiting(const SpeedupReport &report)
{
    return report.solutionCpuWaitShare > kSolutionWaitedShare;
}

// On a virtual machine the host may run other guests on our CPUs: time neither side of a pair
// sees as its own, which slows a run on every core more than one on a single core.
bool solutionLostToSteal(const SpeedupReport &report)
{
    return report.solutionStealShare > kSolutionStolenShare;
}

// The baseline's own work, split ideally, could not have shown the speedup asked for: the CPUs
// slow each other down on this kind of work (shared caches, SMT siblings on the host) in a way
// the native probe's arithmetic does not feel.
bool copiesTooSlow(const SpeedupReport &report)
{
    return report.baselineCopiesSpeedup > 0.0 &&
           report.baselineCopiesSpeedup < idealSpeedupForAFail(report.required);
}

bool hostTooBusy(const SpeedupStatistics &stats, const SpeedupReport &report)
{
    return (report.parallel &&
            (probeTooLow(report) || baselineCrowded(stats) || copiesTooSlow(report))) ||
           solutionKeptWaiting(report) || solutionLostToSteal(report);
}

QString busyEvidence(const SpeedupStatistics &stats, const SpeedupReport &report)
{
    QString evidence;
    if (baselineCrowded(stats))
        evidence = QStringLiteral("the sequential baseline got only %1 of a core")
                       .arg(cores(stats.baselineUtilization()));
    if (probeTooLow(report))
        evidence += QStringLiteral("%1a perfectly parallel test load reached only %2 on %3 cores")
                        .arg(evidence.isEmpty() ? QString() : QStringLiteral(", and "),
                             times(report.availableParallelism))
                        .arg(report.cores);
    if (copiesTooSlow(report))
        evidence += QStringLiteral("%1%2 copies of the sequential baseline run at once finished "
                                   "only %3 sooner than one after another")
                        .arg(evidence.isEmpty() ? QString() : QStringLiteral(", and "))
                        .arg(report.workers)
                        .arg(times(report.baselineCopiesSpeedup));
    if (solutionKeptWaiting(report))
        evidence += QStringLiteral("%1programs ready to run had to wait for a CPU %2 of the time")
                        .arg(evidence.isEmpty() ? QString() : QStringLiteral(", and "),
                             percent(report.solutionCpuWaitShare));
    if (solutionLostToSteal(report))
        evidence += QStringLiteral("%1the virtual machine's host gave %2 of its CPUs' time to "
                                   "other work")
                        .arg(evidence.isEmpty() ? QString() : QStringLiteral(", and "),
                             percent(report.solutionStealShare));
    return evidence;
}

QString busyGoal(const SpeedupReport &report)
{
    return report.parallel ? QStringLiteral("show a parallel speedup")
                           : QStringLiteral("measure the speedup fairly");
}

QString hostBusyText(const SpeedupStatistics &stats, const SpeedupReport &report)
{
    return QStringLiteral("The computer was too busy to %1: %2 while your "
                          "solution was measured. Grade again when other programs are idle.")
        .arg(busyGoal(report), busyEvidence(stats, report));
}

// The headline's words for a busy machine: the same evidence as the message's.
QString hostBusyHeadline(const SpeedupStatistics &stats, const SpeedupReport &report)
{
    return QStringLiteral("The computer was too busy to %1: %2.")
        .arg(busyGoal(report), busyEvidence(stats, report));
}

QString alsoBusy(const SpeedupStatistics &stats, const SpeedupReport &report)
{
    return hostTooBusy(stats, report)
               ? QStringLiteral(" The computer was busy too: %1.").arg(busyEvidence(stats, report))
               : QString();
}

QString failureAdvice(const SpeedupStatistics &stats, const SpeedupReport &report)
{
    if (!report.parallel)
        return QStringLiteral("Most of the time still goes where the baseline spends it: move "
                              "the inner loops out of pure Python.");
    if (!stats.hasCpu())
        return QStringLiteral("Split the CPU-bound work across processes so that several cores "
                              "work at once. (CPU time was not measured on this machine.)");
    if (stats.solutionUtilization() < kBusyCores)
        return QStringLiteral("Only one core was working at a time. Python threads take turns "
                              "holding the GIL while they run Python code, so CPU-bound work "
                              "needs processes (multiprocessing) to use more cores.");
    if (stats.workRatio() >= kBusyCores)
        return QStringLiteral("Your program kept %1 cores busy but did %2 the baseline's CPU work, "
                              "so it finished no sooner: the extra cores are not sharing the job "
                              "(busy-waiting, every worker doing all of the work, or a round trip "
                              "to a worker for each small piece of it?).")
            .arg(cores(stats.solutionUtilization()), times(stats.workRatio()));
    return QStringLiteral("Several cores were busy, but too much of the work still runs in one "
                          "process: look for work done before or after the pool, or chunks of "
                          "very different sizes.");
}

} // namespace

double idealSpeedupForAFail(double required)
{
    return required / kProbeHeadroom;
}

double parallelGainNeeded(double required)
{
    return 1.0 + std::max(0.0, required - 1.0) / 2.0;
}

bool noExtraCoresAtWork(const SpeedupStatistics &stats, const SpeedupReport &report)
{
    return report.parallel && stats.hasCpu() && stats.pairs() > 0 &&
           stats.parallelGain() < parallelGainNeeded(report.required);
}

QString oneCoreMessage()
{
    return QStringLiteral("The grader may use only one CPU on this computer, so a parallel speedup "
                          "cannot be shown here, whatever the solution does. This check was not "
                          "run; it needs at least 2 CPUs.");
}

void judgeOneCore(CheckResult &result)
{
    result.verdict = Verdict::Inconclusive;
    result.message = oneCoreMessage();
    result.headline = QStringLiteral("The grader may use only one CPU on this computer, and a "
                                     "parallel speedup needs at least 2.");
}

Measurement speedupMeasurement(const SpeedupStatistics &stats, const SpeedupReport &report,
                               double seconds)
{
    Measurement m;
    const MedianInterval interval = stats.speedup();
    m.pairs = stats.pairs();
    m.baselineMedian = stats.baselineWall();
    m.solutionMedian = stats.solutionWall();
    m.speedup = interval.median;
    m.speedupLow = interval.valid ? interval.low : 0.0;
    m.speedupHigh = interval.valid ? interval.high : 0.0;
    m.required = report.required;
    m.cores = report.cores;
    m.utilization = stats.solutionUtilization();
    m.baselineUtilization = stats.baselineUtilization();
    m.baselineCpu = stats.baselineCpu();
    m.solutionCpu = stats.solutionCpu();
    m.seconds = seconds;
    m.wholeSpeedup = stats.wholeSpeedup().median;
    m.fixedSeconds = stats.fixedCost();
    m.workloadSize = report.workloadSize;
    m.calibratedBaselineSeconds = report.calibratedBaselineSeconds;
    m.budgetSeconds = report.budget;
    m.cpuWaitShare = report.solutionCpuWaitShare;
    m.stealShare = report.solutionStealShare;
    m.baselineCopiesSpeedup = report.baselineCopiesSpeedup;
    m.solutionRunsStopped = report.solutionRunsStopped;
    m.samples = stats.ratios();
    return m;
}

namespace {

// What was timed, in plain words: the size chosen here, and what start-up costs both sides.
QString workloadText(const SpeedupStatistics &stats, const SpeedupReport &report)
{
    QString text;
    if (report.workloadSize > 0)
        text = QStringLiteral(" The work was sized for this computer: size %1, on which the "
                              "baseline takes about %2 here.")
                   .arg(report.workloadSize)
                   .arg(secs(report.calibratedBaselineSeconds));
    if (stats.fixedCost() > 0.0)
        text += QStringLiteral(" Starting Python and importing what the task needs takes %1 on "
                               "both sides; that is taken out before comparing, so only the work "
                               "itself counts.")
                    .arg(secs(stats.fixedCost()));
    return text;
}

void judgeSpeedupVerdict(const SpeedupStatistics &stats, const SpeedupReport &report,
                         CheckResult &result)
{
    if (stats.pairs() == 0 && report.warmUpSeconds <= 0.0) {
        result.verdict = Verdict::Inconclusive;
        result.message = QStringLiteral("Nothing was measured: the task allows %1 for this "
                                        "check, but the %2 pairs of runs needed for a fair "
                                        "decision would take about %3 on this computer (the "
                                        "baseline alone takes %4 per run).")
                             .arg(secs(report.budget))
                             .arg(report.minPairs)
                             .arg(secs(report.minPairs *
                                       (2 * report.calibratedBaselineSeconds + stats.fixedCost())))
                             .arg(secs(report.calibratedBaselineSeconds));
        result.headline = QStringLiteral("The %1 time budget is too short for the %2 pairs of "
                                         "runs a fair decision needs on this computer.")
                              .arg(secs(report.budget))
                              .arg(report.minPairs);
        return;
    }
    if (stats.pairs() == 0) {
        result.verdict = Verdict::Inconclusive;
        result.message = QStringLiteral("Nothing could be measured in the %1 time budget: the "
                                        "first runs of the baseline and of your solution took "
                                        "%2 together, too long to time the %3 pairs of runs "
                                        "needed for a fair decision. The computer may be busy: "
                                        "grade again when it is quieter.")
                             .arg(secs(report.budget), secs(report.warmUpSeconds))
                             .arg(report.minPairs);
        result.headline = QStringLiteral("Nothing could be timed in the %1 time budget: the "
                                         "first runs took %2, too long for the %3 pairs of runs "
                                         "a fair decision needs.")
                              .arg(secs(report.budget), secs(report.warmUpSeconds))
                              .arg(report.minPairs) +
                          alsoBusy(stats, report);
        if (hostTooBusy(stats, report))
            result.message += QLatin1Char(' ') + hostBusyText(stats, report);
        return;
    }
    const MedianInterval interval = stats.speedup();
    const auto [lowest, highest] = stats.ratioRange();
    const QString spread =
        report.decidedByMargin
            ? QStringLiteral("each pair %1–%2, at least %3 times %4 what the check needs")
                  .arg(times(lowest), times(highest), QString::number(kClearMargin),
                       report.decision == Decision::Above ? QStringLiteral("beyond")
                                                          : QStringLiteral("short of"))
            : intervalText(interval);
    QString seen =
        QStringLiteral("Your solution ran at %1 the speed of the baseline (%2, %3")
            .arg(times(interval.median), spread, pairsText(stats.pairs(), "pair"));
    if (stats.fixedCost() > 0.0)
        seen += QStringLiteral("; %1 counting start-up").arg(times(stats.wholeSpeedup().median));
    seen += QLatin1Char(')');
    if (stats.hasCpu())
        seen += QStringLiteral(" with %1 cores busy (the baseline: %2)")
                    .arg(cores(stats.solutionUtilization()), cores(stats.baselineUtilization()));
    const QString needs = requirementText(report);

    switch (report.decision) {
    case Decision::Above:
        if (noExtraCoresAtWork(stats, report)) {
            result.verdict = Verdict::Failed;
            result.message = QStringLiteral("%1; %2. But the speedup does not come from running "
                                            "in parallel: it used %3 s of CPU against the "
                                            "baseline's %4 s, on no more cores. This check asks "
                                            "for a parallel speedup: split the work across "
                                            "processes.")
                                 .arg(seen, needs, QString::number(stats.solutionCpu(), 'f', 2),
                                      QString::number(stats.baselineCpu(), 'f', 2));
            return;
        }
        result.verdict = Verdict::Passed;
        result.message = QStringLiteral("%1; %2: passed.").arg(seen, needs);
        return;
    case Decision::Straddles:
        if (!noExtraCoresAtWork(stats, report))
            break;
        [[fallthrough]];
    case Decision::Below:
        if (hostTooBusy(stats, report) &&
            (report.decidedByMargin ? highest : interval.high) >= kSlowerThanContentionExplains) {
            result.verdict = Verdict::Inconclusive;
            result.message =
                QStringLiteral("%1; %2. %3").arg(seen, needs, hostBusyText(stats, report));
            result.headline = hostBusyHeadline(stats, report);
            return;
        }
        result.verdict = Verdict::Failed;
        result.message = QStringLiteral("%1; %2. %3%4")
                             .arg(seen, needs,
                                  report.decision == Decision::Straddles
                                      ? QStringLiteral("The timings are too close to the target "
                                                       "to say on which side of it the speedup "
                                                       "lies, but on either side it fails: no "
                                                       "extra core was put to work, and this "
                                                       "check counts only a speedup from running "
                                                       "in parallel. ")
                                      : QString(),
                                  failureAdvice(stats, report));
        return;
    case Decision::TooFewSamples:
        break;
    }
    result.verdict = Verdict::Inconclusive;
    QString why;
    if (report.decision == Decision::TooFewSamples) {
        why = QStringLiteral("Only %1 could be timed in the %2 time budget, and at least %3 "
                             "are needed to decide fairly: the runs were too slow for this budget.")
                  .arg(pairsText(stats.pairs(), "pair"), secs(report.budget))
                  .arg(report.minPairs);
        result.headline = QStringLiteral("Only %1 of runs could be timed in the %2 time budget, "
                                         "and at least %3 are needed to decide.")
                              .arg(pairsText(stats.pairs(), "pair"), secs(report.budget))
                              .arg(report.minPairs);
    } else {
        why = QStringLiteral("After %1 the interval still straddles the target, so the grader "
                             "cannot tell whether it is met. The computer may be busy: grade "
                             "again when it is quieter, or make your solution clearly faster.")
                  .arg(pairsText(stats.pairs(), "pair"));
        result.headline = QStringLiteral("Too close to call: after %1 of runs, the interval "
                                         "%2–%3 still straddles the %4 needed.")
                              .arg(pairsText(stats.pairs(), "pair"), times(interval.low),
                                   times(interval.high), times(report.required));
    }
    if (hostTooBusy(stats, report)) {
        why += QLatin1Char(' ') + hostBusyText(stats, report);
        result.headline += alsoBusy(stats, report);
    } else if (baselineCrowded(stats)) {
        const QString crowded = QStringLiteral(" Other programs were competing for the CPUs: the "
                                               "sequential baseline got only %1 of a core.")
                                    .arg(cores(stats.baselineUtilization()));
        why += crowded;
        result.headline += crowded;
    }
    result.message = QStringLiteral("%1; %2. %3").arg(seen, needs, why);
}

} // namespace

void judgeSpeedup(const SpeedupStatistics &stats, const SpeedupReport &report, CheckResult &result)
{
    judgeSpeedupVerdict(stats, report, result);
    if (report.decidedByMargin && result.verdict != Verdict::Inconclusive)
        result.message += QStringLiteral(" %1 decide it, fewer than the %2 an interval needs: "
                                         "each lies farther from the target than the noise of a "
                                         "busy computer moves a timing.")
                              .arg(pairsText(stats.pairs(), "pair"))
                              .arg(report.minPairs);
    if (report.solutionRunsStopped > 0)
        result.message += QStringLiteral(" %1 of your solution were stopped, unfinished, once "
                                         "they had taken %2 times as long as the baseline: each "
                                         "counts as ending there, so your solution is at best "
                                         "as fast as shown.")
                              .arg(pairsText(report.solutionRunsStopped, "run"))
                              .arg(kSlowestSolutionRun);
    result.message += workloadText(stats, report);
}

MedianInterval overlapInterval(const QList<RunSample> &runs, const ConcurrencyReport &report,
                               double confidence)
{
    QList<double> overlaps;
    for (const RunSample &run : runs)
        overlaps.append(run.wall > 0.0 ? report.waitSeconds / run.wall : 0.0);
    return SampleStatistics::medianInterval(overlaps, confidence);
}

Measurement concurrencyMeasurement(const QList<RunSample> &runs, const ConcurrencyReport &report,
                                   double confidence, double seconds)
{
    Measurement m;
    const MedianInterval interval = overlapInterval(runs, report, confidence);
    QList<double> walls, cpus, utilizations;
    bool hasCpu = !runs.isEmpty();
    for (const RunSample &run : runs) {
        walls.append(run.wall);
        cpus.append(run.cpu);
        utilizations.append(run.wall > 0.0 ? run.cpu / run.wall : 0.0);
        hasCpu = hasCpu && run.cpu > 0.0;
    }
    m.pairs = int(runs.size());
    m.baselineMedian = report.waitSeconds; // the waits, one after another
    m.solutionMedian = SampleStatistics::median(walls);
    m.speedup = interval.median;
    m.speedupLow = interval.valid ? interval.low : 0.0;
    m.speedupHigh = interval.valid ? interval.high : 0.0;
    m.required = 1.0 / report.target;
    m.cores = report.cores;
    m.utilization = hasCpu ? SampleStatistics::median(utilizations) : 0.0;
    m.solutionCpu = hasCpu ? SampleStatistics::median(cpus) : 0.0;
    m.seconds = seconds;
    m.budgetSeconds = report.budget;
    for (const RunSample &run : runs)
        m.samples.append(run.wall > 0.0 ? report.waitSeconds / run.wall : 0.0);
    return m;
}

void judgeConcurrency(const QList<RunSample> &runs, const ConcurrencyReport &report,
                      double confidence, CheckResult &result)
{
    const MedianInterval interval = overlapInterval(runs, report, confidence);
    QList<double> walls;
    for (const RunSample &run : runs)
        walls.append(run.wall);
    const double limit = report.target * report.waitSeconds;
    if (runs.isEmpty()) {
        result.verdict = Verdict::Inconclusive;
        result.message = QStringLiteral("Nothing could be measured in the %2 time budget: the "
                                        "first run of your solution took %1, too long to time "
                                        "it the %5 times needed for a fair decision. The waits "
                                        "add up to %3 and this check allows at most %4.")
                             .arg(secs(report.warmUpSeconds), secs(report.budget),
                                  secs(report.waitSeconds), secs(limit))
                             .arg(report.minRuns);
        result.headline = QStringLiteral("Nothing could be timed in the %1 time budget: the "
                                         "first run took %2, too long for the %3 runs a fair "
                                         "decision needs.")
                              .arg(secs(report.budget), secs(report.warmUpSeconds))
                              .arg(report.minRuns);
        return;
    }
    QString seen = QStringLiteral("Your solution took %1 for %2 of waiting (median of %3")
                       .arg(secs(SampleStatistics::median(walls)), secs(report.waitSeconds),
                            pairsText(int(runs.size()), "run"));
    if (interval.valid)
        seen += QStringLiteral(", %1 interval %2–%3")
                    .arg(percent(interval.coverage), secs(report.waitSeconds / interval.high),
                         secs(report.waitSeconds / interval.low));
    seen += QLatin1Char(')');
    const QString allows = QStringLiteral("this check allows at most %1 (%2 of the waits)")
                               .arg(secs(limit), percent(report.target));
    switch (report.decision) {
    case Decision::Above:
        result.verdict = Verdict::Passed;
        result.message = QStringLiteral("%1; %2: passed.").arg(seen, allows);
        return;
    case Decision::Below:
        result.verdict = Verdict::Failed;
        result.message = QStringLiteral("%1; %2. The waits do not overlap enough: start all of "
                                        "them before waiting for any (threads, or "
                                        "asyncio.gather).")
                             .arg(seen, allows);
        return;
    case Decision::Straddles:
    case Decision::TooFewSamples:
        break;
    }
    result.verdict = Verdict::Inconclusive;
    const bool tooFew = report.decision == Decision::TooFewSamples;
    const QString why =
        tooFew ? QStringLiteral("Only %1 could be timed in the %2 time budget; at least %3 are "
                                "needed to decide.")
                     .arg(pairsText(int(runs.size()), "run"), secs(report.budget))
                     .arg(report.minRuns)
               : QStringLiteral("The interval still straddles the limit, so the grader cannot "
                                "tell. Grade again when the computer is quieter.");
    result.message = QStringLiteral("%1; %2. %3").arg(seen, allows, why);
    result.headline =
        tooFew ? why
               : QStringLiteral("Too close to call: after %1, the interval still straddles the "
                                "%2 this check allows.")
                     .arg(pairsText(int(runs.size()), "run"), secs(limit));
}

} // namespace Unlocked
