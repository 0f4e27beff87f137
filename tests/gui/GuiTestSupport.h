#pragma once

#include <QCoreApplication>
#include <QDir>
#include <QSettings>
#include <QStandardPaths>
#include <QTemporaryDir>

// Keeps a GUI test away from the user's settings and data: test-mode standard paths, and
// QSettings in a private folder.
inline void isolateGuiTest(const QTemporaryDir &home)
{
    QStandardPaths::setTestModeEnabled(true);
    const QString config = QDir(home.path()).filePath(QStringLiteral("config"));
    qputenv("XDG_CONFIG_HOME", config.toLocal8Bit());
    // Test mode puts every test's QSettings in one ~/.qttest/config: tests running side by side
    // (ctest -j) would then overwrite each other's remembered place.
    QSettings::setPath(QSettings::NativeFormat, QSettings::UserScope, config);
    QSettings::setPath(QSettings::IniFormat, QSettings::UserScope, config);
    QCoreApplication::setOrganizationName(QStringLiteral("unlocked-tests"));
    QCoreApplication::setApplicationName(QStringLiteral("unlocked-tests"));
}
