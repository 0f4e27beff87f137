#include "FakeMachine.h"
#include "measure/MeasuredCheck.h"
#include "measure/ParallelProbe.h"

#include <QTest>

#include <algorithm>
#include <cmath>

using namespace Unlocked;
using namespace Unlocked::Testing;

// When the machine, not the solution, is to blame: the witnesses that turn a fail into
// `inconclusive`, and the cases where a fail stands whatever they say.
class TestBusyMachine : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void crowdedBaselineIsExplained_data();
    void crowdedBaselineIsExplained();
    void busyMachineTurnsAFailIntoInconclusive();
    void waitingForACpuWithholdsAFail_data();
    void waitingForACpuWithholdsAFail();
    void farSlowerThanTheBaselineFailsOnABusyMachine();
    void hostTakingTheCpusWithholdsAFail_data();
    void hostTakingTheCpusWithholdsAFail();
    void baselineCopiesWithholdAFail_data();
    void baselineCopiesWithholdAFail();
    void probeIsRepeatedUntilStable();
    void oneLowProbeWindowIsNotBusy();
};
void TestBusyMachine::crowdedBaselineIsExplained_data()
{
    QTest::addColumn<double>("baselineCpu");
    QTest::addColumn<bool>("mentioned");
    QTest::addRow("half a core") << 1.0 << true;
    QTest::addRow("a whole core") << 2.0 << false;
}

void TestBusyMachine::crowdedBaselineIsExplained()
{
    QFETCH(double, baselineCpu);
    QFETCH(bool, mentioned);
    FakeMachine machine;
    machine.cycle = true;
    machine.baselineRuns = {timed(2.0, baselineCpu)};
    machine.solutionRuns = {timed(1.6, 2.0), timed(1.75, 2.0)};
    const CheckResult result = runMeasuredCheck(parallelSpec(), machine.baseline(),
                                                machine.solution(), machine.options(2, 20.0));
    QCOMPARE(result.verdict, Verdict::Inconclusive);
    QCOMPARE(result.message.contains(QStringLiteral("baseline got only 0.5 of a core")), mentioned);
}

void TestBusyMachine::busyMachineTurnsAFailIntoInconclusive()
{
    FakeMachine machine;
    machine.probeValue = 1.1;
    machine.solutionRuns = {timed(2.0, 2.0)};
    const CheckResult result =
        runMeasuredCheck(parallelSpec(), machine.baseline(), machine.solution(), machine.options());
    QCOMPARE(result.verdict, Verdict::Inconclusive);
    QVERIFY2(result.message.contains(QStringLiteral("reached only 1.10x")),
             qPrintable(result.message));
}

void TestBusyMachine::waitingForACpuWithholdsAFail_data()
{
    QTest::addColumn<bool>("parallel");
    QTest::addColumn<double>("share");
    QTest::addColumn<Verdict>("verdict");
    QTest::addRow("parallel, waited half the time") << true << 0.5 << Verdict::Inconclusive;
    QTest::addRow("parallel, waited a little") << true << 0.05 << Verdict::Failed;
    QTest::addRow("single core, waited half the time") << false << 0.5 << Verdict::Inconclusive;
    QTest::addRow("single core, never waited") << false << 0.0 << Verdict::Failed;
}

void TestBusyMachine::farSlowerThanTheBaselineFailsOnABusyMachine()
{
    FakeMachine machine;
    machine.solutionRuns = {timed(5.0, 6.7)}; // 0.40x, with tasks waiting half the time
    machine.solutionWaitShare = 0.5;
    machine.probeValue = 1.1;
    const CheckResult result =
        runMeasuredCheck(parallelSpec(), machine.baseline(), machine.solution(), machine.options());
    QCOMPARE(result.verdict, Verdict::Failed);
    QVERIFY2(result.message.contains(QStringLiteral("0.40x")), qPrintable(result.message));
}

void TestBusyMachine::waitingForACpuWithholdsAFail()
{
    QFETCH(bool, parallel);
    QFETCH(double, share);
    QFETCH(Verdict, verdict);
    FakeMachine machine;
    machine.solutionRuns = {timed(2.0, 2.0), timed(2.05, 2.05)};
    machine.solutionWaitShare = share;
    const CheckResult result =
        runMeasuredCheck(parallel ? parallelSpec() : singleCoreSpec(3.0), machine.baseline(),
                         machine.solution(), machine.options());
    QCOMPARE(result.verdict, verdict);
    const bool named = result.message.contains(
        QStringLiteral("had to wait for a CPU %1% of the time").arg(qRound(share * 100)));
    QVERIFY2(named == (verdict == Verdict::Inconclusive), qPrintable(result.message));
}

void TestBusyMachine::hostTakingTheCpusWithholdsAFail_data()
{
    QTest::addColumn<double>("share");
    QTest::addColumn<Verdict>("verdict");
    QTest::newRow("host took 15%") << 0.15 << Verdict::Inconclusive;
    QTest::newRow("host took 2%") << 0.02 << Verdict::Failed;
    QTest::addRow("kernel does not say") << -1.0 << Verdict::Failed;
}

void TestBusyMachine::hostTakingTheCpusWithholdsAFail()
{
    QFETCH(double, share);
    QFETCH(Verdict, verdict);
    FakeMachine machine;
    machine.solutionRuns = {timed(1.8, 3.5)}; // two cores busy, 1.11x: below 1.20x
    machine.solutionStealShare = std::max(share, 0.0);
    MeasureOptions options = machine.options();
    if (share < 0.0)
        options.cpuStealClock = [] { return -1.0; };
    const CheckResult result =
        runMeasuredCheck(parallelSpec(), machine.baseline(), machine.solution(), options);
    QCOMPARE(result.verdict, verdict);
    QCOMPARE(result.measurement->stealShare, share);
    const bool named = result.message.contains(
        QStringLiteral("the virtual machine's host gave %1% of its CPUs' time to other work")
            .arg(qRound(share * 100)));
    QVERIFY2(named == (verdict == Verdict::Inconclusive), qPrintable(result.message));
}

void TestBusyMachine::baselineCopiesWithholdAFail_data()
{
    QTest::addColumn<QList<double>>("copiesSpeedups"); // of each try, in turn
    QTest::addColumn<double>("read");
    QTest::addColumn<Verdict>("verdict");
    QTest::addRow("copies ran near 2x") << QList<double>{1.9} << 1.9 << Verdict::Failed;
    QTest::addRow("copies slowed each other")
        << QList<double>{1.25, 1.2, 1.3} << 1.3 << Verdict::Inconclusive;
    // One or two disturbed tries do not excuse a fail.
    QTest::addRow("one slow try") << QList<double>{1.1, 1.9} << 1.9 << Verdict::Failed;
    QTest::addRow("two slow tries") << QList<double>{1.1, 1.3, 1.9} << 1.9 << Verdict::Failed;
}

void TestBusyMachine::baselineCopiesWithholdAFail()
{
    QFETCH(QList<double>, copiesSpeedups);
    QFETCH(double, read);
    QFETCH(Verdict, verdict);
    FakeMachine machine;
    machine.solutionRuns = {timed(1.8, 3.5)}; // two cores busy, 1.11x: below 1.20x
    MeasureOptions options = machine.options();
    QList<int> asked;
    options.baselineCopies = [&](int copies) {
        asked.append(copies);
        // `copies` runs of the 2.0 s baseline at once, at the scripted speedup.
        return timed(copies * 2.0 / copiesSpeedups[asked.size() - 1], 4.0);
    };
    const CheckResult result =
        runMeasuredCheck(parallelSpec(), machine.baseline(), machine.solution(), options);
    QCOMPARE(result.verdict, verdict);
    QCOMPARE(asked, QList<int>(copiesSpeedups.size(), 2)); // another try only after low ones
    QCOMPARE(result.measurement->baselineCopiesSpeedup, read);
    const bool named = result.message.contains(
        QStringLiteral("2 copies of the sequential baseline run at once finished only %1x sooner")
            .arg(read, 0, 'f', 2));
    QVERIFY2(named == (verdict == Verdict::Inconclusive), qPrintable(result.message));

    // A pass never pays for them.
    FakeMachine fast;
    MeasureOptions passing = fast.options();
    asked.clear();
    passing.baselineCopies = options.baselineCopies;
    QCOMPARE(runMeasuredCheck(parallelSpec(), fast.baseline(), fast.solution(), passing).verdict,
             Verdict::Passed);
    QVERIFY(asked.isEmpty());
}

void TestBusyMachine::probeIsRepeatedUntilStable()
{
    QList<double> script{0.9, 1.6, 1.95, 2.0, 1.97, 1.2};
    int calls = 0;
    const QList<double> samples = ParallelProbe::sampleUntilStable([&] { return script[calls++]; });
    QCOMPARE(samples.size(), 5); // 1.95, 2.0 and 1.97 agree within 10 %
    QCOMPARE(ParallelProbe::stableValue(samples), 1.97);
    calls = 0;
    script = {1.0, 2.0, 1.0, 2.0, 1.0, 2.0, 1.0, 2.0, 1.0};
    QCOMPARE(ParallelProbe::sampleUntilStable([&] { return script[calls++]; }, 8).size(), 8);
}

void TestBusyMachine::oneLowProbeWindowIsNotBusy()
{
    FakeMachine machine;
    machine.probeSequence = {1.01, 1.98, 2.0, 1.99};
    machine.solutionRuns = {timed(2.0, 2.0)};
    const CheckResult result =
        runMeasuredCheck(parallelSpec(), machine.baseline(), machine.solution(), machine.options());
    QCOMPARE(result.verdict, Verdict::Failed);
    QVERIFY2(!result.message.contains(QStringLiteral("too busy")), qPrintable(result.message));
    QVERIFY(machine.probes >= 6); // a stable probe at each end
}

QTEST_GUILESS_MAIN(TestBusyMachine)
#include "TestBusyMachine.moc"
