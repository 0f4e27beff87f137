#include "CgroupTree.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QHash>
#include <QMutex>
#include <QRegularExpression>
#include <QSet>

#include <atomic>
#include <cerrno>
#include <csignal>
#include <fcntl.h>
#include <sys/stat.h>
#include <thread>
#include <unistd.h>

namespace Unlocked {
namespace {

QByteArray readSmall(const QString &path)
{
    // Raw reads: QFile would buffer and stat, and these files are read every few milliseconds.
    const int fd = ::open(QFile::encodeName(path).constData(), O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        return {};
    QByteArray data;
    char buffer[4096];
    for (;;) {
        const ssize_t n = ::read(fd, buffer, sizeof buffer);
        if (n <= 0)
            break;
        data.append(buffer, n);
    }
    ::close(fd);
    return data;
}

bool writeSmall(const QString &path, const QByteArray &value)
{
    const int fd = ::open(QFile::encodeName(path).constData(), O_WRONLY | O_CLOEXEC);
    if (fd < 0)
        return false;
    const bool ok = ::write(fd, value.constData(), value.size()) == value.size();
    ::close(fd);
    return ok;
}

// "key value" lines (cpu.stat, memory.events, memory.oom_control, pids.events).
qint64 keyedValue(const QByteArray &text, const QByteArray &key)
{
    for (const QByteArray &line : text.split('\n')) {
        const QList<QByteArray> parts = line.split(' ');
        if (parts.size() == 2 && parts[0] == key)
            return parts[1].toLongLong();
    }
    return 0;
}

struct Hierarchies
{
    QHash<QString, QString> v1; // controller -> mount point + own group
    QString unified;            // v2 mount point + own group
};

// Where this process sits in each hierarchy, as directories. Read once: the grader does not move.
const Hierarchies &hierarchies()
{
    static const Hierarchies result = [] {
        Hierarchies h;
        QHash<QString, QString> ownPath; // "memory" or "" (v2) -> path from /proc/self/cgroup
        for (const QByteArray &line : readSmall(QStringLiteral("/proc/self/cgroup")).split('\n')) {
            const QList<QByteArray> parts = line.split(':');
            if (parts.size() < 3)
                continue;
            const QString path = QString::fromUtf8(line.mid(parts[0].size() + parts[1].size() + 2));
            if (parts[1].isEmpty())
                ownPath.insert(QString(), path);
            for (const QByteArray &controller : parts[1].split(','))
                if (!controller.isEmpty())
                    ownPath.insert(QString::fromUtf8(controller), path);
        }
        for (const QByteArray &line :
             readSmall(QStringLiteral("/proc/self/mountinfo")).split('\n')) {
            const int dash = line.indexOf(" - ");
            if (dash < 0)
                continue;
            const QList<QByteArray> left = line.left(dash).split(' ');
            const QList<QByteArray> right = line.mid(dash + 3).split(' ');
            if (left.size() < 5 || right.size() < 3)
                continue;
            const QString root = QString::fromUtf8(left[3]);
            const QString mountPoint = QString::fromUtf8(left[4]);
            // The mount may show a sub-tree (containers); our path is relative to its root.
            auto under = [&](const QString &own) {
                QString rel = own;
                if (root != QLatin1String("/") && rel.startsWith(root))
                    rel = rel.mid(root.size());
                return QDir::cleanPath(mountPoint + QLatin1Char('/') + rel);
            };
            if (right[0] == "cgroup2" && ownPath.contains(QString()) && h.unified.isEmpty()) {
                h.unified = under(ownPath.value(QString()));
            } else if (right[0] == "cgroup") {
                for (const QByteArray &option : right[2].split(',')) {
                    const QString name = QString::fromUtf8(option);
                    if (ownPath.contains(name) && !h.v1.contains(name))
                        h.v1.insert(name, under(ownPath.value(name)));
                }
            }
        }
        return h;
    }();
    return result;
}

// A grader killed outright (SIGKILL, a test timeout) cannot remove its groups. Once per parent,
// remove the empty groups of graders that are gone; rmdir refuses any that still hold tasks.
void sweepStale(const QString &parent)
{
    static QMutex mutex;
    static QSet<QString> swept;
    QMutexLocker lock(&mutex);
    if (swept.contains(parent))
        return;
    swept.insert(parent);
    static const QRegularExpression name(QStringLiteral("^unlocked-(\\d+)-\\d+$"));
    for (const QString &entry :
         QDir(parent).entryList({QStringLiteral("unlocked-*")}, QDir::Dirs)) {
        const QRegularExpressionMatch m = name.match(entry);
        if (m.hasMatch() && !QFileInfo::exists(QLatin1String("/proc/") + m.captured(1)))
            ::rmdir(QFile::encodeName(parent + QLatin1Char('/') + entry).constData());
    }
}

QString newGroup(const QString &parent)
{
    static std::atomic_int counter{0};
    if (parent.isEmpty())
        return {};
    sweepStale(parent);
    const QString dir =
        QStringLiteral("%1/unlocked-%2-%3").arg(parent).arg(::getpid()).arg(counter.fetch_add(1));
    if (::mkdir(QFile::encodeName(dir).constData(), 0755) != 0)
        return {};
    // Joining needs write access (to tasks in v1, which has cgroup.procs' owner and mode);
    // check now so a child never fails half-way.
    if (::access(QFile::encodeName(dir + QLatin1String("/cgroup.procs")).constData(), W_OK) != 0) {
        ::rmdir(QFile::encodeName(dir).constData());
        return {};
    }
    return dir;
}

void removeGroup(const QString &dir)
{
    if (!dir.isEmpty())
        ::rmdir(QFile::encodeName(dir).constData());
}

} // namespace

QString CgroupTree::ownGroup(const QString &controller)
{
    return controller.isEmpty() ? hierarchies().unified : hierarchies().v1.value(controller);
}

std::unique_ptr<CgroupTree> CgroupTree::create(const Limits &limits, QString *why)
{
    std::unique_ptr<CgroupTree> tree(new CgroupTree);
    const Hierarchies &h = hierarchies();
    // Each group joined costs the child a cgroup migration (an RCU grace period at worst), so
    // join as few as give memory, tasks and CPU: the v1 trio where it exists, else v2.
    tree->m_memory = newGroup(h.v1.value(QStringLiteral("memory")));
    if (!tree->m_memory.isEmpty()) {
        const QByteArray bytes = QByteArray::number(limits.memoryBytes);
        // No swap: otherwise the limit only slows a memory bomb down instead of stopping it.
        writeSmall(tree->m_memory + QLatin1String("/memory.swappiness"), "0");
        const bool ok = writeSmall(tree->m_memory + QLatin1String("/memory.limit_in_bytes"), bytes);
        writeSmall(tree->m_memory + QLatin1String("/memory.memsw.limit_in_bytes"), bytes);
        if (!ok) {
            removeGroup(tree->m_memory);
            tree->m_memory.clear();
        }
    }
    tree->m_pids = newGroup(h.v1.value(QStringLiteral("pids")));
    // +2: bubblewrap's monitor and its PID-namespace init live in the group too.
    if (!tree->m_pids.isEmpty() && !writeSmall(tree->m_pids + QLatin1String("/pids.max"),
                                               QByteArray::number(limits.processes + 2))) {
        removeGroup(tree->m_pids);
        tree->m_pids.clear();
    }
    tree->m_cpuacct = newGroup(h.v1.value(QStringLiteral("cpuacct")));
    if (tree->m_memory.isEmpty() || tree->m_pids.isEmpty() || tree->m_cpuacct.isEmpty()) {
        tree->m_unified = newGroup(h.unified);
        if (!tree->m_unified.isEmpty()) {
            const QList<QByteArray> controllers =
                readSmall(tree->m_unified + QLatin1String("/cgroup.controllers"))
                    .simplified()
                    .split(' ');
            // On a pure v2 machine the controllers live here instead of in v1 hierarchies.
            if (tree->m_memory.isEmpty() && controllers.contains("memory")) {
                tree->m_v2Memory = writeSmall(tree->m_unified + QLatin1String("/memory.max"),
                                              QByteArray::number(limits.memoryBytes));
                writeSmall(tree->m_unified + QLatin1String("/memory.swap.max"), "0");
            }
            if (tree->m_pids.isEmpty() && controllers.contains("pids"))
                tree->m_v2Pids = writeSmall(tree->m_unified + QLatin1String("/pids.max"),
                                            QByteArray::number(limits.processes + 2));
        }
    }
    if (tree->procsFiles().isEmpty()) {
        if (why)
            *why = QStringLiteral("no cgroup hierarchy accepts a new group beneath %1")
                       .arg(h.unified.isEmpty() ? QStringLiteral("/sys/fs/cgroup") : h.unified);
        return nullptr;
    }
    return tree;
}

CgroupTree::~CgroupTree()
{
    // A group can only be removed once empty; the caller waited for that, but be sure.
    for (int attempt = 0; populated() && attempt < 200; ++attempt) {
        killAll();
        std::this_thread::sleep_for(std::chrono::milliseconds(5));
    }
    for (const QString &dir : {m_unified, m_memory, m_pids, m_cpuacct})
        removeGroup(dir);
}

QList<QByteArray> CgroupTree::joinFiles() const
{
    QList<QByteArray> files;
    if (!m_unified.isEmpty())
        files.append(QFile::encodeName(m_unified + QLatin1String("/cgroup.procs")));
    for (const QString &dir : {m_memory, m_pids, m_cpuacct})
        if (!dir.isEmpty())
            files.append(QFile::encodeName(dir + QLatin1String("/tasks")));
    return files;
}

QList<QByteArray> CgroupTree::procsFiles() const
{
    QList<QByteArray> files;
    for (const QString &dir : {m_unified, m_memory, m_pids, m_cpuacct})
        if (!dir.isEmpty())
            files.append(QFile::encodeName(dir + QLatin1String("/cgroup.procs")));
    return files;
}

double CgroupTree::cpuSeconds() const
{
    if (!m_cpuacct.isEmpty())
        return readSmall(m_cpuacct + QLatin1String("/cpuacct.usage")).trimmed().toLongLong() / 1e9;
    if (!m_unified.isEmpty())
        return keyedValue(readSmall(m_unified + QLatin1String("/cpu.stat")), "usage_usec") / 1e6;
    return 0.0;
}

bool CgroupTree::oomKilled() const
{
    if (m_v2Memory)
        return keyedValue(readSmall(m_unified + QLatin1String("/memory.events")), "oom_kill") > 0;
    if (!m_memory.isEmpty())
        return keyedValue(readSmall(m_memory + QLatin1String("/memory.oom_control")), "oom_kill") >
               0;
    return false;
}

qint64 CgroupTree::anonymousBytes() const
{
    if (m_v2Memory)
        return keyedValue(readSmall(m_unified + QLatin1String("/memory.stat")), "anon");
    if (!m_memory.isEmpty())
        return keyedValue(readSmall(m_memory + QLatin1String("/memory.stat")), "total_rss");
    return 0;
}

bool CgroupTree::taskLimitHit() const
{
    if (m_v2Pids)
        return keyedValue(readSmall(m_unified + QLatin1String("/pids.events")), "max") > 0;
    if (!m_pids.isEmpty())
        return keyedValue(readSmall(m_pids + QLatin1String("/pids.events")), "max") > 0;
    return false;
}

bool CgroupTree::populated() const
{
    if (!m_unified.isEmpty())
        return keyedValue(readSmall(m_unified + QLatin1String("/cgroup.events")), "populated") != 0;
    return !pids().isEmpty();
}

QList<qint64> CgroupTree::pids() const
{
    QList<qint64> result;
    const QList<QByteArray> files = procsFiles();
    if (files.isEmpty())
        return result;
    for (const QByteArray &line : readSmall(QFile::decodeName(files.first())).split('\n'))
        if (!line.isEmpty())
            result.append(line.toLongLong());
    return result;
}

void CgroupTree::killAll() const
{
    if (!m_unified.isEmpty() && writeSmall(m_unified + QLatin1String("/cgroup.kill"), "1"))
        return;
    // v1 has no atomic kill: repeat while a fork loop races us. pids.max bounds the race, and
    // the PID namespace and the reaper are the nets behind this one.
    for (int round = 0; round < 20; ++round) {
        const QList<qint64> list = pids();
        if (list.isEmpty())
            break;
        for (qint64 pid : list)
            ::kill(pid_t(pid), SIGKILL);
    }
}

} // namespace Unlocked
