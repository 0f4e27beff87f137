#include "TreeSampler.h"

#include <QDir>
#include <QFile>

#include <unistd.h>

namespace Unlocked {

namespace {

// A tree deeper than this is not a learner's program but a fork chain; stop following it.
constexpr int kMaxDepth = 64;

} // namespace

TreeSampler::TreeSampler(QString procRoot) : m_root(std::move(procRoot))
{
    const long ticks = ::sysconf(_SC_CLK_TCK);
    m_tickSeconds = ticks > 0 ? 1.0 / double(ticks) : 0.01;
}

QString TreeSampler::read(const QString &path) const
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return {};
    return QString::fromUtf8(file.read(4096));
}

double TreeSampler::threadSeconds(const QString &taskDir) const
{
    // schedstat: "run-ns wait-ns slices"; precise to the nanosecond where the kernel keeps it.
    const QString sched = read(taskDir + QLatin1String("/schedstat"));
    bool ok = false;
    const double ns = sched.section(QLatin1Char(' '), 0, 0).toDouble(&ok);
    if (ok)
        return ns / 1e9;
    // stat: the name in parentheses may hold spaces; utime and stime are fields 14 and 15.
    const QString stat = read(taskDir + QLatin1String("/stat"));
    const qsizetype close = stat.lastIndexOf(QLatin1Char(')'));
    if (close < 0)
        return 0.0;
    const QStringList fields = stat.mid(close + 2).split(QLatin1Char(' '));
    if (fields.size() < 13)
        return 0.0;
    return (fields[11].toDouble() + fields[12].toDouble()) * m_tickSeconds;
}

void TreeSampler::visit(pid_t pid, bool skip, const QStringList &skipNames,
                        QList<ThreadCpu> &out, int depth) const
{
    const QString processDir = m_root + QLatin1Char('/') + QString::number(pid);
    const QString processName = read(processDir + QLatin1String("/comm")).trimmed();
    if (processName.isEmpty())
        return; // gone since its parent listed it
    skip = skip || skipNames.contains(processName);
    const QStringList tids =
        QDir(processDir + QLatin1String("/task")).entryList(QDir::Dirs | QDir::NoDotAndDotDot);
    QList<pid_t> children;
    for (const QString &tid : tids) {
        const QString taskDir = processDir + QLatin1String("/task/") + tid;
        if (!skip)
            out.append({pid, pid_t(tid.toInt()), processName,
                        read(taskDir + QLatin1String("/comm")).trimmed(),
                        threadSeconds(taskDir)});
        const QStringList kids = read(taskDir + QLatin1String("/children"))
                                     .split(QLatin1Char(' '), Qt::SkipEmptyParts);
        for (const QString &kid : kids)
            children.append(pid_t(kid.trimmed().toInt()));
    }
    if (depth >= kMaxDepth)
        return;
    for (pid_t child : children)
        if (child > 0)
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
