#include "CorrectnessChecks.h"

#include "RunDescription.h"
#include "ValueCompare.h"

#include <QJsonArray>

#include <algorithm>

namespace Unlocked {

namespace {

QString callText(const Task &task, const QJsonArray &args)
{
    QStringList parts;
    for (const QJsonValue &a : args)
        parts.append(shortJson(a, 60));
    return QStringLiteral("%1(%2)").arg(task.entry, parts.join(QLatin1String(", ")));
}

QString outputNote(const RunOutcome &run)
{
    if (run.outDropped > 0)
        return QStringLiteral("\n(your program printed %1 more bytes than we keep, so we stopped "
                              "showing its output)")
            .arg(run.outDropped);
    return {};
}

} // namespace

CheckResult runCasesCheck(const CheckSpec &spec, const Task &task, const Workspace &solution,
                          const QList<QJsonValue> &expected, TimelineRecorder *timeline)
{
    CheckResult result = checkResultFor(spec);
    QList<QJsonArray> args;
    for (const TestCase &c : task.cases)
        args.append(c.args);
    const bool anyHidden = std::any_of(task.cases.cbegin(), task.cases.cend(),
                                       [](const TestCase &c) { return !c.visible; });
    const CallsOutcome calls = solution.call(args, false, timeline);
    if (!calls.failure.isEmpty()) {
        result.verdict = Verdict::Failed;
        result.message = calls.failure;
        result.detail = QString::fromUtf8(calls.run.out) + outputNote(calls.run);
        // What the program printed may be any case's arguments, hidden ones too.
        if (anyHidden)
            result.publicMessage = calls.failure;
        return result;
    }
    int passed = 0;
    QString firstProblem;
    QString hiddenProblem; // the first problem, when its case is hidden
    for (qsizetype i = 0; i < calls.results.size(); ++i) {
        const CallResult &call = calls.results[i];
        QString problem;
        if (!call.ok)
            problem = QStringLiteral("%1 raised %2").arg(callText(task, args[i]), call.error);
        else if (const QString diff = compareValues(expected[i], call.value, spec.tolerance);
                 !diff.isEmpty())
            problem = QStringLiteral("%1 returned %2: %3")
                          .arg(callText(task, args[i]), shortJson(call.value), diff);
        if (problem.isEmpty())
            ++passed;
        else if (firstProblem.isEmpty()) {
            firstProblem =
                QStringLiteral("case %1 of %2: %3").arg(i + 1).arg(args.size()).arg(problem);
            result.detail = call.traceback;
            if (i < task.cases.size() && !task.cases[i].visible)
                hiddenProblem = QStringLiteral("case %1, a hidden case, %2")
                                    .arg(i + 1)
                                    .arg(call.ok ? QStringLiteral("returned a wrong result")
                                                 : QStringLiteral("raised an exception"));
        }
    }
    result.verdict = firstProblem.isEmpty() ? Verdict::Passed : Verdict::Failed;
    result.message = firstProblem.isEmpty() ? QStringLiteral("all %1 cases passed").arg(args.size())
                                            : QStringLiteral("%1 of %2 cases passed; %3")
                                                  .arg(passed)
                                                  .arg(args.size())
                                                  .arg(firstProblem);
    if (!hiddenProblem.isEmpty())
        result.publicMessage = QStringLiteral("%1 of %2 cases passed; %3 (its arguments and "
                                              "expected result are not shown)")
                                   .arg(passed)
                                   .arg(args.size())
                                   .arg(hiddenProblem);
    return result;
}

QString compareOutputLines(const QStringList &expected, const QString &stdoutText, bool anyOrder)
{
    QStringList actual = stdoutText.split(QLatin1Char('\n'));
    for (QString &line : actual)
        while (!line.isEmpty() && line.back().isSpace())
            line.chop(1);
    while (!actual.isEmpty() && actual.last().isEmpty())
        actual.removeLast();
    QStringList want = expected;
    if (anyOrder) {
        std::sort(want.begin(), want.end());
        std::sort(actual.begin(), actual.end());
    }
    if (want == actual)
        return {};
    for (const QString &line : std::as_const(want))
        if (!actual.contains(line))
            return QStringLiteral("the line \"%1\" is missing from your output").arg(line);
    for (const QString &line : std::as_const(actual))
        if (!want.contains(line))
            return QStringLiteral("your output has an unexpected line \"%1\"").arg(line.left(200));
    if (want.size() != actual.size())
        return QStringLiteral("expected %1 lines, your program printed %2")
            .arg(want.size())
            .arg(actual.size());
    return QStringLiteral("the lines are right but in the wrong order");
}

CheckResult runOutputCheck(const CheckSpec &spec, const Task &task, const Workspace &solution,
                           TimelineRecorder *timeline)
{
    CheckResult result = checkResultFor(spec);
    const RunOutcome run = solution.runProgram({}, nullptr, timeline);
    result.detail = QString::fromUtf8(run.out) + outputNote(run);
    if (const QString failure = describeRunFailure(run, task.limits); !failure.isEmpty()) {
        result.verdict = Verdict::Failed;
        result.message = failure;
        return result;
    }
    const QString diff =
        compareOutputLines(spec.expectedLines, QString::fromUtf8(run.out), spec.anyOrder);
    result.verdict = diff.isEmpty() && run.outDropped == 0 ? Verdict::Passed : Verdict::Failed;
    result.message = diff.isEmpty()
                         ? (run.outDropped == 0 ? QStringLiteral("the output is right")
                                                : QStringLiteral("your program printed too much"))
                         : diff;
    return result;
}

} // namespace Unlocked
