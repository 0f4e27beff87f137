#include "ObservedCheck.h"

#include "timeline/Timeline.h"

#include <QFile>
#include <QHash>
#include <QSet>

#include <algorithm>

namespace Unlocked {

void TreeObservation::add(const Timeline &timeline, const QStringList &notLearners)
{
    // A process is named by its main thread's latest name: the grader's fork that becomes
    // bwrap keeps the grader's name (bwrap itself is never sampled), while one that becomes
    // the program (unisolated runs) shows the program's name once it has started.
    struct Process
    {
        QSet<pid_t> threads;
        QString name;
        int firstSlot = 0;
    };
    QHash<pid_t, Process> seen;
    for (const ThreadLane &lane : timeline.lanes) {
        auto it = seen.find(lane.pid);
        if (it == seen.end())
            it = seen.insert(lane.pid, {{}, lane.processName, lane.firstSlot});
        it->threads.insert(lane.tid);
        it->firstSlot = std::min(it->firstSlot, lane.firstSlot);
        if (lane.tid == lane.pid)
            it->name = lane.threadName;
    }
    QList<pid_t> learners;
    for (auto it = seen.cbegin(); it != seen.cend(); ++it)
        if (!notLearners.contains(it->name))
            learners.append(it.key());
    if (learners.isEmpty())
        return;
    // The program's own process is the first one seen; the rest are the ones it started.
    std::sort(learners.begin(), learners.end(), [&seen](pid_t a, pid_t b) {
        return std::pair(seen[a].firstSlot, a) < std::pair(seen[b].firstSlot, b);
    });
    ++runs;
    processes = std::max(processes, int(learners.size()));
    for (pid_t pid : learners)
        collectedChild = collectedChild || timeline.collectedChild.contains(pid);
    for (qsizetype i = 0; i < learners.size(); ++i) {
        const Process &p = seen[learners[i]];
        if (i > 0 && !otherNames.contains(p.name))
            otherNames.append(p.name);
        if (int(p.threads.size()) > mostThreads) {
            mostThreads = int(p.threads.size());
            threadsInMain = i == 0;
        }
    }
}

QStringList graderProcessNames()
{
    // The sandbox is started from the grading thread, so its fork carries that thread's name.
    QStringList names = {QStringLiteral("bwrap")};
    for (const char *path : {"/proc/thread-self/comm", "/proc/self/comm"}) {
        QFile file(QString::fromLatin1(path));
        if (file.open(QIODevice::ReadOnly))
            names.append(QString::fromUtf8(file.readAll()).trimmed());
    }
    return names;
}

namespace {

QString count(int n, const char *one, const char *many)
{
    return QStringLiteral("%1 %2").arg(n).arg(QLatin1String(n == 1 ? one : many));
}

} // namespace

CheckResult runObservedCheck(const CheckSpec &spec, const TreeObservation &seen)
{
    CheckResult result = checkResultFor(spec, Verdict::Failed);
    if (seen.runs == 0) {
        result.message = QStringLiteral("the grader did not see your program run, so it could "
                                        "not tell which threads and processes it used");
        return result;
    }
    QStringList broken;
    const int extraThreads = seen.mostThreads - 1;
    const int extraProcesses = seen.processes - 1;
    // Started and ended between two samples: seen only in its parent's counts.
    const bool unsampledProcess = extraProcesses <= 0 && seen.collectedChild;
    if (spec.threads == ObservedCount::One && extraThreads > 0)
        broken.append(seen.threadsInMain
                          ? QStringLiteral("your program started %1 besides its main one, and "
                                           "this task allows one thread")
                                .arg(count(extraThreads, "thread", "threads"))
                          : QStringLiteral("a process your program started ran %1, and this "
                                           "task allows one thread per process")
                                .arg(count(seen.mostThreads, "thread", "threads")));
    if (spec.threads == ObservedCount::Several && extraThreads <= 0)
        broken.append(QStringLiteral("your program ran on its main thread alone: the grader "
                                     "saw no other thread"));
    if (spec.processes == ObservedCount::One && extraProcesses > 0)
        broken.append(QStringLiteral("your program started %1 (%2), and this task allows none")
                          .arg(count(extraProcesses, "other process", "other processes"),
                               seen.otherNames.join(QLatin1String(", "))));
    if (spec.processes == ObservedCount::One && unsampledProcess)
        broken.append(QStringLiteral("your program started another process and waited for it "
                                     "to end, and this task allows none"));
    if (spec.processes == ObservedCount::Several && extraProcesses <= 0 && !unsampledProcess)
        broken.append(QStringLiteral("your program ran as one process: the grader saw it start "
                                     "no other"));
    if (broken.isEmpty()) {
        result.verdict = Verdict::Passed;
        // No counts: how many short-lived threads or processes a sample catches varies from
        // run to run, and a passing grade must read the same every time.
        QStringList what;
        if (spec.threads != ObservedCount::Any)
            what.append(extraThreads > 0 ? QStringLiteral("other threads besides its main one")
                                         : QStringLiteral("no thread besides its main one"));
        if (spec.processes != ObservedCount::Any)
            what.append(extraProcesses > 0 || unsampledProcess
                            ? QStringLiteral("other processes")
                            : QStringLiteral("no other process"));
        result.message = QStringLiteral("while it ran, the grader saw your program start %1")
                             .arg(what.join(QLatin1String(" and ")));
        return result;
    }
    result.message = QStringLiteral("While it ran, %1.").arg(broken.join(QLatin1String("; ")));
    if (!spec.observedMessage.isEmpty())
        result.message += QLatin1Char(' ') + spec.observedMessage;
    return result;
}

} // namespace Unlocked
