#include "TreeSampler.h"

#include <dirent.h>
#include <fcntl.h>
#include <unistd.h>

namespace Unlocked {

namespace {

// A tree deeper than this is not a learner's program but a fork chain; stop following it.
constexpr int kMaxDepth = 64;

// The whole of a small /proc file, or nothing; plain system calls, since a sample reads a few
// files for every thread a hundred times a second and must stay cheap beside the run it watches.
QByteArray readSmall(const QByteArray &path)
{
    const int fd = ::open(path.constData(), O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        return {};
    char buffer[4096];
    const ssize_t n = ::read(fd, buffer, sizeof buffer);
    ::close(fd);
    return n > 0 ? QByteArray(buffer, n) : QByteArray();
}

QList<QByteArray> numericEntries(const QByteArray &dirPath)
{
    QList<QByteArray> names;
    DIR *dir = ::opendir(dirPath.constData());
    if (!dir)
        return names;
    while (const dirent *entry = ::readdir(dir))
        if (entry->d_name[0] >= '0' && entry->d_name[0] <= '9')
            names.append(QByteArray(entry->d_name));
    ::closedir(dir);
    return names;
}

} // namespace

TreeSampler::TreeSampler(QString procRoot) : m_root(procRoot.toLocal8Bit())
{
    const long ticks = ::sysconf(_SC_CLK_TCK);
    m_tickSeconds = ticks > 0 ? 1.0 / double(ticks) : 0.01;
}

double TreeSampler::threadSeconds(const QByteArray &taskDir) const
{
    // schedstat: "run-ns wait-ns slices"; precise to the nanosecond where the kernel keeps it.
    const QByteArray sched = readSmall(taskDir + "/schedstat");
    bool ok = false;
    const double ns = sched.left(sched.indexOf(' ')).toDouble(&ok);
    if (ok)
        return ns / 1e9;
    // stat: the name in parentheses may hold spaces; utime and stime are fields 14 and 15.
    const QByteArray stat = readSmall(taskDir + "/stat");
    const qsizetype close = stat.lastIndexOf(')');
    if (close < 0)
        return 0.0;
    const QList<QByteArray> fields = stat.mid(close + 2).split(' ');
    if (fields.size() < 13)
        return 0.0;
    return (fields[11].toDouble() + fields[12].toDouble()) * m_tickSeconds;
}

bool TreeSampler::collectedChild(const QByteArray &processDir) const
{
    // stat after the name: cminflt is field 11 and cutime, cstime 16 and 17. A child that ran
    // Python at all faulted in pages, so cminflt counts it even when it used no whole tick.
    const QByteArray stat = readSmall(processDir + "/stat");
    const qsizetype close = stat.lastIndexOf(')');
    if (close < 0)
        return false;
    const QList<QByteArray> fields = stat.mid(close + 2).split(' ');
    if (fields.size() < 15)
        return false;
    return fields[8].toLongLong() > 0 || fields[13].toLongLong() > 0 ||
           fields[14].toLongLong() > 0;
}

QString TreeSampler::threadName(const QByteArray &taskDir, pid_t tid) const
{
    // A process's name changes when it execs (bwrap becoming python3) and is read afresh each
    // time; its other threads keep theirs, so those are read once.
    if (const auto known = m_threadNames.constFind(tid); known != m_threadNames.cend())
        return *known;
    const QString name = QString::fromUtf8(readSmall(taskDir + "/comm").trimmed());
    if (!name.isEmpty())
        m_threadNames.insert(tid, name);
    return name;
}

void TreeSampler::visit(pid_t pid, bool skip, const QStringList &skipNames,
                        QList<ThreadCpu> &out, int depth) const
{
    const QByteArray processDir = m_root + '/' + QByteArray::number(pid);
    const QString processName = QString::fromUtf8(readSmall(processDir + "/comm").trimmed());
    if (processName.isEmpty())
        return; // gone since its parent listed it
    skip = skip || skipNames.contains(processName);
    QList<pid_t> children;
    for (const QByteArray &tidText : numericEntries(processDir + "/task")) {
        const QByteArray taskDir = processDir + "/task/" + tidText;
        const pid_t tid = pid_t(tidText.toInt());
        if (!skip)
            out.append({pid, tid, processName,
                         tid == pid ? processName : threadName(taskDir, tid),
                         threadSeconds(taskDir), tid == pid && collectedChild(processDir)});
        for (const QByteArray &kid : readSmall(taskDir + "/children").split(' '))
            if (const int child = kid.trimmed().toInt(); child > 0)
                children.append(pid_t(child));
    }
    if (depth >= kMaxDepth)
        return;
    for (pid_t child : children)
        visit(child, false, skipNames, out, depth + 1);
}

QList<ThreadCpu> TreeSampler::sample(pid_t root, bool skipRoot,
                                     const QStringList &skipNames) const
{
    QList<ThreadCpu> threads;
    visit(root, skipRoot, skipNames, threads, 0);
    return threads;
}

} // namespace Unlocked
