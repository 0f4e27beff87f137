#include "TreeSampler.h"

#include <dirent.h>
#include <fcntl.h>
#include <unistd.h>

namespace Unlocked {

namespace {

// A tree deeper than this is not a learner's program but a fork chain; stop following it.
constexpr int kMaxDepth = 64;
// Files kept open between samples, well within a process's usual 1024; a bigger tree's other
// files are opened for each read.
constexpr qsizetype kMaxOpenFiles = 256;

// Closes and drops the open files for which \a shouldClose(path, file) holds.
template <typename Files, typename Predicate>
void closeWhere(Files &files, Predicate shouldClose)
{
    for (auto file = files.begin(); file != files.end();) {
        if (shouldClose(file.key(), file.value())) {
            ::close(file->fd);
            file = files.erase(file);
        } else {
            ++file;
        }
    }
}

} // namespace

TreeSampler::TreeSampler(QString procRoot) : m_root(procRoot.toLocal8Bit())
{
    const long ticks = ::sysconf(_SC_CLK_TCK);
    m_tickSeconds = ticks > 0 ? 1.0 / double(ticks) : 0.01;
}

TreeSampler::~TreeSampler()
{
    for (const OpenFile &file : std::as_const(m_open))
        ::close(file.fd);
}

int TreeSampler::openFile(const QByteArray &path, int flags, bool *kept) const
{
    if (auto known = m_open.find(path); known != m_open.end()) {
        known->usedIn = m_sample;
        *kept = true;
        return known->fd;
    }
    const int fd = ::open(path.constData(), flags | O_RDONLY | O_CLOEXEC);
    *kept = fd >= 0 && m_open.size() < kMaxOpenFiles;
    if (*kept)
        m_open.insert(path, {fd, m_sample});
    return fd;
}

void TreeSampler::forget(const QByteArray &processDir) const
{
    const QByteArray prefix = processDir + '/';
    closeWhere(m_open, [&](const QByteArray &path, const OpenFile &) {
        return path.startsWith(prefix);
    });
}

QByteArray TreeSampler::read(const QByteArray &path) const
{
    bool kept = false;
    const int fd = openFile(path, 0, &kept);
    if (fd < 0)
        return {};
    char buffer[4096];
    const ssize_t n = ::pread(fd, buffer, sizeof buffer, 0);
    if (!kept || n < 0) { // n < 0: the process is gone (ESRCH), its number free for another
        ::close(fd);
        m_open.remove(path);
    }
    return n > 0 ? QByteArray(buffer, n) : QByteArray();
}

QList<QByteArray> TreeSampler::numericEntries(const QByteArray &dirPath) const
{
    QList<QByteArray> names;
    bool kept = false;
    const int fd = openFile(dirPath, O_DIRECTORY, &kept);
    if (fd < 0)
        return names;
    alignas(dirent64) char buffer[8192];
    ssize_t n = ::lseek(fd, 0, SEEK_SET) == 0 ? 1 : 0; // read afresh from the start
    while (n > 0 && (n = ::getdents64(fd, buffer, sizeof buffer)) > 0) {
        for (ssize_t at = 0; at < n;) {
            const auto *entry = reinterpret_cast<const dirent64 *>(buffer + at);
            if (entry->d_name[0] >= '0' && entry->d_name[0] <= '9')
                names.append(QByteArray(entry->d_name));
            at += entry->d_reclen;
        }
    }
    if (!kept)
        ::close(fd);
    return names;
}

double TreeSampler::threadSeconds(const QByteArray &taskDir) const
{
    // schedstat: "run-ns wait-ns slices"; precise to the nanosecond where the kernel keeps it.
    const QByteArray sched = read(taskDir + "/schedstat");
    bool ok = false;
    const double ns = sched.left(sched.indexOf(' ')).toDouble(&ok);
    if (ok)
        return ns / 1e9;
    // stat: the name in parentheses may hold spaces; utime and stime are fields 14 and 15.
    const QByteArray stat = read(taskDir + "/stat");
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
    const QByteArray stat = read(processDir + "/stat");
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
    const QString name = QString::fromUtf8(read(taskDir + "/comm").trimmed());
    if (!name.isEmpty())
        m_threadNames.insert(tid, name);
    return name;
}

void TreeSampler::visit(pid_t pid, bool skip, const QStringList &skipNames,
                        QList<ThreadCpu> &out, int depth) const
{
    const QByteArray processDir = m_root + '/' + QByteArray::number(pid);
    const QString processName = QString::fromUtf8(read(processDir + "/comm").trimmed());
    if (processName.isEmpty()) {
        forget(processDir); // gone since its parent listed it
        return;
    }
    skip = skip || skipNames.contains(processName);
    QList<pid_t> children;
    for (const QByteArray &tidText : numericEntries(processDir + "/task")) {
        const QByteArray taskDir = processDir + "/task/" + tidText;
        const pid_t tid = pid_t(tidText.toInt());
        if (!skip)
            out.append({pid, tid, processName,
                         tid == pid ? processName : threadName(taskDir, tid),
                         threadSeconds(taskDir), tid == pid && collectedChild(processDir)});
        for (const QByteArray &kid : read(taskDir + "/children").split(' '))
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
    ++m_sample;
    QList<ThreadCpu> threads;
    visit(root, skipRoot, skipNames, threads, 0);
    closeWhere(m_open, [this](const QByteArray &, const OpenFile &file) {
        return file.usedIn != m_sample; // no sample read it: its thread or process has gone
    });
    return threads;
}

} // namespace Unlocked
