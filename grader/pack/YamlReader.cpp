#include "YamlReader.h"

#include <cmath>
#include <sstream>

namespace Unlocked {

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
    case YAML::NodeType::Scalar: {
        // Enough to recognise the value, short enough to keep the message on one line.
        const QString text = scalarText(node);
        return QStringLiteral("'%1'").arg(text.size() > 40 ? text.left(37) + QStringLiteral("...")
                                                           : text);
    }
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
    // An empty value has no place of its own (yaml-cpp marks where the next token starts):
    // point at its key instead.
    const SourceLocation v = m_file.at(e->value);
    return v.line > 0 && !e->value.IsNull() ? v : m_file.at(e->keyNode);
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
        error(key, e->value.IsNull()
                       ? QStringLiteral("must be a list, not empty (write [] for no items)")
                       : QStringLiteral("must be a list, not %1").arg(describeNode(e->value)));
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
