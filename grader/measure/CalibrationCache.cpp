#include "CalibrationCache.h"

#include "Paths.h"

#include <QCryptographicHash>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLockFile>
#include <QSaveFile>
#include <QStandardPaths>
#include <QSysInfo>

#include <sched.h>

namespace Unlocked {

namespace {

// Entries are small; a file past this is not ours, or damaged, and is started afresh.
constexpr qint64 kLargestFile = 4 << 20;

QJsonObject readAll(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly) || file.size() > kLargestFile)
        return {};
    return QJsonDocument::fromJson(file.readAll()).object();
}

bool writeAll(const QString &path, const QJsonObject &entries)
{
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly))
        return false;
    file.write(QJsonDocument(entries).toJson(QJsonDocument::Indented));
    return file.commit();
}

int logicalCpus()
{
    cpu_set_t set;
    CPU_ZERO(&set);
    return sched_getaffinity(0, sizeof(set), &set) == 0 ? CPU_COUNT(&set) : 1;
}

QString cpuModel()
{
    QFile file(QStringLiteral("/proc/cpuinfo"));
    if (!file.open(QIODevice::ReadOnly))
        return QSysInfo::currentCpuArchitecture();
    // /proc files report a size of 0, so read until the end rather than asking atEnd().
    for (const QByteArray &line : file.readAll().split('\n'))
        if (line.startsWith("model name"))
            return QString::fromUtf8(line.mid(line.indexOf(':') + 1)).trimmed();
    return QSysInfo::currentCpuArchitecture();
}

} // namespace

CalibrationCache::CalibrationCache(QString path)
    : m_path(path.isEmpty() ? defaultPath() : std::move(path))
{
}

QString CalibrationCache::defaultPath()
{
    return Paths::cacheDir() + QStringLiteral("/calibration.json");
}

QString CalibrationCache::machineDescription()
{
    return QStringLiteral("%1; %2 CPUs; %3 %4")
        .arg(cpuModel())
        .arg(logicalCpus())
        .arg(QSysInfo::kernelType(), QSysInfo::kernelVersion());
}

std::optional<Calibration> CalibrationCache::find(const QString &key) const
{
    const QJsonObject entry = readAll(m_path).value(key).toObject();
    if (entry.isEmpty())
        return std::nullopt;
    Calibration c;
    c.size = qint64(entry.value(QLatin1String("size")).toDouble());
    c.baselineSeconds = entry.value(QLatin1String("baseline_s")).toDouble();
    c.fixedSeconds = entry.value(QLatin1String("fixed_s")).toDouble();
    c.atLimit = entry.value(QLatin1String("at_limit")).toBool();
    c.fromCache = true;
    if (!c.ok() || c.baselineSeconds <= 0.0)
        return std::nullopt;
    return c;
}

bool CalibrationCache::store(const QString &key, const Calibration &c, const QString &about)
{
    if (!QDir().mkpath(QFileInfo(m_path).absolutePath()))
        return false;
    // Another grader process may be storing its own entry meanwhile.
    QLockFile lock(m_path + QStringLiteral(".lock"));
    if (!lock.tryLock(5000))
        return false;
    QJsonObject entries = readAll(m_path);
    entries.insert(key, QJsonObject{{QStringLiteral("size"), double(c.size)},
                                    {QStringLiteral("baseline_s"), c.baselineSeconds},
                                    {QStringLiteral("fixed_s"), c.fixedSeconds},
                                    {QStringLiteral("at_limit"), c.atLimit},
                                    {QStringLiteral("about"), about}});
    return writeAll(m_path, entries);
}

bool CalibrationCache::remove(const QString &key)
{
    QLockFile lock(m_path + QStringLiteral(".lock"));
    if (!lock.tryLock(5000))
        return false;
    QJsonObject entries = readAll(m_path);
    if (!entries.contains(key))
        return true;
    entries.remove(key);
    return writeAll(m_path, entries);
}

QString calibrationKey(const QStringList &parts)
{
    QCryptographicHash hash(QCryptographicHash::Sha256);
    for (const QString &part : parts) {
        hash.addData(part.toUtf8());
        hash.addData(QByteArrayView("\0", 1));
    }
    return QString::fromLatin1(hash.result().toHex().left(32));
}

} // namespace Unlocked
