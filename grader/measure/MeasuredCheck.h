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
};

using RunTimer = std::function<TimedRun()>;

struct MeasureOptions
{
    int cores = 0;              // CPUs the grader may use; 0 = from the affinity mask
    double budgetSeconds = 0.0; // 0 = the check's own or the default

    // Optional; the defaults are what grading uses. Tests script them to stay deterministic.
    int minPairs = 0;              // 0 = the fewest that can give a confidence interval (4)
    int maxPairs = 0;              // 0 = 30
    quint64 seed = 0;              // order of the runs within each pair; 0 = random
    std::function<double()> clock; // monotonic seconds; empty = steady clock
    std::function<double(int cores)> probeParallelism;   // empty = ParallelProbe::measure
    std::function<void(const Measurement &)> onProgress; // after each pair or run
};

/**
 * Decides a measured check (parallel speedup, single-core speedup, concurrency) from repeated,
 * interleaved runs. `baseline` is empty for concurrency checks.
 */
CheckResult runMeasuredCheck(const CheckSpec &spec, const RunTimer &baseline,
                             const RunTimer &solution, const MeasureOptions &options);

} // namespace Unlocked
