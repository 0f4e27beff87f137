#pragma once

#include "TreeSampler.h"

#include <QHash>
#include <QJsonObject>
#include <QList>
#include <QSet>

namespace Unlocked {

/** One thread of a run: how much of a core it used in each interval it was alive for. */
struct ThreadLane
{
    pid_t pid = 0;
    pid_t tid = 0;
    QString processName;
    QString threadName;
    int firstSlot = 0;   // the interval it was first seen in
    QList<double> busy;  // cores used, 0..1, in intervals firstSlot, firstSlot + 1, ...
    int lastSlot() const { return firstSlot + int(busy.size()) - 1; }
};

/**
 * What every thread of every process of a run did over time, sampled from outside the
 * sandbox in intervals of a fixed length. Lanes are grouped by process, then by thread.
 */
struct Timeline
{
    double intervalSeconds = 0.01;
    int intervalCount = 0;
    QList<ThreadLane> lanes;
    // Processes seen after they had waited for a child that ended: a child too short-lived
    // for any sample to catch still shows here.
    QSet<pid_t> collectedChild;

    /** Cores busy in each interval: the sum over every thread. */
    QList<double> coresBusy() const;
    int processCount() const;
    /**
     * Trace Event Format (the JSON that Perfetto and chrome://tracing open): a process and a
     * thread name per lane, a complete event ("X") per interval a thread ran in with its share of
     * a core in args.cpu, and a "cores busy" counter ("C").
     */
    QJsonObject toTraceEvents() const;
};

/** Builds a Timeline from successive samples of a tree's threads. */
class TimelineRecorder
{
public:
    explicit TimelineRecorder(double intervalSeconds = 0.01);

    double intervalSeconds() const { return m_interval; }
    /** Threads as seen \a seconds after the run started; samples come in time order. */
    void add(double seconds, const QList<ThreadCpu> &threads);
    Timeline timeline() const;

private:
    struct Seen
    {
        qsizetype lane;
        double cpuSeconds;
    };

    double m_interval;
    double m_lastSeconds = 0.0;
    int m_lastSlot = -1;
    QHash<quint64, Seen> m_seen; // by pid << 32 | tid
    Timeline m_timeline;
};

} // namespace Unlocked
