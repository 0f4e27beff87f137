#pragma once

#include <QJsonValue>
#include <QString>

namespace Unlocked {

/**
 * Compares a learner's value with the expected one. Numbers compare within `tolerance`
 * (absolute or relative, whichever is looser) when it is above zero, exactly otherwise; an
 * integer never equals a bool. Returns an empty string when equal, else where they differ.
 */
QString compareValues(const QJsonValue &expected, const QJsonValue &actual, double tolerance);

/** A short, readable rendering of a value for messages ("[4, 25, …]"). */
QString shortJson(const QJsonValue &value, int maxChars = 120);

} // namespace Unlocked
