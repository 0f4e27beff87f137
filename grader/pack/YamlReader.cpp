#include "YamlReader.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonObject>
#include <QRegularExpression>
#include <QStringDecoder>

#include <cmath>
#include <sstream>

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

// The 1-based line of the first invalid byte, or 0 when the bytes are valid UTF-8.
static int firstInvalidUtf8Line(const QByteArray &bytes)
{
    QStringDecoder whole(QStringDecoder::Utf8, QStringDecoder::Flag::Stateless);
    const QString all = whole.decode(bytes);
    Q_UNUSED(all);
    if (!whole.hasError())
        return 0;
    const QList<QByteArray> lines = bytes.split('\n');
    for (qsizetype i = 0; i < lines.size(); ++i) {
        QStringDecoder one(QStringDecoder::Utf8, QStringDecoder::Flag::Stateless);
        const QString line = one.decode(lines[i]);
        Q_UNUSED(line);
        if (one.hasError())
            return int(i + 1);
    }
    return 1;
}

static std::optional<QByteArray> readPackBytes(const QString &path, const QString &shownName,
                                               const SourceLocation &referencedAt,
                                               const QString &field, PackErrors &errors,
                                               const QString &missingHint = {})
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

namespace {

/** Remembers where a document's first node starts; builds nothing. */
class FirstMark : public YAML::EventHandler
{
public:
    YAML::Mark where() const { return m_node.value_or(m_document); }

    void OnDocumentStart(const YAML::Mark &m) override { m_document = m; }
    void OnDocumentEnd() override {}
    void OnNull(const YAML::Mark &m, YAML::anchor_t) override { note(m); }
    void OnAlias(const YAML::Mark &m, YAML::anchor_t) override { note(m); }
    void OnScalar(const YAML::Mark &m, const std::string &, YAML::anchor_t,
                  const std::string &) override
    {
        note(m);
    }
    void OnSequenceStart(const YAML::Mark &m, const std::string &, YAML::anchor_t,
                         YAML::EmitterStyle::value) override
    {
        note(m);
    }
    void OnSequenceEnd() override {}
    void OnMapStart(const YAML::Mark &m, const std::string &, YAML::anchor_t,
                    YAML::EmitterStyle::value) override
    {
        note(m);
    }
    void OnMapEnd() override {}

private:
    void note(const YAML::Mark &m)
    {
        if (!m_node)
            m_node = m;
    }

    YAML::Mark m_document;
    std::optional<YAML::Mark> m_node;
};

/**
 * Where a second document starts, if \a text has one. YAML::Load reads only the first and
 * ignores the rest, and YAML::LoadAll loops forever on some broken input (yaml-cpp 0.7), so the
 * parser is asked for exactly two documents.
 */
std::optional<YAML::Mark> secondDocument(const std::string &text)
{
    std::istringstream in(text);
    YAML::Parser parser(in);
    FirstMark first;
    if (!parser.HandleNextDocument(first))
        return std::nullopt;
    FirstMark second;
    if (!parser.HandleNextDocument(second))
        return std::nullopt;
    return second.where();
}

} // namespace

bool YamlFile::load(const QString &shownName, const SourceLocation &referencedAt,
                    const QString &field)
{
    const auto bytes = readPackBytes(m_path, shownName, referencedAt, field, m_errors);
    if (!bytes)
        return false;
    try {
        const std::string text = bytes->toStdString();
        m_root = YAML::Load(text);
        if (const auto extra = secondDocument(text)) {
            m_errors.add({m_path, extra->line + 1, extra->column + 1}, {},
                         QStringLiteral("unexpected text after the end of the YAML document: a "
                                        "pack file holds one document (look for a stray ---, or "
                                        "a line that does not fit the indentation above it)"));
            return false;
        }
    } catch (const YAML::ParserException &e) {
        m_errors.add({m_path, e.mark.line + 1, e.mark.column + 1}, {},
                     QStringLiteral("malformed YAML: %1").arg(QString::fromStdString(e.msg)));
        return false;
    } catch (const YAML::Exception &e) {
        m_errors.add({m_path, 0, 0}, {},
                     QStringLiteral("malformed YAML: %1").arg(QString::fromStdString(e.msg)));
        return false;
    }
    return true;
}

SourceLocation YamlFile::at(const YAML::Node &node) const
{
    const YAML::Mark mark = node.Mark();
    if (mark.is_null() || mark.line < 0)
        return {m_path, 0, 0};
    return {m_path, mark.line + 1, mark.column + 1};
}

void YamlFile::error(const YAML::Node &node, const QString &field, const QString &message)
{
    m_errors.add(at(node), field, message);
}

QString describeNode(const YAML::Node &node)
{
    switch (node.Type()) {
    case YAML::NodeType::Sequence:
        return QStringLiteral("a list");
    case YAML::NodeType::Map:
        return QStringLiteral("a mapping");
    case YAML::NodeType::Scalar:
        return QStringLiteral("'%1'").arg(scalarText(node));
    case YAML::NodeType::Null:
    case YAML::NodeType::Undefined:
        break;
    }
    return QStringLiteral("empty");
}

YamlMap::YamlMap(YamlFile &file, const YAML::Node &node, const QString &field, const QString &what,
                 const QStringList &allowedKeys)
    : m_file(file), m_node(node), m_field(field)
{
    if (!node.IsMap()) {
        file.error(node, field,
                   QStringLiteral("%1 must be a mapping of keys to values, not %2")
                       .arg(what, describeNode(node)));
        return;
    }
    m_valid = true;
    for (auto it = node.begin(); it != node.end(); ++it) {
        const YAML::Node keyNode = it->first;
        const QString key = keyNode.IsScalar() ? scalarText(keyNode) : QString();
        if (!allowedKeys.contains(key)) {
            QString message = QStringLiteral("unknown key '%1' in %2").arg(key, what);
            const QString guess = closestMatch(key, allowedKeys);
            if (!guess.isEmpty())
                message += QStringLiteral(" (did you mean '%1'?)").arg(guess);
            else
                message +=
                    QStringLiteral(" (allowed: %1)").arg(allowedKeys.join(QLatin1String(", ")));
            file.error(keyNode, joinField(field, key), message);
            continue;
        }
        if (find(key)) {
            file.error(keyNode, joinField(field, key),
                       QStringLiteral("key '%1' appears twice").arg(key));
            continue;
        }
        m_entries.push_back({key, keyNode, it->second});
    }
}

const YamlMap::Entry *YamlMap::find(const QString &key) const
{
    for (const Entry &e : m_entries)
        if (e.key == key)
            return &e;
    return nullptr;
}

YAML::Node YamlMap::value(const QString &key) const
{
    const Entry *e = find(key);
    return e ? e->value : YAML::Node();
}

SourceLocation YamlMap::at(const QString &key) const
{
    const Entry *e = find(key);
    if (!e)
        return m_file.at(m_node);
    // An empty value has no mark of its own: point at its key instead.
    const SourceLocation v = m_file.at(e->value);
    return v.line > 0 ? v : m_file.at(e->keyNode);
}

void YamlMap::error(const QString &key, const QString &message)
{
    m_file.errors().add(at(key), field(key), message);
}

void YamlMap::missing(const QString &key, const QString &hint)
{
    m_file.errors().add(m_file.at(m_node), field(key),
                        hint.isEmpty() ? QStringLiteral("missing (required)") : hint);
}

std::optional<QString> YamlMap::string(const QString &key, bool required)
{
    const Entry *e = find(key);
    if (!e || e->value.IsNull()) {
        if (required)
            missing(key);
        return std::nullopt;
    }
    if (!e->value.IsScalar()) {
        error(key, QStringLiteral("must be text, not %1").arg(describeNode(e->value)));
        return std::nullopt;
    }
    const QString text = scalarText(e->value);
    if (required && text.trimmed().isEmpty()) {
        error(key, QStringLiteral("must not be empty"));
        return std::nullopt;
    }
    return text;
}

std::optional<bool> YamlMap::boolean(const QString &key)
{
    const Entry *e = find(key);
    if (!e)
        return std::nullopt;
    const auto b = scalarBool(e->value);
    if (!b)
        error(key, QStringLiteral("must be true or false, not %1").arg(describeNode(e->value)));
    return b;
}

std::optional<double> YamlMap::number(const QString &key, bool required)
{
    const Entry *e = find(key);
    if (!e) {
        if (required)
            missing(key);
        return std::nullopt;
    }
    const auto n = scalarNumber(e->value);
    if (!n)
        error(key, QStringLiteral("must be a number, not %1").arg(describeNode(e->value)));
    return n;
}

std::optional<qint64> YamlMap::integer(const QString &key, bool required)
{
    const auto n = number(key, required);
    if (!n)
        return std::nullopt;
    if (std::floor(*n) != *n || std::abs(*n) > 1e15) {
        error(key, QStringLiteral("must be a whole number, not %1").arg(*n));
        return std::nullopt;
    }
    return qint64(*n);
}

std::optional<YAML::Node> YamlMap::list(const QString &key, bool required)
{
    const Entry *e = find(key);
    if (!e) {
        if (required)
            missing(key);
        return std::nullopt;
    }
    if (!e->value.IsSequence()) {
        error(key, QStringLiteral("must be a list, not %1").arg(describeNode(e->value)));
        return std::nullopt;
    }
    return e->value;
}

std::optional<QStringList> YamlMap::stringList(const QString &key, bool required)
{
    const auto seq = list(key, required);
    if (!seq)
        return std::nullopt;
    QStringList out;
    bool ok = true;
    for (std::size_t i = 0; i < seq->size(); ++i) {
        const YAML::Node item = (*seq)[i];
        if (!item.IsScalar()) {
            m_file.error(item, indexField(field(key), qsizetype(i)),
                         QStringLiteral("must be text, not %1").arg(describeNode(item)));
            ok = false;
            continue;
        }
        out.append(scalarText(item));
    }
    return ok ? std::optional(out) : std::nullopt;
}

} // namespace Unlocked
