#pragma once

#include <QProcessEnvironment>
#include <QString>

#include <optional>

namespace Unlocked {

/** Which part of a class one batch grades: shard `index` (1-based) of `count`. */
struct Shard
{
    int index = 1;
    int count = 1;
    QString source; // where it came from, for the reader: "--shard", "Slurm (…)", …
    QString error;  // non-empty: the variables were there but made no sense

    bool whole() const { return count == 1; }
};

/**
 * The shard a job-array engine gave this process, from its variables: Slurm arrays, Kubernetes
 * Indexed Jobs (count from \a countOption or UNLOCKED_SHARD_COUNT), GitLab `parallel:`, or
 * UNLOCKED_SHARD_INDEX (0-based) and UNLOCKED_SHARD_COUNT, e.g. a GitHub Actions matrix's
 * `strategy.job-index` and `strategy.job-total`. No engine's variables: the whole class.
 */
Shard shardFromEnvironment(const QProcessEnvironment &env, std::optional<int> countOption = {});

/** `--shard K/N`. */
Shard shardFromOption(const QString &text);

} // namespace Unlocked
