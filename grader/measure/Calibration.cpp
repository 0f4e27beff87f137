#include "Calibration.h"

#include "SampleStatistics.h"

#include <algorithm>
#include <cmath>
#include <cstdio>

namespace Unlocked {

namespace {

constexpr int kControlRuns = 3;
// Net times under this are mostly timer and start-up noise: grow by a plain factor instead of
// fitting a power law to them.
constexpr double kMeasurableSeconds = 0.04;
constexpr double kLowEnough = 0.8;
constexpr double kHighEnough = 1.25;
constexpr double kLargestStep = 8.0;

struct Point
{
    qint64 size;
    double net;
};

/** The exponent p of time ~ size^p from the last two measurable points, 1 without them. */
double growthExponent(const QList<Point> &points)
{
    QList<Point> usable;
    for (const Point &p : points)
        if (p.net >= kMeasurableSeconds)
            usable.append(p);
    if (usable.size() < 2)
        return 1.0;
    const Point &a = usable[usable.size() - 2];
    const Point &b = usable.last();
    if (a.size == b.size || a.net <= 0 || b.net <= 0)
        return 1.0;
    const double p = std::log(b.net / a.net) / std::log(double(b.size) / double(a.size));
    return std::isfinite(p) ? std::clamp(p, 0.5, 3.0) : 1.0;
}

} // namespace

Calibration calibrateWorkload(const WorkloadSize &range, double targetSeconds,
                              const SizedRunTimer &baseline, const RunTimer &control, int maxRuns)
{
    Calibration c;
    if (control) {
        QList<double> walls;
        for (int i = 0; i < kControlRuns; ++i) {
            const TimedRun run = control();
            ++c.runs;
            if (!run.ok) {
                c.error = QStringLiteral("the control run failed: %1").arg(run.error);
                return c;
            }
            walls.append(run.wallSeconds);
        }
        c.fixedSeconds = SampleStatistics::median(walls);
    }

    // For pack authors: UNLOCKED_CALIBRATION_TRACE=1 prints each step on stderr.
    const bool trace = qEnvironmentVariableIsSet("UNLOCKED_CALIBRATION_TRACE");
    QList<Point> points;
    qint64 size = std::clamp(range.nominal / 4, range.min, range.max);
    for (int step = 0; step < std::max(1, maxRuns); ++step) {
        const TimedRun run = baseline(size);
        ++c.runs;
        if (!run.ok) {
            c.error = QStringLiteral("the baseline failed at size %1: %2").arg(size).arg(run.error);
            return c;
        }
        c.size = size;
        c.baselineSeconds = run.wallSeconds;
        const double net = std::max(0.0, run.wallSeconds - c.fixedSeconds);
        points.append({size, net});
        if (trace)
            std::fprintf(stderr, "calibration: size %lld took %.3f s, %.3f s net of %.3f s\n",
                         (long long)size, run.wallSeconds, net, c.fixedSeconds);
        if (net >= kLowEnough * targetSeconds && net <= kHighEnough * targetSeconds)
            break;

        double factor = 0.0;
        if (net < kMeasurableSeconds)
            factor = net < kMeasurableSeconds / 4 ? kLargestStep : 4.0;
        else
            factor = std::pow(targetSeconds / net, 1.0 / growthExponent(points));
        factor = std::clamp(factor, 1.0 / kLargestStep, kLargestStep);
        const qint64 next =
            std::clamp(qint64(std::llround(double(size) * factor)), range.min, range.max);
        if (next == size) {
            c.atLimit = size == range.min || size == range.max;
            break;
        }
        size = next;
    }
    return c;
}

} // namespace Unlocked
