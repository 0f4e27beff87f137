#pragma once

#include "Internal.h"

#include "Sandbox.h"

#include <QByteArray>
#include <QList>

#include <sys/resource.h>
#include <utility>

namespace Unlocked {

class CgroupTree;

/** How to start the root of a run's tree; prepared fully before fork() (the child may not
 * allocate). */
struct LaunchPlan
{
    QList<QByteArray> argv;        // argv[0] is the executable's path
    QList<QByteArray> environment; // "NAME=value"
    QByteArray chdirTo = "/";
    QList<int> passFds; // appear as 3, 4, ... in the child
    QList<std::pair<int, rlim_t>> rlimits;
    bool dropToNobody = false; // root only: run as 65534:65534
    QByteArray seccompProgram; // applied in the child itself (when bwrap does not)
    bool throughBwrap = false; // argv starts bubblewrap: read its status pipe
    int bwrapStatusRead = -1;  // our end of bwrap's --json-status-fd pipe
    QList<int> cpus;           // the root's CPU affinity; empty = inherited
};

/**
 * Runs one process tree to its end: forks, joins the run's cgroups, sets limits, drops
 * privileges and execs; then feeds stdin, captures and streams output, enforces wall time,
 * CPU time, disk and output limits and cancellation, and kills the whole tree when one is hit.
 */
class ProcessTree
{
public:
    ProcessTree(const RunSpec &spec, CgroupTree *cgroups) : m_spec(spec), m_cgroups(cgroups) {}

    RunOutcome run(const LaunchPlan &plan);

    static constexpr unsigned kNobody = 65534;

private:
    void killTree(pid_t pid) const;
    void classify(RunOutcome &outcome, int status, bool throughBwrap, bool bwrapStarted,
                  LimitHit killedFor) const;

    const RunSpec &m_spec;
    CgroupTree *m_cgroups;
};

} // namespace Unlocked
