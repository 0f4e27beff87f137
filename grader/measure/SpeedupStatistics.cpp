#include "SpeedupStatistics.h"

#include <algorithm>
#include <cmath>

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

double SpeedupStatistics::fixedCost() const
{
    QList<double> controls;
    for (const PairSample &pair : m_pairs)
        if (pair.control.wall > 0.0)
            controls.append(pair.control.wall);
    return controls.isEmpty() ? m_fixedPrior : SampleStatistics::median(controls);
}

// A solution that does next to nothing beyond starting up must not divide by zero or by noise
// below the clock's resolution.
constexpr double kShortestNetSeconds = 0.001;

QList<double> SpeedupStatistics::ratios() const
{
    const double fixed = fixedCost();
    if (fixed <= 0.0)
        return wholeRatios();
    QList<double> values;
    for (const PairSample &pair : m_pairs)
        values.append(ratio(std::max(pair.baseline.wall - fixed, kShortestNetSeconds),
                            std::max(pair.solution.wall - fixed, kShortestNetSeconds)));
    return values;
}

// Ratios are judged on a log scale, where 2x faster and 2x slower lie equally far from 1x and
// the noise of a shared machine is closer to symmetric.
static MedianInterval ratioInterval(const QList<double> &ratios, double confidence)
{
    QList<double> logs;
    logs.reserve(ratios.size());
    for (double r : ratios)
        logs.append(std::log(std::max(r, 1e-9)));
    MedianInterval interval = SampleStatistics::pseudoMedianInterval(logs, confidence);
    interval.median = std::exp(interval.median);
    interval.low = std::exp(interval.low);
    interval.high = std::exp(interval.high);
    return interval;
}

std::pair<double, double> SpeedupStatistics::ratioRange() const
{
    const QList<double> values = ratios();
    if (values.isEmpty())
        return {0.0, 0.0};
    const auto [lowest, highest] = std::minmax_element(values.cbegin(), values.cend());
    return {*lowest, *highest};
}

Decision SpeedupStatistics::decideByMargin(double required, double margin) const
{
    if (m_pairs.isEmpty())
        return Decision::TooFewSamples;
    const auto [lowest, highest] = ratioRange();
    if (lowest >= required * margin)
        return Decision::Above;
    if (highest * margin <= required)
        return Decision::Below;
    return Decision::TooFewSamples;
}

MedianInterval SpeedupStatistics::speedup() const
{
    return ratioInterval(ratios(), m_confidence);
}

QList<double> SpeedupStatistics::wholeRatios() const
{
    QList<double> values;
    for (const PairSample &pair : m_pairs)
        values.append(ratio(pair.baseline.wall, pair.solution.wall));
    return values;
}

MedianInterval SpeedupStatistics::wholeSpeedup() const
{
    return ratioInterval(wholeRatios(), m_confidence);
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

double SpeedupStatistics::fixedCpu() const
{
    QList<double> controls;
    for (const PairSample &pair : m_pairs)
        if (pair.control.wall > 0.0)
            controls.append(pair.control.cpu);
    return controls.isEmpty() ? 0.0 : SampleStatistics::median(controls);
}

RunSample SpeedupStatistics::net(const RunSample &run) const
{
    const double fixed = fixedCost();
    if (fixed <= 0.0)
        return run;
    return {std::max(run.wall - fixed, kShortestNetSeconds), std::max(run.cpu - fixedCpu(), 0.0)};
}

double SpeedupStatistics::baselineUtilization() const
{
    if (!hasCpu())
        return 0.0;
    return medianOf([this](const PairSample &p) {
        const RunSample b = net(p.baseline);
        return ratio(b.cpu, b.wall);
    });
}

double SpeedupStatistics::solutionUtilization() const
{
    if (!hasCpu())
        return 0.0;
    return medianOf([this](const PairSample &p) {
        const RunSample s = net(p.solution);
        return ratio(s.cpu, s.wall);
    });
}

double SpeedupStatistics::parallelGain() const
{
    if (!hasCpu())
        return 0.0;
    return medianOf([this](const PairSample &p) {
        const RunSample b = net(p.baseline);
        const RunSample s = net(p.solution);
        return ratio(ratio(s.cpu, s.wall), ratio(b.cpu, b.wall));
    });
}

double SpeedupStatistics::workRatio() const
{
    if (!hasCpu())
        return 0.0;
    return medianOf(
        [this](const PairSample &p) { return ratio(net(p.solution).cpu, net(p.baseline).cpu); });
}

} // namespace Unlocked
