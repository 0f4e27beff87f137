#include "Sandbox.h"

#include "BwrapCommand.h"
#include "CgroupTree.h"
#include "ProbeCache.h"
#include "ProcessTree.h"
#include "SeccompFilter.h"

#include <QDirIterator>
#include <QFile>
#include <QFileInfo>
#include <QStandardPaths>
#include <QTemporaryDir>

#include <cmath>
#include <fcntl.h>
#include <unistd.h>

namespace Unlocked {
namespace {

QString bwrapPath()
{
    static const QString path = [] {
        // An installation may keep its own bubblewrap; an empty or missing one means none.
        if (qEnvironmentVariableIsSet("UNLOCKED_BWRAP")) {
            const QString own = qEnvironmentVariable("UNLOCKED_BWRAP");
            return QFileInfo(own).isExecutable() ? own : QString();
        }
        const QString found = QStandardPaths::findExecutable(QStringLiteral("bwrap"));
        if (!found.isEmpty())
            return found;
        return QStandardPaths::findExecutable(QStringLiteral("bwrap"),
                                              {QStringLiteral("/usr/bin"), QStringLiteral("/bin")});
    }();
    return path;
}

// As root the program runs as nobody, which must own its work directory to write there.
void handOverWorkDir(const QString &workDir)
{
    const QByteArray top = QFile::encodeName(workDir);
    [[maybe_unused]] int rc = ::lchown(top.constData(), ProcessTree::kNobody, ProcessTree::kNobody);
    QDirIterator it(workDir, QDir::AllEntries | QDir::Hidden | QDir::System | QDir::NoDotAndDotDot,
                    QDirIterator::Subdirectories);
    while (it.hasNext())
        rc = ::lchown(QFile::encodeName(it.next()).constData(), ProcessTree::kNobody,
                      ProcessTree::kNobody);
}

QList<QByteArray> environmentFor(const RunSpec &spec, bool isolated)
{
    QStringList pythonPath;
    for (int i = 0; i < spec.pythonPath.size(); ++i)
        pythonPath.append(isolated ? BwrapCommand::insidePythonPath(i) : spec.pythonPath[i]);
    QString path = QStringLiteral("/usr/local/bin:/usr/bin:/bin");
    const QString interpreterDir = QFileInfo(spec.interpreter).absolutePath();
    if (!path.split(QLatin1Char(':')).contains(interpreterDir))
        path = interpreterDir + QLatin1Char(':') + path;
    const QString home = isolated ? BwrapCommand::insideWorkDir() : spec.workDir;
    QStringList env = {
        QStringLiteral("PATH=") + path,
        QStringLiteral("HOME=") + home,
        QStringLiteral("TMPDIR=/tmp"),
        QStringLiteral("LANG=C.UTF-8"),
        QStringLiteral("PYTHONDONTWRITEBYTECODE=1"),
    };
    if (!pythonPath.isEmpty())
        env.append(QStringLiteral("PYTHONPATH=") + pythonPath.join(QLatin1Char(':')));
    // The task's own entries win over the defaults above.
    for (const QString &entry : spec.environment) {
        const QString name = entry.section(QLatin1Char('='), 0, 0) + QLatin1Char('=');
        env.erase(std::remove_if(env.begin(), env.end(),
                                 [&](const QString &e) { return e.startsWith(name); }),
                  env.end());
        env.append(entry);
    }
    QList<QByteArray> result;
    for (const QString &entry : env)
        result.append(entry.toLocal8Bit());
    return result;
}

RunOutcome execute(const RunSpec &given, bool isolated)
{
    RunSpec spec = given;
    // A bare name ("python3") means the one on the grader's PATH, as a shell would pick.
    if (!spec.interpreter.contains(QLatin1Char('/'))) {
        const QString found = QStandardPaths::findExecutable(spec.interpreter);
        if (!found.isEmpty())
            spec.interpreter = found;
    }
    RunOutcome outcome;
    outcome.isolated = isolated;
    if (!QFileInfo(spec.workDir).isDir()) {
        outcome.failure = QStringLiteral("the work directory %1 does not exist").arg(spec.workDir);
        return outcome;
    }
    if (!QFileInfo(spec.interpreter).isExecutable()) {
        outcome.failure = QStringLiteral("the interpreter %1 cannot be run").arg(spec.interpreter);
        return outcome;
    }
    const bool root = ::geteuid() == 0;
    QString why;
    std::unique_ptr<CgroupTree> cgroups = CgroupTree::create(spec.limits, &why);
    if (root && !cgroups) {
        // Root could create them; failing means limits would silently be missing.
        outcome.failure = QStringLiteral("cannot create the run's cgroups: %1").arg(why);
        return outcome;
    }
    if (root)
        handOverWorkDir(spec.workDir);

    const Limits &limits = spec.limits;
    LaunchPlan plan;
    plan.environment = environmentFor(spec, isolated);
    plan.dropToNobody = root;
    plan.cpus = spec.cpus;
    const rlim_t cpu = rlim_t(std::ceil(qMax(0.0, limits.cpuSeconds))) + 1;
    plan.rlimits = {{RLIMIT_CPU, cpu},
                    {RLIMIT_CORE, 0},
                    {RLIMIT_FSIZE, rlim_t(limits.fileSizeBytes)},
                    {RLIMIT_NOFILE, rlim_t(limits.openFiles)}};
    // RLIMIT_NPROC counts every process of a uid, and root ignores it; as root the pids cgroup
    // binds instead, so lift it for the shared unprivileged uid of parallel runs.
    if (root)
        plan.rlimits.append({RLIMIT_NPROC, RLIM_INFINITY});
    // Without a memory cgroup, a per-process data limit is the best left. Never RLIMIT_AS: it
    // counts address space merely reserved (malloc arenas, thread stacks), which breaks NumPy.
    if (!(cgroups && cgroups->limitsMemory()))
        plan.rlimits.append({RLIMIT_DATA, rlim_t(limits.memoryBytes)});

    // Without CAP_SYS_RESOURCE (containers) a hard limit cannot be raised; stay within ours.
    for (auto &[resource, value] : plan.rlimits) {
        rlimit own;
        if (::getrlimit(resource, &own) == 0 && own.rlim_max != RLIM_INFINITY &&
            (value == RLIM_INFINITY || value > own.rlim_max))
            value = own.rlim_max;
    }

    QList<QByteArray> program;
    // Inside a fresh user namespace RLIMIT_NPROC counts only that namespace's processes, so set
    // there (not before bwrap) it limits the run's tasks without a pids cgroup.
    if (isolated && !(cgroups && cgroups->limitsTasks()) &&
        QFileInfo::exists(QStringLiteral("/usr/bin/prlimit")))
        program << "/usr/bin/prlimit"
                << "--nproc=" + QByteArray::number(limits.processes + 1) << "--";
    program << QFile::encodeName(QFileInfo(spec.interpreter).absoluteFilePath());
    for (const QString &argument : spec.arguments)
        program << argument.toLocal8Bit();

    BwrapCommand bwrap;
    int seccompFd = -1;
    int statusPipe[2] = {-1, -1};
    if (isolated) {
        seccompFd = SeccompFilter::programFd(&why);
        if (seccompFd < 0 || ::pipe2(statusPipe, O_CLOEXEC) != 0 ||
            !bwrap.build(bwrapPath(), spec, program, seccompFd, statusPipe[1], root, &why)) {
            outcome.failure = why;
            for (int fd : {seccompFd, statusPipe[0], statusPipe[1]})
                if (fd >= 0)
                    ::close(fd);
            return outcome;
        }
        plan.argv = bwrap.arguments();
        plan.passFds = bwrap.fds();
        plan.throughBwrap = true;
        plan.bwrapStatusRead = statusPipe[0];
    } else {
        plan.argv = program;
        plan.chdirTo = QFile::encodeName(spec.workDir);
        plan.seccompProgram = SeccompFilter::program(&why);
    }

    ProcessTree tree(spec, cgroups.get());
    outcome = tree.run(plan);
    outcome.isolated = isolated;
    for (int fd : {seccompFd, statusPipe[0], statusPipe[1]})
        if (fd >= 0)
            ::close(fd);
    return outcome;
}

IsolationSupport probe()
{
    if (bwrapPath().isEmpty())
        return {false, QStringLiteral("bubblewrap is not installed: apt-get install bubblewrap")};
    QString why;
    if (SeccompFilter::program(&why).isEmpty())
        return {false, why};
    // The trials below are the costly part; they are not repeated for every command on a
    // machine where they have passed, with this kernel, this boot and this bubblewrap. Should
    // the machine change under a kept pass, the run that fails to start forgets it.
    const QByteArray key = ProbeCache::machineKey() + ' ' + ProbeCache::fileKey(bwrapPath());
    if (ProbeCache::passed(QStringLiteral("isolation"), key))
        return {true, QString()};
    if (::geteuid() == 0 && !CgroupTree::create(Limits(), &why))
        return {false,
                QStringLiteral("running as root but cannot create cgroups to limit the run: %1")
                    .arg(why)};
    QFile maxNamespaces(QStringLiteral("/proc/sys/user/max_user_namespaces"));
    if (maxNamespaces.open(QIODevice::ReadOnly) && maxNamespaces.readAll().trimmed() == "0")
        return {false, QStringLiteral(
                           "user namespaces are disabled: set the sysctl user.max_user_namespaces "
                           "above 0 so that bubblewrap can isolate programs")};
    QTemporaryDir dir;
    RunSpec spec;
    spec.workDir = dir.path();
    spec.interpreter = QStringLiteral("/usr/bin/true");
    spec.limits.wallSeconds = 10;
    const RunOutcome outcome = execute(spec, true);
    if (outcome.started && outcome.exitCode == 0) {
        ProbeCache::rememberPass(QStringLiteral("isolation"), key);
        return {true, QString()};
    }
    const QString said =
        (outcome.failure + QLatin1Char(' ') + QString::fromLocal8Bit(outcome.err)).trimmed();
    if (said.contains(QLatin1String("namespace")) ||
        said.contains(QLatin1String("Operation not permitted")))
        return {false,
                QStringLiteral("user namespaces are disabled or restricted (for Debian: sysctl "
                               "kernel.unprivileged_userns_clone=1; with AppArmor: allow bwrap to "
                               "create them). bubblewrap said: %1")
                    .arg(said)};
    return {false, QStringLiteral("bubblewrap cannot create the sandbox: %1").arg(said)};
}

} // namespace

QString limitMessage(LimitHit hit, const Limits &limits)
{
    switch (hit) {
    case LimitHit::None:
        return {};
    case LimitHit::CpuTime:
        return QStringLiteral("your program used more than %1 s of CPU time")
            .arg(limits.cpuSeconds);
    case LimitHit::WallTime:
        return QStringLiteral(
                   "your program ran for more than %1 s (is it waiting forever or stuck in "
                   "a loop?)")
            .arg(limits.wallSeconds);
    case LimitHit::Memory:
        return QStringLiteral("your program used more than %1 MiB of memory")
            .arg(limits.memoryBytes >> 20);
    case LimitHit::Processes:
        return QStringLiteral(
                   "your program tried to start more than %1 processes and threads at once")
            .arg(limits.processes);
    case LimitHit::FileSize:
        return QStringLiteral("your program tried to write a file larger than %1 MiB")
            .arg(limits.fileSizeBytes >> 20);
    case LimitHit::Disk:
        return QStringLiteral("your program wrote more than %1 MiB to disk")
            .arg(limits.diskBytes >> 20);
    case LimitHit::OpenFiles:
        return QStringLiteral("your program opened more than %1 files at once")
            .arg(limits.openFiles);
    case LimitHit::Output:
        return QStringLiteral("your program printed far more than the %1 KiB we show")
            .arg(limits.outputBytes >> 10);
    }
    return {};
}

Sandbox::Sandbox(Mode mode) : m_mode(mode) {}

IsolationSupport Sandbox::isolationSupport()
{
    static const IsolationSupport support = probe();
    return support;
}

RunOutcome Sandbox::run(const RunSpec &spec) const
{
    if (m_mode == Mode::Isolated) {
        const IsolationSupport support = isolationSupport();
        if (!support.available) {
            RunOutcome outcome;
            outcome.failure = support.reason;
            return outcome;
        }
    }
    const RunOutcome outcome = execute(spec, m_mode == Mode::Isolated);
    // A sandbox that no longer starts makes the next process probe isolation afresh.
    if (m_mode == Mode::Isolated && !outcome.started)
        ProbeCache::forget(QStringLiteral("isolation"));
    return outcome;
}

} // namespace Unlocked
