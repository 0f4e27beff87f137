#include "CpuPressure.h"

#include <QFile>
#include <QList>

#include <unistd.h>

namespace Unlocked {

double cpuWaitSeconds()
{
    QFile file(QStringLiteral("/proc/pressure/cpu"));
    if (!file.open(QIODevice::ReadOnly))
        return -1.0;
    const QByteArray some = file.readLine(); // "some avg10=… avg60=… avg300=… total=<µs>"
    if (!some.startsWith("some "))
        return -1.0;
    for (const QByteArray &field : some.trimmed().split(' ')) {
        if (!field.startsWith("total="))
            continue;
        bool ok = false;
        const qulonglong micros = field.mid(6).toULongLong(&ok);
        return ok ? micros / 1e6 : -1.0;
    }
    return -1.0;
}

double cpuStealSeconds()
{
    QFile file(QStringLiteral("/proc/stat"));
    if (!file.open(QIODevice::ReadOnly))
        return -1.0;
    // "cpu  user nice system idle iowait irq softirq steal ...", in clock ticks, then one line
    // per CPU.
    const QList<QByteArray> total = file.readLine().simplified().split(' ');
    int cpus = 0;
    while (file.readLine().startsWith("cpu"))
        ++cpus;
    const long ticksPerSecond = sysconf(_SC_CLK_TCK);
    if (total.size() < 9 || total.first() != "cpu" || cpus == 0 || ticksPerSecond <= 0)
        return -1.0;
    bool ok = false;
    const qulonglong steal = total[8].toULongLong(&ok);
    return ok ? double(steal) / ticksPerSecond / cpus : -1.0;
}

} // namespace Unlocked
