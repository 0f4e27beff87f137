#pragma once

#include "result/GradeResult.h"

#include <QString>

#include <functional>

namespace Unlocked {

/** One timed run of a program on the check's workload, measured from outside the sandbox. */
struct TimedRun
{
    bool ok = false;       // ran to the end and produced the right results
    QString error;         // why not, in the learner's words
    double wallSeconds = 0.0;
    double cpuSeconds = 0.0;
};

using RunTimer = std::function<TimedRun()>;

struct MeasureOptions
{
    int cores = 0;               // CPUs the grader may use; 0 = from the affinity mask
    double budgetSeconds = 0.0;  // 0 = the check's own or the default
};

/**
 * Decides a measured check (parallel speedup, single-core speedup, concurrency) from repeated,
 * interleaved runs. `baseline` is empty for concurrency checks.
 */
CheckResult runMeasuredCheck(const CheckSpec &spec, const RunTimer &baseline,
                             const RunTimer &solution, const MeasureOptions &options);

} // namespace Unlocked
