#include "YamlReader.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QRegularExpression>

#include <cmath>

// Scalar typing and YAML-to-JSON conversion, after YAML 1.2's core schema.
namespace Unlocked {

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
    if (s == QLatin1String("~") || s == QLatin1String("null") || s == QLatin1String("Null") ||
        s == QLatin1String("NULL"))
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
