#pragma once

#include <QByteArray>
#include <QString>

namespace Unlocked {

/**
 * Text that came from a submission (its output, tracebacks, file names) made harmless for
 * whoever reads a report: terminal escapes, bells, NUL, bidirectional overrides and the
 * characters XML 1.0 forbids are shown as `\x1b` or `\u202e` instead of being acted on.
 * Every report format goes through these functions, so there is one list of what is unsafe.
 */
namespace SafeText {

/** \a text with every unsafe character written as a visible escape; newlines and tabs stay. */
QString visible(const QString &text);
/** Whether \a c is written as an escape by visible(). */
bool isUnsafe(char32_t c);
/**
 * UTF-8 JSON with the unsafe characters that JSON writers leave raw (DEL, C1 controls,
 * bidirectional controls) written as `\uXXXX` escapes; it parses to the same text.
 */
QByteArray jsonBytes(const QByteArray &json);
/** One CSV field: visible(), quoted when needed, and never read as a spreadsheet formula. */
QString csvField(const QString &text);

} // namespace SafeText
} // namespace Unlocked
