#include "PackLoader.h"

namespace Unlocked {

QString PackError::toString() const
{
    QString s = where.file;
    if (where.line > 0)
        s += QLatin1Char(':') + QString::number(where.line);
    if (where.column > 0)
        s += QLatin1Char(':') + QString::number(where.column);
    s += QLatin1String(": ");
    if (!field.isEmpty())
        s += field + QLatin1String(": ");
    return s + message;
}

PackLoadResult PackLoader::load(const QString &dir)
{
    PackLoadResult result;
    result.errors.append({{dir, 0, 0}, {}, QStringLiteral("pack loading is not implemented yet")});
    return result;
}

} // namespace Unlocked
