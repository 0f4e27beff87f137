#include "CpuPressure.h"

#include <QFile>
#include <QList>

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

} // namespace Unlocked
