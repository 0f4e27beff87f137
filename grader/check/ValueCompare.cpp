#include "ValueCompare.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#include <cmath>

namespace Unlocked {

namespace {

QString typeName(const QJsonValue &v)
{
    switch (v.type()) {
    case QJsonValue::Null:
        return QStringLiteral("None");
    case QJsonValue::Bool:
        return QStringLiteral("a bool");
    case QJsonValue::Double:
        return QStringLiteral("a number");
    case QJsonValue::String:
        return QStringLiteral("a string");
    case QJsonValue::Array:
        return QStringLiteral("a list");
    case QJsonValue::Object:
        return v.toObject().contains(QLatin1String("__unjsonable__"))
                   ? QStringLiteral("a %1").arg(v[QLatin1String("__unjsonable__")].toString())
                   : QStringLiteral("a dict");
    case QJsonValue::Undefined:
        return QStringLiteral("nothing");
    }
    return {};
}

QString compareAt(const QJsonValue &expected, const QJsonValue &actual, double tolerance,
                  const QString &path)
{
    const QString where = path.isEmpty() ? QString() : QStringLiteral(" at %1").arg(path);
    if (expected.type() != actual.type())
        return QStringLiteral("expected %1%2, got %3")
            .arg(typeName(expected), where, typeName(actual));
    switch (expected.type()) {
    case QJsonValue::Double: {
        const double e = expected.toDouble(), a = actual.toDouble();
        const bool equal = tolerance > 0 ? std::abs(e - a) <= tolerance * std::max(1.0, std::abs(e))
                                         : e == a && expected.toInteger(0) == actual.toInteger(0);
        return equal ? QString()
                     : QStringLiteral("expected %1%2, got %3")
                           .arg(shortJson(expected), where, shortJson(actual));
    }
    case QJsonValue::Array: {
        const QJsonArray e = expected.toArray(), a = actual.toArray();
        if (e.size() != a.size())
            return QStringLiteral("expected a list of %1 items%2, got %3 items")
                .arg(e.size())
                .arg(where)
                .arg(a.size());
        for (qsizetype i = 0; i < e.size(); ++i) {
            const QString diff =
                compareAt(e[i], a[i], tolerance, path + QStringLiteral("[%1]").arg(i));
            if (!diff.isEmpty())
                return diff;
        }
        return {};
    }
    case QJsonValue::Object: {
        const QJsonObject e = expected.toObject(), a = actual.toObject();
        if (e.keys() != a.keys())
            return QStringLiteral("expected keys %1%2, got %3")
                .arg(e.keys().join(QLatin1String(", ")), where, a.keys().join(QLatin1String(", ")));
        for (auto it = e.begin(); it != e.end(); ++it) {
            const QString diff = compareAt(it.value(), a.value(it.key()), tolerance,
                                           path + QStringLiteral("[%1]").arg(it.key()));
            if (!diff.isEmpty())
                return diff;
        }
        return {};
    }
    default:
        return expected == actual ? QString()
                                  : QStringLiteral("expected %1%2, got %3")
                                        .arg(shortJson(expected), where, shortJson(actual));
    }
}

} // namespace

QString compareValues(const QJsonValue &expected, const QJsonValue &actual, double tolerance)
{
    return compareAt(expected, actual, tolerance, QString());
}

QString shortJson(const QJsonValue &value, int maxChars)
{
    QString text;
    if (value.isArray())
        text = QString::fromUtf8(QJsonDocument(value.toArray()).toJson(QJsonDocument::Compact));
    else if (value.isObject())
        text = QString::fromUtf8(QJsonDocument(value.toObject()).toJson(QJsonDocument::Compact));
    else if (value.isString())
        text = QLatin1Char('"') + value.toString() + QLatin1Char('"');
    else if (value.isBool())
        text = value.toBool() ? QStringLiteral("True") : QStringLiteral("False");
    else if (value.isNull())
        text = QStringLiteral("None");
    else
        text = QString::number(value.toDouble(), 'g', 15);
    text.replace(QLatin1Char(','), QLatin1String(", "));
    if (text.size() > maxChars)
        text = text.left(maxChars - 1) + QChar(0x2026);
    return text;
}

} // namespace Unlocked
