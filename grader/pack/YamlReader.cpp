#include "YamlReader.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonObject>
#include <QRegularExpression>
#include <QStringDecoder>

#include <cmath>

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
        errors.add({path, line, 0}, {},
                   QStringLiteral("'%1' is not valid UTF-8; save it with UTF-8 encoding")
                       .arg(shownName));
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
    return QString::fromUtf8(*bytes);
}

bool YamlFile::load(const QString &shownName, const SourceLocation &referencedAt,
                    const QString &field)
{
    const auto bytes = readPackBytes(m_path, shownName, referencedAt, field, m_errors);
    if (!bytes)
        return false;
    try {
        m_root = YAML::Load(bytes->toStdString());
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
    case YAML::NodeType::Sequence: return QStringLiteral("a list");
    case YAML::NodeType::Map: return QStringLiteral("a mapping");
    case YAML::NodeType::Scalar: return QStringLiteral("'%1'").arg(scalarText(node));
    case YAML::NodeType::Null:
    case YAML::NodeType::Undefined: break;
    }
    return QStringLiteral("empty");
}

YamlMap::YamlMap(YamlFile &file, const YAML::Node &node, const QString &field,
                 const QString &what, const QStringList &allowedKeys)
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
                message += QStringLiteral(" (allowed: %1)").arg(allowedKeys.join(QLatin1String(", ")));
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

// Plain scalars resolve by YAML 1.2's core schema; quoted ones are always text.
static bool isPlain(const YAML::Node &node)
{
    return node.IsScalar() && node.Tag() == "?";
}

QString scalarText(const YAML::Node &node)
{
    return node.IsScalar() ? QString::fromStdString(node.Scalar()) : QString();
}

static std::optional<qint64> scalarInteger(const QString &s)
{
    static const QRegularExpression decimal(QStringLiteral("^[-+]?[0-9]+$"));
    bool ok = false;
    qint64 v = 0;
    if (decimal.match(s).hasMatch())
        v = s.toLongLong(&ok, 10);
    else if (s.startsWith(QLatin1String("0x")))
        v = s.mid(2).toLongLong(&ok, 16);
    else if (s.startsWith(QLatin1String("0o")))
        v = s.mid(2).toLongLong(&ok, 8);
    return ok ? std::optional(v) : std::nullopt;
}

std::optional<double> scalarNumber(const YAML::Node &node)
{
    if (!isPlain(node))
        return std::nullopt;
    const QString s = scalarText(node);
    if (const auto i = scalarInteger(s))
        return double(*i);
    static const QRegularExpression real(
        QStringLiteral("^[-+]?(\\.[0-9]+|[0-9]+(\\.[0-9]*)?)([eE][-+]?[0-9]+)?$"));
    if (!real.match(s).hasMatch())
        return std::nullopt;
    bool ok = false;
    const double d = s.toDouble(&ok);
    return ok && std::isfinite(d) ? std::optional(d) : std::nullopt;
}

std::optional<bool> scalarBool(const YAML::Node &node)
{
    if (!isPlain(node))
        return std::nullopt;
    const QString s = scalarText(node);
    if (s == QLatin1String("true") || s == QLatin1String("True") || s == QLatin1String("TRUE"))
        return true;
    if (s == QLatin1String("false") || s == QLatin1String("False") || s == QLatin1String("FALSE"))
        return false;
    return std::nullopt;
}

namespace {

// Deep enough for any real argument list, small enough for the stack.
constexpr int maxJsonDepth = 64;
constexpr qint64 maxJsonNodes = 1'000'000;

QJsonValue scalarToJson(const YAML::Node &node)
{
    if (!isPlain(node))
        return scalarText(node);
    const QString s = scalarText(node);
    if (s == QLatin1String("~") || s == QLatin1String("null") || s == QLatin1String("Null")
        || s == QLatin1String("NULL"))
        return QJsonValue::Null;
    if (const auto b = scalarBool(node))
        return *b;
    if (const auto i = scalarInteger(s))
        return *i;
    if (const auto d = scalarNumber(node))
        return *d;
    return s;
}

bool toJson(const YAML::Node &node, int depth, qint64 &budget, QJsonValue &out)
{
    if (depth > maxJsonDepth || --budget < 0)
        return false;
    switch (node.Type()) {
    case YAML::NodeType::Sequence: {
        QJsonArray array;
        for (const YAML::Node &item : node) {
            QJsonValue value;
            if (!toJson(item, depth + 1, budget, value))
                return false;
            array.append(value);
        }
        out = array;
        return true;
    }
    case YAML::NodeType::Map: {
        QJsonObject object;
        for (auto it = node.begin(); it != node.end(); ++it) {
            QJsonValue value;
            if (!toJson(it->second, depth + 1, budget, value))
                return false;
            object.insert(scalarText(it->first), value);
        }
        out = object;
        return true;
    }
    case YAML::NodeType::Scalar:
        out = scalarToJson(node);
        return true;
    case YAML::NodeType::Null:
    case YAML::NodeType::Undefined:
        break;
    }
    out = QJsonValue::Null;
    return true;
}

} // namespace

std::optional<QJsonValue> yamlToJson(const YAML::Node &node)
{
    qint64 budget = maxJsonNodes;
    QJsonValue out;
    if (!toJson(node, 0, budget, out))
        return std::nullopt;
    return out;
}

std::optional<QJsonValue> YamlMap::json(const QString &key)
{
    auto value = yamlToJson(this->value(key));
    if (!value)
        error(key, QStringLiteral("is too large or nests too deeply (at most %1 levels and %2 "
                                  "values; an alias must not contain itself)")
                       .arg(maxJsonDepth)
                       .arg(maxJsonNodes));
    return value;
}

} // namespace Unlocked
