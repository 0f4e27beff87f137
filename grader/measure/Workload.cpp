#include "Workload.h"

#include <QJsonObject>

#include <algorithm>

namespace Unlocked {

namespace {

// A cycled list longer than this would not fit in the sandbox's memory anyway.
constexpr qint64 kLongestCycle = 10'000'000;

QJsonValue expand(const QJsonValue &value, qint64 size)
{
    if (value.isString() && value.toString() == QLatin1String("$size"))
        return QJsonValue(size);
    if (value.isArray()) {
        QJsonArray out;
        for (const QJsonValue &v : value.toArray())
            out.append(expand(v, size));
        return out;
    }
    if (!value.isObject())
        return value;
    const QJsonObject object = value.toObject();
    if (object.size() == 2 && object.value(QLatin1String("cycle")).isArray() &&
        object.contains(QLatin1String("length"))) {
        const QJsonArray items = expand(object.value(QLatin1String("cycle")), size).toArray();
        const qint64 length = std::clamp<qint64>(
            qint64(expand(object.value(QLatin1String("length")), size).toDouble()), 0,
            kLongestCycle);
        QJsonArray out;
        for (qint64 i = 0; !items.isEmpty() && i < length; ++i)
            out.append(items[qsizetype(i % items.size())]);
        return out;
    }
    QJsonObject out;
    for (auto it = object.begin(); it != object.end(); ++it)
        out.insert(it.key(), expand(it.value(), size));
    return out;
}

} // namespace

QJsonArray workloadAt(const QJsonArray &workload, qint64 size)
{
    return expand(workload, size).toArray();
}

double workloadTargetSeconds(const CheckSpec &spec)
{
    return spec.workloadSize.targetSeconds > 0 ? spec.workloadSize.targetSeconds
                                               : kDefaultWorkloadSeconds;
}

} // namespace Unlocked
