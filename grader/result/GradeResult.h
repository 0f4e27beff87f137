#pragma once

#include "pack/Pack.h"

#include <QList>
#include <QString>

#include <optional>

namespace Unlocked {

enum class Verdict
{
    Passed,
    Failed,
    Inconclusive,
    Error
};

QString verdictName(Verdict verdict); // "passed", "failed", ...
std::optional<Verdict> verdictFromName(const QString &name);
/** The verdict of a whole made of parts: error > failed > inconclusive > passed. */
Verdict combineVerdicts(const QList<Verdict> &verdicts);

/** What a measured check saw. Times are seconds, taken from outside the sandbox. */
struct Measurement
{
    int pairs = 0;               // interleaved baseline/solution pairs timed
    double baselineMedian = 0.0; // wall time
    double solutionMedian = 0.0;
    double speedup = 0.0;    // robust estimate (baseline / solution)
    double speedupLow = 0.0; // confidence bound
    double speedupHigh = 0.0;
    double required = 0.0;    // the speedup the target asks for on this machine
    int cores = 0;            // CPUs the grader may use
    double utilization = 0.0; // CPU time of the solution's tree / wall time
    double baselineUtilization = 0.0;
    double baselineCpu = 0.0; // median CPU seconds
    double solutionCpu = 0.0;
    double seconds = 0.0; // time the measurement took
    // Speedup checks. `speedup` and its bounds are judged net of the fixed costs both sides
    // pay (start-up, imports, the sandbox); `wholeSpeedup` compares the whole runs.
    double wholeSpeedup = 0.0;
    double fixedSeconds = 0.0;              // median control run: start-up and imports, no work
    qint64 workloadSize = 0;                // 0: the workload is fixed, as the pack wrote it
    double calibratedBaselineSeconds = 0.0; // the baseline's time at that size when it was chosen
    double budgetSeconds = 0.0;             // the most the measurement may take (it may end sooner)
    // Speedup checks, during the solution's runs: the share of their wall time in which a task
    // of the machine waited for a CPU, and of each CPU's time the hypervisor took; -1 = unknown.
    double cpuWaitShare = -1.0;
    double stealShare = -1.0;
    double baselineCopiesSpeedup = 0.0; // read before a parallel fail; 0 = not read
    int solutionRunsStopped = 0; // timed runs of the solution stopped at 3x the baseline's time
    // Speedup checks: each pair's speedup (net), in the order timed; concurrency checks: each
    // run's overlap of the waits. The median of these is `speedup`.
    QList<double> samples;
};

struct CheckResult
{
    QString name;
    CheckKind kind = CheckKind::Cases;
    // Error until a check decides: a check that forgets to set its verdict must never pass.
    Verdict verdict = Verdict::Error;
    QString message; // for the learner; says why when not passed
    // Measured checks that come out inconclusive: why, in one short sentence that a headline
    // can show (the message says it at length). Empty otherwise.
    QString headline;
    QString detail; // e.g. the program's output excerpt or a diff
    // Set when the message or the detail may show a hidden case (its arguments, its expected
    // value, or output printed while it ran): what a platform shows the learner instead, while
    // the message and the detail go to the course staff only. Empty: nothing is hidden.
    QString publicMessage;
    int line = 0; // where in the learner's file, when known
    int column = 0;
    std::optional<Measurement> measurement;
};

/**
 * A result for the check `spec` declares: its name and kind, with this verdict and message.
 * The verdict defaults to Error, so the caller has to decide it before anything can pass.
 */
CheckResult checkResultFor(const CheckSpec &spec, Verdict verdict = Verdict::Error,
                           const QString &message = {});

struct GradeResult
{
    QString taskId;
    QString taskTitle;
    QString file; // the graded file as given
    Verdict verdict = Verdict::Error;
    QString message; // overall reason when no check ran (e.g. unreadable file)
    QList<CheckResult> checks;
    double seconds = 0.0; // wall time of the whole grading
    bool isolated = true; // false: ran without the sandbox, on explicit opt-in
    // Stopped on request before the end: `checks` holds those that finished, the verdict is
    // Inconclusive, and the result says nothing about the solution as a whole.
    bool cancelled = false;

    void finish(); // sets verdict from the checks (or Error if none ran)
    /** "check name: message" of the first check that did not pass, else the overall message. */
    QString firstProblem() const;
};

} // namespace Unlocked
