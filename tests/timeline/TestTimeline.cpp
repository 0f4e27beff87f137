#include "timeline/Timeline.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QTemporaryDir>
#include <QTest>

using namespace Unlocked;

// A /proc of our own: each thread a folder with the files the sampler reads.
class FakeProc
{
public:
    FakeProc() { QVERIFY(m_dir.isValid()); }
    QString root() const { return m_dir.path(); }

    void thread(pid_t pid, pid_t tid, const QString &name, double cpuSeconds,
                const QList<pid_t> &children = {}, bool schedstat = true)
    {
        const QString process = root() + QStringLiteral("/%1").arg(pid);
        const QString task = process + QStringLiteral("/task/%1").arg(tid);
        QDir().mkpath(task);
        if (pid == tid)
            write(process + QStringLiteral("/comm"), name);
        write(task + QStringLiteral("/comm"), name);
        QStringList kids;
        for (pid_t child : children)
            kids.append(QString::number(child));
        write(task + QStringLiteral("/children"), kids.join(QLatin1Char(' ')) + QLatin1Char(' '));
        if (schedstat) {
            write(task + QStringLiteral("/schedstat"),
                  QStringLiteral("%1 0 1").arg(qint64(cpuSeconds * 1e9)));
        } else {
            QFile::remove(task + QStringLiteral("/schedstat"));
            // utime and stime (fields 14 and 15) in clock ticks, after a name with spaces.
            const qint64 ticks = qint64(cpuSeconds * double(sysconf(_SC_CLK_TCK)));
            write(task + QStringLiteral("/stat"),
                  QStringLiteral("%1 (%2) R 1 1 1 0 -1 0 0 0 0 0 %3 0 0 0 20 0 1 0")
                      .arg(tid)
                      .arg(name)
                      .arg(ticks));
        }
    }

    /** The process's own stat, with the minor faults of the children it waited for. */
    void collected(pid_t pid, qint64 childMinorFaults)
    {
        write(root() + QStringLiteral("/%1/stat").arg(pid),
              QStringLiteral("%1 (python3) S 1 1 1 0 -1 0 120 %2 0 0 3 1 0 0 20 0 1 0")
                  .arg(pid)
                  .arg(childMinorFaults));
    }

private:
    static void write(const QString &path, const QString &text)
    {
        QFile file(path);
        QVERIFY(file.open(QIODevice::WriteOnly | QIODevice::Truncate));
        file.write(text.toUtf8() + '\n');
    }
    QTemporaryDir m_dir;
};

class TestTimeline : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void samplerFollowsTheTreeAndSkipsTheSandbox();
    void samplerReadsStatWithoutSchedstat();
    void childTooShortForASampleIsSeenInItsParent();
    void samplerKeepsNothingStale();
    void threadsTakingTurnsNeverExceedOneCore();
    void processesSideBySideAddUp();
    void threadsAppearAndLeave();
    void lateSampleSpreadsOverItsIntervals();
    void traceEventsParseBack();
};

void TestTimeline::samplerFollowsTheTreeAndSkipsTheSandbox()
{
    FakeProc proc;
    proc.thread(10, 10, QStringLiteral("unlocked-cli"), 0.5, {11}); // the reaper
    proc.thread(11, 11, QStringLiteral("bwrap"), 0.1, {12});
    proc.thread(12, 12, QStringLiteral("python3"), 1.25, {13});
    proc.thread(12, 14, QStringLiteral("Thread-1"), 0.75);
    proc.thread(13, 13, QStringLiteral("python3"), 2.0);

    const QList<ThreadCpu> threads =
        TreeSampler(proc.root()).sample(10, true, {QStringLiteral("bwrap")});
    QCOMPARE(threads.size(), 3);
    QList<pid_t> tids;
    for (const ThreadCpu &t : threads)
        tids.append(t.tid);
    std::sort(tids.begin(), tids.end());
    QCOMPARE(tids, (QList<pid_t>{12, 13, 14}));
    for (const ThreadCpu &t : threads) {
        if (t.tid == 14) {
            QCOMPARE(t.pid, 12);
            QCOMPARE(t.processName, QStringLiteral("python3"));
            QCOMPARE(t.threadName, QStringLiteral("Thread-1"));
            QCOMPARE(t.cpuSeconds, 0.75);
        }
    }
    // Without skipping, the sandbox's own processes are there too.
    QCOMPARE(TreeSampler(proc.root()).sample(10, false, {}).size(), 5);
    // A process that is gone yields nothing, not a crash.
    QVERIFY(TreeSampler(proc.root()).sample(99, false, {}).isEmpty());
}

void TestTimeline::samplerReadsStatWithoutSchedstat()
{
    FakeProc proc;
    proc.thread(20, 20, QStringLiteral("my (odd) name"), 1.5, {}, false);
    const QList<ThreadCpu> threads = TreeSampler(proc.root()).sample(20, false, {});
    QCOMPARE(threads.size(), 1);
    QCOMPARE(threads.first().cpuSeconds, 1.5);
}

// A child that started and ended between two samples left its page faults in its parent's
// counts; the recorder keeps that even from a sample it otherwise drops (same interval).
void TestTimeline::childTooShortForASampleIsSeenInItsParent()
{
    FakeProc proc;
    proc.thread(20, 20, QStringLiteral("python3"), 0.5);
    proc.thread(20, 21, QStringLiteral("Thread-1"), 0.1);
    proc.collected(20, 0);
    TreeSampler sampler(proc.root());
    TimelineRecorder recorder(0.01);
    const QList<ThreadCpu> before = sampler.sample(20, false, {});
    QCOMPARE(before.size(), 2);
    QVERIFY(!before[0].collectedChild && !before[1].collectedChild);
    recorder.add(0.0, before);
    recorder.add(0.01, before);

    proc.collected(20, 840);
    const QList<ThreadCpu> after = sampler.sample(20, false, {});
    QCOMPARE(after.size(), 2);
    const ThreadCpu &main = after[0].tid == 20 ? after[0] : after[1];
    const ThreadCpu &other = after[0].tid == 20 ? after[1] : after[0];
    QVERIFY(main.collectedChild);
    QVERIFY(!other.collectedChild); // a process's counts, on its main thread only
    QVERIFY(recorder.timeline().collectedChild.isEmpty());
    recorder.add(0.015, after); // in the interval already sampled
    QCOMPARE(recorder.timeline().collectedChild, QSet<pid_t>{20});
}

static int openFileCount()
{
    return int(QDir(QStringLiteral("/proc/self/fd")).entryList(QDir::Files | QDir::System).size());
}

// One sampler for a whole run keeps its files open between samples: each sample must still see
// the tree as it is now, and nothing may stay open for a process that has gone.
void TestTimeline::samplerKeepsNothingStale()
{
    FakeProc proc;
    const int filesBefore = openFileCount();
    {
        TreeSampler sampler(proc.root());
        proc.thread(30, 30, QStringLiteral("python3"), 0.5, {31});
        proc.thread(31, 31, QStringLiteral("worker"), 0.25);
        QCOMPARE(sampler.sample(30, false, {}).size(), 2);

        proc.thread(30, 30, QStringLiteral("python3"), 0.75, {31});
        proc.thread(30, 32, QStringLiteral("Thread-1"), 0.125); // a thread started
        QList<ThreadCpu> threads = sampler.sample(30, false, {});
        QCOMPARE(threads.size(), 3);
        for (const ThreadCpu &t : threads)
            if (t.tid == 30)
                QCOMPARE(t.cpuSeconds, 0.75);

        proc.thread(30, 30, QStringLiteral("python3"), 1.0); // the worker ended
        QVERIFY(QDir(proc.root() + QStringLiteral("/31")).removeRecursively());
        QCOMPARE(sampler.sample(30, false, {}).size(), 2);

        proc.thread(30, 30, QStringLiteral("python3"), 1.0, {31}); // its number, another's
        proc.thread(31, 31, QStringLiteral("other"), 2.0);
        threads = sampler.sample(30, false, {});
        QCOMPARE(threads.size(), 3);
        for (const ThreadCpu &t : threads) {
            if (t.pid == 31) {
                QCOMPARE(t.processName, QStringLiteral("other"));
                QCOMPARE(t.cpuSeconds, 2.0);
            }
        }
        QVERIFY(openFileCount() > filesBefore);
    }
    QCOMPARE(openFileCount(), filesBefore);
}

static ThreadCpu cpu(pid_t pid, pid_t tid, double seconds)
{
    return {pid, tid, QStringLiteral("python3"), tid == pid ? QStringLiteral("python3")
                                                            : QStringLiteral("Thread"),
            seconds};
}

// Two threads under the GIL: in each interval one runs and the other waits.
void TestTimeline::threadsTakingTurnsNeverExceedOneCore()
{
    TimelineRecorder recorder(0.01);
    double a = 0, b = 0;
    recorder.add(0.0, {cpu(1, 1, a), cpu(1, 2, b)});
    for (int i = 1; i <= 20; ++i) {
        (i % 2 ? a : b) += 0.01;
        recorder.add(i * 0.01, {cpu(1, 1, a), cpu(1, 2, b)});
    }
    const Timeline t = recorder.timeline();
    QCOMPARE(t.lanes.size(), 2);
    QCOMPARE(t.processCount(), 1);
    const QList<double> cores = t.coresBusy();
    QCOMPARE(cores.size(), 21);
    for (qsizetype i = 1; i < cores.size(); ++i)
        QVERIFY2(qAbs(cores[i] - 1.0) < 1e-6, qPrintable(QString::number(cores[i])));
    QVERIFY(t.lanes[0].busy[1] > 0.99 && t.lanes[1].busy[1] < 0.01);
    QVERIFY(t.lanes[0].busy[2] < 0.01 && t.lanes[1].busy[2] > 0.99);
}

void TestTimeline::processesSideBySideAddUp()
{
    TimelineRecorder recorder(0.01);
    for (int i = 0; i <= 10; ++i)
        recorder.add(i * 0.01, {cpu(5, 5, i * 0.01), cpu(6, 6, i * 0.01)});
    const Timeline t = recorder.timeline();
    QCOMPARE(t.processCount(), 2);
    const QList<double> cores = t.coresBusy();
    QVERIFY(qAbs(cores.last() - 2.0) < 1e-6);
}

void TestTimeline::threadsAppearAndLeave()
{
    TimelineRecorder recorder(0.01);
    recorder.add(0.01, {cpu(1, 1, 0.0)});
    recorder.add(0.02, {cpu(1, 1, 0.0), cpu(1, 2, 0.005)}); // started during (0.01, 0.02]
    recorder.add(0.03, {cpu(1, 1, 0.0)});                    // and ended during (0.02, 0.03]
    const Timeline t = recorder.timeline();
    QCOMPARE(t.lanes.size(), 2);
    const ThreadLane &worker = t.lanes[1];
    QCOMPARE(worker.tid, 2);
    QCOMPARE(worker.firstSlot, 2);
    QCOMPARE(worker.lastSlot(), 2);
    QVERIFY(qAbs(worker.busy.first() - 0.5) < 1e-6);
    QCOMPARE(t.lanes[0].lastSlot(), 3);
}

// A sample that comes late (the grader was busy) spreads its CPU over the intervals it spans,
// and a share above one core, from rounding, is capped.
void TestTimeline::lateSampleSpreadsOverItsIntervals()
{
    TimelineRecorder recorder(0.01);
    recorder.add(0.0, {cpu(1, 1, 0.0)});
    recorder.add(0.04, {cpu(1, 1, 0.02)});
    recorder.add(0.05, {cpu(1, 1, 0.04)});
    const ThreadLane &lane = recorder.timeline().lanes.first();
    QCOMPARE(lane.busy.size(), 6);
    for (int i = 1; i <= 4; ++i)
        QVERIFY(qAbs(lane.busy[i] - 0.5) < 1e-6);
    QCOMPARE(lane.busy[5], 1.0);
}

void TestTimeline::traceEventsParseBack()
{
    TimelineRecorder recorder(0.01);
    recorder.add(0.0, {cpu(7, 7, 0.0), cpu(7, 8, 0.0)});
    recorder.add(0.01, {cpu(7, 7, 0.01), cpu(7, 8, 0.0)});
    recorder.add(0.02, {cpu(7, 7, 0.01), cpu(7, 8, 0.01)});
    const QByteArray json = QJsonDocument(recorder.timeline().toTraceEvents()).toJson();

    QJsonParseError error;
    const QJsonDocument doc = QJsonDocument::fromJson(json, &error);
    QCOMPARE(error.error, QJsonParseError::NoError);
    const QJsonArray events = doc.object().value(QStringLiteral("traceEvents")).toArray();
    int processNames = 0, threadNames = 0, running = 0, counters = 0;
    for (const QJsonValue &value : events) {
        const QJsonObject e = value.toObject();
        const QString ph = e.value(QStringLiteral("ph")).toString();
        QVERIFY(e.contains(QStringLiteral("pid")));
        if (ph == QLatin1String("M")) {
            (e.value(QStringLiteral("name")).toString() == QLatin1String("process_name")
                 ? processNames
                 : threadNames)++;
        } else if (ph == QLatin1String("X")) {
            ++running;
            QCOMPARE(e.value(QStringLiteral("dur")).toDouble(), 10000.0); // microseconds
            QVERIFY(e.value(QStringLiteral("args")).toObject().value("cpu").toDouble() > 0.99);
        } else if (ph == QLatin1String("C")) {
            ++counters;
        }
    }
    QCOMPARE(processNames, 1);
    QCOMPARE(threadNames, 2);
    QCOMPARE(running, 2); // each thread ran in one interval; idle intervals make no event
    QCOMPARE(counters, 3);
}

QTEST_GUILESS_MAIN(TestTimeline)
#include "TestTimeline.moc"
