#include "SafeText.h"

#include <QStringView>

namespace Unlocked::SafeText {

namespace {

bool isBidiControl(char32_t c)
{
    // Marks, embeddings, overrides and isolates: they reorder what the reader sees.
    return c == 0x061C || c == 0x200E || c == 0x200F || (c >= 0x202A && c <= 0x202E) ||
           (c >= 0x2066 && c <= 0x2069);
}

QString escapeFor(char32_t c)
{
    if (c < 0x80)
        return QStringLiteral("\\x%1").arg(uint(c), 2, 16, QLatin1Char('0'));
    return QStringLiteral("\\u%1").arg(uint(c), 4, 16, QLatin1Char('0'));
}

} // namespace

bool isUnsafe(char32_t c)
{
    if (c == u'\n' || c == u'\t')
        return false;
    return c < 0x20 || (c >= 0x7F && c <= 0x9F) || isBidiControl(c) ||
           (c >= 0xD800 && c <= 0xDFFF) || c == 0xFFFE || c == 0xFFFF;
}

QString visible(const QString &text)
{
    QString out;
    out.reserve(text.size());
    const qsizetype n = text.size();
    for (qsizetype i = 0; i < n; ++i) {
        const QChar ch = text.at(i);
        char32_t c = ch.unicode();
        // A well-formed pair is one character; a lone half cannot be written as UTF-8 or XML.
        if (ch.isHighSurrogate() && i + 1 < n && text.at(i + 1).isLowSurrogate()) {
            out.append(ch);
            out.append(text.at(++i));
            continue;
        }
        if (isUnsafe(c))
            out.append(escapeFor(c));
        else
            out.append(ch);
    }
    return out;
}

QByteArray jsonBytes(const QByteArray &json)
{
    // JSON's structural characters are ASCII, so any of these can only sit inside a string,
    // where a \u escape means the same character.
    const QString text = QString::fromUtf8(json);
    QString out;
    out.reserve(text.size());
    for (const QChar ch : text) {
        const char32_t c = ch.unicode();
        if (c >= 0x7F && isUnsafe(c) && !ch.isSurrogate())
            out.append(QStringLiteral("\\u%1").arg(uint(c), 4, 16, QLatin1Char('0')));
        else
            out.append(ch);
    }
    return out.toUtf8();
}

QString csvField(const QString &text)
{
    QString field = visible(text);
    // A spreadsheet runs a cell that starts with one of these as a formula (CSV injection).
    if (!field.isEmpty() && QStringView(u"=+-@\t").contains(field.front()))
        field.prepend(QLatin1Char('\''));
    if (field.contains(QLatin1Char(',')) || field.contains(QLatin1Char('"')) ||
        field.contains(QLatin1Char('\n'))) {
        field.replace(QLatin1Char('"'), QLatin1String("\"\""));
        return QLatin1Char('"') + field + QLatin1Char('"');
    }
    return field;
}

} // namespace Unlocked::SafeText
