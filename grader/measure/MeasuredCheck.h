#pragma once

#include "result/GradeResult.h"

#include <QString>

#include <functional>

namespace Unlocked {

/** One timed run of a program on the check's workload, measured from outside the sandbox. */
struct TimedRun
{
    bool ok = false; // ran to the end and produced the right results
    QString error;   // why not, in the learner's words
    double wallSeconds = 0.0;
    double cpuSeconds = 0.0;
    // Stopped at the wall limit the measurement gave it, with the work unfinished: the run
    // would have taken at least wallSeconds.
    bool stoppedAtLimit = false;
};

using RunTimer = std::function<TimedRun()>;
/** A run of the solution, stopped once it has lasted `wallLimit` seconds (0 = no limit). */
using SolutionTimer = std::function<TimedRun(double wallLimit)>;

struct MeasureOptions
{
    int cores = 0; // CPUs the grader may use; 0 = from the affinity mask
    // 0 = the time of `budgetPairs` pairs at the sizes seen, capped by the check's own budget.
    double budgetSeconds = 0.0;

    // A run in the same sandbox that starts the interpreter, imports what the baseline imports
    // and returns: the fixed cost both sides pay, taken out of the judged speedup. Empty = none.
    RunTimer control;
    // `copies` processes doing the baseline's whole work at once, in one sandbox: how much an
    // ideal split of the work could gain on this machine now. Read before a parallel check
    // fails; empty = never.
    std::function<TimedRun(int copies)> baselineCopies;
    double baselineSeconds = 0.0;   // expected wall of one baseline run (calibration); 0 = unknown
    qint64 workloadSize = 0;        // reported only: the size the workload was given
    double fixedSecondsPrior = 0.0; // the calibration's control time, until pairs bring theirs

    // Optional; the defaults are what grading uses. Tests script them to stay deterministic.
    int minPairs = 0;              // 0 = the fewest that can give a confidence interval (4)
    int maxPairs = 0;              // 0 = 30
    int budgetPairs = 0;           // 0 = 6: a derived budget holds this many pairs
    quint64 seed = 0;              // order of the runs within each pair; 0 = random
    std::function<double()> clock; // monotonic seconds; empty = steady clock
    std::function<double(int cores)> probeParallelism;   // one window; empty = ParallelProbe
    std::function<double()> cpuWaitClock; // seconds a task waited for a CPU; empty = cpuWaitSeconds
    std::function<double()> cpuStealClock; // seconds stolen per CPU; empty = cpuStealSeconds
    std::function<void(const Measurement &)> onProgress; // after each pair or run
};

/**
 * Decides a measured check (parallel speedup, single-core speedup, concurrency) from repeated,
 * interleaved runs. `baseline` is empty for concurrency checks.
 */
CheckResult runMeasuredCheck(const CheckSpec &spec, const RunTimer &baseline,
                             const SolutionTimer &solution, const MeasureOptions &options);

} // namespace Unlocked
