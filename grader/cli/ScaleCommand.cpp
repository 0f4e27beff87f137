#include "Commands.h"

#include "result/SafeText.h"

#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>

namespace Unlocked {

void ScaleCommand::addOptions(QCommandLineParser &parser)
{
    addPackOption(parser);
    parser.addOption({QStringLiteral("task"),
                      QStringLiteral("The task whose parallel speedup check is measured."),
                      QStringLiteral("ID")});
    parser.addOption({QStringLiteral("format"), QStringLiteral("text (default) or json."),
                      QStringLiteral("FORMAT"), QStringLiteral("text")});
    parser.addOption({QStringLiteral("output"),
                      QStringLiteral("Write the table here instead of standard output."),
                      QStringLiteral("PATH")});
    parser.addOption({QStringLiteral("cores"),
                      QStringLiteral("The core counts to measure, e.g. 1,2,4 (default: 1 up to "
                                     "the CPUs the grader may use)."),
                      QStringLiteral("LIST")});
    parser.addOption({QStringLiteral("pairs"),
                      QStringLiteral("Timed baseline/solution pairs at each count (default 5)."),
                      QStringLiteral("N")});
    addRunOptions(parser);
    addMeasureOptions(parser);
    parser.addPositionalArgument(QStringLiteral("FILE"), QStringLiteral("The solution to time."));
}

int ScaleCommand::run(const QCommandLineParser &parser)
{
    const QString format = parser.value(QStringLiteral("format"));
    if (!QStringList{"text", "json"}.contains(format))
        return usageError(QStringLiteral("unknown format '%1' (text or json)").arg(format));
    if (!parser.isSet(QStringLiteral("task")))
        return usageError(QStringLiteral("which task? Give --task ID (see `unlocked-cli list`)"));
    if (parser.positionalArguments().size() != 1)
        return usageError(QStringLiteral("give exactly one solution FILE"));
    const QString path = parser.positionalArguments().first();
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return usageError(QStringLiteral("cannot read %1: %2").arg(path, file.errorString()));

    ScaleOptions options;
    if (parser.isSet(QStringLiteral("cores"))) {
        for (const QString &part : parser.value(QStringLiteral("cores")).split(QLatin1Char(','))) {
            bool ok = false;
            const int n = part.trimmed().toInt(&ok);
            if (!ok || n < 1)
                return usageError(
                    QStringLiteral("--cores takes counts like 1,2,4, not '%1'").arg(part));
            options.coreCounts.append(n);
        }
    }
    if (parser.isSet(QStringLiteral("pairs"))) {
        bool ok = false;
        options.pairs = parser.value(QStringLiteral("pairs")).toInt(&ok);
        if (!ok || options.pairs < 1)
            return usageError(QStringLiteral("--pairs takes a positive number"));
    }

    const QString taskId = parser.value(QStringLiteral("task"));
    const std::optional<Pack> pack = loadPack(parser.value(QStringLiteral("pack")), taskId);
    if (!pack)
        return ExitUsage;
    const Task *task = pack->task(taskId);
    if (!task)
        return usageError(QStringLiteral("no task '%1' in %2 (see `unlocked-cli list`)")
                              .arg(taskId, pack->title));

    const Grader grader(gradeOptions(parser));
    if (format == QLatin1String("text")) {
        options.onPoint = [this](const ScalePoint &point) {
            m_err << "measured " << point.cores << " core(s)" << '\n';
            m_err.flush();
        };
    }
    ScaleResult result = grader.scale(*task, file.readAll(), options);
    result.file = QFileInfo(path).fileName();
    const QByteArray rendered = format == QLatin1String("json")
                                    ? SafeText::jsonBytes(QJsonDocument(result.toJson()).toJson())
                                    : result.toText().toUtf8();
    if (!writeOutput(parser, rendered))
        return ExitUsage;
    return result.ok() ? ExitPassed : ExitUsage;
}

} // namespace Unlocked
