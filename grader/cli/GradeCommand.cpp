#include "Commands.h"

#include "result/ResultFormat.h"
#include "result/SafeText.h"

#include <QFileInfo>
#include <QJsonDocument>

namespace Unlocked {

void GradeCommand::addOptions(QCommandLineParser &parser)
{
    addPackOption(parser);
    parser.addOption({QStringLiteral("task"), QStringLiteral("The task to grade against."),
                      QStringLiteral("ID")});
    parser.addOption({QStringLiteral("format"), QStringLiteral("text (default), json or junit."),
                      QStringLiteral("FORMAT"), QStringLiteral("text")});
    parser.addOption({QStringLiteral("output"),
                      QStringLiteral("Write the result here instead of standard output."),
                      QStringLiteral("PATH")});
    parser.addOption({QStringLiteral("no-measure"),
                      QStringLiteral("Skip the measured checks (they report inconclusive).")});
    addRunOptions(parser);
    addMeasureOptions(parser);
    parser.addPositionalArgument(QStringLiteral("FILE"), QStringLiteral("The solution to grade."));
}

int GradeCommand::run(const QCommandLineParser &parser)
{
    const QString format = parser.value(QStringLiteral("format"));
    if (!QStringList{"text", "json", "junit"}.contains(format))
        return usageError(QStringLiteral("unknown format '%1' (text, json or junit)").arg(format));
    if (!parser.isSet(QStringLiteral("task")))
        return usageError(QStringLiteral("which task? Give --task ID (see `unlocked-cli list`)"));
    if (parser.positionalArguments().size() != 1)
        return usageError(QStringLiteral("give exactly one solution FILE"));
    const QString file = parser.positionalArguments().first();
    if (!QFileInfo(file).isFile())
        return usageError(QStringLiteral("no such file: %1").arg(file));

    const QString taskId = parser.value(QStringLiteral("task"));
    const std::optional<Pack> pack = loadPack(parser.value(QStringLiteral("pack")), taskId);
    if (!pack)
        return ExitUsage;
    const Task *task = pack->task(taskId);
    if (!task)
        return usageError(QStringLiteral("no task '%1' in %2 (see `unlocked-cli list`)")
                              .arg(taskId, pack->title));

    GradeOptions options = gradeOptions(parser);
    options.measure = !parser.isSet(QStringLiteral("no-measure"));
    const Grader grader(options);
    const GradeResult result = grader.grade(*task, file);

    QByteArray rendered;
    if (format == QLatin1String("json"))
        rendered = SafeText::jsonBytes(QJsonDocument(ResultFormat::toJson(result)).toJson());
    else if (format == QLatin1String("junit"))
        rendered = ResultFormat::toJUnit({Submission{QString(), task->id, file, result}});
    else
        rendered = ResultFormat::toText(result).toUtf8();
    if (!writeOutput(parser, rendered))
        return ExitUsage;
    return exitCodeFor(result.verdict);
}

} // namespace Unlocked
