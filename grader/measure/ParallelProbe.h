#pragma once

namespace Unlocked {

/**
 * Calibration: how much parallelism this machine gives the grader right now. A perfectly parallel
 * native spin load runs on one thread, then on `cores` threads at once; the ratio of the work
 * done is the speedup an ideal solution could show at this moment (about `cores` on an idle
 * machine, less on SMT siblings or while other programs compete for the CPUs).
 */
class ParallelProbe
{
public:
    static double measure(int cores, double windowSeconds = 0.04);
};

} // namespace Unlocked
