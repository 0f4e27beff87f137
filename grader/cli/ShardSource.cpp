#include "ShardSource.h"

#include <QRegularExpression>
#include <QStringList>

namespace Unlocked {

namespace {

// A variable that must hold a whole number; `min` is the least it may be.
struct Reader
{
    const QProcessEnvironment &env;
    QString error;

    std::optional<int> number(const QString &name, int min)
    {
        if (!env.contains(name))
            return std::nullopt;
        bool ok = false;
        const QString text = env.value(name).trimmed();
        const int value = text.toInt(&ok);
        if ((!ok || value < min || text.startsWith(QLatin1Char('+'))) && error.isEmpty())
            error = QStringLiteral("%1='%2' is not a whole number of at least %3")
                        .arg(name, env.value(name))
                        .arg(min);
        return ok ? std::optional<int>(value) : std::nullopt;
    }
    QString shown(const QStringList &names) const
    {
        QStringList parts;
        for (const QString &n : names)
            if (env.contains(n))
                parts.append(n + QLatin1Char('=') + env.value(n));
        return parts.join(QLatin1String(", "));
    }
};

Shard failed(const QString &message)
{
    Shard shard;
    shard.error = message;
    return shard;
}

// A 0-based index of `count` from `engine`, checked.
Shard make(int index0, int count, const QString &engine, const QString &shown)
{
    if (count < 1)
        return failed(
            QStringLiteral("%1 gives a shard count of %2 (%3)").arg(engine).arg(count).arg(shown));
    if (index0 < 0 || index0 >= count)
        return failed(QStringLiteral("%1 gives shard index %2, outside 0..%3 (%4)")
                          .arg(engine)
                          .arg(index0)
                          .arg(count - 1)
                          .arg(shown));
    return Shard{index0 + 1, count, QStringLiteral("%1 (%2)").arg(engine, shown), {}};
}

Shard slurm(Reader &r)
{
    const QStringList names{"SLURM_ARRAY_TASK_ID", "SLURM_ARRAY_TASK_MIN", "SLURM_ARRAY_TASK_MAX",
                            "SLURM_ARRAY_TASK_STEP", "SLURM_ARRAY_TASK_COUNT"};
    const auto id = r.number(names[0], 0);
    const int min = r.number(names[1], 0).value_or(0);
    const auto max = r.number(names[2], 0);
    const int step = r.number(names[3], 1).value_or(1);
    const auto count = r.number(names[4], 1);
    const QString shown = r.shown(names);
    if (!r.error.isEmpty())
        return failed(QStringLiteral("Slurm: %1").arg(r.error));
    if (!count && !max)
        return failed(QStringLiteral("Slurm sets SLURM_ARRAY_TASK_ID but neither "
                                     "SLURM_ARRAY_TASK_COUNT nor SLURM_ARRAY_TASK_MAX (%1)")
                          .arg(shown));
    const int span = max ? (*max - min) / step + 1 : *count;
    // An array given as a list (--array=1,4,9) numbers its tasks with gaps: no shard fits.
    if ((count && max && span != *count) || (*id - min) % step != 0)
        return failed(QStringLiteral("Slurm's array is not an evenly spaced range such as "
                                     "--array=0-7 or 1-8 (%1); give --shard K/N instead")
                          .arg(shown));
    return make((*id - min) / step, count.value_or(span), QStringLiteral("Slurm"), shown);
}

// The count of an engine that gives only an index: --shard-count, else UNLOCKED_SHARD_COUNT.
std::optional<int> countFor(Reader &r, std::optional<int> countOption, QString *shown)
{
    const auto fromEnv = r.number(QStringLiteral("UNLOCKED_SHARD_COUNT"), 1);
    if (countOption && fromEnv && *countOption != *fromEnv && r.error.isEmpty())
        r.error = QStringLiteral("--shard-count %1 disagrees with UNLOCKED_SHARD_COUNT=%2")
                      .arg(*countOption)
                      .arg(*fromEnv);
    if (countOption)
        *shown += QStringLiteral(", --shard-count %1").arg(*countOption);
    else if (fromEnv)
        *shown += QStringLiteral(", UNLOCKED_SHARD_COUNT=%1").arg(*fromEnv);
    return countOption ? countOption : fromEnv;
}

Shard kubernetes(Reader &r, std::optional<int> countOption)
{
    const auto index = r.number(QStringLiteral("JOB_COMPLETION_INDEX"), 0);
    QString shown = r.shown({QStringLiteral("JOB_COMPLETION_INDEX")});
    const auto count = countFor(r, countOption, &shown);
    if (!r.error.isEmpty())
        return failed(QStringLiteral("Kubernetes: %1").arg(r.error));
    if (!count)
        return failed(QStringLiteral("a Kubernetes Indexed Job sets JOB_COMPLETION_INDEX=%1 but "
                                     "not how many indexes there are: give --shard-count N (the "
                                     "Job's completions) or set UNLOCKED_SHARD_COUNT")
                          .arg(*index));
    return make(*index, *count, QStringLiteral("Kubernetes Indexed Job"), shown);
}

Shard gitlab(Reader &r)
{
    const QStringList names{"CI_NODE_INDEX", "CI_NODE_TOTAL"};
    const auto index = r.number(names[0], 1);
    const auto total = r.number(names[1], 1);
    if (!r.error.isEmpty())
        return failed(QStringLiteral("GitLab: %1").arg(r.error));
    if (!total)
        return failed(QStringLiteral("GitLab sets CI_NODE_INDEX but not CI_NODE_TOTAL"));
    return make(*index - 1, *total, QStringLiteral("GitLab parallel"), r.shown(names));
}

Shard named(Reader &r, std::optional<int> countOption)
{
    const auto index = r.number(QStringLiteral("UNLOCKED_SHARD_INDEX"), 0);
    QString shown = r.shown({QStringLiteral("UNLOCKED_SHARD_INDEX")});
    const auto count = countFor(r, countOption, &shown);
    if (!r.error.isEmpty())
        return failed(r.error);
    if (!count)
        return failed(QStringLiteral("UNLOCKED_SHARD_INDEX is set but not UNLOCKED_SHARD_COUNT"));
    return make(*index, *count, QStringLiteral("UNLOCKED_SHARD_INDEX"), shown);
}

} // namespace

Shard shardFromEnvironment(const QProcessEnvironment &env, std::optional<int> countOption)
{
    Reader r{env, {}};
    // Ours first (the course chose it), then the engine nearest to this process: a Slurm job
    // submitted from a GitLab job inherits the GitLab job's variables.
    Shard shard;
    if (env.contains(QStringLiteral("UNLOCKED_SHARD_INDEX")))
        shard = named(r, countOption);
    else if (env.contains(QStringLiteral("SLURM_ARRAY_TASK_ID")))
        shard = slurm(r);
    else if (env.contains(QStringLiteral("JOB_COMPLETION_INDEX")))
        shard = kubernetes(r, countOption);
    else if (env.contains(QStringLiteral("CI_NODE_INDEX")))
        shard = gitlab(r);
    else if (countOption)
        return failed(QStringLiteral("--shard-count needs an index from the environment "
                                     "(JOB_COMPLETION_INDEX or UNLOCKED_SHARD_INDEX)"));
    // Slurm and GitLab say how many shards there are; --shard-count may only agree.
    if (shard.error.isEmpty() && countOption && *countOption != shard.count)
        return failed(QStringLiteral("--shard-count %1 disagrees with %2")
                          .arg(*countOption)
                          .arg(shard.source));
    return shard;
}

Shard shardFromOption(const QString &text)
{
    static const QRegularExpression form(QStringLiteral("^(\\d+)/(\\d+)$"));
    const auto match = form.match(text);
    const int index = match.captured(1).toInt(), count = match.captured(2).toInt();
    if (!match.hasMatch() || count < 1 || index < 1 || index > count)
        return failed(QStringLiteral("--shard takes K/N with 1 <= K <= N, e.g. 2/8"));
    return Shard{index, count, QStringLiteral("--shard"), {}};
}

} // namespace Unlocked
