#pragma once

#include "Grader.h"

#include <QObject>

#include <atomic>
#include <memory>

namespace Unlocked {

/**
 * Carries one grade's progress from the grading thread to the GUI thread, and holds the flag
 * that cancels it. The callbacks of progress() keep the reporter alive while the grade runs;
 * its signals are emitted on the GUI thread, in the order the grader told them.
 */
class GradeReporter : public QObject, public std::enable_shared_from_this<GradeReporter>
{
    Q_OBJECT
public:
    static std::shared_ptr<GradeReporter> create();

    /** For Grader::gradeSource, on any thread. */
    GradeProgress progress();
    void cancel() { m_cancel = true; }
    bool isCancelled() const { return m_cancel; }

Q_SIGNALS:
    void checkStarted(const QString &name, Unlocked::CheckKind kind);
    void checkFinished(const Unlocked::CheckResult &result);
    void measured(const QString &name, Unlocked::CheckKind kind,
                  const Unlocked::Measurement &measurement);

private:
    GradeReporter() = default;

    std::atomic_bool m_cancel = false;
};

} // namespace Unlocked
