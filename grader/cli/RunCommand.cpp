#include "Commands.h"

#include "Paths.h"
#include "Grader.h"
#include "RunDescription.h"

#include <QFile>
#include <QFileInfo>
#include <QStringDecoder>

namespace Unlocked {

void RunCommand::addOptions(QCommandLineParser &parser)
{
    addPackOption(parser);
    parser.addOption({QStringLiteral("task"),
                      QStringLiteral("Run with this task's limits and file name; for a "
                                     "function task, call its entry point on the visible "
                                     "cases."),
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
    task.kind = TaskKind::Program;
    task.solutionFile = QFileInfo(path).fileName();
    if (parser.isSet(QStringLiteral("task"))) {
        const std::optional<Pack> pack = loadPack(parser.value(QStringLiteral("pack")));
        if (!pack)
            return ExitUsage;
        const Task *chosen = pack->task(parser.value(QStringLiteral("task")));
        if (!chosen)
            return usageError(QStringLiteral("no task '%1' in this pack")
                                  .arg(parser.value(QStringLiteral("task"))));
        if (chosen->isCython())
            return usageError(QStringLiteral("a Cython task's file is built and checked by "
                                             "`grade`, not run"));
        // A function task's file is imported under the task's module name and its entry point
        // called on the visible cases.
        task = *chosen;
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
    // A character cut between two reads of the pipe is decoded whole.
    QStringDecoder outText(QStringDecoder::Utf8), errText(QStringDecoder::Utf8);
    const RunOutcome outcome =
        grader.run(task, file.readAll(), [&](OutputStream stream, const QByteArray &data) {
            const bool out = stream == OutputStream::Stdout;
            QTextStream &target = out ? m_out : m_err;
            target << (out ? outText : errText).decode(data);
            target.flush();
        });
    m_err << "\n" << runSummary(outcome, task.limits) << '\n';
    return outcome.succeeded() ? ExitPassed : ExitFailed;
}

} // namespace Unlocked
