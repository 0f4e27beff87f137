#pragma once

#include <QString>

#include <optional>

namespace Unlocked {

/**
 * The CPUs' worth of time that the cgroup CPU quota of this process (or of a group above it)
 * allows, e.g. 0.5 for a container started with `--cpus=0.5`; nothing without a quota. Reads
 * cgroup v2 `cpu.max` and v1 `cpu.cfs_quota_us` under \a root (normally /sys/fs/cgroup), for
 * the groups that \a selfCgroup (the text of /proc/self/cgroup) names.
 */
std::optional<double> cgroupCpuQuota(const QString &selfCgroup,
                                     const QString &root = QStringLiteral("/sys/fs/cgroup"));
/** The same for this process. */
std::optional<double> cgroupCpuQuota();

/** The whole CPUs that a quota of \a quota leaves: at least 1 and at most \a cores. */
int coresUnderQuota(int cores, std::optional<double> quota);

} // namespace Unlocked
