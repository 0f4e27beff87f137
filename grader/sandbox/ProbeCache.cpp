#include "ProbeCache.h"

#include "Paths.h"

#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QSaveFile>

#include <sys/utsname.h>
#include <unistd.h>

namespace Unlocked::ProbeCache {

namespace {

QString fileFor(const QString &check)
{
    return Paths::cacheDir() + QLatin1Char('/') + check + QLatin1String(".passed");
}

} // namespace

bool passed(const QString &check, const QByteArray &key)
{
    if (qEnvironmentVariable("UNLOCKED_RECHECK") == QLatin1String("1"))
        return false;
    QFile file(fileFor(check));
    return file.open(QIODevice::ReadOnly) && file.read(key.size() + 1) == key;
}

void rememberPass(const QString &check, const QByteArray &key)
{
    const QString path = fileFor(check);
    QDir().mkpath(QFileInfo(path).path());
    QSaveFile file(path); // a reader never sees half a key
    if (file.open(QIODevice::WriteOnly) && file.write(key) == key.size())
        file.commit();
}

void forget(const QString &check)
{
    QFile::remove(fileFor(check));
}

QByteArray machineKey()
{
    QFile bootId(QStringLiteral("/proc/sys/kernel/random/boot_id"));
    const QByteArray boot = bootId.open(QIODevice::ReadOnly) ? bootId.readAll().trimmed() : "";
    struct utsname name = {};
    ::uname(&name);
    return boot + ' ' + name.release + ' ' + name.version + " uid " +
           QByteArray::number(::geteuid());
}

QByteArray fileKey(const QString &path)
{
    const QFileInfo info(path);
    return QFile::encodeName(info.canonicalFilePath()) + ' ' + QByteArray::number(info.size()) +
           ' ' + QByteArray::number(info.lastModified().toMSecsSinceEpoch());
}

} // namespace Unlocked::ProbeCache
