#include "ProcessReaper.h"

#include <cerrno>
#include <csignal>
#include <cstring>
#include <ctime>
#include <fcntl.h>
#include <grp.h>
#include <linux/seccomp.h>
#include <sys/prctl.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

namespace Unlocked {
namespace {

enum ChildStage
{
    Fork = 1,
    JoinCgroup,
    SetLimits,
    DropPrivileges,
    ChangeDir,
    Filter,
    Exec
};

volatile sig_atomic_t g_rootPid = 0;
volatile sig_atomic_t g_killRequested = 0;

[[noreturn]] void fail(int fd, int stage)
{
    const ChildFailure failure{stage, errno};
    [[maybe_unused]] ssize_t n = ::write(fd, &failure, sizeof failure);
    ::_exit(127);
}

void resetSignals()
{
    sigset_t none;
    sigemptyset(&none);
    ::sigprocmask(SIG_SETMASK, &none, nullptr);
    struct sigaction dfl = {};
    dfl.sa_handler = SIG_DFL;
    for (int s = 1; s < NSIG; ++s)
        ::sigaction(s, &dfl, nullptr);
}

[[noreturn]] void rootMain(const LaunchArgs &a, pid_t reaper)
{
    resetSignals();
    // Its own process group, so that the reaper's kill reaches the root and what it forks.
    ::setpgid(0, 0);
    int status = a.failureFd;
    // Join before dropping privileges: the groups' files belong to root.
    for (const char *file : a.cgroupJoin) {
        const int fd = ::open(file, O_WRONLY | O_CLOEXEC);
        if (fd < 0 || ::write(fd, "0", 1) != 1)
            fail(status, JoinCgroup);
        ::close(fd);
    }
    for (const auto &[resource, value] : a.rlimits) {
        const rlimit limit{value, value};
        if (::setrlimit(resource, &limit) != 0)
            fail(status, SetLimits);
    }
    if (a.hasCpus && ::sched_setaffinity(0, sizeof a.cpus, &a.cpus) != 0)
        fail(status, SetLimits);
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
    if (a.dropToNobody &&
        (::setgroups(0, nullptr) != 0 ||
         ::setresgid(ProcessReaper::kNobody, ProcessReaper::kNobody, ProcessReaper::kNobody) != 0 ||
         ::setresuid(ProcessReaper::kNobody, ProcessReaper::kNobody, ProcessReaper::kNobody) != 0))
        fail(status, DropPrivileges);
    // After the uid change, which clears it.
    ::prctl(PR_SET_PDEATHSIG, SIGKILL);
    if (::getppid() != reaper)
        ::_exit(127);
    if (::chdir(a.chdirTo) != 0)
        fail(status, ChangeDir);
    if (a.hasFilter && (::prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) != 0 ||
                        ::prctl(PR_SET_SECCOMP, SECCOMP_MODE_FILTER, &a.filter) != 0))
        fail(status, Filter);
    ::execve(a.argv[0], a.argv.data(), a.envp.data());
    fail(status, Exec);
}

void onTerm(int)
{
    const pid_t root = g_rootPid;
    if (root > 0) {
        ::kill(-root, SIGKILL);
        ::kill(root, SIGKILL);
    }
    g_killRequested = 1;
}

// Kills the reaper's current children: orphans re-parented to it climb up one level per round.
void killChildren(const char *childrenFile)
{
    const int fd = ::open(childrenFile, O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        return;
    char buffer[4096];
    const ssize_t n = ::read(fd, buffer, sizeof buffer - 1);
    ::close(fd);
    pid_t pid = 0;
    for (ssize_t i = 0; i < n; ++i) {
        if (buffer[i] >= '0' && buffer[i] <= '9') {
            pid = pid * 10 + (buffer[i] - '0');
        } else {
            if (pid > 0)
                ::kill(pid, SIGKILL);
            pid = 0;
        }
    }
    if (pid > 0)
        ::kill(pid, SIGKILL);
}

long long micros(const timeval &tv)
{
    return (long long)tv.tv_sec * 1000000 + tv.tv_usec;
}

[[noreturn]] void reaperMain(LaunchArgs &a, pid_t grader)
{
    resetSignals();
    ::prctl(PR_SET_PDEATHSIG, SIGKILL);
    if (::getppid() != grader)
        ::_exit(127);
    ::prctl(PR_SET_CHILD_SUBREAPER, 1);
    ::setsid();
    // "/proc/self/task/<pid>/children", written without snprintf (not async-signal-safe).
    const pid_t self = ::getpid();
    char childrenFile[64];
    char digits[16];
    int d = 0;
    for (pid_t v = self; v > 0; v /= 10)
        digits[d++] = char('0' + v % 10);
    char *p = childrenFile;
    for (const char *s = "/proc/self/task/"; *s; ++s)
        *p++ = *s;
    while (d > 0)
        *p++ = digits[--d];
    for (const char *s = "/children"; *s; ++s)
        *p++ = *s;
    *p = '\0';

    sigset_t term, old;
    sigemptyset(&term);
    sigaddset(&term, SIGTERM);
    ::sigprocmask(SIG_BLOCK, &term, &old);
    struct sigaction action = {};
    action.sa_handler = onTerm; // no SA_RESTART: wait4 must return to notice the request
    ::sigaction(SIGTERM, &action, nullptr);
    const pid_t root = ::fork();
    if (root == 0)
        rootMain(a, self);
    if (root < 0)
        fail(a.failureFd, Fork);
    g_rootPid = root;
    ::sigprocmask(SIG_SETMASK, &old, nullptr);

    const int report = a.reportFd;
    ::dup2(report, 0);
    ::syscall(SYS_close_range, 1, ~0U, 0);

    ReaperReport result;
    bool draining = false;
    // While draining, the pause between rounds grows from 50 us to 1 ms: the sandbox's own
    // processes end within a fraction of a millisecond of the root, a daemon may take longer.
    long pauseNs = 50'000;
    for (;;) {
        int status = 0;
        rusage usage = {};
        const pid_t pid = ::wait4(-1, &status, draining ? WNOHANG : 0, &usage);
        if (pid > 0) {
            result.cpuMicros += micros(usage.ru_utime) + micros(usage.ru_stime);
            if (pid == root) {
                result.rootStatus = status;
                result.rootReaped = 1;
                // The run ends with its root; whatever it left behind is killed.
                draining = true;
            }
            continue;
        }
        if (pid == 0) {
            killChildren(childrenFile);
            const timespec pause{0, pauseNs};
            ::nanosleep(&pause, nullptr);
            pauseNs = pauseNs < 1'000'000 ? 2 * pauseNs : 1'000'000;
            continue;
        }
        if (errno == EINTR) {
            if (g_killRequested)
                draining = true;
            continue;
        }
        break; // ECHILD: the whole tree is gone
    }
    [[maybe_unused]] ssize_t n = ::write(0, &result, sizeof result);
    ::_exit(0);
}

} // namespace

pid_t ProcessReaper::start(LaunchArgs &args)
{
    const pid_t grader = ::getpid();
    const pid_t pid = ::fork();
    if (pid == 0)
        reaperMain(args, grader);
    return pid;
}

QString ProcessReaper::failureText(const ChildFailure &failure)
{
    QString stage;
    switch (failure.stage) {
    case Fork:
        stage = QStringLiteral("cannot fork");
        break;
    case JoinCgroup:
        stage = QStringLiteral("cannot join the run's cgroup");
        break;
    case SetLimits:
        stage = QStringLiteral("cannot set resource limits");
        break;
    case DropPrivileges:
        stage = QStringLiteral("cannot switch to the unprivileged user");
        break;
    case ChangeDir:
        stage = QStringLiteral("cannot enter the work directory");
        break;
    case Filter:
        stage = QStringLiteral("cannot install the system-call filter");
        break;
    default:
        stage = QStringLiteral("cannot start the program");
        break;
    }
    return stage + QStringLiteral(": ") + QString::fromLocal8Bit(std::strerror(failure.error));
}

} // namespace Unlocked
