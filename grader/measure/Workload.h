#pragma once

#include "pack/Pack.h"

#include <QJsonArray>

namespace Unlocked {

/**
 * The argument list of a sized workload at `size`: every `"$size"` in the template becomes the
 * number, and every `{cycle: [...], length: N}` a list of N items taken from `cycle` in turn
 * (N may itself be `$size`). A fixed workload comes back as written.
 */
QJsonArray workloadAt(const QJsonArray &workload, qint64 size);

/**
 * The default time the baseline's own work should take on the grading machine, in seconds.
 * Short enough that the five pairs of the default budget, each also paying three start-ups
 * (baseline, solution, control), fit in well under eight seconds of grading
 * (docs/measurement.md).
 */
constexpr double kDefaultWorkloadSeconds = 0.3;

/** The time the check's baseline should take: the pack's target, else the default. */
double workloadTargetSeconds(const CheckSpec &spec);

} // namespace Unlocked
