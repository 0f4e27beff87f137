#pragma once

#include "SampleStatistics.h"

#include <QList>

#include <utility>

namespace Unlocked {

/** Wall and CPU seconds of one whole run, as the sandbox measured them from outside. */
struct RunSample
{
    double wall = 0.0;
    double cpu = 0.0; // 0 when the sandbox could not measure it
};

/**
 * One interleaved pair: the baseline and the solution run back to back on the same workload,
 * and optionally a control run beside them that pays only the fixed costs (wall 0 = none).
 */
struct PairSample
{
    RunSample baseline;
    RunSample solution;
    RunSample control;
};

/** Where a confidence interval lies against a threshold. */
enum class Decision
{
    Above,
    Below,
    Straddles,
    TooFewSamples
};

/** Above: low >= threshold; Below: high < threshold. */
Decision compareInterval(const MedianInterval &interval, double threshold);

/**
 * The statistics of a speedup measurement, from samples only (no clock, no processes), so that
 * every decision can be tested with made-up timings. The speedup of a pair is baseline wall /
 * solution wall, each net of the fixed cost (the median control run) when there is one:
 * pairing cancels the slow drifts of a shared machine, and the Hodges-Lehmann centre of the
 * pair ratios (on a log scale) with its signed-rank interval keeps a burst that hits a single
 * run from deciding alone.
 */
class SpeedupStatistics
{
public:
    explicit SpeedupStatistics(double confidence);

    void add(const PairSample &pair);
    int pairs() const { return int(m_pairs.size()); }
    const QList<PairSample> &samples() const { return m_pairs; }
    double confidence() const { return m_confidence; }

    /** Used until a pair brings a control run of its own (e.g. the calibration's). */
    void setFixedCostPrior(double seconds) { m_fixedPrior = seconds; }
    /** Seconds that both sides pay whatever the work: median control wall, else the prior. */
    double fixedCost() const;

    QList<double> ratios() const; // net of the fixed cost
    /** The lowest and highest of ratios(); {0, 0} before any pair. */
    std::pair<double, double> ratioRange() const;
    MedianInterval speedup() const;
    QList<double> wholeRatios() const; // the whole runs, fixed costs included
    MedianInterval wholeSpeedup() const;
    Decision decide(double required) const { return compareInterval(speedup(), required); }
    /**
     * Above or Below when every pair so far lies `margin` times or more beyond `required`, all
     * on the same side: farther than the noise of a shared machine carries a timing, so fewer
     * pairs than the interval needs can decide. TooFewSamples otherwise.
     */
    Decision decideByMargin(double required, double margin) const;

    double baselineWall() const; // medians over the pairs
    double solutionWall() const;
    /** Every run reported CPU time; the CPU figures below are 0 otherwise. */
    bool hasCpu() const;
    double baselineCpu() const;
    double solutionCpu() const;
    // The figures below are of the work itself: net of the control run's wall and CPU time,
    // when there is one, since start-up keeps a single core busy on both sides alike.
    double baselineUtilization() const; // cores busy on average: CPU / wall
    double solutionUtilization() const;
    /** Median over pairs of solution utilization / baseline utilization: extra cores put to work.
     */
    double parallelGain() const;
    /** Median over pairs of solution CPU / baseline CPU: how much more work the solution did. */
    double workRatio() const;

private:
    template <typename F> double medianOf(F value) const;
    double fixedCpu() const;
    RunSample net(const RunSample &run) const;

    double m_confidence;
    double m_fixedPrior = 0.0;
    QList<PairSample> m_pairs;
};

} // namespace Unlocked
