#include "Pack.h"

namespace Unlocked {

const Task *Pack::task(const QString &id) const
{
    for (const Task &t : tasks)
        if (t.id == id)
            return &t;
    return nullptr;
}

const Lesson *Pack::lesson(const QString &id) const
{
    for (const Lesson &l : lessons)
        if (l.id == id)
            return &l;
    return nullptr;
}

QString checkKindName(CheckKind kind)
{
    switch (kind) {
    case CheckKind::Cases:
        return QStringLiteral("cases");
    case CheckKind::Output:
        return QStringLiteral("output");
    case CheckKind::Static:
        return QStringLiteral("static");
    case CheckKind::ParallelSpeedup:
        return QStringLiteral("parallel-speedup");
    case CheckKind::SingleCoreSpeedup:
        return QStringLiteral("single-core-speedup");
    case CheckKind::Concurrency:
        return QStringLiteral("concurrency");
    }
    return {};
}

} // namespace Unlocked
