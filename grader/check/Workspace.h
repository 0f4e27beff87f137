#pragma once

#include "pack/Pack.h"
#include "sandbox/Sandbox.h"
#include "sandbox/WorkDir.h"

#include <QJsonArray>
#include <QJsonValue>
#include <QList>
#include <QStringList>

#include <memory>

namespace Unlocked {

/** The result of calling a task's entry point on one argument list inside the sandbox. */
struct CallResult
{
    bool ok = false;
    QJsonValue value;
    QString error; // the exception, e.g. "ZeroDivisionError: division by zero"
    QString traceback;
};

/** All calls of one sandboxed run, plus what the run itself did. */
struct CallsOutcome
{
    RunOutcome run;
    QString failure;           // the module did not load, lacks the entry, or the run died
    QList<CallResult> results; // one per argument list when `failure` is empty
};

/**
 * A fresh work directory holding one program (the learner's, the reference or the baseline)
 * under the task's file name, and the ways to run it in the sandbox.
 */
class Workspace
{
public:
    Workspace(const Task &task, const Sandbox &sandbox, QString interpreter);

    /**
     * Writes the source into a new work directory, as `fileName` (default: the task's file
     * name); false with a reason when it cannot.
     */
    bool prepare(const QByteArray &source, QString *error, const QString &fileName = {});
    /** Cython tasks: compiles the .pyx in the sandbox; false with the compiler's messages. */
    bool build(QString *messages, int *line);

    /**
     * `summarize`: large results come back as shape, sum and samples (timing workloads).
     * `copies` > 1: that many processes make the same calls at once (the task's baseline only).
     * `wallLimit` > 0: the run is stopped after that many seconds, if the task allows more.
     */
    CallsOutcome call(const QList<QJsonArray> &argumentLists, bool summarize = false,
                      TimelineRecorder *timeline = nullptr, int copies = 1,
                      double wallLimit = 0.0) const;
    /**
     * Run of a function task: imports the file and prints each call of the entry point on
     * \a argumentLists with its result or traceback, streamed like runProgram().
     */
    RunOutcome showCalls(const QList<QJsonArray> &argumentLists, const OutputHandler &onOutput = {},
                         const std::atomic_bool *cancel = nullptr,
                         TimelineRecorder *timeline = nullptr) const;
    /** Runs the file as `python3 FILE`; streamed output comes a whole line at a time. */
    RunOutcome runProgram(const OutputHandler &onOutput = {},
                          const std::atomic_bool *cancel = nullptr,
                          TimelineRecorder *timeline = nullptr) const;

    /** Every later run of this workspace stops once \a cancel is set (null: never). */
    void setCancel(const std::atomic_bool *cancel) { m_cancel = cancel; }
    /** Every later run of this workspace may use only these CPUs (empty: all the grader's). */
    void setCpus(const QList<int> &cpus) { m_cpus = cpus; }

    QString dir() const;
    /**
     * Removes whatever earlier runs left in the work directory, keeping only what prepare() and
     * build() made: each timed run starts from the same files, so none can reuse another's
     * results.
     */
    void clearLeftovers() const;

private:
    RunSpec baseSpec() const;

    const Task &m_task;
    const Sandbox &m_sandbox;
    QString m_interpreter;
    QString m_fileName;
    std::unique_ptr<WorkDir> m_dir; // removed with everything the program left in it
    QStringList m_made;             // entries of the work directory after prepare() and build()
    const std::atomic_bool *m_cancel = nullptr;
    QList<int> m_cpus;
};

} // namespace Unlocked
