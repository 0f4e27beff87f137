#include "CpuQuota.h"

#include <QDir>
#include <QFile>

#include <algorithm>
#include <cmath>

namespace Unlocked {

namespace {

QString readText(const QString &path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? QString::fromLatin1(file.read(4096)).trimmed()
                                          : QString();
}

// The group's own folder and each one above it, deepest first; a quota anywhere applies.
QStringList groupAndAncestors(const QString &base, const QString &path)
{
    QStringList dirs;
    QString p = QDir::cleanPath(QLatin1Char('/') + path);
    while (true) {
        dirs.append(QDir::cleanPath(base + p));
        if (p == QLatin1String("/"))
            break;
        p = p.section(QLatin1Char('/'), 0, -2);
        if (p.isEmpty())
            p = QStringLiteral("/");
    }
    return dirs;
}

} // namespace

std::optional<double> cgroupCpuQuota(const QString &selfCgroup, const QString &root)
{
    std::optional<double> lowest;
    auto consider = [&](double quota, double period) {
        if (quota > 0 && period > 0)
            lowest = std::min(lowest.value_or(quota / period), quota / period);
    };
    for (const QString &line : selfCgroup.split(QLatin1Char('\n'), Qt::SkipEmptyParts)) {
        const QStringList parts = line.split(QLatin1Char(':'));
        if (parts.size() < 3)
            continue;
        const QString path = parts.mid(2).join(QLatin1Char(':'));
        if (parts[0] == QLatin1String("0") && parts[1].isEmpty()) {
            for (const QString &base : QStringList{root, root + QStringLiteral("/unified")})
                for (const QString &dir : groupAndAncestors(base, path)) {
                    const QStringList max = readText(dir + QStringLiteral("/cpu.max")).split(' ');
                    if (max.size() == 2 && max[0] != QLatin1String("max"))
                        consider(max[0].toDouble(), max[1].toDouble());
                }
        } else if (parts[1].split(QLatin1Char(',')).contains(QLatin1String("cpu"))) {
            for (const QString &base :
                 QStringList{root + QLatin1Char('/') + parts[1], root + QStringLiteral("/cpu")})
                for (const QString &dir : groupAndAncestors(base, path))
                    consider(readText(dir + QStringLiteral("/cpu.cfs_quota_us")).toDouble(),
                             readText(dir + QStringLiteral("/cpu.cfs_period_us")).toDouble());
        }
    }
    return lowest;
}

std::optional<double> cgroupCpuQuota()
{
    return cgroupCpuQuota(readText(QStringLiteral("/proc/self/cgroup")));
}

int coresUnderQuota(int cores, std::optional<double> quota)
{
    if (!quota)
        return std::max(1, cores);
    // A small tolerance: a quota of 199999/100000 is two CPUs written carelessly.
    return std::clamp(int(std::floor(*quota + 0.01)), 1, std::max(1, cores));
}

} // namespace Unlocked
