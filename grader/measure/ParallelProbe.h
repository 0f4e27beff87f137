#pragma once

#include <QList>

#include <functional>

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
    /** One window: a single sample, which right after start-up may be far off. */
    static double measure(int cores, double windowSeconds = 0.05);

    /**
     * Calls `sample` until its last three values agree within 10 % of their median, at most
     * `maxSamples` times, and returns every value taken; stableValue() reads them. One window is
     * not a measurement: the first after start-up often runs before the CPUs have woken up.
     */
    static QList<double> sampleUntilStable(const std::function<double()> &sample,
                                           int maxSamples = 8);
    /** The median of the last three samples (of all of them when fewer); 0 for none. */
    static double stableValue(const QList<double> &samples);
};

} // namespace Unlocked
