#pragma once

#include "Internal.h"

#include <QByteArray>
#include <QString>

namespace Unlocked {

/**
 * The system-call filter of every learner process, built once with libseccomp: everything is
 * allowed except calls that reach outside the sandbox or into the kernel's administration
 * (ptrace, mount, keyrings, bpf, modules, new namespaces, ...), which fail with EPERM.
 */
class SeccompFilter
{
public:
    /** The filter as a classic BPF program (struct sock_filter array); empty with \a why on error.
     */
    static QByteArray program(QString *why = nullptr);
    /** A sealed memfd holding program(), positioned at 0, for `bwrap --seccomp FD`; -1 on error. */
    static int programFd(QString *why = nullptr);
    /** Names of the calls the filter denies, for documentation and tests. */
    static QStringList deniedCalls();
};

} // namespace Unlocked
