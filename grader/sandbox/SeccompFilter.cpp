#include "SeccompFilter.h"

#include <QStringList>

#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <sched.h>
#include <seccomp.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <unistd.h>

namespace Unlocked {
namespace {

// Calls a learner's Python never needs and that would reach past the namespaces: debugging other
// processes, the mount table, keyrings, the kernel's own state, and the way into new namespaces.
const char *const kDenied[] = {
    "ptrace",
    "process_vm_readv",
    "process_vm_writev",
    "kcmp",
    "pidfd_getfd",
    "mount",
    "umount",
    "umount2",
    "pivot_root",
    "chroot",
    "mount_setattr",
    "move_mount",
    "open_tree",
    "fsopen",
    "fsconfig",
    "fsmount",
    "fspick",
    "open_by_handle_at",
    "name_to_handle_at",
    "keyctl",
    "add_key",
    "request_key",
    "bpf",
    "perf_event_open",
    "kexec_load",
    "kexec_file_load",
    "init_module",
    "finit_module",
    "delete_module",
    "swapon",
    "swapoff",
    "reboot",
    "acct",
    "unshare",
    "setns",
    "userfaultfd",
    "quotactl",
    "quotactl_fd",
    "lookup_dcookie",
    "syslog",
    "vhangup",
    "settimeofday",
    "clock_settime",
    "clock_adjtime",
    "adjtimex",
    "iopl",
    "ioperm",
    "io_uring_setup",
    "io_uring_enter",
    "io_uring_register",
    "fanotify_init",
    "uselib",
    "nfsservctl",
    "setdomainname",
    "sethostname",
};

const unsigned long kNamespaceFlags[] = {
    CLONE_NEWUSER, CLONE_NEWNS,  CLONE_NEWPID,    CLONE_NEWNET,
    CLONE_NEWIPC,  CLONE_NEWUTS, CLONE_NEWCGROUP,
};

QByteArray build(QString *why)
{
    scmp_filter_ctx ctx = seccomp_init(SCMP_ACT_ALLOW);
    if (!ctx) {
        *why = QStringLiteral("libseccomp could not create a filter");
        return {};
    }
    int rc = 0;
    for (const char *name : kDenied) {
        const int nr = seccomp_syscall_resolve_name(name);
        if (nr == __NR_SCMP_ERROR)
            continue; // not on this architecture
        rc = seccomp_rule_add(ctx, SCMP_ACT_ERRNO(EPERM), nr, 0);
        if (rc < 0)
            break;
    }
    // clone() may make threads and processes, but no namespaces. clone3 passes its flags in
    // memory that a filter cannot read, so it reports "not implemented" and libc falls back.
    for (unsigned long flag : kNamespaceFlags) {
        if (rc < 0)
            break;
        rc = seccomp_rule_add(ctx, SCMP_ACT_ERRNO(EPERM), SCMP_SYS(clone), 1,
                              SCMP_A0(SCMP_CMP_MASKED_EQ, flag, flag));
    }
    if (rc >= 0)
        rc = seccomp_rule_add(ctx, SCMP_ACT_ERRNO(ENOSYS), SCMP_SYS(clone3), 0);
    // Pushing bytes into another terminal's input queue.
    if (rc >= 0)
        rc = seccomp_rule_add(ctx, SCMP_ACT_ERRNO(EPERM), SCMP_SYS(ioctl), 1,
                              SCMP_A1(SCMP_CMP_MASKED_EQ, 0xffffffffu, TIOCSTI));
    QByteArray bpf;
    if (rc >= 0) {
        const int fd = memfd_create("unlocked-seccomp", MFD_CLOEXEC);
        if (fd >= 0 && seccomp_export_bpf(ctx, fd) == 0) {
            ::lseek(fd, 0, SEEK_SET);
            char buffer[4096];
            ssize_t n;
            while ((n = ::read(fd, buffer, sizeof buffer)) > 0)
                bpf.append(buffer, n);
        }
        if (fd >= 0)
            ::close(fd);
    }
    seccomp_release(ctx);
    if (bpf.isEmpty())
        *why = QStringLiteral("libseccomp could not build the system-call filter (%1)")
                   .arg(QString::fromLocal8Bit(std::strerror(rc < 0 ? -rc : errno)));
    return bpf;
}

} // namespace

QByteArray SeccompFilter::program(QString *why)
{
    static QString error;
    static const QByteArray bpf = build(&error);
    if (bpf.isEmpty() && why)
        *why = error;
    return bpf;
}

int SeccompFilter::programFd(QString *why)
{
    const QByteArray bpf = program(why);
    if (bpf.isEmpty())
        return -1;
    const int fd = memfd_create("unlocked-seccomp", MFD_CLOEXEC | MFD_ALLOW_SEALING);
    if (fd < 0 || ::write(fd, bpf.constData(), bpf.size()) != bpf.size()) {
        if (why)
            *why = QStringLiteral("cannot hand the filter to bubblewrap: %1")
                       .arg(QString::fromLocal8Bit(std::strerror(errno)));
        if (fd >= 0)
            ::close(fd);
        return -1;
    }
    ::fcntl(fd, F_ADD_SEALS, F_SEAL_SHRINK | F_SEAL_GROW | F_SEAL_WRITE | F_SEAL_SEAL);
    ::lseek(fd, 0, SEEK_SET);
    return fd;
}

QStringList SeccompFilter::deniedCalls()
{
    QStringList names;
    for (const char *name : kDenied)
        names.append(QString::fromLatin1(name));
    names.append(QStringLiteral("clone (new namespaces)"));
    names.append(QStringLiteral("clone3 (reported as not implemented)"));
    return names;
}

} // namespace Unlocked
