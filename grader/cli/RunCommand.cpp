#include "Commands.h"

#include "Paths.h"
#include "Grader.h"
#include "RunDescription.h"
#include "timeline/Timeline.h"

#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>
#include <QSaveFile>
#include <QStringDecoder>

#include <algorithm>

namespace Unlocked {

void RunCommand::addOptions(QCommandLineParser &parser)
{
    addPackOption(parser);
    parser.addOption({QStringLiteral("task"),
                      QStringLiteral("Run with this task's limits and file name; for a "
                                     "function task, call its entry point on the visible "
                                     "cases."),
                      QStringLiteral("ID")});
    parser.addOption({QStringLiteral("timeline"),
                      QStringLiteral("Write what every thread of every process did, sampled from "
                                     "outside the sandbox every 10 ms, to FILE in the Trace Event "
                                     "format (open it in Perfetto or chrome://tracing)."),
                      QStringLiteral("FILE")});
    addRunOptions(parser);
    parser.addPositionalArgument(QStringLiteral("FILE"), QStringLiteral("The Python file to run."));
}

bool RunCommand::writeTimeline(const Timeline &timeline, const QString &path)
{
    QSaveFile out(path);
    if (!out.open(QIODevice::WriteOnly) ||
        !out.write(QJsonDocument(timeline.toTraceEvents()).toJson(QJsonDocument::Compact)) ||
        !out.commit()) {
        m_err << "unlocked-cli run: cannot write the timeline to " << path << ": "
              << out.errorString() << '\n';
        return false;
    }
    const QList<double> cores = timeline.coresBusy();
    const double peak = cores.isEmpty() ? 0.0 : *std::max_element(cores.begin(), cores.end());
    m_err << "Timeline: " << timeline.processCount() << " process(es), " << timeline.lanes.size()
          << " thread(s), at most " << QString::number(peak, 'f', 1) << " cores busy in any "
          << qRound(timeline.intervalSeconds * 1000) << " ms; written to " << path << '\n';
    return true;
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
        const std::optional<Pack> pack =
            loadPack(parser.value(QStringLiteral("pack")), parser.value(QStringLiteral("task")));
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
    const QString timelinePath = parser.value(QStringLiteral("timeline"));
    std::optional<TimelineRecorder> timeline;
    if (!timelinePath.isEmpty())
        timeline.emplace();
    // A character cut between two reads of the pipe is decoded whole.
    QStringDecoder outText(QStringDecoder::Utf8), errText(QStringDecoder::Utf8);
    const RunOutcome outcome = grader.run(
        task, file.readAll(),
        [&](OutputStream stream, const QByteArray &data) {
            const bool out = stream == OutputStream::Stdout;
            QTextStream &target = out ? m_out : m_err;
            target << (out ? outText : errText).decode(data);
            target.flush();
        },
        nullptr, timeline ? &*timeline : nullptr);
    m_err << "\n" << runSummary(outcome, task.limits) << '\n';
    if (timeline && !writeTimeline(timeline->timeline(), timelinePath))
        return ExitUsage;
    return outcome.succeeded() ? ExitPassed : ExitFailed;
}

} // namespace Unlocked
