#include "Paths.h"

#include <QCoreApplication>
#include <QDir>
#include <QFileInfo>
#include <QStandardPaths>

namespace Unlocked::Paths {

namespace {

// Prefer the installed location next to the executable, then the source or build tree.
QString firstExisting(const char *envName, const QString &installedRelative, const QString &devPath,
                      const QString &probe)
{
    const QString fromEnv = qEnvironmentVariable(envName);
    if (!fromEnv.isEmpty())
        return QDir(fromEnv).absolutePath();
    if (QCoreApplication::instance()) {
        const QString installed =
            QDir(QCoreApplication::applicationDirPath() + QLatin1String("/../") + installedRelative)
                .absolutePath();
        if (QFileInfo::exists(installed + QLatin1Char('/') + probe))
            return installed;
    }
    return devPath;
}

} // namespace

QString builtinPack()
{
    return firstExisting("UNLOCKED_PACK_DIR", QStringLiteral(UNLOCKED_INSTALL_DATA_DIR "/pack"),
                         QStringLiteral(UNLOCKED_SOURCE_PACK_DIR), QStringLiteral("course.yaml"));
}

QString runtimeDir()
{
    return firstExisting("UNLOCKED_RUNTIME_DIR",
                         QStringLiteral(UNLOCKED_INSTALL_DATA_DIR "/runtime"),
                         QStringLiteral(UNLOCKED_SOURCE_RUNTIME_DIR), QStringLiteral("iosim.py"));
}

QString nativeModuleDir()
{
    return firstExisting("UNLOCKED_NATIVE_DIR", QStringLiteral(UNLOCKED_INSTALL_LIB_DIR "/native"),
                         QStringLiteral(UNLOCKED_BUILD_NATIVE_DIR), QString());
}

QString analyzerModule()
{
    const QString name = QStringLiteral("unlocked_python_analyzer.so");
    return firstExisting("UNLOCKED_ANALYZER_DIR", QStringLiteral(UNLOCKED_INSTALL_LIB_DIR),
                         QStringLiteral(UNLOCKED_BUILD_ANALYZER_DIR), name) +
           QLatin1Char('/') + name;
}

QString defaultPython()
{
    const QString fromEnv = qEnvironmentVariable("UNLOCKED_PYTHON");
    return fromEnv.isEmpty() ? QStringLiteral(UNLOCKED_DEFAULT_PYTHON) : fromEnv;
}

QString cacheDir()
{
    const QString fromEnv = qEnvironmentVariable("UNLOCKED_CACHE_DIR");
    return !fromEnv.isEmpty()
               ? fromEnv
               : QStandardPaths::writableLocation(QStandardPaths::GenericCacheLocation) +
                     QStringLiteral("/unlocked");
}

} // namespace Unlocked::Paths
