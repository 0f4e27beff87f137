#include "PlatformFormats.h"

#include "SafeText.h"
#include "Score.h"

#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

// As classroom-resources/autograding-command-grader writes it and autograding-grading-reporter
// reads it: the reporter sums each test's `score` against `max_score`, and fails the workflow
// on a `fail` or `error` status.
namespace Unlocked::PlatformFormats {

namespace {

const QString moreCpus = QStringLiteral(
    "Course staff: run the workflow on a runner with at least 2 CPUs (`runs-on:`), then re-run "
    "it.");

QString status(bool earned, bool error)
{
    return error    ? QStringLiteral("error")
           : earned ? QStringLiteral("pass")
                    : QStringLiteral("fail");
}

} // namespace

QByteArray toClassroom(const Task *task, const GradeResult &result)
{
    const TaskScore score = scoreGrade(task, result);
    const QString command = QStringLiteral("unlocked-cli grade --task %1 %2")
                                .arg(result.taskId, QFileInfo(result.file).fileName());
    QJsonArray tests;
    bool allEarned = true;
    for (const CheckScore &c : score.checks) {
        // A student reads the workflow's log: staffOnly never goes here.
        const QString message = c.needsCpus ? needsCpusMessage(c, moreCpus) : c.shown;
        const bool error = c.needsRegrade || (!score.gradable && !score.learnersFault);
        allEarned = allEarned && c.earned;
        tests.append(QJsonObject{
            {QStringLiteral("name"), SafeText::visible(c.name)},
            {QStringLiteral("status"), status(c.earned, error)},
            {QStringLiteral("score"), c.points},
            {QStringLiteral("message"), SafeText::visible(message)},
            // The reporter prints test_code for every test but a message only for an error:
            // the command to run it again, and what the check found, as a comment.
            {QStringLiteral("test_code"),
             SafeText::visible(
                 command + QStringLiteral("\n# ") +
                 QString(message).replace(QLatin1Char('\n'), QStringLiteral("\n# ")))},
            {QStringLiteral("filename"), SafeText::visible(QFileInfo(result.file).fileName())},
            {QStringLiteral("line_no"), c.line},
            {QStringLiteral("duration"), qRound64(c.seconds * 1000.0)}});
    }
    if (tests.isEmpty()) // no task: the reporter needs a test to say why
        tests.append(QJsonObject{{QStringLiteral("name"), QStringLiteral("grading")},
                                 {QStringLiteral("status"), QStringLiteral("error")},
                                 {QStringLiteral("score"), 0},
                                 {QStringLiteral("message"), SafeText::visible(score.summary)},
                                 {QStringLiteral("test_code"), SafeText::visible(command)},
                                 {QStringLiteral("filename"), QString()},
                                 {QStringLiteral("line_no"), 0},
                                 {QStringLiteral("duration"), 0}});
    const bool error = score.needsRegrade || (!score.gradable && !score.learnersFault);
    const QJsonObject o{{QStringLiteral("version"), 1},
                        {QStringLiteral("status"), status(allEarned && score.gradable, error)},
                        {QStringLiteral("max_score"), score.maxPoints},
                        {QStringLiteral("tests"), tests}};
    return SafeText::jsonBytes(QJsonDocument(o).toJson(QJsonDocument::Compact));
}

} // namespace Unlocked::PlatformFormats
