#include "YamlReader.h"

#include "TextEncoding.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QRegularExpression>

// Errors, names and files of a pack: everything the readers share that is not YAML.
namespace Unlocked {

void PackErrors::add(const SourceLocation &where, const QString &field, const QString &message)
{
    m_errors.append({where, field, message});
}

QString joinField(const QString &prefix, const QString &key)
{
    return prefix.isEmpty() ? key : prefix + QLatin1Char('.') + key;
}

QString indexField(const QString &prefix, qsizetype index)
{
    return prefix + QLatin1Char('[') + QString::number(index) + QLatin1Char(']');
}

static qsizetype editDistance(const QString &a, const QString &b)
{
    QList<qsizetype> row(b.size() + 1);
    for (qsizetype j = 0; j <= b.size(); ++j)
        row[j] = j;
    for (qsizetype i = 1; i <= a.size(); ++i) {
        qsizetype diagonal = row[0];
        row[0] = i;
        for (qsizetype j = 1; j <= b.size(); ++j) {
            const qsizetype above = row[j];
            const qsizetype cost = a[i - 1] == b[j - 1] ? 0 : 1;
            row[j] = std::min({row[j] + 1, row[j - 1] + 1, diagonal + cost});
            diagonal = above;
        }
    }
    return row[b.size()];
}

QString closestMatch(const QString &word, const QStringList &candidates)
{
    QString best;
    // A third of the word, at least 2: catches typos without suggesting unrelated keys.
    qsizetype bestDistance = std::max<qsizetype>(2, word.size() / 3) + 1;
    for (const QString &candidate : candidates) {
        const qsizetype d = editDistance(word.toLower(), candidate);
        if (d < bestDistance) {
            bestDistance = d;
            best = candidate;
        }
    }
    return best;
}

std::optional<QString> resolvePackPath(const QString &packDir, const QString &baseDir,
                                       const QString &relative)
{
    if (relative.isEmpty() || QDir::isAbsolutePath(relative))
        return std::nullopt;
    const QString path = QDir::cleanPath(baseDir + QLatin1Char('/') + relative);
    if (!path.startsWith(packDir + QLatin1Char('/')))
        return std::nullopt;
    return path;
}

bool isValidId(const QString &id)
{
    static const QRegularExpression re(QStringLiteral("^[A-Za-z0-9][A-Za-z0-9_-]*$"));
    return re.match(id).hasMatch();
}

std::optional<QByteArray> readPackBytes(const QString &path, const QString &shownName,
                                        const SourceLocation &referencedAt, const QString &field,
                                        PackErrors &errors, const QString &missingHint)
{
    const QFileInfo info(path);
    if (!info.exists()) {
        errors.add(referencedAt, field,
                   QStringLiteral("file '%1' does not exist%2").arg(shownName, missingHint));
        return std::nullopt;
    }
    if (info.isDir()) {
        errors.add(referencedAt, field,
                   QStringLiteral("'%1' is a folder, not a file").arg(shownName));
        return std::nullopt;
    }
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        errors.add(referencedAt, field,
                   QStringLiteral("cannot read '%1': %2").arg(shownName, file.errorString()));
        return std::nullopt;
    }
    const QByteArray bytes = file.readAll();
    if (const int line = firstInvalidUtf8Line(bytes)) {
        errors.add(
            {path, line, 0}, {},
            QStringLiteral("'%1' is not valid UTF-8; save it with UTF-8 encoding").arg(shownName));
        return std::nullopt;
    }
    return bytes;
}

std::optional<QString> readPackText(const QString &path, const QString &shownName,
                                    const SourceLocation &referencedAt, const QString &field,
                                    PackErrors &errors, const QString &missingHint)
{
    const auto bytes = readPackBytes(path, shownName, referencedAt, field, errors, missingHint);
    if (!bytes)
        return std::nullopt;
    QString text = QString::fromUtf8(*bytes);
    if (text.startsWith(QChar(0xFEFF))) // a byte-order mark some editors write
        text.remove(0, 1);
    return text;
}

} // namespace Unlocked
