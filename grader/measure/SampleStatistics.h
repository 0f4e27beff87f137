#pragma once

#include <QList>

namespace Unlocked {

/** A median with a distribution-free confidence interval taken from the sample's order statistics.
 */
struct MedianInterval
{
    int count = 0;
    double median = 0.0;
    double low = 0.0; // valid only when `valid`
    double high = 0.0;
    double coverage = 0.0; // the interval's exact coverage, at least the level asked for
    bool valid = false;    // false: too few samples for that level
};

/**
 * Order statistics of independent samples. The interval [x(k), x(n+1-k)] covers the true median
 * with probability 1 - 2 P(Binomial(n, 1/2) <= k-1) whatever the distribution, so noisy outliers
 * cannot make it lie: they only make it wider.
 */
class SampleStatistics
{
public:
    static double median(QList<double> values);
    /** P(Binomial(n, 1/2) <= k); 0 for k < 0. */
    static double binomialHalfCdf(int n, int k);
    /** The largest 1-based rank k whose interval reaches `confidence` (two-sided), 0 if none. */
    static int intervalRank(int n, double confidence);
    /** The smallest sample count for which an interval at `confidence` exists. */
    static int minimumCount(double confidence);
    static MedianInterval medianInterval(QList<double> values, double confidence);

    /** P(W <= w) for Wilcoxon's signed-rank statistic of n samples with no effect; 0 for w < 0. */
    static double signedRankCdf(int n, int w);
    /**
     * The Hodges-Lehmann estimate of the centre of a symmetric distribution (the median of the
     * n(n+1)/2 pairwise means, "Walsh averages") with its distribution-free interval
     * [A(c), A(N+1-c)], which covers the centre with probability 1 - 2 P(W <= c-1). It uses
     * how far each sample lies, not only on which side, so one disturbed sample among five no
     * longer reaches the interval's end as it does with the order statistics. The count is
     * the same: from four samples on at 85%.
     */
    static MedianInterval pseudoMedianInterval(const QList<double> &values, double confidence);
};

} // namespace Unlocked
