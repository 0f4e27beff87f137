// Prints how long each program of tests/data/hostile takes to end under the limits TestHostile
// gives it, against its 2 s wall limit: how soon the sandbox stops a tree that overruns.
// A figure to watch, not a test: the time depends on the machine and how busy it is.

#include "sandbox/Sandbox.h"

#include <QCoreApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QTemporaryDir>
#include <QTextStream>

using namespace Unlocked;

namespace {

const char *limitName(LimitHit hit)
{
    switch (hit) {
    case LimitHit::None:
        return "none";
    case LimitHit::CpuTime:
        return "cpu time";
    case LimitHit::WallTime:
        return "wall time";
    case LimitHit::Memory:
        return "memory";
    case LimitHit::Processes:
        return "processes";
    case LimitHit::FileSize:
        return "file size";
    case LimitHit::Disk:
        return "disk";
    case LimitHit::OpenFiles:
        return "open files";
    case LimitHit::Output:
        return "output";
    }
    return "?";
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    QTextStream out(stdout);
    const IsolationSupport support = Sandbox::isolationSupport();
    if (!support.available) {
        out << "isolation unavailable: " << support.reason << "\n";
        return 1;
    }
    const QDir dir(QStringLiteral(UNLOCKED_SOURCE_DIR "/tests/data/hostile"));
    Limits limits; // as in TestHostile
    limits.wallSeconds = 2;
    limits.cpuSeconds = 2;
    limits.memoryBytes = 256ll << 20;
    limits.processes = 32;
    limits.fileSizeBytes = 8ll << 20;
    limits.diskBytes = 16ll << 20;
    limits.openFiles = 64;
    limits.outputBytes = 16 << 10;
    out << QStringLiteral("wall limit %1 s\n").arg(limits.wallSeconds);
    for (const QString &name : dir.entryList({QStringLiteral("*.py")}, QDir::Files, QDir::Name)) {
        QTemporaryDir work;
        if (!QFile::copy(dir.filePath(name), work.filePath(QStringLiteral("main.py"))))
            continue;
        RunSpec spec;
        spec.workDir = work.path();
        spec.interpreter = QStringLiteral("/usr/bin/python3");
        spec.arguments = {QStringLiteral("main.py")};
        spec.limits = limits;
        QElapsedTimer clock;
        clock.start();
        const RunOutcome outcome = Sandbox().run(spec);
        const double elapsed = clock.nsecsElapsed() / 1e9;
        out << QStringLiteral("%1 ended after %2 s (its own wall time %3 s), limit: %4\n")
                   .arg(name.leftJustified(26))
                   .arg(elapsed, 0, 'f', 2)
                   .arg(outcome.wallSeconds, 0, 'f', 2)
                   .arg(QLatin1String(limitName(outcome.limit)));
        out.flush();
    }
    return 0;
}
