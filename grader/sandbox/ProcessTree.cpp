#include "ProcessTree.h"

#include "CgroupTree.h"

#include <QElapsedTimer>
#include <QFile>

#include <vector>

#include <cerrno>
#include <csignal>
#include <cstring>
#include <dirent.h>
#include <fcntl.h>
#include <grp.h>
#include <linux/filter.h>
#include <linux/seccomp.h>
#include <poll.h>
#include <sys/prctl.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

namespace Unlocked {
namespace {

// Parent-side copies of the child's descriptors sit above every slot the child fills, so that
// the child's dup2() calls can never overwrite a source it still needs.
constexpr int kHighFd = 100;
constexpr int kPollMs = 50;
constexpr qint64 kDiskCheckMs = 200;
constexpr qint64 kMaxWorkDirEntries = 100000;

enum ChildStage { JoinCgroup = 1, SetLimits, DropPrivileges, ChangeDir, Filter, Exec };

struct ChildFailure
{
    int stage = 0;
    int error = 0;
};

struct ChildArgs
{
    std::vector<char *> argv;
    std::vector<char *> envp;
    const char *chdirTo = "/";
    std::vector<const char *> cgroupProcs;
    std::vector<std::pair<int, rlim_t>> rlimits;
    std::vector<int> passFds;  // high copies
    int stdinFd = -1, stdoutFd = -1, stderrFd = -1, statusFd = -1;
    bool dropToNobody = false;
    sock_fprog filter{};
    bool hasFilter = false;
    pid_t parent = 0;
};

[[noreturn]] void childFail(int fd, int stage)
{
    const ChildFailure failure{stage, errno};
    [[maybe_unused]] ssize_t n = ::write(fd, &failure, sizeof failure);
    ::_exit(127);
}

// Between fork() and exec() only async-signal-safe calls: the grader is multi-threaded.
[[noreturn]] void childMain(const ChildArgs &a)
{
    sigset_t none;
    sigemptyset(&none);
    ::sigprocmask(SIG_SETMASK, &none, nullptr);
    struct sigaction dfl = {};
    dfl.sa_handler = SIG_DFL;
    for (int s = 1; s < NSIG; ++s)
        ::sigaction(s, &dfl, nullptr);
    ::setsid();

    int status = a.statusFd;
    // Join before dropping privileges: cgroup.procs belongs to root.
    for (const char *procs : a.cgroupProcs) {
        const int fd = ::open(procs, O_WRONLY | O_CLOEXEC);
        if (fd < 0 || ::write(fd, "0", 1) != 1)
            childFail(status, JoinCgroup);
        ::close(fd);
    }
    for (const auto &[resource, value] : a.rlimits) {
        const rlimit limit{value, value};
        if (::setrlimit(resource, &limit) != 0)
            childFail(status, SetLimits);
    }
    ::dup2(a.stdinFd, 0);
    ::dup2(a.stdoutFd, 1);
    ::dup2(a.stderrFd, 2);
    int slot = 3;
    for (int fd : a.passFds)
        ::dup2(fd, slot++);
    ::dup2(status, slot);
    ::fcntl(slot, F_SETFD, FD_CLOEXEC);
    status = slot;
    ::syscall(SYS_close_range, slot + 1, ~0U, 0);

    if (a.dropToNobody) {
        if (::setgroups(0, nullptr) != 0 || ::setresgid(ProcessTree::kNobody, ProcessTree::kNobody, ProcessTree::kNobody) != 0
            || ::setresuid(ProcessTree::kNobody, ProcessTree::kNobody, ProcessTree::kNobody) != 0)
            childFail(status, DropPrivileges);
    }
    // After the uid change, which clears it: die with the grader's thread.
    ::prctl(PR_SET_PDEATHSIG, SIGKILL);
    if (::getppid() != a.parent)
        ::_exit(127);
    if (::chdir(a.chdirTo) != 0)
        childFail(status, ChangeDir);
    if (a.hasFilter
        && (::prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) != 0
            || ::prctl(PR_SET_SECCOMP, SECCOMP_MODE_FILTER, &a.filter) != 0))
        childFail(status, Filter);
    ::execve(a.argv[0], a.argv.data(), a.envp.data());
    childFail(status, Exec);
}

QString stageText(int stage)
{
    switch (stage) {
    case JoinCgroup: return QStringLiteral("cannot join the run's cgroup");
    case SetLimits: return QStringLiteral("cannot set resource limits");
    case DropPrivileges: return QStringLiteral("cannot switch to the unprivileged user");
    case ChangeDir: return QStringLiteral("cannot enter the work directory");
    case Filter: return QStringLiteral("cannot install the system-call filter");
    default: return QStringLiteral("cannot start the program");
    }
}

void setNonBlocking(int fd)
{
    ::fcntl(fd, F_SETFL, ::fcntl(fd, F_GETFL) | O_NONBLOCK);
}

// Disk used below the work directory, by allocated blocks; false when it holds absurdly many files.
bool diskUsage(int dirFd, qint64 &bytes, qint64 &entries)
{
    DIR *dir = ::fdopendir(dirFd);
    if (!dir) {
        ::close(dirFd);
        return true;
    }
    bool ok = true;
    while (dirent *entry = ::readdir(dir)) {
        if (!std::strcmp(entry->d_name, ".") || !std::strcmp(entry->d_name, ".."))
            continue;
        if (++entries > kMaxWorkDirEntries) {
            ok = false;
            break;
        }
        struct stat st;
        if (::fstatat(::dirfd(dir), entry->d_name, &st, AT_SYMLINK_NOFOLLOW) != 0)
            continue;
        bytes += qint64(st.st_blocks) * 512;
        if (S_ISDIR(st.st_mode)) {
            const int child = ::openat(::dirfd(dir), entry->d_name, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
            if (child >= 0 && !diskUsage(child, bytes, entries)) {
                ok = false;
                break;
            }
        }
    }
    ::closedir(dir);
    return ok;
}

bool workDirOverLimit(const QString &workDir, qint64 limit)
{
    const int fd = ::open(QFile::encodeName(workDir).constData(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (fd < 0)
        return false;
    qint64 bytes = 0, entries = 0;
    return !diskUsage(fd, bytes, entries) || bytes > limit;
}

struct Stream
{
    int fd = -1;
    OutputStream which;
    QByteArray *head;
    qint64 *dropped;
    qint64 total = 0;
};

} // namespace

void ProcessTree::killTree(pid_t pid) const
{
    if (m_cgroups && m_cgroups->canKill())
        m_cgroups->killAll();
    // The root is bubblewrap's monitor or the program; the PID namespace (or the session) dies
    // with it, which catches anything a cgroup could not.
    ::kill(-pid, SIGKILL);
    ::kill(pid, SIGKILL);
}

RunOutcome ProcessTree::run(const LaunchPlan &plan)
{
    RunOutcome outcome;
    int stdinPair[2], outPipe[2], errPipe[2], statusPipe[2];
    if (::socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, stdinPair) != 0) {
        outcome.failure = QStringLiteral("cannot create pipes: %1").arg(QString::fromLocal8Bit(std::strerror(errno)));
        return outcome;
    }
    if (::pipe2(outPipe, O_CLOEXEC) != 0 || ::pipe2(errPipe, O_CLOEXEC) != 0 || ::pipe2(statusPipe, O_CLOEXEC) != 0) {
        outcome.failure = QStringLiteral("cannot create pipes: %1").arg(QString::fromLocal8Bit(std::strerror(errno)));
        return outcome;
    }
    auto high = [](int fd) { return ::fcntl(fd, F_DUPFD_CLOEXEC, kHighFd); };

    // Everything the child touches is laid out now: after fork() it may not allocate.
    ChildArgs args;
    QList<QByteArray> argvStore = plan.argv, envStore = plan.environment;
    for (QByteArray &s : argvStore)
        args.argv.push_back(s.data());
    args.argv.push_back(nullptr);
    for (QByteArray &s : envStore)
        args.envp.push_back(s.data());
    args.envp.push_back(nullptr);
    args.chdirTo = plan.chdirTo.constData();
    const QList<QByteArray> procs = m_cgroups ? m_cgroups->procsFiles() : QList<QByteArray>();
    for (const QByteArray &p : procs)
        args.cgroupProcs.push_back(p.constData());
    for (const auto &limit : plan.rlimits)
        args.rlimits.push_back(limit);
    std::vector<int> highFds;
    for (int fd : plan.passFds)
        highFds.push_back(high(fd));
    args.passFds = highFds;
    args.stdinFd = high(stdinPair[1]);
    args.stdoutFd = high(outPipe[1]);
    args.stderrFd = high(errPipe[1]);
    args.statusFd = high(statusPipe[1]);
    args.dropToNobody = plan.dropToNobody;
    if (!plan.seccompProgram.isEmpty()) {
        args.filter.len = (unsigned short)(plan.seccompProgram.size() / sizeof(sock_filter));
        args.filter.filter = reinterpret_cast<sock_filter *>(const_cast<char *>(plan.seccompProgram.constData()));
        args.hasFilter = true;
    }
    args.parent = ::getpid();

    QElapsedTimer clock;
    clock.start();
    const pid_t pid = ::fork();
    if (pid == 0)
        childMain(args);
    for (int fd : {stdinPair[1], outPipe[1], errPipe[1], statusPipe[1], args.stdinFd, args.stdoutFd,
                   args.stderrFd, args.statusFd})
        ::close(fd);
    for (int fd : highFds)
        ::close(fd);
    if (pid < 0) {
        outcome.failure = QStringLiteral("cannot fork: %1").arg(QString::fromLocal8Bit(std::strerror(errno)));
        for (int fd : {stdinPair[0], outPipe[0], errPipe[0], statusPipe[0]})
            ::close(fd);
        return outcome;
    }

    ChildFailure failure;
    ssize_t got;
    do
        got = ::read(statusPipe[0], &failure, sizeof failure);
    while (got < 0 && errno == EINTR);
    ::close(statusPipe[0]);
    if (got == sizeof failure) {
        int status = 0;
        ::waitpid(pid, &status, 0);
        for (int fd : {stdinPair[0], outPipe[0], errPipe[0]})
            ::close(fd);
        outcome.failure = QStringLiteral("%1: %2").arg(stageText(failure.stage),
                                                       QString::fromLocal8Bit(std::strerror(failure.error)));
        return outcome;
    }

    const int pidFd = int(::syscall(SYS_pidfd_open, pid, 0));
    int stdinFd = stdinPair[0];
    setNonBlocking(stdinFd);
    setNonBlocking(outPipe[0]);
    setNonBlocking(errPipe[0]);
    if (plan.bwrapStatusRead >= 0)
        setNonBlocking(plan.bwrapStatusRead);
    qint64 stdinOffset = 0;
    if (m_spec.stdinData.isEmpty()) {
        ::close(stdinFd);
        stdinFd = -1;
    }

    const qint64 cap = qMax<qint64>(0, m_spec.limits.outputBytes);
    const qint64 flood = qMax<qint64>(cap * 16, 1 << 20);
    Stream streams[2] = {{outPipe[0], OutputStream::Stdout, &outcome.out, &outcome.outDropped},
                         {errPipe[0], OutputStream::Stderr, &outcome.err, &outcome.errDropped}};
    QByteArray bwrapStatus;
    auto readStream = [&](Stream &s) {
        char buffer[65536];
        for (int round = 0; round < 16 && s.fd >= 0; ++round) {
            const ssize_t n = ::read(s.fd, buffer, sizeof buffer);
            if (n == 0 || (n < 0 && errno != EAGAIN && errno != EINTR)) {
                ::close(s.fd);
                s.fd = -1;
            }
            if (n <= 0)
                break;
            const qint64 keep = qMin<qint64>(n, cap - s.head->size());
            if (keep > 0) {
                s.head->append(buffer, keep);
                if (m_spec.onOutput)
                    m_spec.onOutput(s.which, QByteArray(buffer, keep));
            }
            *s.dropped += n - keep;
            s.total += n;
        }
    };
    auto readStatus = [&] {
        char buffer[1024];
        ssize_t n;
        while ((n = ::read(plan.bwrapStatusRead, buffer, sizeof buffer)) > 0)
            bwrapStatus.append(buffer, n);
    };

    const qint64 wallLimitMs = qint64(m_spec.limits.wallSeconds * 1000.0);
    LimitHit killedFor = LimitHit::None;
    bool cancelled = false;
    bool exited = false;
    int status = 0;
    qint64 lastDiskCheck = 0;
    while (!exited) {
        pollfd fds[5];
        int count = 0;
        auto add = [&](int fd, short events) {
            if (fd >= 0)
                fds[count++] = {fd, events, 0};
        };
        add(pidFd, POLLIN);
        add(streams[0].fd, POLLIN);
        add(streams[1].fd, POLLIN);
        add(stdinFd, POLLOUT);
        add(plan.bwrapStatusRead, POLLIN);
        const qint64 elapsed = clock.elapsed();
        const int timeout = int(qBound<qint64>(1, wallLimitMs - elapsed + 1, qint64(kPollMs)));
        ::poll(fds, nfds_t(count), killedFor != LimitHit::None || cancelled ? 5 : timeout);

        readStream(streams[0]);
        readStream(streams[1]);
        if (plan.bwrapStatusRead >= 0)
            readStatus();
        if (stdinFd >= 0) {
            const ssize_t n = ::send(stdinFd, m_spec.stdinData.constData() + stdinOffset,
                                     size_t(m_spec.stdinData.size() - stdinOffset), MSG_NOSIGNAL | MSG_DONTWAIT);
            if (n > 0)
                stdinOffset += n;
            if ((n < 0 && errno != EAGAIN && errno != EINTR) || stdinOffset >= m_spec.stdinData.size()) {
                ::shutdown(stdinFd, SHUT_WR);
                ::close(stdinFd);
                stdinFd = -1;
            }
        }

        int waited = ::waitpid(pid, &status, WNOHANG);
        if (waited == pid) {
            exited = true;
            break;
        }
        if (killedFor != LimitHit::None || cancelled) {
            killTree(pid);  // again: a kill may race with forks outside a cgroup
            continue;
        }
        LimitHit hit = LimitHit::None;
        const qint64 now = clock.elapsed();
        if (m_spec.cancel && m_spec.cancel->load()) {
            cancelled = true;
        } else if (now >= wallLimitMs) {
            hit = LimitHit::WallTime;
        } else if (streams[0].total > flood || streams[1].total > flood) {
            hit = LimitHit::Output;
        } else if (m_cgroups && m_cgroups->countsCpu() && m_cgroups->cpuSeconds() > m_spec.limits.cpuSeconds) {
            hit = LimitHit::CpuTime;
        } else if (now - lastDiskCheck >= kDiskCheckMs) {
            lastDiskCheck = now;
            if (workDirOverLimit(m_spec.workDir, m_spec.limits.diskBytes))
                hit = LimitHit::Disk;
        }
        if (hit != LimitHit::None || cancelled) {
            killedFor = hit;
            killTree(pid);
        }
    }
    // The root is gone; with bwrap the PID namespace died with it. Anything left in the cgroup
    // (an unisolated daemon, a namespace still being torn down) is killed and waited for.
    if (m_cgroups) {
        for (int i = 0; i < 2000 && m_cgroups->populated(); ++i) {
            if (m_cgroups->canKill())
                m_cgroups->killAll();
            ::usleep(2000);
        }
    } else {
        ::kill(-pid, SIGKILL);
    }
    outcome.wallSeconds = clock.nsecsElapsed() / 1e9;
    if (pidFd >= 0)
        ::close(pidFd);
    if (stdinFd >= 0)
        ::close(stdinFd);
    for (Stream &s : streams) {
        for (int i = 0; i < 1024 && s.fd >= 0; ++i) {
            const qint64 before = s.total;
            readStream(s);
            if (s.total == before)
                break;  // EAGAIN: nothing more without blocking
        }
        if (s.fd >= 0)
            ::close(s.fd);
    }
    bool bwrapStarted = true;
    if (plan.bwrapStatusRead >= 0) {
        readStatus();
        bwrapStarted = bwrapStatus.contains("\"child-pid\"");
    }
    if (m_cgroups && m_cgroups->countsCpu())
        outcome.cpuSeconds = m_cgroups->cpuSeconds();
    outcome.cancelled = cancelled;
    classify(outcome, status, plan.throughBwrap, bwrapStarted, killedFor);
    return outcome;
}

void ProcessTree::classify(RunOutcome &outcome, int status, bool throughBwrap, bool bwrapStarted,
                           LimitHit killedFor) const
{
    if (!bwrapStarted && killedFor == LimitHit::None && !outcome.cancelled) {
        outcome.failure = QStringLiteral("the sandbox could not start: %1")
                              .arg(QString::fromLocal8Bit(outcome.err).trimmed());
        return;
    }
    outcome.started = true;
    if (WIFSIGNALED(status)) {
        outcome.signal = WTERMSIG(status);
    } else if (WIFEXITED(status)) {
        const int code = WEXITSTATUS(status);
        // bubblewrap reports a program killed by signal N as exit status 128 + N.
        if (throughBwrap && code > 128 && code < 128 + 65)
            outcome.signal = code - 128;
        else
            outcome.exitCode = code;
    }
    if (outcome.cancelled)
        return;
    const bool memoryKill = m_cgroups && m_cgroups->oomKilled();
    const bool tasksHit = m_cgroups && m_cgroups->taskLimitHit();
    if (memoryKill) {
        outcome.limit = LimitHit::Memory;
    } else if ((killedFor == LimitHit::WallTime || killedFor == LimitHit::CpuTime) && tasksHit) {
        outcome.limit = LimitHit::Processes;  // a fork bomb that kept retrying until stopped
    } else if (killedFor != LimitHit::None) {
        outcome.limit = killedFor;
    } else if (outcome.exitCode == 0) {
        return;
    } else if (outcome.signal == SIGXCPU) {
        outcome.limit = LimitHit::CpuTime;
    } else if (outcome.signal == SIGXFSZ) {
        outcome.limit = LimitHit::FileSize;
    } else if (tasksHit) {
        outcome.limit = LimitHit::Processes;
    } else {
        // Limits enforced inside the process surface as errors the program reports; they only
        // ever explain a failure, never turn a success into one.
        const QByteArray &err = outcome.err;
        if (err.contains("[Errno 28] No space left on device"))
            outcome.limit = LimitHit::Disk;
        else if (err.contains("[Errno 27] File too large"))
            outcome.limit = LimitHit::FileSize;
        else if (err.contains("[Errno 24] Too many open files"))
            outcome.limit = LimitHit::OpenFiles;
        else if (!(m_cgroups && m_cgroups->limitsTasks())
                 && (err.contains("can't start new thread") || err.contains("[Errno 11] Resource temporarily unavailable")))
            outcome.limit = LimitHit::Processes;
        else if (!(m_cgroups && m_cgroups->limitsMemory()) && err.contains("MemoryError"))
            outcome.limit = LimitHit::Memory;
    }
}

} // namespace Unlocked
