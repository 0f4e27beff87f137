#include "CythonImports.h"

#include <QRegularExpression>

namespace Unlocked {

QStringList cythonImports(const QString &source)
{
    // Cython's grammar is not Python's, so no parser here: a line scan is all the static checks
    // need, and it cannot be upset by cdef syntax.
    static const QRegularExpression importLine(QStringLiteral(
        R"(^\s*import\s+([\w.]+(?:\s+as\s+\w+)?(?:\s*,\s*[\w.]+(?:\s+as\s+\w+)?)*))"));
    static const QRegularExpression fromLine(
        QStringLiteral(R"(^\s*from\s+([\w.]+)\s+import\s+\(?\s*([\w\s,]*))"));
    static const QRegularExpression separator(QStringLiteral(R"(\s*,\s*)"));

    QStringList imports;
    const auto add = [&imports](const QString &name) {
        if (!name.isEmpty() && !name.startsWith(QLatin1Char('.')) && !imports.contains(name))
            imports.append(name);
    };
    const QStringList lines = source.split(QRegularExpression(QStringLiteral("\r\n|\r|\n")));
    for (const QString &line : lines) {
        if (const auto match = importLine.match(line); match.hasMatch()) {
            for (const QString &item : match.captured(1).split(separator, Qt::SkipEmptyParts))
                add(item.section(QLatin1Char(' '), 0, 0).trimmed());
        } else if (const auto match = fromLine.match(line); match.hasMatch()) {
            const QString module = match.captured(1);
            if (module.startsWith(QLatin1Char('.')))
                continue;
            add(module);
            for (const QString &item : match.captured(2).split(separator, Qt::SkipEmptyParts)) {
                const QString name = item.trimmed().section(QLatin1Char(' '), 0, 0);
                if (!name.isEmpty() && name != QLatin1String("*"))
                    add(module + QLatin1Char('.') + name);
            }
        }
    }
    return imports;
}

} // namespace Unlocked
