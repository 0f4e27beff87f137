#include "PlatformFormats.h"

namespace Unlocked::PlatformFormats {

QStringList names()
{
    return {QStringLiteral("gradescope"), QStringLiteral("prairielearn"),
            QStringLiteral("github-classroom"), QStringLiteral("classroom")};
}

bool isPlatformFormat(const QString &format)
{
    return names().contains(format);
}

QByteArray render(const QString &format, const Task *task, const GradeResult &result)
{
    if (format == QLatin1String("gradescope"))
        return toGradescope(task, result);
    if (format == QLatin1String("prairielearn"))
        return toPrairieLearn(task, result);
    return toClassroom(task, result);
}

} // namespace Unlocked::PlatformFormats
