#pragma once

#include <QCoreApplication>
#include <QDir>
#include <QStandardPaths>
#include <QTemporaryDir>

// Keeps a GUI test away from the user's settings and data: test-mode standard paths, and
// QSettings in a private folder.
inline void isolateGuiTest(const QTemporaryDir &home)
{
    QStandardPaths::setTestModeEnabled(true);
    qputenv("XDG_CONFIG_HOME", QDir(home.path()).filePath(QStringLiteral("config")).toLocal8Bit());
    QCoreApplication::setOrganizationName(QStringLiteral("unlocked-tests"));
    QCoreApplication::setApplicationName(QStringLiteral("unlocked-tests"));
}
