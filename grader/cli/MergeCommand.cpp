#include "BatchReportReader.h"
#include "Commands.h"

#include "result/PlatformFormats.h"
#include "result/SafeText.h"

#include <QFileInfo>
#include <QMap>

namespace Unlocked {

namespace {

// How pack \a other differs from \a first, or nothing.
QString packMismatch(const PackStamp &first, const PackStamp &other)
{
    if (other.id != first.id)
        return QStringLiteral("pack '%1', not '%2'").arg(other.id, first.id);
    if (other.version != first.version)
        return QStringLiteral("version '%1' of pack '%2', not version '%3'")
            .arg(other.version, first.id, first.version);
    if (other.digest != first.digest)
        return QStringLiteral("pack '%1' with different files (digest %2, not %3)")
            .arg(first.id, other.digest, first.digest);
    return {};
}

// The first way in which \a other was graded differently from \a first, or nothing.
QString mismatch(const BatchReport &first, const BatchReport &other)
{
    if (const QString why = packMismatch(first.pack, other.pack); !why.isEmpty())
        return why;
    if (other.classSize != first.classSize || other.classDigest != first.classDigest)
        return QStringLiteral("a different class (%1 submissions, digest %2; not %3, %4): "
                              "submissions were added or removed between the shards' runs")
            .arg(other.classSize)
            .arg(other.classDigest)
            .arg(first.classSize)
            .arg(first.classDigest);
    return {};
}

} // namespace

void MergeCommand::addOptions(QCommandLineParser &parser)
{
    parser.addOption({QStringLiteral("pack"),
                      QStringLiteral("The pack the reports were graded against (default: the "
                                     "built-in course): the platform formats score each "
                                     "submission against its task. When given or needed, it "
                                     "must be the reports' pack."),
                      QStringLiteral("DIR")});
    addReportOptions(parser, QStringLiteral("Write the merged report here instead of standard "
                                            "output (a folder for a platform's format)."));
    parser.addOption({QStringLiteral("allow-incomplete"),
                      QStringLiteral("Write the report even when submissions are missing or "
                                     "graded twice (the first grade of each is kept).")});
    parser.addPositionalArgument(QStringLiteral("REPORT.json"),
                                 QStringLiteral("The shards' JSON reports of batch."),
                                 QStringLiteral("REPORT.json..."));
}

int MergeCommand::run(const QCommandLineParser &parser)
{
    const QString format = parser.value(QStringLiteral("format"));
    if (const QString why = reportOptionsError(parser); !why.isEmpty())
        return usageError(why);
    const QStringList paths = parser.positionalArguments();
    if (paths.isEmpty())
        return usageError(QStringLiteral("give the shards' JSON reports"));

    QList<BatchReport> reports;
    for (const QString &path : paths) {
        QString error;
        std::optional<BatchReport> report = readBatchReport(path, &error);
        if (!report) {
            m_err << "unlocked-cli merge: " << error << '\n';
            return ExitUsage;
        }
        if (const QString why = reports.isEmpty() ? QString() : mismatch(reports[0], *report);
            !why.isEmpty()) {
            m_err << "unlocked-cli merge: " << path << " was graded against " << why << " like "
                  << paths[0] << "; refusing to merge them.\n";
            return ExitUsage;
        }
        reports.append(std::move(*report));
    }

    // A platform's score needs each task's points and policies: from the very pack graded.
    std::optional<Pack> pack;
    const bool platform = PlatformFormats::isPlatformFormat(format);
    if (platform || parser.isSet(QStringLiteral("pack"))) {
        pack = loadPack(parser.value(QStringLiteral("pack")));
        if (!pack)
            return ExitUsage;
        if (const QString why = packMismatch(reports[0].pack, PackStamp::of(*pack));
            !why.isEmpty()) {
            m_err << "unlocked-cli merge: the reports were graded against pack '"
                  << reports[0].pack.id << "' (version '" << reports[0].pack.version << "', digest "
                  << reports[0].pack.digest << "), but the pack in " << pack->dir << " is " << why
                  << "; give --pack the folder of the pack they were graded "
                  << "with. Nothing written.\n";
            return ExitUsage;
        }
    }

    // Each submission by its position in the class, the first report that graded it kept.
    QMap<int, std::pair<Submission, QString>> merged;
    QStringList problems;
    for (qsizetype r = 0; r < reports.size(); ++r) {
        for (qsizetype i = 0; i < reports[r].submissions.size(); ++i) {
            const Submission &s = reports[r].submissions[i];
            const int position = reports[r].positions[i];
            if (const auto seen = merged.constFind(position); seen != merged.cend())
                problems.append(
                    QStringLiteral("%1/%2 is graded twice: in %3 and in %4")
                        .arg(SafeText::visible(s.learner), s.taskId, seen->second, paths[r]));
            else
                merged.insert(position, {s, paths[r]});
        }
    }
    const BatchReport &first = reports[0];
    QMap<QString, QList<int>> missing; // by the shard that grades them
    for (int p = 0; p < first.classSize; ++p)
        if (!merged.contains(p))
            missing[QStringLiteral("%1/%2").arg(p % first.shard.count + 1).arg(first.shard.count)]
                .append(p + 1);
    for (auto it = missing.cbegin(); it != missing.cend(); ++it) {
        QStringList numbers;
        for (int n : it.value())
            numbers.append(QString::number(n));
        problems.append(QStringLiteral("%1 of the class's %2 submissions are missing (number %3 "
                                       "in batch's order); with %4 shards, shard %5 grades them")
                            .arg(it.value().size())
                            .arg(first.classSize)
                            .arg(numbers.mid(0, 10).join(QLatin1String(", ")) +
                                 (numbers.size() > 10 ? QStringLiteral(", …") : QString()))
                            .arg(first.shard.count)
                            .arg(it.key()));
    }
    for (const QString &problem : std::as_const(problems))
        m_err << "unlocked-cli merge: " << problem << '\n';
    if (!problems.isEmpty() && !parser.isSet(QStringLiteral("allow-incomplete"))) {
        m_err << "unlocked-cli merge: nothing written; add --allow-incomplete to write what "
                 "there is.\n";
        return ExitUsage;
    }

    BatchReport whole;
    whole.pack = first.pack;
    whole.classSize = first.classSize;
    whole.classDigest = first.classDigest;
    QList<Verdict> verdicts;
    for (auto it = merged.cbegin(); it != merged.cend(); ++it) {
        whole.submissions.append(it->first);
        whole.positions.append(it.key());
        verdicts.append(it->first.result.verdict);
    }
    m_err << "unlocked-cli merge: " << whole.submissions.size() << " submissions from "
          << reports.size() << " reports\n";
    if (platform ? !writePlatformResults(parser, *pack, whole.submissions)
                 : !writeOutput(parser, BatchFormats::render(format, whole)))
        return ExitUsage;
    return problems.isEmpty() ? exitCodeFor(combineVerdicts(verdicts)) : ExitUsage;
}

} // namespace Unlocked
