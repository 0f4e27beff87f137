#include "Timeline.h"

#include <QJsonArray>

#include <algorithm>
#include <cmath>

namespace Unlocked {

namespace {

// Below this share of a core a thread counts as idle in the trace, so that waiting threads do
// not fill it with empty events.
constexpr double kIdleShare = 0.02;

quint64 keyOf(pid_t pid, pid_t tid)
{
    return (quint64(quint32(pid)) << 32) | quint32(tid);
}

} // namespace

QList<double> Timeline::coresBusy() const
{
    QList<double> total(intervalCount, 0.0);
    for (const ThreadLane &lane : lanes)
        for (qsizetype i = 0; i < lane.busy.size(); ++i)
            if (lane.firstSlot + i < intervalCount)
                total[lane.firstSlot + i] += lane.busy[i];
    return total;
}

int Timeline::processCount() const
{
    QList<pid_t> pids;
    for (const ThreadLane &lane : lanes)
        if (!pids.contains(lane.pid))
            pids.append(lane.pid);
    return int(pids.size());
}

QJsonObject Timeline::toTraceEvents() const
{
    const double slotMicros = intervalSeconds * 1e6;
    QJsonArray events;
    QList<pid_t> named;
    for (const ThreadLane &lane : lanes) {
        if (!named.contains(lane.pid)) {
            named.append(lane.pid);
            events.append(QJsonObject{{"name", "process_name"},
                                      {"ph", "M"},
                                      {"pid", lane.pid},
                                      {"args", QJsonObject{{"name", lane.processName}}}});
        }
        events.append(QJsonObject{{"name", "thread_name"},
                                  {"ph", "M"},
                                  {"pid", lane.pid},
                                  {"tid", lane.tid},
                                  {"args", QJsonObject{{"name", lane.threadName}}}});
        for (qsizetype i = 0; i < lane.busy.size(); ++i) {
            if (lane.busy[i] < kIdleShare)
                continue;
            events.append(QJsonObject{{"name", "running"},
                                      {"ph", "X"},
                                      {"pid", lane.pid},
                                      {"tid", lane.tid},
                                      {"ts", (lane.firstSlot + i) * slotMicros},
                                      {"dur", slotMicros},
                                      {"args", QJsonObject{{"cpu", lane.busy[i]}}}});
        }
    }
    const pid_t counterPid = lanes.isEmpty() ? 0 : lanes.first().pid;
    const QList<double> cores = coresBusy();
    for (qsizetype i = 0; i < cores.size(); ++i)
        events.append(QJsonObject{{"name", "cores busy"},
                                  {"ph", "C"},
                                  {"pid", counterPid},
                                  {"ts", i * slotMicros},
                                  {"args", QJsonObject{{"cores", cores[i]}}}});
    return QJsonObject{{"traceEvents", events}, {"displayTimeUnit", "ms"}};
}

TimelineRecorder::TimelineRecorder(double intervalSeconds)
    : m_interval(intervalSeconds > 0.0 ? intervalSeconds : 0.01)
{
    m_timeline.intervalSeconds = m_interval;
}

void TimelineRecorder::add(double seconds, const QList<ThreadCpu> &threads)
{
    // The tolerance keeps 0.03 / 0.01 (2.9999...) in interval 3.
    const int slot = std::max(0, int(std::floor(seconds / m_interval + 1e-6)));
    for (const ThreadCpu &thread : threads)
        if (thread.collectedChild)
            m_timeline.collectedChild.insert(thread.pid);
    if (slot <= m_lastSlot)
        return; // two samples in one interval: the next one covers both
    const double span = std::max(seconds - m_lastSeconds, 1e-6);
    // The intervals since the last sample share its CPU time evenly.
    const int from = m_lastSlot + 1;
    for (const ThreadCpu &thread : threads) {
        const quint64 key = keyOf(thread.pid, thread.tid);
        auto it = m_seen.find(key);
        double used = thread.cpuSeconds;
        if (it == m_seen.end()) {
            ThreadLane lane;
            lane.pid = thread.pid;
            lane.tid = thread.tid;
            lane.processName = thread.processName;
            lane.threadName = thread.threadName;
            lane.firstSlot = from;
            m_timeline.lanes.append(lane);
            it = m_seen.insert(key, {m_timeline.lanes.size() - 1, 0.0});
        }
        used -= it->cpuSeconds;
        it->cpuSeconds = thread.cpuSeconds;
        ThreadLane &lane = m_timeline.lanes[it->lane];
        lane.threadName = thread.threadName; // a thread may name itself after it starts
        const double share = std::clamp(used / span, 0.0, 1.0);
        while (lane.lastSlot() < slot)
            lane.busy.append(lane.lastSlot() + 1 >= from ? share : 0.0);
    }
    m_lastSlot = slot;
    m_lastSeconds = seconds;
    m_timeline.intervalCount = slot + 1;
}

Timeline TimelineRecorder::timeline() const
{
    Timeline t = m_timeline;
    std::stable_sort(t.lanes.begin(), t.lanes.end(), [](const ThreadLane &a, const ThreadLane &b) {
        return std::tie(a.pid, a.tid) < std::tie(b.pid, b.tid);
    });
    return t;
}

} // namespace Unlocked
