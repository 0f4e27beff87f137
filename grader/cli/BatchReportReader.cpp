#include "BatchReportReader.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

namespace Unlocked {

std::optional<BatchReport> readBatchReport(const QString &path, QString *error)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        *error = QStringLiteral("cannot read %1: %2").arg(path, file.errorString());
        return std::nullopt;
    }
    QJsonParseError parse;
    const QJsonDocument doc = QJsonDocument::fromJson(file.readAll(), &parse);
    const QJsonObject root = doc.object();
    if (parse.error != QJsonParseError::NoError ||
        !root.value(QLatin1String("results")).isArray()) {
        *error = QStringLiteral("%1 is not a JSON report of unlocked-cli batch (%2)")
                     .arg(path, parse.error != QJsonParseError::NoError
                                    ? parse.errorString()
                                    : QStringLiteral("no \"results\" list"));
        return std::nullopt;
    }
    const QJsonObject pack = root.value(QLatin1String("pack")).toObject();
    const QJsonObject group = root.value(QLatin1String("class")).toObject();
    if (pack.isEmpty() || group.isEmpty()) {
        *error = QStringLiteral("%1 does not say which pack and class it graded (an older "
                                "unlocked-cli wrote it): run batch again")
                     .arg(path);
        return std::nullopt;
    }
    BatchReport report;
    report.pack = {pack.value(QLatin1String("id")).toString(),
                   pack.value(QLatin1String("version")).toString(),
                   pack.value(QLatin1String("digest")).toString()};
    report.classSize = group.value(QLatin1String("submissions")).toInt();
    report.classDigest = group.value(QLatin1String("digest")).toString();
    const QJsonObject shard = root.value(QLatin1String("shard")).toObject();
    report.shard.index = shard.value(QLatin1String("index")).toInt(1);
    report.shard.count = shard.value(QLatin1String("count")).toInt(1);
    for (const QJsonValue &v : root.value(QLatin1String("results")).toArray()) {
        const QJsonObject o = v.toObject();
        const int position = o.value(QLatin1String("position")).toInt(-1);
        if (position < 0 || position >= report.classSize) {
            *error = QStringLiteral("%1: a result has no position in the class of %2")
                         .arg(path)
                         .arg(report.classSize);
            return std::nullopt;
        }
        Submission s;
        s.result = ResultFormat::fromJson(o);
        s.learner = o.value(QLatin1String("learner")).toString();
        s.taskId = s.result.taskId;
        s.path = o.value(QLatin1String("path")).toString();
        report.submissions.append(s);
        report.positions.append(position);
    }
    return report;
}

} // namespace Unlocked
