#pragma once

#include "Workspace.h"
#include "result/GradeResult.h"

#include <QJsonValue>

namespace Unlocked {

/**
 * Calls the entry point on every hidden case and compares with the expected values; \a timeline,
 * when given, records the run's threads (for an observed check).
 */
CheckResult runCasesCheck(const CheckSpec &spec, const Task &task, const Workspace &solution,
                          const QList<QJsonValue> &expected, TimelineRecorder *timeline = nullptr);

/** Runs the program as `python3 file.py` and compares its stdout lines with the expected ones. */
CheckResult runOutputCheck(const CheckSpec &spec, const Task &task, const Workspace &solution,
                           TimelineRecorder *timeline = nullptr);

/** Compares printed lines; empty when they match, else what is wrong. */
QString compareOutputLines(const QStringList &expected, const QString &stdoutText, bool anyOrder);

} // namespace Unlocked
