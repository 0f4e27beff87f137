#pragma once

#include "Internal.h"

#include "Sandbox.h"

#include <QByteArray>
#include <QList>
#include <QString>

namespace Unlocked {

/**
 * The bubblewrap command line of one run. Descriptors it passes (the seccomp program, the status
 * pipe) appear in the child as 3, 4, ... in the order of fds().
 */
class BwrapCommand
{
public:
    /** Where the sandbox shows the learner's work directory; it is also the cwd and HOME. */
    static QString insideWorkDir() { return QStringLiteral("/work"); }
    /** Where the sandbox shows spec.pythonPath[\a index]. */
    static QString insidePythonPath(int index);

    /**
     * Builds the command; \a program is what runs inside (interpreter and arguments, possibly
     * behind a limit-setting prelude); \a unprivilegedUser: bwrap will run as nobody. False with
     * \a why when a host directory cannot be shown inside.
     */
    bool build(const QString &bwrap, const RunSpec &spec, const QList<QByteArray> &program,
               int seccompFd, int statusFd, bool unprivilegedUser, QString *why);

    QList<QByteArray> arguments() const { return m_arguments; }
    QList<int> fds() const { return m_fds; }

private:
    int passFd(int hostFd);
    bool bindHostDir(const QString &hostDir, const QString &inside, bool writable, QString *why);

    QList<QByteArray> m_arguments;
    QList<int> m_fds;
    bool m_unprivilegedUser = false;
};

} // namespace Unlocked
