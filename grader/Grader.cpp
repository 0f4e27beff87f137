#include "Grader.h"

#include "Paths.h"
#include "TextEncoding.h"
#include "analysis/PythonAnalyzer.h"
#include "analysis/StaticCheck.h"
#include "check/CorrectnessChecks.h"
#include "check/ObservedCheck.h"
#include "check/ValueCompare.h"
#include "check/Workspace.h"
#include "measure/CalibrationCache.h"
#include "measure/MeasuredCheck.h"
#include "measure/Workload.h"
#include "sandbox/ProbeCache.h"
#include "timeline/Timeline.h"

#include <QCryptographicHash>
#include <QDateTime>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>
#include <QTemporaryDir>

namespace Unlocked {

namespace {

// How often an observed check's runs are sampled: short enough to see a worker process that
// lives a few milliseconds, long enough that sampling takes little of the machine.
constexpr double kObserveIntervalSeconds = 0.002;

CheckResult checkResult(const QString &name, CheckKind kind, Verdict verdict,
                        const QString &message)
{
    CheckResult r;
    r.name = name;
    r.kind = kind;
    r.verdict = verdict;
    r.message = message;
    return r;
}

} // namespace

Grader::Grader(GradeOptions options)
    : m_options(std::move(options)),
      m_sandbox(m_options.unisolated ? Sandbox::Mode::Unisolated : Sandbox::Mode::Isolated)
{
    if (m_options.interpreter.isEmpty())
        m_options.interpreter = Paths::defaultPython();
}

IsolationSupport Grader::readiness() const
{
    if (m_options.unisolated)
        return {true, QStringLiteral("running without isolation, as asked")};
    return Sandbox::isolationSupport();
}

IsolationSupport Grader::isolationSupport()
{
    return Sandbox::isolationSupport();
}

RunOutcome Grader::run(const Task &task, const QByteArray &source, const OutputHandler &onOutput,
                       const std::atomic_bool *cancel, TimelineRecorder *timeline) const
{
    Workspace workspace(task, m_sandbox, m_options.interpreter);
    RunOutcome outcome;
    if (!workspace.prepare(source, &outcome.failure)) {
        outcome.isolated = !m_options.unisolated;
        return outcome;
    }
    if (task.kind == TaskKind::Function && !task.entry.isEmpty())
        return workspace.showCalls(task.visibleArguments(), onOutput, cancel, timeline);
    return workspace.runProgram(onOutput, cancel, timeline);
}

GradeResult Grader::grade(const Task &task, const QString &solutionPath,
                          const GradeProgress &progress) const
{
    QFile file(solutionPath);
    if (!file.open(QIODevice::ReadOnly)) {
        GradeResult result;
        result.taskId = task.id;
        result.taskTitle = task.title;
        result.file = solutionPath;
        result.verdict = Verdict::Error;
        result.message = QStringLiteral("cannot read %1: %2").arg(solutionPath, file.errorString());
        return result;
    }
    // One byte more than the limit, so that runChecks sees a file that is too large as such.
    return gradeSource(task, file.read(kMaxSourceBytes + 1), solutionPath, progress);
}

GradeResult Grader::gradeSource(const Task &task, const QByteArray &source,
                                const QString &displayName, const GradeProgress &progress) const
{
    QElapsedTimer timer;
    timer.start();
    GradeResult result;
    result.taskId = task.id;
    result.taskTitle = task.title;
    result.file = displayName;
    result.isolated = !m_options.unisolated;
    if (const IsolationSupport ready = readiness(); !ready.available) {
        result.verdict = Verdict::Error;
        result.message = QStringLiteral("learner code cannot run isolated on this machine: %1. "
                                        "To run it anyway, without isolation, opt in with "
                                        "--unisolated.")
                             .arg(ready.reason);
    } else if (const std::optional<QString> problem = interpreterProblem()) {
        // The set-up is at fault, not the learner: nothing of the solution was tried.
        result.verdict = Verdict::Error;
        result.message = *problem;
    } else {
        runChecks(task, source, progress, result);
        if (result.cancelled) {
            result.verdict = Verdict::Inconclusive;
            result.message = QStringLiteral("grading was cancelled before it finished");
        } else {
            result.finish();
        }
    }
    result.seconds = timer.nsecsElapsed() / 1e9;
    return result;
}

std::optional<QString> Grader::interpreterProblem() const
{
    {
        QMutexLocker lock(&m_cacheMutex);
        if (m_interpreterStarts)
            return std::nullopt;
    }
    const QString check =
        QStringLiteral("interpreter-") +
        QString::fromLatin1(QCryptographicHash::hash(QFile::encodeName(m_options.interpreter),
                                                     QCryptographicHash::Sha1)
                                .toHex()
                                .left(16));
    const QByteArray key = ProbeCache::machineKey() + ' ' +
                           ProbeCache::fileKey(m_options.interpreter) +
                           (m_options.unisolated ? " unisolated" : " isolated");
    if (ProbeCache::passed(check, key)) {
        QMutexLocker lock(&m_cacheMutex);
        m_interpreterStarts = true;
        return std::nullopt;
    }
    QTemporaryDir work(QDir::tempPath() + QLatin1String("/unlocked-probe-XXXXXX"));
    RunSpec spec;
    spec.workDir = work.path();
    spec.interpreter = m_options.interpreter;
    spec.arguments = {QStringLiteral("-c"), QStringLiteral("pass")};
    QString why;
    if (!work.isValid()) {
        why = QStringLiteral("cannot create a work directory: %1").arg(work.errorString());
    } else {
        const RunOutcome run = m_sandbox.run(spec);
        if (run.succeeded()) {
            ProbeCache::rememberPass(check, key);
            QMutexLocker lock(&m_cacheMutex);
            m_interpreterStarts = true;
            return std::nullopt;
        }
        why = !run.failure.isEmpty() ? run.failure
              : !run.err.trimmed().isEmpty()
                  ? QString::fromUtf8(run.err.trimmed().left(400))
                  : QStringLiteral("it ended with exit code %1").arg(run.exitCode);
    }
    return QStringLiteral("the Python interpreter %1 cannot be started%2: %3. Your solution "
                          "was not tried; the set-up must be fixed: use a Python that every user "
                          "of this machine may run, for example /usr/bin/python3 (with "
                          "unlocked-cli: --python PATH).")
        .arg(m_options.interpreter,
             m_options.unisolated ? QString() : QStringLiteral(" in the sandbox"), why);
}

void Grader::runChecks(const Task &task, const QByteArray &source, const GradeProgress &progress,
                       GradeResult &result) const
{
    const QString sourceCheck = QStringLiteral("Source file");
    if (source.size() > kMaxSourceBytes) {
        result.checks.append(checkResult(sourceCheck, CheckKind::Static, Verdict::Failed,
                                         QStringLiteral("your file is larger than %1 MiB, more "
                                                        "than the grader reads: make it smaller")
                                             .arg(kMaxSourceBytes >> 20)));
        return;
    }
    if (source.trimmed().isEmpty()) {
        result.checks.append(checkResult(sourceCheck, CheckKind::Static, Verdict::Failed,
                                         QStringLiteral("your file is empty")));
        return;
    }
    if (const int line = firstInvalidUtf8Line(source); line > 0) {
        CheckResult r = checkResult(sourceCheck, CheckKind::Static, Verdict::Failed,
                                    QStringLiteral("line %1 is not UTF-8 text: save your file as "
                                                   "UTF-8")
                                        .arg(line));
        r.line = line;
        result.checks.append(r);
        return;
    }
    const SourceFacts facts = PythonAnalyzer::analyze(QString::fromUtf8(source), task.solutionFile);
    if (const auto syntax = syntaxCheck(facts)) {
        result.checks.append(*syntax);
        return;
    }

    Workspace solution(task, m_sandbox, m_options.interpreter);
    solution.setCancel(progress.cancel);
    QString error;
    if (!solution.prepare(source, &error)) {
        result.checks.append(checkResult(sourceCheck, CheckKind::Static, Verdict::Error, error));
        return;
    }
    if (task.isCython()) {
        int line = 0;
        if (!solution.build(&error, &line)) {
            if (progress.cancelled()) {
                result.cancelled = true;
                return;
            }
            CheckResult r = checkResult(QStringLiteral("Cython build"), CheckKind::Static,
                                        Verdict::Failed, error);
            r.line = line;
            result.checks.append(r);
            return;
        }
    }

    // Each declared check is told as it starts and ends. One cut short by a cancel is not
    // kept: its verdict would be about the cancel, not about the solution.
    auto told = [&](const CheckSpec &spec, const std::function<CheckResult()> &check) {
        if (progress.cancelled())
            return false;
        if (progress.checkStarted)
            progress.checkStarted(spec);
        CheckResult r = check();
        if (progress.cancelled())
            return false;
        if (progress.checkFinished)
            progress.checkFinished(r);
        result.checks.append(std::move(r));
        return true;
    };
    // Observed checks judge the threads and processes seen while the correctness checks ran.
    const bool watch =
        std::any_of(task.checks.cbegin(), task.checks.cend(),
                    [](const CheckSpec &c) { return c.kind == CheckKind::Observed; });
    TreeObservation seen;
    for (const CheckSpec &spec : task.checks) {
        if (isMeasured(spec.kind))
            continue;
        const bool done = told(spec, [&] {
            if (spec.kind == CheckKind::Static)
                return runStaticCheck(spec, facts);
            if (spec.kind == CheckKind::Observed)
                return runObservedCheck(spec, seen);
            std::optional<TimelineRecorder> recorder;
            if (watch)
                recorder.emplace(kObserveIntervalSeconds);
            TimelineRecorder *timeline = recorder ? &*recorder : nullptr;
            CheckResult r = spec.kind == CheckKind::Output
                                ? runOutputCheck(spec, task, solution, timeline)
                                : runCases(task, spec, solution, progress.cancel, timeline);
            if (recorder)
                seen.add(recorder->timeline(), graderProcessNames());
            return r;
        });
        if (!done) {
            result.cancelled = true;
            return;
        }
    }

    const bool correct =
        std::all_of(result.checks.cbegin(), result.checks.cend(),
                    [](const CheckResult &c) { return c.verdict == Verdict::Passed; });
    for (qsizetype i = 0; i < task.checks.size(); ++i) {
        const CheckSpec &spec = task.checks[i];
        if (!isMeasured(spec.kind))
            continue;
        const bool done = told(spec, [&] {
            if (!m_options.measure) {
                CheckResult r = checkResultFor(spec, Verdict::Inconclusive,
                                               QStringLiteral("not measured (measurement was "
                                                              "turned off)"));
                r.headline = QStringLiteral("Measurement was turned off.");
                return r;
            }
            if (!correct)
                return checkResultFor(spec, Verdict::Failed,
                                      QStringLiteral("not measured: your solution must pass "
                                                     "the checks above first"));
            return runMeasured(task, spec, QStringLiteral("measure-%1").arg(i), solution, progress);
        });
        if (!done) {
            result.cancelled = true;
            return;
        }
    }
}

CheckResult Grader::runCases(const Task &task, const CheckSpec &spec, const Workspace &solution,
                             const std::atomic_bool *cancel, TimelineRecorder *timeline) const
{
    QList<QJsonArray> args;
    QList<QJsonValue> expected;
    bool needReference = false;
    for (const TestCase &c : task.cases) {
        args.append(c.args);
        expected.append(c.expected.value_or(QJsonValue()));
        needReference = needReference || !c.expected.has_value();
    }
    if (needReference) {
        QString error;
        const QList<QJsonValue> fromReference =
            referenceValues(task, QStringLiteral("cases"), args, false, &error, cancel);
        if (fromReference.isEmpty())
            return checkResultFor(spec, Verdict::Error, error);
        for (qsizetype i = 0; i < task.cases.size(); ++i)
            if (!task.cases[i].expected)
                expected[i] = fromReference[i];
    }
    return runCasesCheck(spec, task, solution, expected, timeline);
}

namespace {

TimedRun timedRun(const CallsOutcome &calls)
{
    TimedRun timed;
    timed.wallSeconds = calls.run.wallSeconds;
    timed.cpuSeconds = calls.run.cpuSeconds;
    timed.error = calls.failure;
    timed.ok = timed.error.isEmpty();
    return timed;
}

QString fileStamp(const QString &path)
{
    const QFileInfo info(path);
    const QString real = info.canonicalFilePath();
    const QFileInfo target(real.isEmpty() ? path : real);
    return QStringLiteral("%1 %2 %3")
        .arg(target.absoluteFilePath())
        .arg(target.lastModified().toMSecsSinceEpoch())
        .arg(target.size());
}

bool recalibrationAsked()
{
    const QByteArray value = qgetenv("UNLOCKED_RECALIBRATE");
    return !value.isEmpty() && value != "0";
}

} // namespace

Calibration Grader::calibration(const Task &task, const CheckSpec &spec, const QString &key,
                                const QByteArray &baselineSource, const Workspace &baseline,
                                const RunTimer &control, QString *cacheKey) const
{
    const WorkloadSize &range = spec.workloadSize;
    *cacheKey = calibrationKey(
        {QStringLiteral("calibration 1"), QDir(task.dir).canonicalPath(), task.id, key,
         QString::fromUtf8(QJsonDocument(spec.workload).toJson(QJsonDocument::Compact)),
         QStringLiteral("%1 %2 %3 %4")
             .arg(range.min)
             .arg(range.max)
             .arg(range.nominal)
             .arg(workloadTargetSeconds(spec)),
         QString::fromLatin1(
             QCryptographicHash::hash(baselineSource, QCryptographicHash::Sha256).toHex()),
         fileStamp(m_options.interpreter), CalibrationCache::machineDescription(),
         m_options.unisolated ? QStringLiteral("unisolated") : QStringLiteral("sandboxed")});
    CalibrationCache cache(m_options.calibrationCache);
    // Two gradings of one task (batch --jobs) must not time the machine against each other.
    QMutexLocker lock(&m_calibrationMutex);
    if (!m_options.recalibrate && !recalibrationAsked())
        if (const auto kept = cache.find(*cacheKey))
            return *kept;
    const SizedRunTimer timer = [&spec, &baseline](qint64 size) {
        const CallsOutcome calls = baseline.call({workloadAt(spec.workload, size)}, true);
        TimedRun timed = timedRun(calls);
        if (timed.ok && !calls.results.first().ok) {
            timed.ok = false;
            timed.error = calls.results.first().error;
        }
        return timed;
    };
    const Calibration c = calibrateWorkload(range, workloadTargetSeconds(spec), timer, control);
    if (c.ok())
        cache.store(*cacheKey, c,
                    QStringLiteral("%1 / %2 on %3")
                        .arg(task.id, spec.name, CalibrationCache::machineDescription()));
    return c;
}

CheckResult Grader::runMeasured(const Task &task, const CheckSpec &spec, const QString &key,
                                const Workspace &solution, const GradeProgress &progress) const
{
    if (task.kind != TaskKind::Function)
        return checkResultFor(
            spec, Verdict::Error,
            QStringLiteral("the pack declares a measured check on a program task"));
    QString error;
    Workspace baseline(task, m_sandbox, m_options.interpreter);
    baseline.setCancel(progress.cancel);
    QByteArray baselineSource;
    RunTimer control;
    if (spec.kind != CheckKind::Concurrency) {
        QFile file(task.baselinePath);
        // A Cython task's baseline is plain Python under the same module name.
        const QString fileName =
            task.moduleName() + QLatin1Char('.') + QFileInfo(task.baselinePath).suffix();
        if (!task.baselinePath.isEmpty() && file.open(QIODevice::ReadOnly))
            baselineSource = file.readAll();
        if (task.baselinePath.isEmpty() || !file.isOpen() ||
            !baseline.prepare(baselineSource, &error, fileName))
            return checkResultFor(spec, Verdict::Error,
                                  QStringLiteral("the pack's baseline cannot be used: %1")
                                      .arg(error.isEmpty() ? file.errorString() : error));
        // No calls: the interpreter starts, the harness imports the baseline and its imports
        // (NumPy, say) and returns. What both sides pay before any work is done.
        control = [&baseline] { return timedRun(baseline.call({}, true)); };
    }

    MeasureOptions options;
    options.cores = m_options.cores;
    options.budgetSeconds = m_options.measureBudgetSeconds;
    options.control = control;
    if (progress.measured)
        options.onProgress = [&](const Measurement &m) { progress.measured(spec, m); };
    QJsonArray workload = spec.workload;
    QString cacheKey;
    std::optional<Calibration> sized;
    if (spec.workloadSize.isSized() && spec.kind != CheckKind::Concurrency) {
        sized = calibration(task, spec, key, baselineSource, baseline, control, &cacheKey);
        if (!sized->ok())
            return checkResultFor(spec, Verdict::Error,
                                  QStringLiteral("the pack's workload could not be sized for "
                                                 "this computer: %1")
                                      .arg(sized->error));
        workload = workloadAt(spec.workload, sized->size);
        options.baselineSeconds = sized->baselineSeconds;
        options.fixedSecondsPrior = sized->fixedSeconds;
        options.workloadSize = sized->size;
    }

    const QString referenceKey = sized ? QStringLiteral("%1@%2").arg(key).arg(sized->size) : key;
    const QList<QJsonValue> expected =
        referenceValues(task, referenceKey, {workload}, true, &error, progress.cancel);
    if (expected.isEmpty())
        return checkResultFor(spec, Verdict::Error, error);

    // Floats of the timing workload are compared as the cases compare them: a loop baseline
    // and a vectorised reference round differently in the last digits.
    double tolerance = spec.tolerance;
    for (const CheckSpec &c : task.checks)
        if (tolerance == 0.0 && c.kind == CheckKind::Cases)
            tolerance = c.tolerance;
    auto timerOf = [&task, tolerance, expected, workload](const Workspace &workspace) {
        return [&task, tolerance, expected, workload, &workspace](double wallLimit) {
            return timeWorkload(task, workspace, workload, expected.first(), tolerance, nullptr,
                                wallLimit);
        };
    };
    RunTimer baselineTimer;
    if (spec.kind != CheckKind::Concurrency)
        baselineTimer = [timer = timerOf(baseline)] { return timer(0.0); };
    if (spec.kind == CheckKind::ParallelSpeedup)
        options.baselineCopies = [&baseline, &workload](int copies) {
            baseline.clearLeftovers();
            return timedRun(baseline.call({workload}, true, nullptr, copies));
        };
    CheckResult result = runMeasuredCheck(spec, baselineTimer, timerOf(solution), options);

    // A size kept from a calmer (or busier) day that no longer gives the baseline anything like
    // its target time is dropped, so the next grading sizes the work afresh.
    if (sized && sized->fromCache && !sized->atLimit && result.measurement &&
        result.measurement->pairs > 0) {
        const double net = result.measurement->baselineMedian - result.measurement->fixedSeconds;
        const double target = workloadTargetSeconds(spec);
        if (net < target / 2 || net > target * 2)
            CalibrationCache(m_options.calibrationCache).remove(cacheKey);
    }
    return result;
}

TimedRun Grader::timeWorkload(const Task &task, const Workspace &workspace,
                              const QJsonArray &workload, const QJsonValue &expected,
                              double tolerance, TimelineRecorder *timeline, double wallLimit)
{
    workspace.clearLeftovers();
    const bool limited = wallLimit > 0.0 && wallLimit < task.limits.wallSeconds;
    const CallsOutcome calls =
        workspace.call({workload}, true, timeline, 1, limited ? wallLimit : 0.0);
    if (limited && calls.run.limit == LimitHit::WallTime) {
        TimedRun stopped;
        stopped.ok = true;
        stopped.stoppedAtLimit = true;
        stopped.wallSeconds = calls.run.wallSeconds;
        stopped.cpuSeconds = calls.run.cpuSeconds;
        return stopped;
    }
    TimedRun timed = timedRun(calls);
    if (!timed.ok)
        return timed;
    if (!calls.results.first().ok)
        timed.error = QStringLiteral("on the timing workload, %1() raised %2")
                          .arg(task.entry, calls.results.first().error);
    else if (const QString diff = compareValues(expected, calls.results.first().value, tolerance);
             !diff.isEmpty())
        timed.error = QStringLiteral("on the timing workload, %1() gave a wrong result: %2")
                          .arg(task.entry, diff);
    timed.ok = timed.error.isEmpty();
    return timed;
}

QList<QJsonValue> Grader::referenceValues(const Task &task, const QString &key,
                                          const QList<QJsonArray> &args, bool summarize,
                                          QString *error, const std::atomic_bool *cancel) const
{
    const QString cacheKey = task.dir + QLatin1Char('#') + key;
    {
        QMutexLocker lock(&m_cacheMutex);
        if (const auto it = m_referenceCache.constFind(cacheKey); it != m_referenceCache.cend())
            return *it;
    }
    QFile file(task.referencePath);
    Workspace reference(task, m_sandbox, m_options.interpreter);
    reference.setCancel(cancel);
    if (!file.open(QIODevice::ReadOnly) || !reference.prepare(file.readAll(), error)) {
        *error = QStringLiteral("the pack's reference solution cannot be read: %1")
                     .arg(error->isEmpty() ? file.errorString() : *error);
        return {};
    }
    int line = 0;
    if (task.isCython() && !reference.build(error, &line)) {
        *error = QStringLiteral("the pack's reference solution does not build: %1").arg(*error);
        return {};
    }
    const CallsOutcome calls = reference.call(args, summarize);
    if (!calls.failure.isEmpty()) {
        *error = QStringLiteral("the pack's reference solution failed: %1").arg(calls.failure);
        return {};
    }
    QList<QJsonValue> values;
    for (const CallResult &r : calls.results) {
        if (!r.ok) {
            *error = QStringLiteral("the pack's reference solution raised %1").arg(r.error);
            return {};
        }
        values.append(r.value);
    }
    QMutexLocker lock(&m_cacheMutex);
    m_referenceCache.insert(cacheKey, values);
    return values;
}

} // namespace Unlocked
