#pragma once

#include "Limits.h"

#include <QByteArray>
#include <QString>
#include <QStringList>

#include <atomic>
#include <functional>

namespace Unlocked {

class TimelineRecorder;

enum class LimitHit
{
    None,
    CpuTime,
    WallTime,
    Memory,
    Processes,
    FileSize,
    Disk,
    OpenFiles,
    Output
};

/** The limit in a learner's words: "your program used more than 1 GiB of memory". */
QString limitMessage(LimitHit hit, const Limits &limits);

enum class OutputStream
{
    Stdout,
    Stderr
};

using OutputHandler = std::function<void(OutputStream, const QByteArray &)>;

/**
 * One program to run. Paths are host paths; the sandbox decides where they appear inside: when
 * isolated, workDir is /work (the cwd and HOME) and pythonPath[i] is /run/unlocked/path<i>.
 */
struct RunSpec
{
    QString workDir;         // holds only the learner's files; the run's writable cwd
    QString interpreter;     // host path of python3 (argv[0])
    QStringList arguments;   // after the interpreter, relative to workDir: {"solution.py"}
    QStringList pythonPath;  // read-only host dirs put on PYTHONPATH (runtime helpers, native)
    QStringList environment; // extra "NAME=value" entries
    QByteArray stdinData;
    Limits limits;
    OutputHandler onOutput;                   // streaming, optional
    const std::atomic_bool *cancel = nullptr; // set to stop the run (counts as no limit hit)
    // When set, every thread of the tree is sampled from outside into it, once an interval.
    TimelineRecorder *timeline = nullptr;
    // When not empty, the tree may run only on these CPUs (its affinity), e.g. to measure a
    // speedup by cores. The program could widen it again itself: a measurement aid, not a limit.
    QList<int> cpus;
};

struct RunOutcome
{
    bool started = false; // false: the sandbox could not start the program, see `failure`
    QString failure;
    int exitCode = -1; // when the program exited
    int signal = 0;    // when it was killed by a signal
    LimitHit limit = LimitHit::None;
    bool cancelled = false;
    QByteArray out; // head of stdout, at most limits.outputBytes
    QByteArray err;
    qint64 outDropped = 0; // bytes cut from each stream
    qint64 errDropped = 0;
    double wallSeconds = 0.0; // exec of the tree's root to the death of its last process
    double cpuSeconds = 0.0;  // user + system of the whole tree
    bool isolated = true;

    bool succeeded() const
    {
        return started && limit == LimitHit::None && exitCode == 0 && !cancelled;
    }
};

/** Whether this machine can isolate learner code, and why not when it cannot. */
struct IsolationSupport
{
    bool available = false;
    QString reason;
};

/**
 * Runs learner programs as isolated, limited, killable process trees (bubblewrap, cgroups,
 * seccomp). Unisolated mode exists only for an explicit user opt-in; its results say so.
 */
class Sandbox
{
public:
    enum class Mode
    {
        Isolated,
        Unisolated
    };

    explicit Sandbox(Mode mode = Mode::Isolated);
    Mode mode() const { return m_mode; }

    static IsolationSupport isolationSupport();

    /** Blocks until the whole tree is gone. Thread-safe: runs may proceed in parallel. */
    RunOutcome run(const RunSpec &spec) const;

private:
    Mode m_mode;
};

} // namespace Unlocked
