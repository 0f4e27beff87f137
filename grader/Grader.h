#pragma once

#include "measure/Calibration.h"
#include "measure/Scaling.h"
#include "pack/Pack.h"
#include "result/GradeResult.h"
#include "sandbox/Sandbox.h"
#include "timeline/Timeline.h"

#include <QHash>
#include <QJsonValue>
#include <QMutex>
#include <QString>

#include <atomic>
#include <functional>
#include <optional>

namespace Unlocked {

class Workspace;

struct GradeOptions
{
    QString interpreter;     // learner interpreter; empty = Paths::defaultPython()
    bool unisolated = false; // explicit opt-in to run without the sandbox
    bool measure = true;     // false: correctness checks only (quick feedback)
    int cores = 0;           // 0 = the grader's affinity mask
    double measureBudgetSeconds = 0.0;
    // Sized workloads: where calibrations are kept (empty = CalibrationCache::defaultPath()),
    // and whether to size them afresh even when one is kept (also $UNLOCKED_RECALIBRATE=1).
    QString calibrationCache;
    bool recalibrate = false;
};

/**
 * What a grade tells while it works, and how to stop it. Every member is optional; the
 * callbacks run on the grading thread. Only the task's declared checks are told.
 */
struct GradeProgress
{
    const std::atomic_bool *cancel = nullptr; // once set, the grade ends soon, cancelled
    std::function<void(const CheckSpec &)> checkStarted;
    std::function<void(const CheckResult &)> checkFinished;
    /** A measured check's figures so far, after each timed pair (or run). */
    std::function<void(const CheckSpec &, const Measurement &)> measured;

    bool cancelled() const { return cancel && cancel->load(); }
};

/** How `Grader::scale` measures: which core counts, how many pairs at each. */
struct ScaleOptions
{
    QList<int> coreCounts; // empty = scaleCoreCounts(the grader's CPUs)
    int pairs = 0;         // timed pairs at each count; 0 = 5
    const std::atomic_bool *cancel = nullptr;
    std::function<void(const ScalePoint &)> onPoint; // after each count, on the grading thread
};

/** One run of a measured check's timing workload, recorded thread by thread. */
struct WorkloadTimeline
{
    Timeline timeline;
    double wallSeconds = 0.0;
    double cpuSeconds = 0.0;
    QString error; // why there is none
};

/** The timelines of the solution and of the baseline on one workload. */
struct WorkloadTimelines
{
    QString checkName;
    qint64 workloadSize = 0;
    WorkloadTimeline solution;
    std::optional<WorkloadTimeline> baseline; // none for a check without a baseline
    QString error;                            // why neither was run
};

/**
 * Grades one solution of one task: Python's parser first, then correctness in the sandbox,
 * then (when correct) the measured checks. Never throws; every problem becomes a verdict.
 * Thread-safe; expected values computed from a task's reference are cached across calls.
 */
class Grader
{
public:
    explicit Grader(GradeOptions options = {});

    /** A grade stopped through \a progress comes back `cancelled`, with the checks it finished. */
    GradeResult grade(const Task &task, const QString &solutionPath,
                      const GradeProgress &progress = {}) const;
    GradeResult gradeSource(const Task &task, const QByteArray &source, const QString &displayName,
                            const GradeProgress &progress = {}) const;

    /**
     * Runs a learner's program as `python3 FILE` in a fresh sandbox work folder (FILE: the
     * task's file name) under the task's limits, the one way the app and the CLI run one. Whole
     * lines of its output reach \a onOutput as they come; \a cancel stops it; \a timeline, when
     * given, records what each of its threads did (timeline/Timeline.h). Blocks.
     * A function task's file is imported instead, and its entry point called on the visible
     * cases only, each call printed with its result or traceback.
     */
    RunOutcome run(const Task &task, const QByteArray &source, const OutputHandler &onOutput = {},
                   const std::atomic_bool *cancel = nullptr,
                   TimelineRecorder *timeline = nullptr) const;

    /**
     * Speedup by cores: the solution and the baseline of \a task's first speedup check, timed in
     * interleaved pairs on its (calibrated) workload with the runs' CPU affinity limited to 1, 2,
     * ... cores, with Amdahl's law fitted to the speedups. Blocks; checks nothing else.
     */
    ScaleResult scale(const Task &task, const QByteArray &source,
                      const ScaleOptions &options = {}) const;
    /**
     * One run each of the solution and of the baseline on \a task's first measured check's
     * workload (at the size kept from the last calibration, else the nominal), recorded as
     * timelines. Blocks.
     */
    WorkloadTimelines workloadTimelines(const Task &task, const QByteArray &source,
                                        const std::atomic_bool *cancel = nullptr) const;

    /** Whether learner code may run here at all (isolation, or the explicit opt-in). */
    IsolationSupport readiness() const;
    /** Whether this machine can isolate learner code; probed once per process. */
    static IsolationSupport isolationSupport();
    const GradeOptions &options() const { return m_options; }

    /** The most a graded source may hold; a larger file is refused, never cut short. */
    static constexpr qint64 kMaxSourceBytes = 16ll << 20;

private:
    /** Why the interpreter cannot start in the sandbox, or nothing when it can. */
    std::optional<QString> interpreterProblem() const;
    void runChecks(const Task &task, const QByteArray &source, const GradeProgress &progress,
                   GradeResult &result) const;
    CheckResult runCases(const Task &task, const CheckSpec &spec, const Workspace &solution,
                         const std::atomic_bool *cancel, TimelineRecorder *timeline) const;
    CheckResult runMeasured(const Task &task, const CheckSpec &spec, const QString &key,
                            const Workspace &solution, const GradeProgress &progress) const;
    /** The size of a sized workload on this machine: from the cache, else calibrated now. */
    Calibration calibration(const Task &task, const CheckSpec &spec, const QString &key,
                            const QByteArray &baselineSource, const Workspace &baseline,
                            const RunTimer &control, QString *cacheKey) const;
    struct SizedWorkload;
    /**
     * The workload of \a task's first parallel (or any measured) check, sized and with the
     * reference's results; \a baseline gets the baseline and \a control its start-up run.
     */
    SizedWorkload sizeWorkload(const Task &task, bool parallelOnly, Workspace &baseline,
                               const std::atomic_bool *cancel, RunTimer *control) const;
    /** Why the solution cannot be timed here (no isolation, no interpreter, no build). */
    std::optional<QString> prepareSolution(const Task &task, const QByteArray &source,
                                           Workspace &solution) const;
    /**
     * Times one run of \a workspace on \a workload, its results checked against \a expected.
     * A run stopped at \a wallLimit (when under the task's own limit; 0 = none) is
     * stoppedAtLimit, not failed.
     */
    static TimedRun timeWorkload(const Task &task, const Workspace &workspace,
                                 const QJsonArray &workload, const QJsonValue &expected,
                                 double tolerance, TimelineRecorder *timeline = nullptr,
                                 double wallLimit = 0.0);
    /** Expected results of the reference for these argument lists; empty + error on failure. */
    QList<QJsonValue> referenceValues(const Task &task, const QString &key,
                                      const QList<QJsonArray> &args, bool summarize, QString *error,
                                      const std::atomic_bool *cancel = nullptr) const;

    GradeOptions m_options;
    Sandbox m_sandbox;
    mutable QMutex m_cacheMutex;
    mutable QHash<QString, QList<QJsonValue>> m_referenceCache;
    mutable bool m_interpreterStarts = false; // once seen, not asked again; under m_cacheMutex
    mutable QMutex m_calibrationMutex;        // one calibration at a time: they time the machine
};

} // namespace Unlocked
