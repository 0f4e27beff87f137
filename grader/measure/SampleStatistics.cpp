#include "SampleStatistics.h"

#include <algorithm>
#include <cmath>
#include <vector>

namespace Unlocked {

double SampleStatistics::median(QList<double> values)
{
    if (values.isEmpty())
        return 0.0;
    std::sort(values.begin(), values.end());
    const qsizetype n = values.size();
    return n % 2 ? values[n / 2] : (values[n / 2 - 1] + values[n / 2]) / 2.0;
}

double SampleStatistics::binomialHalfCdf(int n, int k)
{
    if (k < 0)
        return 0.0;
    if (k >= n)
        return 1.0;
    // Sum C(n, i) / 2^n in log space so that large n neither overflows nor underflows early.
    double sum = 0.0;
    for (int i = 0; i <= k; ++i)
        sum += std::exp(std::lgamma(n + 1.0) - std::lgamma(i + 1.0) - std::lgamma(n - i + 1.0) -
                        n * std::log(2.0));
    return std::min(sum, 1.0);
}

int SampleStatistics::intervalRank(int n, double confidence)
{
    const double tail = (1.0 - confidence) / 2.0;
    int rank = 0;
    for (int k = 1; 2 * k <= n + 1; ++k) {
        if (binomialHalfCdf(n, k - 1) <= tail + 1e-12)
            rank = k;
        else
            break;
    }
    return rank;
}

int SampleStatistics::minimumCount(double confidence)
{
    for (int n = 1; n < 1000; ++n)
        if (intervalRank(n, confidence) > 0)
            return n;
    return 1000;
}

MedianInterval SampleStatistics::medianInterval(QList<double> values, double confidence)
{
    MedianInterval result;
    result.count = int(values.size());
    if (values.isEmpty())
        return result;
    std::sort(values.begin(), values.end());
    result.median = median(values);
    const int k = intervalRank(result.count, confidence);
    if (k == 0)
        return result;
    result.low = values[k - 1];
    result.high = values[result.count - k];
    result.coverage = 1.0 - 2.0 * binomialHalfCdf(result.count, k - 1);
    result.valid = true;
    return result;
}

double SampleStatistics::signedRankCdf(int n, int w)
{
    if (w < 0)
        return 0.0;
    const int most = n * (n + 1) / 2;
    if (w >= most)
        return 1.0;
    // counts[s]: how many of the 2^n sign patterns give the ranks with + a sum of s.
    std::vector<double> counts(most + 1, 0.0);
    counts[0] = 1.0;
    for (int rank = 1; rank <= n; ++rank)
        for (int sum = most; sum >= rank; --sum)
            counts[sum] += counts[sum - rank];
    double below = 0.0;
    for (int sum = 0; sum <= w; ++sum)
        below += counts[sum];
    return std::min(below / std::pow(2.0, n), 1.0);
}

MedianInterval SampleStatistics::pseudoMedianInterval(const QList<double> &values,
                                                      double confidence)
{
    MedianInterval result;
    const int n = int(values.size());
    result.count = n;
    if (n == 0)
        return result;
    QList<double> walsh;
    walsh.reserve(n * (n + 1) / 2);
    for (int i = 0; i < n; ++i)
        for (int j = i; j < n; ++j)
            walsh.append((values[i] + values[j]) / 2.0);
    std::sort(walsh.begin(), walsh.end());
    result.median = median(walsh);
    const double tail = (1.0 - confidence) / 2.0;
    const int total = int(walsh.size());
    int c = 0;
    while (2 * (c + 1) <= total + 1 && signedRankCdf(n, c) <= tail + 1e-12)
        ++c;
    if (c == 0)
        return result;
    result.low = walsh[c - 1];
    result.high = walsh[total - c];
    result.coverage = 1.0 - 2.0 * signedRankCdf(n, c - 1);
    result.valid = true;
    return result;
}

} // namespace Unlocked
