#include "BatchReport.h"

#include "result/SafeText.h"

#include <QCryptographicHash>
#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

namespace Unlocked {

namespace {

void addFile(QCryptographicHash &hash, const QDir &root, const QString &path)
{
    QFile file(path);
    hash.addData(root.relativeFilePath(path).toUtf8());
    hash.addData(QByteArrayView("\0", 1));
    if (file.open(QIODevice::ReadOnly))
        hash.addData(QCryptographicHash::hash(file.readAll(), QCryptographicHash::Sha256));
}

} // namespace

PackStamp PackStamp::of(const Pack &pack)
{
    // The files the pack is made of, not its folder: the built-in pack's folder is the repository.
    QStringList files{QDir(pack.dir).filePath(QStringLiteral("course.yaml"))};
    for (const Lesson &lesson : pack.lessons) {
        files.append(lesson.path);
        if (lesson.quiz)
            files.append(lesson.quiz->where.file);
    }
    for (const Task &task : pack.tasks) {
        QDirIterator it(task.dir, QDir::Files | QDir::NoDotAndDotDot, QDirIterator::Subdirectories);
        while (it.hasNext()) {
            const QString path = it.next();
            if (!path.contains(QLatin1String("/__pycache__/")))
                files.append(path);
        }
    }
    files.sort();
    files.removeDuplicates();
    QCryptographicHash hash(QCryptographicHash::Sha256);
    const QDir root(pack.dir);
    for (const QString &path : std::as_const(files))
        addFile(hash, root, path);
    return {pack.id, pack.version, QString::fromLatin1(hash.result().toHex().left(32))};
}

QString BatchReport::digestOf(const QStringList &listing)
{
    return QString::fromLatin1(QCryptographicHash::hash(listing.join(QLatin1Char('\n')).toUtf8(),
                                                        QCryptographicHash::Sha256)
                                   .toHex()
                                   .left(32));
}

namespace BatchFormats {

namespace {

// The plain batch JSON with the pack, the class and the positions that merge reads back.
QByteArray json(const BatchReport &report)
{
    QJsonObject root =
        QJsonDocument::fromJson(ResultFormat::toBatchJson(report.submissions)).object();
    QJsonArray results = root.value(QLatin1String("results")).toArray();
    for (qsizetype i = 0; i < results.size(); ++i) {
        QJsonObject o = results[i].toObject();
        o.insert(QStringLiteral("position"), report.positions.value(i));
        results[i] = o;
    }
    root.insert(QStringLiteral("results"), results);
    root.insert(QStringLiteral("pack"),
                QJsonObject{{QStringLiteral("id"), report.pack.id},
                            {QStringLiteral("version"), report.pack.version},
                            {QStringLiteral("digest"), report.pack.digest}});
    root.insert(QStringLiteral("class"),
                QJsonObject{{QStringLiteral("submissions"), report.classSize},
                            {QStringLiteral("digest"), report.classDigest}});
    if (!report.shard.whole())
        root.insert(QStringLiteral("shard"),
                    QJsonObject{{QStringLiteral("index"), report.shard.index},
                                {QStringLiteral("count"), report.shard.count}});
    return SafeText::jsonBytes(QJsonDocument(root).toJson());
}

} // namespace

QStringList names()
{
    return {QStringLiteral("json"), QStringLiteral("junit"), QStringLiteral("csv")};
}

QByteArray render(const QString &format, const BatchReport &report)
{
    if (format == QLatin1String("junit"))
        return ResultFormat::toJUnit(report.submissions);
    if (format == QLatin1String("csv"))
        return ResultFormat::toCsv(report.submissions);
    return json(report);
}

} // namespace BatchFormats
} // namespace Unlocked
