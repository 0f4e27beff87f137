#include "Commands.h"

#include "result/PlatformFormats.h"
#include "result/ResultFormat.h"
#include "result/SafeText.h"

#include <QFileInfo>
#include <QJsonDocument>

namespace Unlocked {

namespace {

GradeResult missingFile(const Task &task, const QString &file)
{
    GradeResult result;
    result.taskId = task.id;
    result.taskTitle = task.title;
    result.file = file;
    CheckResult check;
    check.name = QStringLiteral("Submitted file");
    check.verdict = Verdict::Failed;
    check.message = QStringLiteral("no file %1 was submitted (this task grades %2)")
                        .arg(QFileInfo(file).fileName(), task.solutionFile);
    result.checks.append(check);
    result.finish();
    return result;
}

} // namespace

void GradeCommand::addOptions(QCommandLineParser &parser)
{
    addPackOption(parser);
    parser.addOption({QStringLiteral("task"), QStringLiteral("The task to grade against."),
                      QStringLiteral("ID")});
    parser.addOption({QStringLiteral("format"),
                      QStringLiteral("text (default), json, junit, or an autograding platform's "
                                     "results: gradescope, prairielearn, github-classroom."),
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
    const bool platform = PlatformFormats::isPlatformFormat(format);
    if (!QStringList{"text", "json", "junit"}.contains(format) && !platform)
        return usageError(QStringLiteral("unknown format '%1' (text, json, junit, gradescope, "
                                         "prairielearn or github-classroom)")
                              .arg(format));
    if (!parser.isSet(QStringLiteral("task")))
        return usageError(QStringLiteral("which task? Give --task ID (see `unlocked-cli list`)"));
    if (parser.positionalArguments().size() != 1)
        return usageError(QStringLiteral("give exactly one solution FILE"));
    const QString file = parser.positionalArguments().first();
    // A platform reports a missing submission to the learner, so it gets a result too.
    if (!QFileInfo(file).isFile() && !platform)
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
    const GradeResult result =
        QFileInfo(file).isFile() ? grader.grade(*task, file) : missingFile(*task, file);

    QByteArray rendered;
    if (platform)
        rendered = PlatformFormats::render(format, task, result);
    else if (format == QLatin1String("json"))
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
