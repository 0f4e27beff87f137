#include "check/ObservedCheck.h"
#include "timeline/Timeline.h"

#include <QTest>

using namespace Unlocked;

namespace {

ThreadLane lane(pid_t pid, pid_t tid, const char *process, const char *thread, int firstSlot = 1)
{
    ThreadLane l;
    l.pid = pid;
    l.tid = tid;
    l.processName = QString::fromLatin1(process);
    l.threadName = QString::fromLatin1(thread);
    l.firstSlot = firstSlot;
    l.busy = {0.5};
    return l;
}

CheckSpec observed(ObservedCount threads, ObservedCount processes, const char *message = "")
{
    CheckSpec spec;
    spec.kind = CheckKind::Observed;
    spec.name = QStringLiteral("As it runs");
    spec.threads = threads;
    spec.processes = processes;
    spec.observedMessage = QString::fromLatin1(message);
    return spec;
}

} // namespace

// What an observed check makes of the lanes of a run's timeline: whose processes they are, how
// many threads and processes the program started, and what it says when a rule is broken.
class TestObservedCheck : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void graderForkIsNotTheProgram();
    void threadsOfTheProgram();
    void processesItStarted();
    void processSeenOnlyAsItEnded();
    void nothingSeenNeverPasses();
};

void TestObservedCheck::graderForkIsNotTheProgram()
{
    // The grader's fork is seen before it becomes bwrap (its main thread keeps the grader's
    // name); a fork that becomes the program (unisolated) is renamed by its exec.
    Timeline timeline;
    timeline.lanes = {lane(10, 10, "grader", "grader", 0), lane(12, 12, "python3", "python3", 2),
                      lane(20, 20, "grader", "python3", 0)};
    TreeObservation seen;
    seen.add(timeline, {QStringLiteral("bwrap"), QStringLiteral("grader")});
    QCOMPARE(seen.runs, 1);
    QCOMPARE(seen.processes, 2); // 20 is the program, first seen; 12 one it started
    QCOMPARE(seen.otherNames, QStringList{QStringLiteral("python3")});
}

void TestObservedCheck::threadsOfTheProgram()
{
    Timeline timeline;
    timeline.lanes = {lane(5, 5, "python3", "python3", 0), lane(5, 6, "python3", "python3"),
                      lane(5, 7, "python3", "python3"), lane(5, 8, "python3", "python3")};
    TreeObservation seen;
    seen.add(timeline, {QStringLiteral("bwrap")});
    QCOMPARE(seen.mostThreads, 4);
    QVERIFY(seen.threadsInMain);

    const CheckResult one =
        runObservedCheck(observed(ObservedCount::One, ObservedCount::One, "Use the loop."), seen);
    QCOMPARE(one.verdict, Verdict::Failed);
    QCOMPARE(one.message, QStringLiteral("While it ran, your program started 3 threads besides "
                                         "its main one, and this task allows one thread. Use "
                                         "the loop."));
    const CheckResult several =
        runObservedCheck(observed(ObservedCount::Several, ObservedCount::One), seen);
    QCOMPARE(several.verdict, Verdict::Passed);
    // A pass names no count: a sample may catch more or fewer of short-lived threads.
    QCOMPARE(several.message, QStringLiteral("while it ran, the grader saw your program start "
                                             "other threads besides its main one and no other "
                                             "process"));
}

void TestObservedCheck::processesItStarted()
{
    Timeline timeline;
    timeline.lanes = {lane(5, 5, "python3", "python3", 0), lane(9, 9, "sh", "sh", 3)};
    TreeObservation seen;
    seen.add(timeline, {QStringLiteral("bwrap")});
    const CheckResult none =
        runObservedCheck(observed(ObservedCount::Any, ObservedCount::One), seen);
    QCOMPARE(none.verdict, Verdict::Failed);
    QVERIFY2(none.message.contains(QLatin1String("started 1 other process (sh), and this task "
                                                 "allows none")),
             qPrintable(none.message));
    QCOMPARE(runObservedCheck(observed(ObservedCount::Any, ObservedCount::Several), seen).verdict,
             Verdict::Passed);

    TreeObservation alone;
    alone.add(Timeline{0.01, 1, {lane(5, 5, "python3", "python3", 0)}}, {});
    const CheckResult several =
        runObservedCheck(observed(ObservedCount::Several, ObservedCount::Several), alone);
    QCOMPARE(several.verdict, Verdict::Failed);
    QVERIFY(several.message.contains(QLatin1String("main thread alone")));
    QVERIFY(several.message.contains(QLatin1String("ran as one process")));
}

// A worker shorter than the time between two samples shows only in its parent's counts; the
// sandbox's own processes collecting the program count for nothing.
void TestObservedCheck::processSeenOnlyAsItEnded()
{
    Timeline timeline{0.01, 1, {lane(4, 4, "bwrap", "bwrap", 0), lane(5, 5, "python3", "python3", 0)}};
    timeline.collectedChild = {4};
    TreeObservation sandboxOnly;
    sandboxOnly.add(timeline, {QStringLiteral("bwrap")});
    QVERIFY(!sandboxOnly.collectedChild);
    QCOMPARE(runObservedCheck(observed(ObservedCount::Any, ObservedCount::Several), sandboxOnly)
                 .verdict,
             Verdict::Failed);

    timeline.collectedChild.insert(5);
    TreeObservation seen;
    seen.add(timeline, {QStringLiteral("bwrap")});
    QCOMPARE(seen.processes, 1);
    QVERIFY(seen.collectedChild);
    const CheckResult several =
        runObservedCheck(observed(ObservedCount::Any, ObservedCount::Several), seen);
    QCOMPARE(several.verdict, Verdict::Passed);
    QVERIFY2(several.message.contains(QLatin1String("other processes")),
             qPrintable(several.message));
    const CheckResult none = runObservedCheck(observed(ObservedCount::Any, ObservedCount::One), seen);
    QCOMPARE(none.verdict, Verdict::Failed);
    QVERIFY2(none.message.contains(QLatin1String("waited for it to end")),
             qPrintable(none.message));
}

void TestObservedCheck::nothingSeenNeverPasses()
{
    TreeObservation seen;
    seen.add(Timeline{0.01, 1, {lane(10, 10, "grader", "grader", 0)}}, {QStringLiteral("grader")});
    QCOMPARE(seen.runs, 0);
    QCOMPARE(runObservedCheck(observed(ObservedCount::One, ObservedCount::One), seen).verdict,
             Verdict::Failed);
}

QTEST_GUILESS_MAIN(TestObservedCheck)
#include "TestObservedCheck.moc"
