#pragma once

#include "MeasuredCheck.h"
#include "pack/Pack.h"

#include <QString>

#include <algorithm>
#include <functional>
#include <optional>

namespace Unlocked {

/** The size a sized workload gets on this machine, and what the baseline took there. */
struct Calibration
{
    qint64 size = 0;
    double baselineSeconds = 0.0; // wall of one whole baseline run at `size`
    double fixedSeconds = 0.0;    // median control run: start-up and imports, no work
    int runs = 0;                 // sandboxed runs it took; 0 when read from the cache
    bool fromCache = false;
    bool atLimit = false; // the pack's min or max stopped it short of the target time
    QString error;        // why no size could be chosen (the baseline failed)

    bool ok() const { return size > 0 && error.isEmpty(); }
    /** The baseline's own work at `size`, start-up taken out. */
    double netSeconds() const { return std::max(0.0, baselineSeconds - fixedSeconds); }
};

/** Times the baseline on the workload at a size. */
using SizedRunTimer = std::function<TimedRun(qint64 size)>;

/**
 * Picks the size at which the baseline's own work (net of the control run) takes about
 * `targetSeconds`, the way pyperf calibrates a loop count: from a quarter of the nominal size,
 * geometric steps that fit the growth seen so far (time ~ size^p), until a run lands within
 * 0.8–1.25 of the target or the pack's limits stop it. Only the baseline runs here, never a
 * learner's code. `control` may be empty (no fixed cost is then taken out).
 */
Calibration calibrateWorkload(const WorkloadSize &range, double targetSeconds,
                              const SizedRunTimer &baseline, const RunTimer &control,
                              int maxRuns = 8);

} // namespace Unlocked
