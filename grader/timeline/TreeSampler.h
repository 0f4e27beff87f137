#pragma once

#include <QByteArray>
#include <QHash>
#include <QList>
#include <QString>

#include <sys/types.h>

namespace Unlocked {

/** The CPU time one thread has used so far, as the host's /proc shows it. */
struct ThreadCpu
{
    pid_t pid = 0; // the process (thread group) it belongs to
    pid_t tid = 0;
    QString processName; // comm of the process
    QString threadName;  // comm of the thread
    double cpuSeconds = 0.0;
    // Main threads only: the process has waited for a child that ended (the kernel adds what a
    // child did to its parent's counts then), however short that child's life was.
    bool collectedChild = false;
};

/**
 * Reads every thread of a process tree from outside it: the tree's processes are found through
 * /proc/PID/task/TID/children, their CPU time in schedstat (nanoseconds) or, without it, in
 * stat (clock ticks). Nothing the sampled programs say about themselves is read. The proc root
 * can be a folder of scripted snapshots, for tests.
 *
 * A sample reads a few files for every thread a hundred times a second, beside the run it
 * watches, so the files stay open from one sample to the next and are read again from their
 * start; a file no sample used is closed after it.
 */
class TreeSampler
{
public:
    explicit TreeSampler(QString procRoot = QStringLiteral("/proc"));
    ~TreeSampler();
    TreeSampler(const TreeSampler &) = delete;
    TreeSampler &operator=(const TreeSampler &) = delete;

    /**
     * The threads of \a root and of all its descendants. Processes named in \a skipNames (the
     * sandbox's own, e.g. bwrap) and \a root itself when \a skipRoot are left out; their
     * children are still followed.
     */
    QList<ThreadCpu> sample(pid_t root, bool skipRoot, const QStringList &skipNames) const;

private:
    struct OpenFile
    {
        int fd = -1;
        quint64 usedIn = 0; // the sample that last read it
    };

    void visit(pid_t pid, bool skip, const QStringList &skipNames, QList<ThreadCpu> &out,
               int depth) const;
    double threadSeconds(const QByteArray &taskDir) const;
    QString threadName(const QByteArray &taskDir, pid_t tid) const;
    bool collectedChild(const QByteArray &processDir) const;
    QByteArray read(const QByteArray &path) const;
    QList<QByteArray> numericEntries(const QByteArray &dirPath) const;
    int openFile(const QByteArray &path, int flags, bool *kept) const;
    void forget(const QByteArray &processDir) const;

    QByteArray m_root;
    double m_tickSeconds;
    mutable QHash<pid_t, QString> m_threadNames; // of threads other than a process's first
    mutable QHash<QByteArray, OpenFile> m_open;  // by path
    mutable quint64 m_sample = 0;
};

} // namespace Unlocked
