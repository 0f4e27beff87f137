#include "PlatformFormats.h"

#include "SafeText.h"
#include "Score.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

// https://prairielearn.readthedocs.io/en/latest/externalGrading/ (grading results)
namespace Unlocked::PlatformFormats {

namespace {

const QString moreCpus = QStringLiteral(
    "Course staff: run this question's external grader on a machine with at least 2 CPUs, "
    "then regrade.");

} // namespace

QByteArray toPrairieLearn(const Task *task, const GradeResult &result)
{
    const TaskScore score = scoreGrade(task, result);
    QJsonArray tests;
    QStringList notes;
    for (const CheckScore &c : score.checks) {
        // Every test is shown to the student: staffOnly never goes here.
        QString message = c.shown;
        if (c.needsCpus) {
            message = needsCpusMessage(c, moreCpus);
            notes << c.name + QStringLiteral(": ") + message;
        }
        tests.append(QJsonObject{{QStringLiteral("name"), SafeText::visible(c.name)},
                                 {QStringLiteral("points"), c.points},
                                 {QStringLiteral("max_points"), c.maxPoints},
                                 {QStringLiteral("message"), SafeText::visible(message)},
                                 {QStringLiteral("output"), verdictName(c.verdict)}});
    }
    // A submission that needs a regrade is not gradable either: PrairieLearn then keeps no
    // score for it rather than a provisional zero.
    const bool gradable = score.gradable && !score.needsRegrade;
    QString message = score.summary;
    if (!notes.isEmpty())
        message += QStringLiteral("\n\n") + notes.join(QStringLiteral("\n\n"));
    if (!result.isolated)
        message += QStringLiteral("\n\nGraded WITHOUT the sandbox (unisolated).");
    const QJsonObject o{{QStringLiteral("gradable"), gradable},
                        {QStringLiteral("score"), gradable ? score.fraction(result.verdict) : 0.0},
                        {QStringLiteral("message"), SafeText::visible(message)},
                        {QStringLiteral("tests"), tests}};
    return SafeText::jsonBytes(QJsonDocument(o).toJson());
}

} // namespace Unlocked::PlatformFormats
