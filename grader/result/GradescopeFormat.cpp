#include "PlatformFormats.h"

#include "SafeText.h"
#include "Score.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

// https://gradescope-autograders.readthedocs.io/en/latest/specs/ (results.json)
namespace Unlocked::PlatformFormats {

namespace {

// Gradescope: "you can also increase the CPU allocation … under Autograder Settings".
const QString moreCpus = QStringLiteral(
    "Course staff: the autograder gets half a CPU by default; raise its CPU allocation in the "
    "assignment's Settings, under Autograder Settings, then regrade this submission.");

QJsonObject test(const QString &name, double score, double maxScore, bool passed,
                 const QString &output, const QString &visibility)
{
    return QJsonObject{
        {QStringLiteral("name"), SafeText::visible(name)},
        {QStringLiteral("score"), score},
        {QStringLiteral("max_score"), maxScore},
        {QStringLiteral("status"), passed ? QStringLiteral("passed") : QStringLiteral("failed")},
        {QStringLiteral("output"), SafeText::visible(output)},
        {QStringLiteral("visibility"), visibility}};
}

} // namespace

QByteArray toGradescope(const Task *task, const GradeResult &result)
{
    const TaskScore score = scoreGrade(task, result);
    QJsonArray tests;
    QJsonArray leaderboard;
    QStringList notes;
    for (const CheckScore &c : score.checks) {
        QString output = c.shown;
        if (c.needsCpus) {
            output = needsCpusMessage(c, moreCpus);
            notes << c.name + QStringLiteral(": ") + output;
        }
        tests.append(
            test(c.name, c.points, c.maxPoints, c.earned, output, QStringLiteral("visible")));
        // Instructors see every test; a learner never sees a "hidden" one.
        if (!c.staffOnly.isEmpty())
            tests.append(test(c.name + QStringLiteral(" (staff only: the hidden case)"), 0, 0,
                              c.earned, c.staffOnly, QStringLiteral("hidden")));
        if (const auto &m = c.measurement; m && m->pairs > 0)
            leaderboard.append(QJsonObject{{QStringLiteral("name"), SafeText::visible(c.name)},
                                           {QStringLiteral("value"), m->speedup},
                                           {QStringLiteral("order"), QStringLiteral("desc")}});
    }
    QString output = score.summary;
    if (!notes.isEmpty())
        output += QStringLiteral("\n\n") + notes.join(QStringLiteral("\n\n"));
    if (!result.isolated)
        output += QStringLiteral("\n\nGraded WITHOUT the sandbox (unisolated).");
    QJsonObject o{{QStringLiteral("score"), score.points},
                  {QStringLiteral("execution_time"), result.seconds},
                  {QStringLiteral("output"), SafeText::visible(output)},
                  {QStringLiteral("tests"), tests},
                  {QStringLiteral("extra_data"),
                   QJsonObject{{QStringLiteral("task"), result.taskId},
                               {QStringLiteral("verdict"), verdictName(result.verdict)},
                               {QStringLiteral("gradable"), score.gradable},
                               {QStringLiteral("needs_regrade"),
                                score.needsRegrade || (!score.gradable && !score.learnersFault)},
                               {QStringLiteral("max_score"), score.maxPoints}}}};
    if (!leaderboard.isEmpty())
        o.insert(QStringLiteral("leaderboard"), leaderboard);
    return SafeText::jsonBytes(QJsonDocument(o).toJson());
}

} // namespace Unlocked::PlatformFormats
