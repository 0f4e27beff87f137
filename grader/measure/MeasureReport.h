#pragma once

#include "SpeedupStatistics.h"
#include "result/GradeResult.h"

#include <QList>
#include <QString>

namespace Unlocked {

/** What the measuring loop knew besides the samples, for the verdict of a speedup check. */
struct SpeedupReport
{
    bool parallel = false;
    int cores = 0;
    int workers = 1;       // min(cores, the workers the task allows)
    double required = 0.0; // speedup the target asks for here
    Decision decision = Decision::TooFewSamples;
    bool budgetExhausted = false;
    int minPairs = 0;
    bool decidedByMargin = false; // before minPairs, by kClearMargin
    double budget = 0.0;
    double warmUpSeconds = 0.0;
    double availableParallelism = 0.0; // calibration probe; 0 = not measured
    int probeSamples = 0;              // how many probe windows that median is of
    // Share of the solution's timed wall time during which some task of the machine waited for
    // a CPU; negative = not known.
    double solutionCpuWaitShare = -1.0;
    // Share of each CPU's time that the hypervisor gave to other machines meanwhile; negative =
    // not known.
    double solutionStealShare = -1.0;
    // Read before a parallel fail: `workers` copies of the baseline run at once, as a speedup
    // over one after another (an ideal split of the work, on this machine now); 0 = not read.
    double baselineCopiesSpeedup = 0.0;
    int solutionRunsStopped = 0; // timed runs stopped, unfinished, at a multiple of the baseline
    qint64 workloadSize = 0;           // 0 = the pack's fixed workload
    double calibratedBaselineSeconds = 0.0;
};

struct ConcurrencyReport
{
    int cores = 0;
    double waitSeconds = 0.0;
    double target = 0.0; // most wall time allowed, as a fraction of the waits
    Decision decision = Decision::TooFewSamples;
    bool budgetExhausted = false;
    int minRuns = 0;
    double budget = 0.0;
    double warmUpSeconds = 0.0;
};

/**
 * A run of the solution is stopped once it has taken this many times the baseline's median, so
 * that a slow solution does not keep its learner waiting for whole runs. It then shows about
 * 0.25x: under the 0.5x below which a fail stands on any machine even when the baseline of its
 * pair ran twice as slow as their median.
 */
constexpr double kSlowestSolutionRun = 4.0;

/**
 * Fewer pairs than the interval needs decide when each of them lies this many times or more
 * beyond what the check needs, all on the same side: a shared machine's noise was seen to move
 * a run by half, not threefold, and not in every pair at once. Never fewer than kFewestPairs.
 */
constexpr double kClearMargin = 3.0;
constexpr int kFewestPairs = 2;

/**
 * A parallel check fails only where an ideal program (the probe, copies of the baseline) could
 * have shown this much: the required speedup with some to spare.
 */
double idealSpeedupForAFail(double required);
/** A parallel check passes only with this many more cores busy than the baseline kept busy. */
double parallelGainNeeded(double required);
/**
 * A parallel check whose solution kept no more cores busy than the baseline did (by
 * parallelGainNeeded): a speedup, if any, that does not come from running in parallel.
 */
bool noExtraCoresAtWork(const SpeedupStatistics &stats, const SpeedupReport &report);

QString oneCoreMessage();
/** Inconclusive, with no run: on one CPU no timing can show a parallel speedup. */
void judgeOneCore(CheckResult &result);
Measurement speedupMeasurement(const SpeedupStatistics &stats, const SpeedupReport &report,
                               double seconds);
/**
 * Sets verdict and message of `result` from the statistics alone: no clock, no runs. An
 * inconclusive verdict gets a headline too, saying why in the message's own words.
 */
void judgeSpeedup(const SpeedupStatistics &stats, const SpeedupReport &report, CheckResult &result);

/** Per run: the sum of the waits over the wall time, i.e. how far the waits overlapped. */
MedianInterval overlapInterval(const QList<RunSample> &runs, const ConcurrencyReport &report,
                               double confidence);
Measurement concurrencyMeasurement(const QList<RunSample> &runs, const ConcurrencyReport &report,
                                   double confidence, double seconds);
void judgeConcurrency(const QList<RunSample> &runs, const ConcurrencyReport &report,
                      double confidence, CheckResult &result);

} // namespace Unlocked
