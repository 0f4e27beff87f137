#include "SpeedupStatistics.h"

namespace Unlocked {

Decision compareInterval(const MedianInterval &interval, double threshold)
{
    if (!interval.valid)
        return Decision::TooFewSamples;
    if (interval.low >= threshold)
        return Decision::Above;
    if (interval.high < threshold)
        return Decision::Below;
    return Decision::Straddles;
}

SpeedupStatistics::SpeedupStatistics(double confidence) : m_confidence(confidence) {}

void SpeedupStatistics::add(const PairSample &pair)
{
    m_pairs.append(pair);
}

template <typename F> double SpeedupStatistics::medianOf(F value) const
{
    QList<double> values;
    values.reserve(m_pairs.size());
    for (const PairSample &pair : m_pairs)
        values.append(value(pair));
    return SampleStatistics::median(values);
}

static double ratio(double numerator, double denominator)
{
    return denominator > 0.0 ? numerator / denominator : 0.0;
}

QList<double> SpeedupStatistics::ratios() const
{
    QList<double> values;
    for (const PairSample &pair : m_pairs)
        values.append(ratio(pair.baseline.wall, pair.solution.wall));
    return values;
}

MedianInterval SpeedupStatistics::speedup() const
{
    return SampleStatistics::medianInterval(ratios(), m_confidence);
}

double SpeedupStatistics::baselineWall() const
{
    return medianOf([](const PairSample &p) { return p.baseline.wall; });
}

double SpeedupStatistics::solutionWall() const
{
    return medianOf([](const PairSample &p) { return p.solution.wall; });
}

bool SpeedupStatistics::hasCpu() const
{
    if (m_pairs.isEmpty())
        return false;
    for (const PairSample &pair : m_pairs)
        if (pair.baseline.cpu <= 0.0 || pair.solution.cpu <= 0.0)
            return false;
    return true;
}

double SpeedupStatistics::baselineCpu() const
{
    return hasCpu() ? medianOf([](const PairSample &p) { return p.baseline.cpu; }) : 0.0;
}

double SpeedupStatistics::solutionCpu() const
{
    return hasCpu() ? medianOf([](const PairSample &p) { return p.solution.cpu; }) : 0.0;
}

double SpeedupStatistics::baselineUtilization() const
{
    if (!hasCpu())
        return 0.0;
    return medianOf([](const PairSample &p) { return ratio(p.baseline.cpu, p.baseline.wall); });
}

double SpeedupStatistics::solutionUtilization() const
{
    if (!hasCpu())
        return 0.0;
    return medianOf([](const PairSample &p) { return ratio(p.solution.cpu, p.solution.wall); });
}

double SpeedupStatistics::parallelGain() const
{
    if (!hasCpu())
        return 0.0;
    return medianOf([](const PairSample &p) {
        return ratio(ratio(p.solution.cpu, p.solution.wall),
                     ratio(p.baseline.cpu, p.baseline.wall));
    });
}

double SpeedupStatistics::workRatio() const
{
    if (!hasCpu())
        return 0.0;
    return medianOf([](const PairSample &p) { return ratio(p.solution.cpu, p.baseline.cpu); });
}

} // namespace Unlocked
