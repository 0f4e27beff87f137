#pragma once

#include "Internal.h"

#include <sys/types.h>

namespace Unlocked {

/**
 * CPU time of a process tree read from /proc, for runs that no cgroup counts (an ordinary user
 * without a delegated cgroup): user + system of every live descendant of \a root, with what
 * each has already collected from its dead children, plus what \a root itself collected.
 * A sample; processes that die unreaped between samples are missed.
 */
class TreeCpu
{
public:
    static double seconds(pid_t root);
};

} // namespace Unlocked
