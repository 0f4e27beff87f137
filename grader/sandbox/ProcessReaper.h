#pragma once

#include "Internal.h"

#include <QString>

#include <linux/filter.h>
#include <sched.h>
#include <sys/resource.h>
#include <sys/types.h>
#include <utility>
#include <vector>

namespace Unlocked {

/**
 * Everything the forked processes need, laid out before fork(): the grader is multi-threaded,
 * so between fork() and exec() only async-signal-safe calls are allowed (no allocation).
 */
struct LaunchArgs
{
    std::vector<char *> argv; // null-terminated
    std::vector<char *> envp; // null-terminated
    const char *chdirTo = "/";
    std::vector<const char *> cgroupJoin; // files the root writes "0" into to join its groups
    std::vector<std::pair<int, rlim_t>> rlimits;
    std::vector<int> passFds; // appear as 3, 4, ... in the root
    int stdinFd = -1, stdoutFd = -1, stderrFd = -1;
    int failureFd = -1; // CLOEXEC pipe: a ChildFailure, or EOF once the root has exec'd
    int reportFd = -1;  // pipe: the reaper's ReaperReport when everything is gone
    bool dropToNobody = false;
    sock_fprog filter{};
    bool hasFilter = false;
    cpu_set_t cpus{};
    bool hasCpus = false;
};

struct ChildFailure
{
    int stage = 0;
    int error = 0;
};

struct ReaperReport
{
    int rootStatus = 0; // wait status of the root (bubblewrap or the interpreter)
    int rootReaped = 0;
    long long cpuMicros = 0; // user + system of every process the reaper collected
};

/**
 * A trusted reaper between the grader and a run: a forked child that becomes a child subreaper,
 * forks and execs the root of the run, and collects every process of the tree (orphans are
 * re-parented to it), so that it knows when the last one died and how much CPU the tree used,
 * with or without cgroups. SIGTERM asks it to kill the whole tree; it never runs learner code.
 */
class ProcessReaper
{
public:
    /** Forks the reaper; its pid, or -1 with errno set. */
    static pid_t start(LaunchArgs &args);
    static QString failureText(const ChildFailure &failure);

    static constexpr unsigned kNobody = 65534;
};

} // namespace Unlocked
