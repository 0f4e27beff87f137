#pragma once

#include "Grader.h"

#include <QObject>

#include <optional>

namespace Unlocked {

/**
 * Whether learner code may run here: in the sandbox when isolation is available, otherwise only
 * after the learner has explicitly opted into unisolated runs for this session (never saved).
 */
class RunPolicy : public QObject
{
    Q_OBJECT
public:
    explicit RunPolicy(QObject *parent = nullptr) : QObject(parent) {}

    /** Probed on first use, not at start-up: the probe may start a process. */
    IsolationSupport isolation() const;
    void setIsolationForTesting(const IsolationSupport &support) { m_isolation = support; }

    bool unisolatedAllowed() const { return m_unisolatedAllowed; }
    void setUnisolatedAllowed(bool allowed);

    bool canRun() const { return isolation().available || m_unisolatedAllowed; }
    /** Runs are isolated whenever isolation works, whatever the opt-in says. */
    bool isolated() const { return isolation().available; }
    /** How runs and grades start under this policy. */
    GradeOptions options() const
    {
        GradeOptions options;
        options.unisolated = !isolated();
        return options;
    }

Q_SIGNALS:
    void changed();

private:
    mutable std::optional<IsolationSupport> m_isolation;
    bool m_unisolatedAllowed = false;
};

} // namespace Unlocked
