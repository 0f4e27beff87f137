#include "Sandbox.h"

#include <QElapsedTimer>
#include <QProcess>

namespace Unlocked {

QString limitMessage(LimitHit hit, const Limits &limits)
{
    switch (hit) {
    case LimitHit::None: return {};
    case LimitHit::CpuTime:
        return QStringLiteral("your program used more than %1 s of CPU time").arg(limits.cpuSeconds);
    case LimitHit::WallTime:
        return QStringLiteral("your program ran for more than %1 s").arg(limits.wallSeconds);
    case LimitHit::Memory:
        return QStringLiteral("your program used more than %1 MiB of memory")
            .arg(limits.memoryBytes >> 20);
    case LimitHit::Processes:
        return QStringLiteral("your program started more than %1 processes and threads")
            .arg(limits.processes);
    case LimitHit::FileSize:
        return QStringLiteral("your program wrote a file larger than %1 MiB")
            .arg(limits.fileSizeBytes >> 20);
    case LimitHit::Disk:
        return QStringLiteral("your program wrote more than %1 MiB to disk").arg(limits.diskBytes >> 20);
    case LimitHit::OpenFiles:
        return QStringLiteral("your program opened more than %1 files at once").arg(limits.openFiles);
    case LimitHit::Output:
        return QStringLiteral("your program printed more than %1 KiB").arg(limits.outputBytes >> 10);
    }
    return {};
}

Sandbox::Sandbox(Mode mode) : m_mode(mode) {}

IsolationSupport Sandbox::isolationSupport()
{
    return {false, QStringLiteral("isolation is not implemented yet")};
}

// Placeholder runner without isolation, until the bubblewrap sandbox lands.
RunOutcome Sandbox::run(const RunSpec &spec) const
{
    RunOutcome outcome;
    outcome.isolated = false;
    QProcess process;
    process.setWorkingDirectory(spec.workDir);
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("PYTHONPATH"), spec.pythonPath.join(QLatin1Char(':')));
    for (const QString &entry : spec.environment)
        env.insert(entry.section(QLatin1Char('='), 0, 0), entry.section(QLatin1Char('='), 1));
    process.setProcessEnvironment(env);
    QElapsedTimer timer;
    timer.start();
    process.start(spec.interpreter, spec.arguments);
    if (!process.waitForStarted()) {
        outcome.failure = process.errorString();
        return outcome;
    }
    outcome.started = true;
    process.write(spec.stdinData);
    process.closeWriteChannel();
    if (!process.waitForFinished(int(spec.limits.wallSeconds * 1000))) {
        process.kill();
        process.waitForFinished();
        outcome.limit = LimitHit::WallTime;
    }
    outcome.wallSeconds = timer.nsecsElapsed() / 1e9;
    outcome.out = process.readAllStandardOutput().left(spec.limits.outputBytes);
    outcome.err = process.readAllStandardError().left(spec.limits.outputBytes);
    if (process.exitStatus() == QProcess::CrashExit)
        outcome.signal = 9;
    else
        outcome.exitCode = process.exitCode();
    return outcome;
}

} // namespace Unlocked
