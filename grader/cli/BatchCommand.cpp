#include "Commands.h"

#include "result/PlatformFormats.h"
#include "result/ResultFormat.h"
#include "result/SafeText.h"

#include <QDir>
#include <QMutex>
#include <QThread>
#include <QThreadPool>
#include <QFileInfo>
#include <QRegularExpression>

namespace Unlocked {

namespace {

struct Entry
{
    QString learner;
    QString taskId;
    QString path;
};

// DIR/<learner>/<task-id>.py or .pyx, in a stable order so shards partition the same list.
QList<Entry> collect(const QString &dir)
{
    QList<Entry> entries;
    const QDir root(dir);
    for (const QString &learner : root.entryList(QDir::Dirs | QDir::NoDotAndDotDot, QDir::Name)) {
        const QDir sub(root.filePath(learner));
        for (const QFileInfo &file : sub.entryInfoList(
                 {QStringLiteral("*.py"), QStringLiteral("*.pyx")}, QDir::Files, QDir::Name))
            entries.append({learner, file.completeBaseName(), file.filePath()});
    }
    return entries;
}

} // namespace

void BatchCommand::addOptions(QCommandLineParser &parser)
{
    addPackOption(parser);
    parser.addOption({QStringLiteral("submissions"),
                      QStringLiteral("Folder laid out as DIR/<learner>/<task-id>.py (or .pyx)."),
                      QStringLiteral("DIR")});
    parser.addOption({QStringLiteral("shard"),
                      QStringLiteral("Grade only shard K of N (1-based): every N-th submission."),
                      QStringLiteral("K/N")});
    parser.addOption({QStringLiteral("jobs"),
                      QStringLiteral("Grade up to N submissions without measured checks at once "
                                     "(default: the CPUs this process may use). A submission "
                                     "with a measured check is always timed alone."),
                      QStringLiteral("N")});
    parser.addOption({QStringLiteral("format"), QStringLiteral("json (default), junit or csv."),
                      QStringLiteral("FORMAT"), QStringLiteral("json")});
    parser.addOption({QStringLiteral("output"),
                      QStringLiteral("Write the results here instead of standard output."),
                      QStringLiteral("PATH")});
    addRunOptions(parser);
    addMeasureOptions(parser);
}

int BatchCommand::run(const QCommandLineParser &parser)
{
    const QString format = parser.value(QStringLiteral("format"));
    if (PlatformFormats::isPlatformFormat(format))
        return usageError(QStringLiteral("--format %1 is one submission's result: Gradescope, "
                                         "PrairieLearn and GitHub Classroom each grade one "
                                         "submission per run, so run `unlocked-cli grade "
                                         "--format %1` there (docs/platforms.md)")
                              .arg(format));
    if (!QStringList{"json", "junit", "csv"}.contains(format))
        return usageError(QStringLiteral("unknown format '%1' (json, junit or csv)").arg(format));
    const QString dir = parser.value(QStringLiteral("submissions"));
    if (dir.isEmpty())
        return usageError(QStringLiteral("give --submissions DIR"));
    if (!QFileInfo(dir).isDir())
        return usageError(QStringLiteral("no such folder: %1").arg(dir));
    int shard = 1, shards = 1;
    if (parser.isSet(QStringLiteral("shard"))) {
        const auto match = QRegularExpression(QStringLiteral("^(\\d+)/(\\d+)$"))
                               .match(parser.value(QStringLiteral("shard")));
        shard = match.captured(1).toInt();
        shards = match.captured(2).toInt();
        if (!match.hasMatch() || shards < 1 || shard < 1 || shard > shards)
            return usageError(QStringLiteral("--shard takes K/N with 1 <= K <= N, e.g. 2/8"));
    }
    int jobs = QThread::idealThreadCount();
    if (parser.isSet(QStringLiteral("jobs"))) {
        bool ok = false;
        jobs = parser.value(QStringLiteral("jobs")).toInt(&ok);
        if (!ok || jobs < 1)
            return usageError(QStringLiteral("--jobs takes a number of at least 1"));
    }
    const std::optional<Pack> pack = loadPack(parser.value(QStringLiteral("pack")));
    if (!pack)
        return ExitUsage;

    const Grader grader(gradeOptions(parser));
    if (const IsolationSupport ready = grader.readiness(); !ready.available) {
        m_err << "unlocked-cli batch: cannot isolate learner code here: " << ready.reason
              << "\nTo run it anyway, without isolation, add --unisolated.\n";
        return ExitUsage;
    }
    const QList<Entry> all = collect(dir);
    QList<Entry> mine;
    for (qsizetype i = 0; i < all.size(); ++i)
        if (i % shards == shard - 1)
            mine.append(all[i]);

    // Submissions without a measured check first, side by side; then each measured one with
    // nothing else of the batch running, so no speedup is judged on a shared machine.
    QList<Submission> graded(mine.size());
    QMutex progressMutex;
    int done = 0;
    auto gradeOne = [&](qsizetype i) {
        const Entry &entry = mine[i];
        Submission s{entry.learner, entry.taskId, entry.path, {}};
        if (const Task *task = pack->task(entry.taskId)) {
            s.result = grader.grade(*task, entry.path);
        } else {
            s.result.taskId = entry.taskId;
            s.result.file = entry.path;
            s.result.verdict = Verdict::Error;
            s.result.message = QStringLiteral("no task named '%1' in this pack").arg(entry.taskId);
        }
        graded[i] = s;
        QMutexLocker lock(&progressMutex);
        // Folder names are the learners' to choose, escapes included.
        m_err << '[' << ++done << '/' << mine.size() << "] "
              << SafeText::visible(entry.learner + QLatin1Char('/') + entry.taskId) << ": "
              << verdictName(s.result.verdict)
              << QStringLiteral(" (%1 s)\n").arg(s.result.seconds, 0, 'f', 1);
        m_err.flush();
    };
    auto measured = [&](qsizetype i) {
        const Task *task = pack->task(mine[i].taskId);
        return task && task->hasMeasuredCheck();
    };
    QThreadPool pool;
    pool.setMaxThreadCount(jobs);
    for (qsizetype i = 0; i < mine.size(); ++i)
        if (!measured(i))
            pool.start([&gradeOne, i] { gradeOne(i); });
    pool.waitForDone();
    QList<Verdict> verdicts;
    for (qsizetype i = 0; i < mine.size(); ++i) {
        if (measured(i))
            gradeOne(i);
        verdicts.append(graded[i].result.verdict);
    }

    const QByteArray rendered = format == QLatin1String("junit") ? ResultFormat::toJUnit(graded)
                                : format == QLatin1String("csv")
                                    ? ResultFormat::toCsv(graded)
                                    : ResultFormat::toBatchJson(graded);
    if (!writeOutput(parser, rendered))
        return ExitUsage;
    // The same codes as grade: one submission the grader could not grade makes the batch an error.
    return exitCodeFor(combineVerdicts(verdicts));
}

} // namespace Unlocked
