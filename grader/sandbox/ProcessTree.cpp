#include "ProcessTree.h"

#include "CgroupTree.h"
#include "DiskUsage.h"
#include "ProcessReaper.h"
#include "TreeCpu.h"
#include "timeline/Timeline.h"

#include <QElapsedTimer>
#include <QFile>

#include <vector>

#include <cerrno>
#include <csignal>
#include <cstring>
#include <fcntl.h>
#include <poll.h>
#include <sys/socket.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

namespace Unlocked {
namespace {

// Parent-side copies of the child's descriptors sit above every slot the child fills, so that
// the child's dup2() calls can never overwrite a source it still needs.
constexpr int kHighFd = 100;
constexpr int kPollMs = 50;
constexpr qint64 kMinDiskCheckMs = 25;
constexpr qint64 kReaperGraceMs = 5000;
constexpr qint64 kTreeCpuEveryMs = 100;

void setNonBlocking(int fd)
{
    ::fcntl(fd, F_SETFL, ::fcntl(fd, F_GETFL) | O_NONBLOCK);
}

// Without a pids cgroup, RLIMIT_NPROC makes fork() and thread starts fail with EAGAIN.
bool saysTaskLimit(const QByteArray &err)
{
    return err.contains("can't start new thread") ||
           err.contains("[Errno 11] Resource temporarily unavailable");
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

void ProcessTree::killTree(pid_t reaper) const
{
    if (m_cgroups && m_cgroups->canKill())
        m_cgroups->killAll();
    // The reaper kills the root's process group; bubblewrap's PID namespace dies with its
    // monitor, and the reaper kills every orphan it inherits until none is left.
    ::kill(reaper, SIGTERM);
}

RunOutcome ProcessTree::run(const LaunchPlan &plan)
{
    RunOutcome outcome;
    int stdinPair[2] = {-1, -1}, outPipe[2] = {-1, -1}, errPipe[2] = {-1, -1};
    int failurePipe[2] = {-1, -1}, reportPipe[2] = {-1, -1};
    auto closeAll = [](std::initializer_list<int> fds) {
        for (int fd : fds)
            if (fd >= 0)
                ::close(fd);
    };
    if (::socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, stdinPair) != 0 ||
        ::pipe2(outPipe, O_CLOEXEC) != 0 || ::pipe2(errPipe, O_CLOEXEC) != 0 ||
        ::pipe2(failurePipe, O_CLOEXEC) != 0 || ::pipe2(reportPipe, O_CLOEXEC) != 0) {
        outcome.failure = QStringLiteral("cannot create pipes: %1")
                              .arg(QString::fromLocal8Bit(std::strerror(errno)));
        closeAll({stdinPair[0], stdinPair[1], outPipe[0], outPipe[1], errPipe[0], errPipe[1],
                  failurePipe[0], failurePipe[1], reportPipe[0], reportPipe[1]});
        return outcome;
    }
    auto high = [](int fd) { return ::fcntl(fd, F_DUPFD_CLOEXEC, kHighFd); };

    // Everything the forked processes touch is laid out now: after fork() they may not allocate.
    LaunchArgs args;
    QList<QByteArray> argvStore = plan.argv, envStore = plan.environment;
    for (QByteArray &s : argvStore)
        args.argv.push_back(s.data());
    args.argv.push_back(nullptr);
    for (QByteArray &s : envStore)
        args.envp.push_back(s.data());
    args.envp.push_back(nullptr);
    args.chdirTo = plan.chdirTo.constData();
    const QList<QByteArray> join = m_cgroups ? m_cgroups->joinFiles() : QList<QByteArray>();
    for (const QByteArray &file : join)
        args.cgroupJoin.push_back(file.constData());
    for (const auto &limit : plan.rlimits)
        args.rlimits.push_back(limit);
    std::vector<int> highFds;
    for (int fd : plan.passFds)
        highFds.push_back(high(fd));
    args.passFds = highFds;
    args.stdinFd = high(stdinPair[1]);
    args.stdoutFd = high(outPipe[1]);
    args.stderrFd = high(errPipe[1]);
    args.failureFd = high(failurePipe[1]);
    args.reportFd = reportPipe[1];
    args.dropToNobody = plan.dropToNobody;
    CPU_ZERO(&args.cpus);
    for (int cpu : plan.cpus)
        if (cpu >= 0 && cpu < CPU_SETSIZE)
            CPU_SET(cpu, &args.cpus);
    args.hasCpus = CPU_COUNT(&args.cpus) > 0;
    if (!plan.seccompProgram.isEmpty()) {
        args.filter.len = (unsigned short)(plan.seccompProgram.size() / sizeof(sock_filter));
        args.filter.filter =
            reinterpret_cast<sock_filter *>(const_cast<char *>(plan.seccompProgram.constData()));
        args.hasFilter = true;
    }

    const pid_t pid = ProcessReaper::start(args);
    const int forkError = errno;
    closeAll({stdinPair[1], outPipe[1], errPipe[1], failurePipe[1], reportPipe[1], args.stdinFd,
              args.stdoutFd, args.stderrFd, args.failureFd});
    for (int fd : highFds)
        ::close(fd);
    if (pid < 0) {
        outcome.failure =
            QStringLiteral("cannot fork: %1").arg(QString::fromLocal8Bit(std::strerror(forkError)));
        closeAll({stdinPair[0], outPipe[0], errPipe[0], failurePipe[0], reportPipe[0]});
        return outcome;
    }

    // EOF once the root has exec'd (the reaper closes its copy right after forking it).
    ChildFailure failure;
    ssize_t got;
    do
        got = ::read(failurePipe[0], &failure, sizeof failure);
    while (got < 0 && errno == EINTR);
    ::close(failurePipe[0]);
    if (got == sizeof failure) {
        ::kill(pid, SIGTERM);
        int status = 0;
        ::waitpid(pid, &status, 0);
        closeAll({stdinPair[0], outPipe[0], errPipe[0], reportPipe[0]});
        outcome.failure = ProcessReaper::failureText(failure);
        return outcome;
    }
    // Time starts at the exec of the root: joining cgroups can wait for an RCU grace period,
    // which is the grader's cost, not the program's.
    QElapsedTimer clock;
    clock.start();

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
    int statusFd = plan.bwrapStatusRead; // owned by the caller; -1 here once at its end
    auto readStatus = [&] {
        char buffer[1024];
        ssize_t n;
        while (statusFd >= 0 && (n = ::read(statusFd, buffer, sizeof buffer)) != 0) {
            if (n < 0)
                return; // EAGAIN: more later
            bwrapStatus.append(buffer, n);
        }
        statusFd = -1; // EOF: stop polling it, or poll() would spin on the hang-up
    };

    const qint64 wallLimitMs = qint64(m_spec.limits.wallSeconds * 1000.0);
    LimitHit killedFor = LimitHit::None;
    bool cancelled = false;
    bool exited = false;
    int status = 0;
    qint64 lastDiskCheck = 0;
    qint64 killedAt = 0;
    // Without a cgroup counting CPU, sample the tree from /proc: it enforces the limit for the
    // whole tree and keeps the time of processes the namespace's death discards.
    const bool sampleCpu = !(m_cgroups && m_cgroups->countsCpu());
    double sampledCpu = 0.0;
    qint64 lastCpuSample = 0;
    qint64 diskCheckEvery = kMinDiskCheckMs;
    // The sandbox's own processes (the reaper, bwrap) are not the learner's; their children are.
    const TreeSampler sampler;
    const QStringList sandboxNames = {QStringLiteral("bwrap")};
    const qint64 sampleEveryNs =
        m_spec.timeline ? qint64(m_spec.timeline->intervalSeconds() * 1e9) : 0;
    qint64 nextSampleNs = 0;
    auto sampleTimeline = [&] {
        const qint64 now = clock.nsecsElapsed();
        if (!m_spec.timeline || now < nextSampleNs)
            return;
        m_spec.timeline->add(now / 1e9, sampler.sample(pid, true, sandboxNames));
        nextSampleNs = (now / sampleEveryNs + 1) * sampleEveryNs;
    };
    while (!exited) {
        sampleTimeline();
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
        add(statusFd, POLLIN);
        const qint64 elapsed = clock.elapsed();
        qint64 wait = qMin(wallLimitMs - elapsed + 1, lastDiskCheck + diskCheckEvery - elapsed);
        if (m_spec.timeline)
            wait = qMin(wait, (nextSampleNs - clock.nsecsElapsed()) / 1000000 + 1);
        const int timeout = int(qBound<qint64>(1, wait, qint64(kPollMs)));
        ::poll(fds, nfds_t(count), killedFor != LimitHit::None || cancelled ? 5 : timeout);

        readStream(streams[0]);
        readStream(streams[1]);
        readStatus();
        if (stdinFd >= 0) {
            const ssize_t n =
                ::send(stdinFd, m_spec.stdinData.constData() + stdinOffset,
                       size_t(m_spec.stdinData.size() - stdinOffset), MSG_NOSIGNAL | MSG_DONTWAIT);
            if (n > 0)
                stdinOffset += n;
            if ((n < 0 && errno != EAGAIN && errno != EINTR) ||
                stdinOffset >= m_spec.stdinData.size()) {
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
            killTree(pid); // again: a kill may race with forks outside a cgroup
            // The reaper finds orphans through /proc/.../children; should it never finish, stop
            // waiting: run() must return. What it still held is re-parented and reported lost.
            if (clock.elapsed() - killedAt > kReaperGraceMs)
                ::kill(pid, SIGKILL);
            continue;
        }
        LimitHit hit = LimitHit::None;
        const qint64 now = clock.elapsed();
        if (sampleCpu && now - lastCpuSample >= kTreeCpuEveryMs) {
            lastCpuSample = now;
            sampledCpu = qMax(sampledCpu, TreeCpu::seconds(pid));
        }
        if (m_spec.cancel && m_spec.cancel->load()) {
            cancelled = true;
        } else if (now >= wallLimitMs) {
            hit = LimitHit::WallTime;
        } else if (streams[0].total > flood || streams[1].total > flood) {
            hit = LimitHit::Output;
        } else if (m_cgroups && m_cgroups->countsCpu() &&
                   m_cgroups->cpuSeconds() > m_spec.limits.cpuSeconds) {
            hit = LimitHit::CpuTime;
        } else if (sampleCpu && sampledCpu > m_spec.limits.cpuSeconds) {
            hit = LimitHit::CpuTime;
        } else if (now - lastDiskCheck >= diskCheckEvery) {
            // Often, to bound the overshoot, but never more than ~10 % of the grader's time
            // even when the program makes the directory huge.
            if (DiskUsage::exceeds(m_spec.workDir, m_spec.limits.diskBytes))
                hit = LimitHit::Disk;
            lastDiskCheck = clock.elapsed();
            diskCheckEvery = qMax(kMinDiskCheckMs, (lastDiskCheck - now) * 10);
        }
        if (hit != LimitHit::None || cancelled) {
            // Read before the kill empties it: a memory bomb can thrash at its limit (evicting
            // and re-reading its own code) instead of being OOM-killed, until time runs out.
            if ((hit == LimitHit::WallTime || hit == LimitHit::CpuTime) && m_cgroups &&
                m_cgroups->limitsMemory() &&
                m_cgroups->anonymousBytes() >= m_spec.limits.memoryBytes * 9 / 10)
                hit = LimitHit::Memory;
            killedFor = hit;
            killedAt = clock.elapsed();
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
                break; // EAGAIN: nothing more without blocking
        }
        if (s.fd >= 0)
            ::close(s.fd);
    }
    ReaperReport report;
    if (::read(reportPipe[0], &report, sizeof report) != sizeof report)
        report = ReaperReport();
    ::close(reportPipe[0]);
    // No report: the reaper itself was killed, and the root's fate is unknown; never a success.
    status = report.rootReaped ? report.rootStatus : SIGKILL;
    bool bwrapStarted = true;
    if (plan.bwrapStatusRead >= 0) {
        readStatus();
        bwrapStarted = bwrapStatus.contains("\"child-pid\"");
    }
    // The cgroup also counts children whose parents ignored SIGCHLD; the reaper's sum is the
    // fallback without one.
    outcome.cpuSeconds =
        sampleCpu ? qMax(sampledCpu, report.cpuMicros / 1e6) : m_cgroups->cpuSeconds();
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
    } else if ((killedFor == LimitHit::WallTime || killedFor == LimitHit::CpuTime) &&
               (tasksHit ||
                (!(m_cgroups && m_cgroups->limitsTasks()) && saysTaskLimit(outcome.err)))) {
        outcome.limit = LimitHit::Processes; // a fork bomb that kept retrying until stopped
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
        else if (!(m_cgroups && m_cgroups->limitsTasks()) && saysTaskLimit(err))
            outcome.limit = LimitHit::Processes;
        else if (!(m_cgroups && m_cgroups->limitsMemory()) && err.contains("MemoryError"))
            outcome.limit = LimitHit::Memory;
    }
}

} // namespace Unlocked
