// The grader's measurements beside grading: speedup by cores, and one recorded run of a
// measured check's workload. Both size and check the workload exactly as grading does.
#include "Grader.h"

#include "check/Workspace.h"
#include "measure/SpeedupStatistics.h"
#include "measure/Workload.h"

#include <QFile>
#include <QFileInfo>

#include <algorithm>

#include <sched.h>

namespace Unlocked {

namespace {

// The level of the measured checks' intervals (measure/MeasuredCheck.cpp).
constexpr double kConfidence = 0.85;
constexpr int kDefaultPairs = 5;

QList<int> allowedCpus()
{
    QList<int> cpus;
    cpu_set_t set;
    CPU_ZERO(&set);
    if (sched_getaffinity(0, sizeof(set), &set) == 0)
        for (int cpu = 0; cpu < CPU_SETSIZE; ++cpu)
            if (CPU_ISSET(cpu, &set))
                cpus.append(cpu);
    return cpus;
}

RunSample sampleOf(const TimedRun &run)
{
    return {run.wallSeconds, run.cpuSeconds};
}

} // namespace

/** What both measurements need before they time anything; `error` when it cannot be had. */
struct Grader::SizedWorkload
{
    int checkIndex = -1;
    QJsonArray workload;
    QJsonValue expected;
    double tolerance = 0.0;
    qint64 size = 0;
    double fixedSeconds = 0.0;
    bool hasBaseline = false;
    QString error;
};

Grader::SizedWorkload Grader::sizeWorkload(const Task &task, bool parallelOnly, Workspace &baseline,
                                           const std::atomic_bool *cancel, RunTimer *control) const
{
    SizedWorkload w;
    for (qsizetype i = 0; i < task.checks.size() && w.checkIndex < 0; ++i) {
        const CheckKind kind = task.checks[i].kind;
        if (parallelOnly ? kind == CheckKind::ParallelSpeedup : isMeasured(kind))
            w.checkIndex = int(i);
    }
    if (w.checkIndex < 0 || task.kind != TaskKind::Function) {
        w.error = parallelOnly
                      ? QStringLiteral("task %1 has no parallel speedup check").arg(task.id)
                      : QStringLiteral("task %1 has no measured check").arg(task.id);
        return w;
    }
    const CheckSpec &spec = task.checks[w.checkIndex];
    const QString key = QStringLiteral("measure-%1").arg(w.checkIndex);
    w.workload = spec.workload;
    QByteArray baselineSource;
    w.hasBaseline = spec.kind != CheckKind::Concurrency;
    if (w.hasBaseline) {
        QFile file(task.baselinePath);
        const QString fileName =
            task.moduleName() + QLatin1Char('.') + QFileInfo(task.baselinePath).suffix();
        if (!task.baselinePath.isEmpty() && file.open(QIODevice::ReadOnly))
            baselineSource = file.readAll();
        if (task.baselinePath.isEmpty() || !file.isOpen() ||
            !baseline.prepare(baselineSource, &w.error, fileName)) {
            w.error = QStringLiteral("the pack's baseline cannot be used: %1")
                          .arg(w.error.isEmpty() ? file.errorString() : w.error);
            return w;
        }
        *control = [&baseline] {
            const CallsOutcome calls = baseline.call({}, true);
            TimedRun run;
            run.wallSeconds = calls.run.wallSeconds;
            run.cpuSeconds = calls.run.cpuSeconds;
            run.error = calls.failure;
            run.ok = run.error.isEmpty();
            return run;
        };
    }
    if (spec.workloadSize.isSized() && w.hasBaseline) {
        QString cacheKey;
        const Calibration sized =
            calibration(task, spec, key, baselineSource, baseline, *control, &cacheKey);
        if (!sized.ok()) {
            w.error = QStringLiteral("the workload could not be sized for this computer: %1")
                          .arg(sized.error);
            return w;
        }
        w.workload = workloadAt(spec.workload, sized.size);
        w.size = sized.size;
        w.fixedSeconds = sized.fixedSeconds;
    }
    const QString referenceKey = w.size ? QStringLiteral("%1@%2").arg(key).arg(w.size) : key;
    const QList<QJsonValue> expected =
        referenceValues(task, referenceKey, {w.workload}, true, &w.error, cancel);
    if (expected.isEmpty())
        return w;
    w.expected = expected.first();
    w.tolerance = spec.tolerance;
    for (const CheckSpec &c : task.checks)
        if (w.tolerance == 0.0 && c.kind == CheckKind::Cases)
            w.tolerance = c.tolerance;
    return w;
}

std::optional<QString> Grader::prepareSolution(const Task &task, const QByteArray &source,
                                               Workspace &solution) const
{
    if (const IsolationSupport ready = readiness(); !ready.available)
        return QStringLiteral("learner code cannot run isolated on this machine: %1")
            .arg(ready.reason);
    if (const std::optional<QString> problem = interpreterProblem())
        return problem;
    QString error;
    if (!solution.prepare(source, &error))
        return error;
    int line = 0;
    if (task.isCython() && !solution.build(&error, &line))
        return QStringLiteral("your file does not build: %1").arg(error);
    return std::nullopt;
}

ScaleResult Grader::scale(const Task &task, const QByteArray &source,
                          const ScaleOptions &options) const
{
    ScaleResult result;
    result.taskId = task.id;
    result.taskTitle = task.title;
    result.file = task.solutionFile;
    result.isolated = !m_options.unisolated;
    const QList<int> cpus = allowedCpus();
    result.maxCores =
        m_options.cores > 0 ? std::min<int>(m_options.cores, int(cpus.size())) : int(cpus.size());
    Workspace solution(task, m_sandbox, m_options.interpreter);
    Workspace baseline(task, m_sandbox, m_options.interpreter);
    solution.setCancel(options.cancel);
    baseline.setCancel(options.cancel);
    if (const auto problem = prepareSolution(task, source, solution)) {
        result.error = *problem;
        return result;
    }
    RunTimer control;
    const SizedWorkload w = sizeWorkload(task, true, baseline, options.cancel, &control);
    if (!w.error.isEmpty()) {
        result.error = w.error;
        return result;
    }
    result.checkName = task.checks[w.checkIndex].name;
    result.workloadSize = w.size;
    result.fixedSeconds = w.fixedSeconds;

    QList<int> counts =
        options.coreCounts.isEmpty() ? scaleCoreCounts(result.maxCores) : options.coreCounts;
    const int pairs = options.pairs > 0 ? options.pairs : kDefaultPairs;
    for (int n : counts) {
        if (n < 1 || n > result.maxCores)
            continue;
        if (options.cancel && options.cancel->load())
            break;
        const QList<int> chosen = cpus.mid(0, n);
        solution.setCpus(chosen);
        baseline.setCpus(chosen);
        SpeedupStatistics stats(kConfidence);
        stats.setFixedCostPrior(w.fixedSeconds);
        ScalePoint point;
        point.cores = n;
        for (int k = 0; k < pairs && point.error.isEmpty(); ++k) {
            if (options.cancel && options.cancel->load()) {
                point.error = QStringLiteral("cancelled");
                break;
            }
            PairSample pair;
            // Alternating the order keeps a drift of the machine from favouring one side.
            for (int side = 0; side < 2; ++side) {
                const bool solutionNow = (side == 0) == (k % 2 == 0);
                const TimedRun run = timeWorkload(task, solutionNow ? solution : baseline,
                                                  w.workload, w.expected, w.tolerance);
                if (!run.ok) {
                    point.error = solutionNow
                                      ? run.error
                                      : QStringLiteral("the baseline failed: %1").arg(run.error);
                    break;
                }
                (solutionNow ? pair.solution : pair.baseline) = sampleOf(run);
            }
            if (control && point.error.isEmpty())
                if (const TimedRun c = control(); c.ok)
                    pair.control = sampleOf(c);
            if (point.error.isEmpty())
                stats.add(pair);
        }
        if (point.error.isEmpty() && stats.pairs() > 0) {
            const MedianInterval speedup = stats.speedup();
            point.pairs = stats.pairs();
            point.speedup = speedup.median;
            if (speedup.valid) {
                point.low = speedup.low;
                point.high = speedup.high;
            }
            point.baselineSeconds = stats.baselineWall();
            point.solutionSeconds = stats.solutionWall();
            point.utilization = stats.solutionUtilization();
            result.fixedSeconds = stats.fixedCost();
        }
        result.points.append(point);
        if (options.onPoint)
            options.onPoint(point);
    }
    result.fit = fitAmdahl(result.points);
    return result;
}

WorkloadTimelines Grader::workloadTimelines(const Task &task, const QByteArray &source,
                                            const std::atomic_bool *cancel) const
{
    WorkloadTimelines result;
    Workspace solution(task, m_sandbox, m_options.interpreter);
    Workspace baseline(task, m_sandbox, m_options.interpreter);
    solution.setCancel(cancel);
    baseline.setCancel(cancel);
    if (const auto problem = prepareSolution(task, source, solution)) {
        result.error = *problem;
        return result;
    }
    RunTimer control;
    const SizedWorkload w = sizeWorkload(task, false, baseline, cancel, &control);
    if (!w.error.isEmpty()) {
        result.error = w.error;
        return result;
    }
    result.checkName = task.checks[w.checkIndex].name;
    result.workloadSize = w.size;
    auto record = [&](const Workspace &workspace) {
        WorkloadTimeline shown;
        TimelineRecorder recorder;
        const TimedRun run =
            timeWorkload(task, workspace, w.workload, w.expected, w.tolerance, &recorder);
        shown.timeline = recorder.timeline();
        shown.wallSeconds = run.wallSeconds;
        shown.cpuSeconds = run.cpuSeconds;
        shown.error = run.error;
        return shown;
    };
    result.solution = record(solution);
    if (w.hasBaseline)
        result.baseline = record(baseline);
    return result;
}

} // namespace Unlocked
