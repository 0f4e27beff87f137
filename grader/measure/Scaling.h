#pragma once

#include <QJsonObject>
#include <QList>
#include <QString>

#include <optional>

namespace Unlocked {

/** The measured speedup of a solution over the baseline when both may use `cores` CPUs. */
struct ScalePoint
{
    int cores = 0;
    int pairs = 0;
    double speedup = 0.0; // Hodges-Lehmann centre of the pairs' ratios, fixed costs taken out
    double low = 0.0;     // its confidence interval; low == high == 0 when too few pairs
    double high = 0.0;
    double baselineSeconds = 0.0; // medians of the whole runs
    double solutionSeconds = 0.0;
    double utilization = 0.0; // cores the solution kept busy on average, net of start-up
    QString error;            // why this count has no figure (a failed run)

    bool ok() const { return error.isEmpty() && speedup > 0.0; }
};

/**
 * Amdahl's law fitted to speedups by cores: a run on n cores takes T1 (s + (1 - s) / n), so
 * 1 / speedup(n) = a + b / n with a = k s, b = k (1 - s), k the solution's one-core time over
 * the baseline's. A least-squares line through (1/n, 1/speedup) gives s = a / (a + b): the
 * share of the solution's one-core work that did not get faster with more cores.
 */
struct AmdahlFit
{
    bool ok = false;
    double serialFraction = 0.0; // s, in 0..1
    double oneCoreSpeedup = 0.0; // 1 / (a + b): the fitted speedup on one core
    double rmsError = 0.0;       // of the fitted speedups against the measured, relative
    QString why;                 // when !ok

    /** The fitted speedup on \a cores. */
    double speedupAt(int cores) const;
    /** The most any core count can give: 1 / a, or none when s is 0. */
    std::optional<double> limit() const;
};

AmdahlFit fitAmdahl(const QList<ScalePoint> &points);

/**
 * The core counts measured up to \a cores: every count up to 8, then 12, 16, 24, 32, 48, 64, ...
 * (halfway steps between powers of two), and \a cores itself. Kept short so that a 64-core
 * machine is measured in minutes, not an hour.
 */
QList<int> scaleCoreCounts(int cores);

/** A measured scaling of one solution of one task. */
struct ScaleResult
{
    QString taskId;
    QString taskTitle;
    QString file;
    QString checkName;
    int maxCores = 0;          // the CPUs the grader may use (its affinity)
    qint64 workloadSize = 0;   // 0 when the workload is not sized
    double fixedSeconds = 0.0; // start-up taken out of each run
    QList<ScalePoint> points;
    AmdahlFit fit;
    QString error; // why nothing could be measured
    bool isolated = true;

    bool ok() const { return error.isEmpty() && !points.isEmpty(); }
    /** A table for a terminal: cores, speedup, interval, ideal, Amdahl's fit, efficiency. */
    QString toText() const;
    QJsonObject toJson() const;
};

} // namespace Unlocked
