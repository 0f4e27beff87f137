#pragma once

#include "sandbox/Limits.h"

#include <QJsonArray>
#include <QJsonValue>
#include <QList>
#include <QString>
#include <QStringList>

#include <optional>

namespace Unlocked {

/** Where something was declared in a pack: file (absolute), 1-based line and column (0 = unknown).
 */
struct SourceLocation
{
    QString file;
    int line = 0;
    int column = 0;
};

enum class TaskKind
{
    Function,
    Program
};

enum class CheckKind
{
    Cases,
    Output,
    Static,
    ParallelSpeedup,
    SingleCoreSpeedup,
    Concurrency,
    Observed
};

/**
 * What an observed check asks of the threads or the processes that the grader sees the
 * solution's tree create while its correctness checks run: nothing, one only (the program's
 * main thread, or its own process), or more than one.
 */
enum class ObservedCount
{
    Any,
    One,
    Several
};

/**
 * One static rule: e.g. require `call: multiprocessing.Process`, forbid `import: threading`.
 * A rule may list several names (`call: [threading.Thread,
 * concurrent.futures.ThreadPoolExecutor]`): it is about any of them, so a required one needs one of
 * them, a forbidden one none.
 */
struct StaticRule
{
    enum class Kind
    {
        Import,
        Call,
        Define,
        AsyncDefine,
        Await,
        Attribute
    };
    Kind kind = Kind::Import;
    QStringList names; // dotted modules or calls, function or attribute names; empty for Await
    QString message;   // shown to the learner when the rule is broken; empty = generated
};

/**
 * How a measured check's workload grows. When sized, the workload's arguments are a template in
 * which `$size` stands for the size, and the grader picks the size on the grading machine so
 * that the baseline takes about `targetSeconds` there.
 */
struct WorkloadSize
{
    qint64 min = 0;
    qint64 max = 0; // 0: the workload is fixed, as written
    qint64 nominal = 0;
    double targetSeconds = 0.0; // 0 = the grader's default

    bool isSized() const { return max > 0; }
};

/**
 * What a measured check that ends `inconclusive` counts for in a score: nothing yet, with the
 * result marked for a regrade (the default); none of its points; or all of them.
 */
enum class InconclusivePolicy
{
    Regrade,
    Zero,
    Full
};

QString inconclusivePolicyName(InconclusivePolicy policy); // "regrade", "zero", "full"
std::optional<InconclusivePolicy> inconclusivePolicyFromName(const QString &name);

/** A check as declared in task.yaml. Fields that a kind does not use stay at their defaults. */
struct CheckSpec
{
    CheckKind kind = CheckKind::Cases;
    QString name; // shown to learners; the loader fills a default per kind
    SourceLocation where;

    // Scores on grading platforms: the check's share of the task, and (measured checks) what
    // an inconclusive verdict counts for; the course's `grading:` default when not set here.
    double points = 1.0;
    InconclusivePolicy inconclusive = InconclusivePolicy::Regrade;

    // Cases: absolute and relative tolerance for floats; 0 means exact comparison.
    double tolerance = 0.0;

    // Output: expected stdout lines (trailing whitespace ignored).
    QStringList expectedLines;
    bool anyOrder = false;

    // Static.
    QList<StaticRule> require;
    QList<StaticRule> forbid;

    // Observed: what the runs of the correctness checks before it must have shown, and why (the
    // task's words, added to the generated message when a rule is broken).
    ObservedCount threads = ObservedCount::Any;   // in every process, or in some process
    ObservedCount processes = ObservedCount::Any; // the program's own, or more
    QString observedMessage;

    // Measured checks. `workload` is the argument list passed to the entry point when timing;
    // a template with `$size` in it when `workloadSize` is sized.
    QJsonArray workload;
    WorkloadSize workloadSize;
    double target = 0.0; // parallel: efficiency; single-core: factor; concurrency: max wall/waits
    int maxWorkers = 0;  // parallel: the most workers the task lets a solution use (0 = cores)
    double waitSeconds = 0.0;   // concurrency: the sum of the simulated waits of the workload
    double budgetSeconds = 0.0; // most time for the measurement (0 = follows the workload)
};

/**
 * A case of a function task: the arguments, and the expected result if stored. Every case is
 * graded; a visible one is also the learner's to see: Run calls the entry point on it.
 */
struct TestCase
{
    QJsonArray args;
    std::optional<QJsonValue> expected; // computed from the reference when absent
    SourceLocation where;
    bool visible = false;
};

struct Task
{
    QString id;
    QString title;
    QString lessonId;
    TaskKind kind = TaskKind::Function;
    QString entry;        // function tasks: the function the learner writes
    QString solutionFile; // the learner's file name in the sandbox: `solution.py`, `example.pyx`
    QString dir;          // absolute path of the task folder
    QString statement;    // Markdown
    QString starterPath;  // absolute paths; baselinePath may be empty
    QString referencePath;
    QString baselinePath;
    QList<TestCase> cases;
    QList<CheckSpec> checks;
    QStringList hints; // from a nudge to near the answer
    Limits limits;
    bool required = true; // must pass to unlock the next lesson
    SourceLocation where;

    bool isCython() const { return solutionFile.endsWith(QLatin1String(".pyx")); }
    QString moduleName() const { return solutionFile.section(QLatin1Char('.'), 0, 0); }
    /** Whether grading it times something (and so must have the machine to itself). */
    bool hasMeasuredCheck() const;
    /** The arguments of the visible cases, in their order: what Run calls the entry point on. */
    QList<QJsonArray> visibleArguments() const;
};

struct QuizAnswer
{
    QString text;
    bool correct = false;
    QString explanation;
};

struct QuizQuestion
{
    QString id;
    QString prompt; // Markdown
    bool multiple = false;
    QList<QuizAnswer> answers;
};

struct Quiz
{
    QString id;
    QString title;
    QList<QuizQuestion> questions;
    SourceLocation where;
};

struct Lesson
{
    QString id;
    QString title;
    QString path; // absolute path of the Markdown file
    QString markdown;
    QStringList taskIds;
    std::optional<Quiz> quiz;
    QStringList unlockAfter; // lesson ids whose required tasks must be passed first
    SourceLocation where;
};

/** A loaded lesson pack: the course manifest, its lessons, quizzes and tasks. */
struct Pack
{
    QString dir;
    QString id;
    QString title;
    QString version; // the author's, optional: batch reports carry it so merge can compare
    QString description;
    // course.yaml `grading: {inconclusive: …}`: the default of every measured check.
    InconclusivePolicy inconclusive = InconclusivePolicy::Regrade;
    QList<Lesson> lessons;
    QList<Task> tasks;

    const Task *task(const QString &id) const;
    const Lesson *lesson(const QString &id) const;
};

QString checkKindName(CheckKind kind); // "cases", "parallel-speedup", ...
std::optional<CheckKind> checkKindFromName(const QString &name);
/** Parallel speedup, single-core speedup and concurrency: the checks that time runs. */
bool isMeasured(CheckKind kind);

} // namespace Unlocked
