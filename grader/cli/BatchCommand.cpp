#include "BatchReport.h"
#include "Commands.h"
#include "PlatformResults.h"
#include "ShardSource.h"

#include "result/PlatformFormats.h"
#include "result/SafeText.h"

#include <QDir>
#include <QFileInfo>
#include <QMutex>
#include <QThread>
#include <QThreadPool>

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
                      QStringLiteral("Grade only shard K of N (1-based): every N-th submission. "
                                     "Without it, the shard comes from a job-array engine's "
                                     "variables: Slurm, Kubernetes Indexed Jobs, GitLab "
                                     "parallel, or UNLOCKED_SHARD_INDEX (0-based) and "
                                     "UNLOCKED_SHARD_COUNT."),
                      QStringLiteral("K/N")});
    parser.addOption({QStringLiteral("shard-count"),
                      QStringLiteral("How many shards there are, for an engine that gives only "
                                     "an index (a Kubernetes Indexed Job's completions)."),
                      QStringLiteral("N")});
    parser.addOption({QStringLiteral("jobs"),
                      QStringLiteral("Grade up to N submissions without measured checks at once "
                                     "(default: the CPUs this process may use). A submission "
                                     "with a measured check is always timed alone."),
                      QStringLiteral("N")});
    addReportOptions(parser, QStringLiteral("Write the results here instead of standard output "
                                            "(a folder for a platform's format)."));
    addRunOptions(parser);
    addMeasureOptions(parser);
}

int BatchCommand::run(const QCommandLineParser &parser)
{
    const QString format = parser.value(QStringLiteral("format"));
    if (const QString why = reportOptionsError(parser); !why.isEmpty())
        return usageError(why);
    const QString dir = parser.value(QStringLiteral("submissions"));
    if (dir.isEmpty())
        return usageError(QStringLiteral("give --submissions DIR"));
    if (!QFileInfo(dir).isDir())
        return usageError(QStringLiteral("no such folder: %1").arg(dir));
    std::optional<int> shardCount;
    if (parser.isSet(QStringLiteral("shard-count"))) {
        bool ok = false;
        shardCount = parser.value(QStringLiteral("shard-count")).toInt(&ok);
        if (!ok || *shardCount < 1)
            return usageError(QStringLiteral("--shard-count takes a number of at least 1"));
        if (parser.isSet(QStringLiteral("shard")))
            return usageError(QStringLiteral("give --shard K/N or --shard-count N, not both"));
    }
    const Shard shard =
        parser.isSet(QStringLiteral("shard"))
            ? shardFromOption(parser.value(QStringLiteral("shard")))
            : shardFromEnvironment(QProcessEnvironment::systemEnvironment(), shardCount);
    if (!shard.error.isEmpty()) {
        if (parser.isSet(QStringLiteral("shard")))
            return usageError(shard.error);
        m_err << "unlocked-cli batch: " << shard.error << '\n';
        return ExitUsage;
    }
    if (!shard.source.isEmpty() && shard.source != QLatin1String("--shard"))
        m_err << "unlocked-cli batch: grading shard " << shard.index << '/' << shard.count
              << ", from " << shard.source << '\n';
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
    const bool platform = PlatformFormats::isPlatformFormat(format);
    if (platform) {
        // Refused before any grading: two files of one learner and task would share a result.
        QList<Submission> layout;
        for (const Entry &entry : all)
            layout.append({entry.learner, entry.taskId, entry.path, {}});
        if (const QString why = PlatformResults::clash(layout); !why.isEmpty()) {
            m_err << "unlocked-cli batch: " << why << '\n';
            return ExitUsage;
        }
    }
    BatchReport report;
    report.pack = PackStamp::of(*pack);
    report.shard = shard;
    report.classSize = int(all.size());
    QStringList listing;
    QList<Entry> mine;
    for (qsizetype i = 0; i < all.size(); ++i) {
        listing.append(all[i].learner + QLatin1Char('/') + QFileInfo(all[i].path).fileName());
        if (i % shard.count == shard.index - 1) {
            mine.append(all[i]);
            report.positions.append(int(i));
        }
    }
    report.classDigest = BatchReport::digestOf(listing);

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

    report.submissions = graded;
    if (platform ? !writePlatformResults(parser, *pack, graded)
                 : !writeOutput(parser, BatchFormats::render(format, report)))
        return ExitUsage;
    // The same codes as grade: one submission the grader could not grade makes the batch an error.
    return exitCodeFor(combineVerdicts(verdicts));
}

} // namespace Unlocked
