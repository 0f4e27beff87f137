#include "Pack.h"

#include <algorithm>

namespace Unlocked {

const Task *Pack::task(const QString &id) const
{
    for (const Task &t : tasks)
        if (t.id == id)
            return &t;
    return nullptr;
}

bool isMeasured(CheckKind kind)
{
    return kind == CheckKind::ParallelSpeedup || kind == CheckKind::SingleCoreSpeedup ||
           kind == CheckKind::Concurrency;
}

bool Task::hasMeasuredCheck() const
{
    return std::any_of(checks.begin(), checks.end(),
                       [](const CheckSpec &check) { return isMeasured(check.kind); });
}

QList<QJsonArray> Task::visibleArguments() const
{
    QList<QJsonArray> arguments;
    for (const TestCase &c : cases)
        if (c.visible)
            arguments.append(c.args);
    return arguments;
}

const Lesson *Pack::lesson(const QString &id) const
{
    for (const Lesson &l : lessons)
        if (l.id == id)
            return &l;
    return nullptr;
}

namespace {

constexpr std::pair<CheckKind, const char *> checkKindNames[] = {
    {CheckKind::Cases, "cases"},
    {CheckKind::Output, "output"},
    {CheckKind::Static, "static"},
    {CheckKind::ParallelSpeedup, "parallel-speedup"},
    {CheckKind::SingleCoreSpeedup, "single-core-speedup"},
    {CheckKind::Concurrency, "concurrency"},
    {CheckKind::Observed, "observed"},
};

constexpr std::pair<InconclusivePolicy, const char *> policyNames[] = {
    {InconclusivePolicy::Regrade, "regrade"},
    {InconclusivePolicy::Zero, "zero"},
    {InconclusivePolicy::Full, "full"},
};

} // namespace

QString inconclusivePolicyName(InconclusivePolicy policy)
{
    for (const auto &[p, name] : policyNames)
        if (p == policy)
            return QLatin1String(name);
    return {};
}

std::optional<InconclusivePolicy> inconclusivePolicyFromName(const QString &name)
{
    for (const auto &[policy, n] : policyNames)
        if (name == QLatin1String(n))
            return policy;
    return std::nullopt;
}

QString checkKindName(CheckKind kind)
{
    for (const auto &[k, name] : checkKindNames)
        if (k == kind)
            return QLatin1String(name);
    return {};
}

std::optional<CheckKind> checkKindFromName(const QString &name)
{
    for (const auto &[kind, n] : checkKindNames)
        if (name == QLatin1String(n))
            return kind;
    return std::nullopt;
}

} // namespace Unlocked
