#include "PlatformResults.h"

#include "result/PlatformFormats.h"
#include "result/SafeText.h"

#include <QCryptographicHash>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QHash>

namespace Unlocked::PlatformResults {

namespace {

constexpr qsizetype longestName = 50; // with the hash and ".json", well under 255 UTF-8 bytes

QString describe(const Submission &s)
{
    return SafeText::visible(s.learner + QLatin1Char('/') +
                             (s.path.isEmpty() ? s.taskId : QFileInfo(s.path).fileName()));
}

} // namespace

QString safeFileName(const QString &name)
{
    QString safe;
    safe.reserve(name.size());
    for (const QChar ch : name)
        safe.append(ch.isLetterOrNumber() || QStringView(u".-_@+").contains(ch) ? ch : QChar(u'_'));
    if (safe.isEmpty())
        safe = QStringLiteral("_");
    if (safe.startsWith(QLatin1Char('.')))
        safe[0] = QLatin1Char('_');
    if (safe.size() > longestName)
        safe.truncate(longestName);
    if (safe == name)
        return safe;
    const QByteArray hash = QCryptographicHash::hash(name.toUtf8(), QCryptographicHash::Sha256);
    return safe + QLatin1Char('-') + QString::fromLatin1(hash.toHex().left(8));
}

QString relativePath(const Submission &s)
{
    return safeFileName(s.learner) + QLatin1Char('/') + safeFileName(s.taskId) +
           QStringLiteral(".json");
}

QString clash(const QList<Submission> &submissions)
{
    QHash<QString, qsizetype> seen;
    for (qsizetype i = 0; i < submissions.size(); ++i) {
        const QString path = relativePath(submissions[i]);
        if (const auto it = seen.constFind(path); it != seen.cend())
            return QStringLiteral("%1 and %2 would both be written to %3: give each learner "
                                  "one file per task")
                .arg(describe(submissions[*it]), describe(submissions[i]), SafeText::visible(path));
        seen.insert(path, i);
    }
    return {};
}

int write(const QString &format, const Pack &pack, const QList<Submission> &submissions,
          const QString &dir, QString *error)
{
    if (const QString why = clash(submissions); !why.isEmpty()) {
        *error = why;
        return -1;
    }
    const QDir root(dir);
    if (!root.mkpath(QStringLiteral("."))) {
        *error = QStringLiteral("cannot create the folder %1").arg(dir);
        return -1;
    }
    int written = 0;
    for (const Submission &s : submissions) {
        const QString path = root.filePath(relativePath(s));
        QFile file(path);
        const QByteArray data = PlatformFormats::render(format, pack.task(s.taskId), s.result);
        if (!QDir().mkpath(QFileInfo(path).absolutePath()) ||
            !file.open(QIODevice::WriteOnly | QIODevice::Truncate) ||
            file.write(data) != data.size()) {
            *error = QStringLiteral("cannot write %1: %2").arg(path, file.errorString());
            return -1;
        }
        ++written;
    }
    return written;
}

} // namespace Unlocked::PlatformResults
