#include "Commands.h"

#include "Paths.h"
#include "Grader.h"
#include "RunDescription.h"

#include <QFile>
#include <QFileInfo>

namespace Unlocked {

void RunCommand::addOptions(QCommandLineParser &parser)
{
    addPackOption(parser);
    parser.addOption({QStringLiteral("task"),
                      QStringLiteral("Run with this task's limits and file name."),
                      QStringLiteral("ID")});
    addRunOptions(parser);
    parser.addPositionalArgument(QStringLiteral("FILE"), QStringLiteral("The Python file to run."));
}

int RunCommand::run(const QCommandLineParser &parser)
{
    if (parser.positionalArguments().size() != 1)
        return usageError(QStringLiteral("give exactly one FILE to run"));
    const QString path = parser.positionalArguments().first();
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return usageError(QStringLiteral("cannot read %1: %2").arg(path, file.errorString()));
    if (path.endsWith(QLatin1String(".pyx")))
        return usageError(QStringLiteral("a .pyx file is built and checked by `grade`, not run"));

    Task task;
    task.solutionFile = QFileInfo(path).fileName();
    std::optional<Pack> pack;
    if (parser.isSet(QStringLiteral("task"))) {
        pack = loadPack(parser.value(QStringLiteral("pack")), parser.value(QStringLiteral("task")));
        if (!pack)
            return ExitUsage;
        const Task *chosen = pack->task(parser.value(QStringLiteral("task")));
        if (!chosen)
            return usageError(QStringLiteral("no task '%1' in this pack")
                                  .arg(parser.value(QStringLiteral("task"))));
        task.limits = chosen->limits;
    }

    const GradeOptions options = gradeOptions(parser);
    const Grader grader(options);
    if (const IsolationSupport ready = grader.readiness(); !ready.available) {
        m_err << "unlocked-cli run: cannot isolate learner code here: " << ready.reason
              << "\nTo run it anyway, without isolation, add --unisolated.\n";
        return ExitUsage;
    }
    if (options.unisolated)
        m_err << "(running WITHOUT the sandbox, as asked)\n";
    m_err.flush();
    const RunOutcome outcome =
        grader.run(task, file.readAll(), [this](OutputStream stream, const QByteArray &data) {
            QTextStream &target = stream == OutputStream::Stdout ? m_out : m_err;
            target << QString::fromUtf8(data);
            target.flush();
        });
    m_err << "\n" << runSummary(outcome, task.limits) << '\n';
    return outcome.succeeded() ? ExitPassed : ExitFailed;
}

} // namespace Unlocked
