#include "Score.h"

#include <algorithm>

namespace Unlocked {

namespace {

// The message, with the start of the detail when the check did not pass (as the text report).
QString withDetail(const QString &message, const QString &detail, Verdict verdict)
{
    const QString trimmed = detail.trimmed();
    if (verdict == Verdict::Passed || trimmed.isEmpty() || trimmed == message.trimmed())
        return message;
    QStringList lines = trimmed.split(QLatin1Char('\n'));
    if (lines.size() > 20)
        lines = lines.mid(0, 20) << QStringLiteral("(%1 more lines)").arg(lines.size() - 20);
    return message + QStringLiteral("\n\n") + lines.join(QLatin1Char('\n'));
}

void scoreCheck(CheckScore &c, const CheckResult &r, InconclusivePolicy policy)
{
    c.verdict = r.verdict;
    c.line = r.line;
    c.measurement = r.measurement;
    c.seconds = r.measurement ? r.measurement->seconds : 0.0;
    if (r.publicMessage.isEmpty()) {
        c.shown = withDetail(r.message, r.detail, r.verdict);
    } else {
        c.shown = r.publicMessage;
        c.staffOnly = withDetail(r.message, r.detail, Verdict::Failed);
    }
    switch (r.verdict) {
    case Verdict::Passed:
        c.earned = true;
        break;
    case Verdict::Failed:
        break;
    case Verdict::Error:
        c.needsRegrade = true;
        c.shown += QStringLiteral("\n\nThe grader could not run this check, through no fault of "
                                  "your file; it needs a regrade.");
        break;
    case Verdict::Inconclusive:
        c.needsCpus = r.kind == CheckKind::ParallelSpeedup && r.measurement &&
                      r.measurement->cores < 2 && r.measurement->pairs == 0;
        // Too few CPUs is the grading machine's setup, never the learner's to pay for.
        if (c.needsCpus || policy == InconclusivePolicy::Regrade) {
            c.needsRegrade = true;
            c.shown += QStringLiteral("\n\nNot decided yet: this check needs a regrade, and "
                                      "its points are not counted until then.");
        } else if (policy == InconclusivePolicy::Full) {
            c.earned = true;
            c.shown += QStringLiteral("\n\nNot decided; this course gives an undecided "
                                      "measurement its full points.");
        } else {
            c.shown += QStringLiteral("\n\nNot decided; this course counts an undecided "
                                      "measurement as 0 points.");
        }
        break;
    }
    c.points = c.earned ? c.maxPoints : 0.0;
}

} // namespace

double TaskScore::fraction(Verdict verdict) const
{
    if (maxPoints > 0.0)
        return std::clamp(points / maxPoints, 0.0, 1.0);
    return verdict == Verdict::Passed ? 1.0 : 0.0;
}

TaskScore scoreGrade(const Task *task, const GradeResult &result)
{
    TaskScore s;
    if (!task) {
        s.gradable = false;
        s.summary = QStringLiteral("This submission could not be graded: %1")
                        .arg(result.message.isEmpty() ? QStringLiteral("it names no task")
                                                      : result.message);
        return s;
    }
    QList<bool> used(result.checks.size(), false);
    QList<bool> ran;
    bool anyRan = false;
    for (const CheckSpec &spec : task->checks) {
        CheckScore c;
        c.name = spec.name;
        c.kind = spec.kind;
        c.maxPoints = spec.points;
        s.maxPoints += spec.points;
        qsizetype found = -1;
        for (qsizetype i = 0; i < result.checks.size() && found < 0; ++i)
            if (!used[i] && result.checks[i].name == spec.name &&
                result.checks[i].kind == spec.kind)
                found = i;
        if (found >= 0) {
            used[found] = true;
            anyRan = true;
            scoreCheck(c, result.checks[found], spec.inconclusive);
        } else {
            c.verdict = Verdict::Inconclusive;
        }
        ran.append(found >= 0);
        s.checks.append(c);
    }

    // Checks no spec declares come before the declared ones: a syntax error, a failed build.
    const CheckResult *blocker = nullptr;
    for (qsizetype i = 0; i < result.checks.size() && !blocker; ++i)
        if (!used[i] && result.checks[i].verdict != Verdict::Passed)
            blocker = &result.checks[i];
    if (!anyRan || result.checks.isEmpty()) {
        s.gradable = false;
        s.learnersFault = blocker && blocker->verdict == Verdict::Failed;
        const QString why =
            blocker ? blocker->name + QStringLiteral(": ") + blocker->message : result.message;
        s.summary = s.learnersFault
                        ? QStringLiteral("Your file could not be graded. %1").arg(why)
                        : QStringLiteral("This submission could not be graded, through no fault "
                                         "of your file: %1")
                              .arg(why.isEmpty() ? QStringLiteral("no check ran") : why);
        for (CheckScore &c : s.checks)
            c.shown = QStringLiteral("not run: the file could not be graded");
        return s;
    }

    int undecided = 0;
    for (qsizetype i = 0; i < s.checks.size(); ++i) {
        CheckScore &c = s.checks[i];
        if (!ran[i]) {
            // Only a cancelled grading leaves declared checks out once one has run.
            c.needsRegrade = true;
            c.shown = QStringLiteral("not run: the grading stopped before this check; it needs "
                                     "a regrade");
        }
        s.points += c.points;
        undecided += c.needsRegrade;
    }
    s.needsRegrade = undecided > 0;
    s.summary = QStringLiteral("%1: %2 of %3 points.")
                    .arg(task->title)
                    .arg(s.points, 0, 'g', 4)
                    .arg(s.maxPoints, 0, 'g', 4);
    if (s.needsRegrade)
        s.summary += QStringLiteral(" Not final: %1 could not decide on the grading machine "
                                    "and %2 a regrade.")
                         .arg(undecided == 1 ? QStringLiteral("1 check")
                                             : QStringLiteral("%1 checks").arg(undecided),
                              undecided == 1 ? QStringLiteral("needs") : QStringLiteral("need"));
    return s;
}

QString needsCpusMessage(const CheckScore &check, const QString &how)
{
    const int cores = check.measurement ? check.measurement->cores : 1;
    return QStringLiteral("This check needs at least 2 CPUs to show a parallel speedup, and the "
                          "grader could use %1. It was not run and does not count against you. "
                          "%2")
        .arg(cores)
        .arg(how);
}

} // namespace Unlocked
