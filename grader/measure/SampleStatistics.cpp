#include "SampleStatistics.h"

#include <algorithm>
#include <cmath>

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

} // namespace Unlocked
