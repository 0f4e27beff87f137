#pragma once

#include "Internal.h"

#include "Limits.h"

#include <QByteArray>
#include <QList>
#include <QString>

#include <memory>

namespace Unlocked {

/**
 * The cgroups of one run: a fresh group beneath the grader's own group in every hierarchy that
 * accepts one (v1 memory, pids and cpuacct, else the v2 unified tree). It caps memory and tasks,
 * counts CPU time of the whole tree, kills the tree and removes itself when destroyed.
 */
class CgroupTree
{
public:
    /** Creates the groups and sets the limits; null with \a why when no hierarchy is usable. */
    static std::unique_ptr<CgroupTree> create(const Limits &limits, QString *why);
    ~CgroupTree();

    CgroupTree(const CgroupTree &) = delete;
    CgroupTree &operator=(const CgroupTree &) = delete;

    /**
     * The files a freshly forked, still single-threaded child writes "0" into to join every
     * group: v1's `tasks`, which moves the one thread without the process-wide lock whose
     * RCU grace period `cgroup.procs` waits for (16 ms here), and v2's `cgroup.procs`.
     */
    QList<QByteArray> joinFiles() const;
    /** The groups' cgroup.procs files, which list the processes in them. */
    QList<QByteArray> procsFiles() const;

    bool limitsMemory() const { return !m_memory.isEmpty() || m_v2Memory; }
    bool limitsTasks() const { return !m_pids.isEmpty() || m_v2Pids; }
    bool countsCpu() const { return !m_cpuacct.isEmpty() || !m_unified.isEmpty(); }
    bool canKill() const { return !procsFiles().isEmpty(); }

    /** User + system time of every task that ever ran in the group. */
    double cpuSeconds() const;
    bool oomKilled() const;
    /** Anonymous memory in use now: near the limit, a slow run is thrashing, not computing. */
    qint64 anonymousBytes() const;
    bool taskLimitHit() const;
    /** Whether any process is still in the group. */
    bool populated() const;
    /** Kills every process in the group, including ones forking at that moment. */
    void killAll() const;

    /** Where the grader itself sits in \a controller's hierarchy ("" for v2), for tests. */
    static QString ownGroup(const QString &controller);

private:
    CgroupTree() = default;
    QList<qint64> pids() const;

    QString m_memory; // v1 group directories, empty when unusable
    QString m_pids;
    QString m_cpuacct;
    QString m_unified; // v2 group directory
    bool m_v2Memory = false;
    bool m_v2Pids = false;
};

} // namespace Unlocked
