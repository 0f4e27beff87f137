// Prints what the sandbox adds to the start and end of a run: the median of N runs of
// `python3 -c pass` started bare (posix_spawn + wait) and through Sandbox::run, isolated and not.

#include "sandbox/Sandbox.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QTemporaryDir>
#include <QTextStream>

#include <algorithm>
#include <spawn.h>
#include <sys/wait.h>
#include <vector>

using namespace Unlocked;

extern char **environ;

namespace {

double median(std::vector<double> values)
{
    std::sort(values.begin(), values.end());
    return values[values.size() / 2];
}

double bareRun(const char *python)
{
    QElapsedTimer clock;
    clock.start();
    char *argv[] = {const_cast<char *>(python), const_cast<char *>("-c"),
                    const_cast<char *>("pass"), nullptr};
    pid_t pid = 0;
    if (posix_spawn(&pid, python, nullptr, nullptr, argv, environ) != 0)
        return 0.0;
    int status = 0;
    waitpid(pid, &status, 0);
    return clock.nsecsElapsed() / 1e6;
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    QTextStream out(stdout);
    const int runs = argc > 1 ? qMax(3, atoi(argv[1])) : 30;
    const char *python = "/usr/bin/python3";

    const IsolationSupport support = Sandbox::isolationSupport(); // probed once, not timed
    if (!support.available)
        out << "isolation unavailable: " << support.reason << "\n";
    QTemporaryDir dir;
    RunSpec spec;
    spec.workDir = dir.path();
    spec.interpreter = QString::fromLatin1(python);
    spec.arguments = {QStringLiteral("-c"), QStringLiteral("pass")};

    std::vector<double> bare, isolated, unisolated, reported;
    for (int i = 0; i < runs; ++i) { // interleaved, so that drift on a busy machine hits all alike
        bare.push_back(bareRun(python));
        if (support.available) {
            QElapsedTimer clock;
            clock.start();
            const RunOutcome outcome = Sandbox(Sandbox::Mode::Isolated).run(spec);
            isolated.push_back(clock.nsecsElapsed() / 1e6);
            reported.push_back(outcome.wallSeconds * 1e3);
            if (!outcome.succeeded()) {
                out << "isolated run failed: " << outcome.failure << outcome.err << "\n";
                return 1;
            }
        }
        QElapsedTimer clock;
        clock.start();
        Sandbox(Sandbox::Mode::Unisolated).run(spec);
        unisolated.push_back(clock.nsecsElapsed() / 1e6);
    }
    const double b = median(bare);
    out << QStringLiteral("runs: %1 of `python3 -c pass`\n").arg(runs);
    out << QStringLiteral("bare:       %1 ms (median)\n").arg(b, 0, 'f', 1);
    if (!isolated.empty()) {
        const double s = median(isolated);
        out << QStringLiteral("isolated:   %1 ms (median), %2x, +%3 ms\n")
                   .arg(s, 0, 'f', 1)
                   .arg(s / b, 0, 'f', 2)
                   .arg(s - b, 0, 'f', 1);
        const double r = median(reported);
        out << QStringLiteral("  its wallSeconds (from the exec of bwrap): %1 ms, +%2 ms\n")
                   .arg(r, 0, 'f', 1)
                   .arg(r - b, 0, 'f', 1);
    }
    const double u = median(unisolated);
    out << QStringLiteral("unisolated: %1 ms (median), %2x, +%3 ms\n")
               .arg(u, 0, 'f', 1)
               .arg(u / b, 0, 'f', 2)
               .arg(u - b, 0, 'f', 1);
    return 0;
}
