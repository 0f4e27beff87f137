#include "FakeMachine.h"
#include "measure/MeasuredCheck.h"
#include "measure/ParallelProbe.h"

#include <QTest>

#include <algorithm>
#include <cmath>

using namespace Unlocked;
using namespace Unlocked::Testing;

namespace {

CheckSpec concurrencySpec()
{
    CheckSpec spec;
    spec.kind = CheckKind::Concurrency;
    spec.name = QStringLiteral("concurrency");
    spec.target = 0.3;
    spec.waitSeconds = 2.0;
    return spec;
}

} // namespace

class TestMeasuredCheck : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void clearPassStopsAtTheMinimum();
    void pairsAreInterleavedInRandomOrder();
    void adaptiveStoppingWaitsOutAnOutlier();
    void budgetExhaustionIsInconclusive();
    void tooSlowForTheBudgetIsInconclusive_data();
    void tooSlowForTheBudgetIsInconclusive();
    void maxPairsIsRespected();
    void oneCoreIsNotFailed();
    void maxWorkersCapsTheRequirement();
    void spinnerFails();
    void gilBoundThreadsFail();
    void slowSolutionRunsAreStopped();
    void farBeyondTheTargetTwoPairsDecide_data();
    void farBeyondTheTargetTwoPairsDecide();
    void farSlowerOnABusyMachineIsWithheld();
    void tooCloseToCallOnNoExtraCore_data();
    void tooCloseToCallOnNoExtraCore();
    void noExtraCoreStopsAtTheMinimum();
    void failedSolutionRunFails_data();
    void failedSolutionRunFails();
    void failedBaselineIsAnError();
    void singleCoreSpeedup_data();
    void singleCoreSpeedup();
    void withoutCpuTimesStillDecides();
    void concurrency_data();
    void concurrency();
    void packErrors_data();
    void packErrors();
    void fixedCostIsTakenOut();
    void controlRunsArePartOfEachPair();
    void budgetFollowsTheWorkload_data();
    void budgetFollowsTheWorkload();
    void packBudgetTooSmallStartsNoPairs();
    void sizeIsReported();
    void progressShowsEachPairAndTheBudget();
    void concurrencyProgressShowsEachRun();
};

void TestMeasuredCheck::clearPassStopsAtTheMinimum()
{
    FakeMachine machine;
    const CheckResult result =
        runMeasuredCheck(parallelSpec(), machine.baseline(), machine.solution(), machine.options());
    QCOMPARE(result.verdict, Verdict::Passed);
    QVERIFY(result.measurement.has_value());
    const Measurement &m = *result.measurement;
    QCOMPARE(m.pairs, 4);
    QCOMPARE(machine.count(QLatin1Char('B')), 5); // warm-up + 4
    QCOMPARE(machine.count(QLatin1Char('S')), 5);
    QCOMPARE(m.required, 1.2);
    QCOMPARE(m.cores, 2);
    QCOMPARE(m.baselineMedian, 2.0);
    QCOMPARE(m.solutionMedian, 1.1);
    QCOMPARE(m.speedup, 2.0 / 1.1);
    QCOMPARE(m.speedupLow, 2.0 / 1.1);
    QCOMPARE(m.utilization, 2.1 / 1.1);
    QCOMPARE(m.baselineUtilization, 1.0);
    QCOMPARE(m.solutionCpu, 2.1);
    QCOMPARE(m.baselineCpu, 2.0);
    QCOMPARE(m.seconds, machine.now);
    QCOMPARE(machine.probes, 3); // one probe, stable after three windows, before the warm-up
    QCOMPARE(machine.progressReports, 4);
    QVERIFY2(result.message.contains(QStringLiteral("1.82x")), qPrintable(result.message));
    QVERIFY2(result.message.contains(QStringLiteral("needs 1.20x on 2 cores: passed")),
             qPrintable(result.message));
}

void TestMeasuredCheck::pairsAreInterleavedInRandomOrder()
{
    FakeMachine machine;
    machine.cycle = true;
    // 2x and 0.8x, on two cores each: undecidable however many pairs are timed
    machine.solutionRuns = {timed(1.0, 2.0), timed(2.5, 5.0)};
    MeasureOptions options = machine.options();
    options.maxPairs = 12;
    runMeasuredCheck(parallelSpec(), machine.baseline(), machine.solution(), options);
    QCOMPARE(machine.calls.size(), 26);
    QStringList orders;
    for (int i = 0; i < machine.calls.size(); i += 2) {
        const QString pair = machine.calls.mid(i, 2);
        QVERIFY2(pair == QLatin1String("BS") || pair == QLatin1String("SB"),
                 qPrintable(machine.calls));
        orders << pair;
    }
    QVERIFY2(orders.contains(QLatin1String("BS")) && orders.contains(QLatin1String("SB")),
             qPrintable(machine.calls));
}

void TestMeasuredCheck::adaptiveStoppingWaitsOutAnOutlier()
{
    FakeMachine machine;
    // Warm-up, then one pair slowed by a burst of other load to half its speed: the first four
    // pairs cannot clear 1.2x, the fifth, weighing how far the slow one lies, does.
    machine.solutionRuns = {timed(1.1, 2.1), timed(1.1, 2.1), timed(2.2, 2.1), timed(1.1, 2.1)};
    const CheckResult result =
        runMeasuredCheck(parallelSpec(), machine.baseline(), machine.solution(), machine.options());
    QCOMPARE(result.verdict, Verdict::Passed);
    QCOMPARE(result.measurement->pairs, 5);
    // The mean of the slow pair with a fast one, on the log scale the ratios are judged on.
    QCOMPARE(result.measurement->speedupLow, std::sqrt(2.0 / 1.1 * (2.0 / 2.2)));
    QVERIFY2(result.message.contains(QStringLiteral("88% interval")), qPrintable(result.message));
}

void TestMeasuredCheck::budgetExhaustionIsInconclusive()
{
    FakeMachine machine;
    machine.solutionRuns = {timed(1.6, 2.0), timed(1.8, 2.0), timed(1.5, 2.0)};
    const double budget = 20.0;
    const CheckResult result = runMeasuredCheck(parallelSpec(), machine.baseline(),
                                                machine.solution(), machine.options(2, budget));
    QCOMPARE(result.verdict, Verdict::Inconclusive);
    QVERIFY(machine.now <= budget);
    QCOMPARE(result.measurement->pairs, 4); // 5 pairs of ~3.7 s: warm-up + 4 fit in 20 s
    QVERIFY2(result.message.contains(QStringLiteral("straddles")), qPrintable(result.message));
}

void TestMeasuredCheck::tooSlowForTheBudgetIsInconclusive_data()
{
    QTest::addColumn<double>("budget");
    QTest::addColumn<int>("pairs");
    QTest::addColumn<QString>("phrase");
    // A sequential solution: it would fail, given the time. Pairs cost 4.1 s each.
    // After the warm-up, the four pairs needed must look likely to fit (at 3/4 of their cost).
    QTest::addRow("one pair, then hopeless") << 17.0 << 1 << QStringLiteral("17.00 s time budget");
    QTest::addRow("hopeless after the warm-up")
        << 15.0 << 0 << QStringLiteral("Nothing could be measured");
    QTest::addRow("not even one pair fits")
        << 6.0 << 0 << QStringLiteral("Nothing could be measured");
}

void TestMeasuredCheck::tooSlowForTheBudgetIsInconclusive()
{
    QFETCH(double, budget);
    QFETCH(int, pairs);
    QFETCH(QString, phrase);
    FakeMachine machine;
    machine.solutionRuns = {timed(2.0, 2.0)};
    const CheckResult result = runMeasuredCheck(parallelSpec(), machine.baseline(),
                                                machine.solution(), machine.options(2, budget));
    QCOMPARE(result.verdict, Verdict::Inconclusive);
    QCOMPARE(result.measurement->pairs, pairs);
    QVERIFY(machine.now <= budget);
    QVERIFY2(result.message.contains(phrase), qPrintable(result.message));
}

void TestMeasuredCheck::maxPairsIsRespected()
{
    FakeMachine machine;
    machine.cycle = true;
    machine.solutionRuns = {timed(1.5, 2.0), timed(1.8, 2.0)};
    MeasureOptions options = machine.options(2, 1000.0);
    options.maxPairs = 9;
    const CheckResult result =
        runMeasuredCheck(parallelSpec(), machine.baseline(), machine.solution(), options);
    QCOMPARE(result.verdict, Verdict::Inconclusive);
    QCOMPARE(result.measurement->pairs, 9);
}

void TestMeasuredCheck::oneCoreIsNotFailed()
{
    FakeMachine machine;
    machine.solutionRuns = {timed(2.0, 2.0)};
    const CheckResult result = runMeasuredCheck(parallelSpec(), machine.baseline(),
                                                machine.solution(), machine.options(1));
    QCOMPARE(result.verdict, Verdict::Inconclusive);
    QVERIFY(machine.calls.isEmpty());
    QCOMPARE(result.measurement->cores, 1);
    QVERIFY2(result.message.contains(QStringLiteral("only one CPU")), qPrintable(result.message));
}

void TestMeasuredCheck::maxWorkersCapsTheRequirement()
{
    FakeMachine machine;
    machine.probeValue = 8.0;
    machine.solutionRuns = {timed(1.1, 3.8)};
    CheckSpec spec = parallelSpec(0.6);
    spec.maxWorkers = 2;
    const CheckResult result =
        runMeasuredCheck(spec, machine.baseline(), machine.solution(), machine.options(8));
    QCOMPARE(result.measurement->required, 1.2); // 0.6 × min(8 cores, 2 workers)
    QCOMPARE(result.verdict, Verdict::Passed);
}

void TestMeasuredCheck::spinnerFails()
{
    FakeMachine machine;
    machine.solutionRuns = {timed(2.05, 4.1), timed(1.95, 3.9), timed(2.0, 4.0)};
    const CheckResult result =
        runMeasuredCheck(parallelSpec(), machine.baseline(), machine.solution(), machine.options());
    QCOMPARE(result.verdict, Verdict::Failed);
    QVERIFY(result.measurement->utilization > 1.9);
    QVERIFY2(result.message.contains(QStringLiteral("kept 2.0 cores busy")),
             qPrintable(result.message));
}

void TestMeasuredCheck::gilBoundThreadsFail()
{
    FakeMachine machine;
    machine.solutionRuns = {timed(2.2, 2.2), timed(2.1, 2.15)};
    const CheckResult result =
        runMeasuredCheck(parallelSpec(), machine.baseline(), machine.solution(), machine.options());
    QCOMPARE(result.verdict, Verdict::Failed);
    QVERIFY2(result.message.contains(QStringLiteral("GIL")), qPrintable(result.message));
    QVERIFY2(result.message.contains(QStringLiteral("with 1.0 cores busy")),
             qPrintable(result.message));
}

// A solution eight times slower than the baseline: each run is stopped at four times the
// baseline's median, counts as ending there, and the check still fails, sooner.
void TestMeasuredCheck::slowSolutionRunsAreStopped()
{
    FakeMachine machine;
    machine.solutionRuns = {timed(16.0, 16.0)};
    const CheckResult result =
        runMeasuredCheck(parallelSpec(), machine.baseline(), machine.solution(), machine.options());
    QCOMPARE(result.verdict, Verdict::Failed);
    QCOMPARE(result.measurement->solutionMedian, 8.0);
    QCOMPARE(result.measurement->solutionRunsStopped, machine.count(QLatin1Char('S')));
    for (double limit : machine.solutionLimits)
        QVERIFY2(limit == 0.0 || limit == 8.0, qPrintable(QString::number(limit)));
    QVERIFY(machine.solutionLimits.count(8.0) >= result.measurement->pairs);
    QVERIFY2(result.message.contains(QStringLiteral("stopped, unfinished")),
             qPrintable(result.message));
}

// Every pair three times or more beyond the target, on one side: two pairs decide. One pair
// nearer than that, or pairs on both sides, and the interval's minimum of four is waited for.
void TestMeasuredCheck::farBeyondTheTargetTwoPairsDecide_data()
{
    QTest::addColumn<bool>("parallel");
    QTest::addColumn<QList<double>>("solutionWalls"); // each run using one core throughout
    QTest::addColumn<Verdict>("verdict");
    QTest::addColumn<int>("pairs");
    // Baseline 2 s of one core; parallel target 1.2x on 2 cores, single-core 5x.
    QTest::addRow("parallel, 0.25x twice") << true << QList{8.0} << Verdict::Failed << 2;
    QTest::addRow("parallel, 0.25x then 0.5x")
        << true << QList{8.0, 4.0} << Verdict::Failed << 4;
    QTest::addRow("single core, 20x twice") << false << QList{0.1} << Verdict::Passed << 2;
    QTest::addRow("single core, 20x then 10x")
        << false << QList{0.1, 0.2} << Verdict::Passed << 4;
    QTest::addRow("single core, 1x twice") << false << QList{2.0} << Verdict::Failed << 2;
}

void TestMeasuredCheck::farBeyondTheTargetTwoPairsDecide()
{
    QFETCH(bool, parallel);
    QFETCH(QList<double>, solutionWalls);
    QFETCH(Verdict, verdict);
    QFETCH(int, pairs);
    FakeMachine machine;
    machine.solutionRuns.clear();
    for (double wall : solutionWalls)
        machine.solutionRuns.append(timed(wall, wall));
    const CheckSpec spec = parallel ? parallelSpec() : singleCoreSpec(5.0);
    const CheckResult result =
        runMeasuredCheck(spec, machine.baseline(), machine.solution(), machine.options());
    QCOMPARE(result.verdict, verdict);
    QCOMPARE(result.measurement->pairs, pairs);
    QCOMPARE(result.message.contains(QStringLiteral("fewer than the 4 an interval needs")),
             pairs == 2);
}

// A single-core solution at 1.5x against 5x, on a machine whose CPUs were wanted by others
// half of the time: the two pairs are far below the target but not below the 0.5x that no busy
// machine explains, so the fail is withheld.
void TestMeasuredCheck::farSlowerOnABusyMachineIsWithheld()
{
    FakeMachine machine;
    machine.solutionRuns = {timed(2.0 / 1.5, 2.0 / 1.5)};
    machine.solutionWaitShare = 0.5;
    const CheckResult result = runMeasuredCheck(singleCoreSpec(5.0), machine.baseline(),
                                                machine.solution(), machine.options());
    QCOMPARE(result.measurement->pairs, 2);
    QCOMPARE(result.verdict, Verdict::Inconclusive);
    QVERIFY2(result.message.contains(QStringLiteral("wait for a CPU")), qPrintable(result.message));
}

// Pair ratios either side of the 1.2x target, so that the interval straddles it: on one core
// that is a fail whichever side the truth lies (a speedup from no extra core does not count);
// on two it is too close to call; on a machine short of cores the fail is withheld.
void TestMeasuredCheck::tooCloseToCallOnNoExtraCore_data()
{
    QTest::addColumn<double>("coresBusy");
    QTest::addColumn<double>("probe");
    QTest::addColumn<Verdict>("verdict");
    QTest::addColumn<QString>("says");
    QTest::addRow("one core busy") << 1.0 << 2.0 << Verdict::Failed
                                   << QStringLiteral("on either side it fails");
    QTest::addRow("two cores busy") << 1.8 << 2.0 << Verdict::Inconclusive
                                    << QStringLiteral("still straddles");
    QTest::addRow("one core busy, machine short of cores")
        << 1.0 << 1.1 << Verdict::Inconclusive << QStringLiteral("too busy");
}

void TestMeasuredCheck::tooCloseToCallOnNoExtraCore()
{
    QFETCH(double, coresBusy);
    QFETCH(double, probe);
    QFETCH(Verdict, verdict);
    QFETCH(QString, says);
    FakeMachine machine;
    machine.cycle = true;
    machine.probeValue = probe;
    machine.solutionRuns.clear();
    for (double wall : {1.4, 1.9, 1.5, 2.0, 1.6})
        machine.solutionRuns.append(timed(wall, wall * coresBusy));
    const CheckResult result = runMeasuredCheck(parallelSpec(), machine.baseline(),
                                                machine.solution(), machine.options(2, 20.0));
    QCOMPARE(result.measurement->pairs, 4);
    QVERIFY(result.measurement->speedupLow < 1.2 && result.measurement->speedupHigh > 1.2);
    QCOMPARE(result.verdict, verdict);
    QVERIFY2(result.message.contains(says), qPrintable(result.message));
}

// With time for thirty pairs, a straddling interval on one core stops at the minimum: on
// either side of the target it fails, so more pairs would change nothing.
void TestMeasuredCheck::noExtraCoreStopsAtTheMinimum()
{
    FakeMachine machine;
    machine.cycle = true;
    machine.solutionRuns.clear();
    for (double wall : {1.4, 1.9, 1.5, 2.0, 1.6})
        machine.solutionRuns.append(timed(wall, wall));
    const CheckResult result = runMeasuredCheck(parallelSpec(), machine.baseline(),
                                                machine.solution(), machine.options(2, 1000.0));
    QCOMPARE(result.verdict, Verdict::Failed);
    QCOMPARE(result.measurement->pairs, 4);
}

// A solution far slower than the baseline (round trips to a pool for every item, say) fails
// however busy the machine was: the baseline ran between its runs on the same machine.
void TestMeasuredCheck::failedSolutionRunFails_data()
{
    QTest::addColumn<int>("failingRun");
    QTest::addRow("in the warm-up") << 0;
    QTest::addRow("while measuring") << 3;
}

void TestMeasuredCheck::failedSolutionRunFails()
{
    QFETCH(int, failingRun);
    FakeMachine machine;
    machine.solutionRuns = QList<TimedRun>(failingRun, timed(1.1, 2.1));
    machine.solutionRuns << failedRun(QStringLiteral("your function returned 12 for [100]"));
    const CheckResult result =
        runMeasuredCheck(parallelSpec(), machine.baseline(), machine.solution(), machine.options());
    QCOMPARE(result.verdict, Verdict::Failed);
    QCOMPARE(machine.count(QLatin1Char('S')), failingRun + 1);
    QVERIFY2(result.message.contains(QStringLiteral("returned 12 for [100]")),
             qPrintable(result.message));
}

void TestMeasuredCheck::failedBaselineIsAnError()
{
    FakeMachine machine;
    machine.baselineRuns = {timed(2.0, 2.0), timed(2.0, 2.0), failedRun(QStringLiteral("crashed"))};
    const CheckResult result =
        runMeasuredCheck(parallelSpec(), machine.baseline(), machine.solution(), machine.options());
    QCOMPARE(result.verdict, Verdict::Error);
    QVERIFY2(result.message.contains(QStringLiteral("pack is at fault")),
             qPrintable(result.message));
}

void TestMeasuredCheck::singleCoreSpeedup_data()
{
    QTest::addColumn<double>("solutionWall");
    QTest::addColumn<Verdict>("verdict");
    QTest::addRow("vectorised") << 0.1 << Verdict::Passed;
    QTest::addRow("still loops") << 1.9 << Verdict::Failed;
    QTest::addRow("near the factor") << 0.4 << Verdict::Inconclusive;
}

void TestMeasuredCheck::singleCoreSpeedup()
{
    QFETCH(double, solutionWall);
    QFETCH(Verdict, verdict);
    FakeMachine machine;
    // Runs around the factor of 5: 2.0 / 0.4 = 5, with a little spread either side.
    machine.cycle = true;
    machine.solutionRuns = {timed(solutionWall, solutionWall),
                            timed(solutionWall * 0.95, solutionWall),
                            timed(solutionWall * 1.05, solutionWall)};
    const CheckResult result = runMeasuredCheck(singleCoreSpec(5.0), machine.baseline(),
                                                machine.solution(), machine.options(2, 30.0));
    QCOMPARE(result.verdict, verdict);
    QCOMPARE(result.measurement->required, 5.0);
    QCOMPARE(machine.probes, 0); // calibration is for parallel checks only
}

void TestMeasuredCheck::withoutCpuTimesStillDecides()
{
    FakeMachine machine;
    machine.baselineRuns = {timed(2.0, 0.0)};
    machine.solutionRuns = {timed(1.1, 0.0)};
    const CheckResult result =
        runMeasuredCheck(parallelSpec(), machine.baseline(), machine.solution(), machine.options());
    QCOMPARE(result.verdict, Verdict::Passed);
    QCOMPARE(result.measurement->utilization, 0.0);
    QVERIFY2(!result.message.contains(QStringLiteral("cores busy")), qPrintable(result.message));
}

void TestMeasuredCheck::concurrency_data()
{
    QTest::addColumn<QList<double>>("walls");
    QTest::addColumn<Verdict>("verdict");
    QTest::addColumn<int>("runs");
    QTest::addRow("overlapped waits")
        << QList<double>{0.3, 0.25, 0.26, 0.27} << Verdict::Passed << 4;
    QTest::addRow("one after another") << QList<double>{2.1, 2.05, 2.2} << Verdict::Failed << 4;
    QTest::addRow("at the limit") << QList<double>{0.62, 0.58, 0.6, 0.57, 0.63}
                                  << Verdict::Inconclusive << 30;
}

void TestMeasuredCheck::concurrency()
{
    QFETCH(QList<double>, walls);
    QFETCH(Verdict, verdict);
    QFETCH(int, runs);
    FakeMachine machine;
    machine.cycle = true;
    machine.solutionRuns.clear();
    for (double wall : walls)
        machine.solutionRuns << timed(wall, 0.1);
    const CheckResult result =
        runMeasuredCheck(concurrencySpec(), RunTimer(), machine.solution(), machine.options());
    QCOMPARE(result.verdict, verdict);
    QCOMPARE(result.measurement->pairs, runs);
    QCOMPARE(machine.count(QLatin1Char('B')), 0);
    QCOMPARE(result.measurement->baselineMedian, 2.0);
    QVERIFY2(result.message.contains(QStringLiteral("at most 0.60 s")), qPrintable(result.message));
    QCOMPARE(machine.solutionLimits.count(0.0), machine.solutionLimits.size());
}

void TestMeasuredCheck::packErrors_data()
{
    QTest::addColumn<CheckSpec>("spec");
    QTest::addColumn<bool>("withBaseline");
    CheckSpec noTarget = parallelSpec(0.0);
    QTest::addRow("no target") << noTarget << true;
    QTest::addRow("no baseline") << parallelSpec() << false;
    CheckSpec oneWorker = parallelSpec();
    oneWorker.maxWorkers = 1;
    QTest::addRow("one worker") << oneWorker << true;
    CheckSpec noWaits = concurrencySpec();
    noWaits.waitSeconds = 0.0;
    QTest::addRow("concurrency without waits") << noWaits << false;
    CheckSpec cases;
    cases.kind = CheckKind::Cases;
    QTest::addRow("not a measured check") << cases << true;
}

void TestMeasuredCheck::packErrors()
{
    QFETCH(CheckSpec, spec);
    QFETCH(bool, withBaseline);
    FakeMachine machine;
    const CheckResult result =
        runMeasuredCheck(spec, withBaseline ? machine.baseline() : RunTimer(), machine.solution(),
                         machine.options());
    QCOMPARE(result.verdict, Verdict::Error);
    QVERIFY(machine.calls.isEmpty());
}

// A NumPy-like case: both sides pay 0.2 s of start-up and imports; the work itself is 0.5 s
// against 0.05 s. Whole runs show 2.8x, the work 10x; a 5x target must judge the work.
void TestMeasuredCheck::fixedCostIsTakenOut()
{
    FakeMachine machine;
    machine.baselineRuns = {timed(0.7, 0.7)};
    machine.solutionRuns = {timed(0.25, 0.25)};
    MeasureOptions options = machine.options();
    options.control = machine.control();
    const CheckResult net =
        runMeasuredCheck(singleCoreSpec(5.0), machine.baseline(), machine.solution(), options);
    QCOMPARE(net.verdict, Verdict::Passed);
    QCOMPARE(net.measurement->fixedSeconds, 0.2);
    QVERIFY(qAbs(net.measurement->speedup - 10.0) < 1e-9);
    QVERIFY(qAbs(net.measurement->wholeSpeedup - 2.8) < 1e-9);
    QVERIFY2(net.message.contains(QStringLiteral("2.80x counting start-up")),
             qPrintable(net.message));
    QVERIFY2(net.message.contains(QStringLiteral("0.20 s on both sides")), qPrintable(net.message));

    FakeMachine whole; // the same runs judged whole, as before control runs existed
    whole.baselineRuns = machine.baselineRuns;
    whole.solutionRuns = machine.solutionRuns;
    const CheckResult judgedWhole =
        runMeasuredCheck(singleCoreSpec(5.0), whole.baseline(), whole.solution(), whole.options());
    QCOMPARE(judgedWhole.verdict, Verdict::Failed);
    QCOMPARE(judgedWhole.measurement->fixedSeconds, 0.0);
}

void TestMeasuredCheck::controlRunsArePartOfEachPair()
{
    FakeMachine machine;
    MeasureOptions options = machine.options();
    options.control = machine.control();
    const CheckResult result =
        runMeasuredCheck(parallelSpec(), machine.baseline(), machine.solution(), options);
    QCOMPARE(result.verdict, Verdict::Passed);
    // Warm-up (all three sides) and four triples, each in an order of its own.
    QCOMPARE(machine.calls.size(), 15);
    QStringList orders;
    for (int i = 0; i < machine.calls.size(); i += 3) {
        QString triple = machine.calls.mid(i, 3);
        orders.append(triple);
        std::sort(triple.begin(), triple.end());
        QCOMPARE(triple, QStringLiteral("BCS"));
    }
    orders.removeDuplicates();
    QVERIFY2(orders.size() > 1, qPrintable(machine.calls));
}

// The same solutions on machines from three times faster to ten times slower than the one the
// pack was written on, with the baseline's time known from the calibration and no budget
// given: every clear case is decided, because the budget is counted in pairs, not seconds.
void TestMeasuredCheck::budgetFollowsTheWorkload_data()
{
    QTest::addColumn<double>("slowness");
    QTest::addColumn<double>("solutionShare"); // solution wall / baseline wall
    QTest::addColumn<double>("cpuShare");      // solution CPU / baseline CPU
    QTest::addColumn<Verdict>("verdict");
    QTest::addColumn<int>("pairs");
    for (double slowness : {1.0 / 3, 1.0, 3.0, 10.0}) {
        QTest::addRow("pool, x%.2f", slowness) << slowness << 0.55 << 1.05 << Verdict::Passed << 4;
        QTest::addRow("sequential, x%.2f", slowness)
            << slowness << 1.0 << 1.0 << Verdict::Failed << 4;
        QTest::addRow("spinner, x%.2f", slowness)
            << slowness << 1.02 << 2.0 << Verdict::Failed << 4;
        // Far slower than the first guess (as slow as the baseline): the budget is counted
        // again from the first pair's real cost. So far below 1.2x that two pairs decide.
        QTest::addRow("five times slower, x%.2f", slowness)
            << slowness << 5.0 << 5.0 << Verdict::Failed << 2;
    }
}

void TestMeasuredCheck::budgetFollowsTheWorkload()
{
    QFETCH(double, slowness);
    QFETCH(double, solutionShare);
    QFETCH(double, cpuShare);
    QFETCH(Verdict, verdict);
    QFETCH(int, pairs);
    FakeMachine machine;
    const double baseline = 0.6 * slowness;
    machine.baselineRuns = {timed(baseline, baseline)};
    machine.solutionRuns = {timed(baseline * solutionShare, baseline * cpuShare)};
    machine.controlRuns = {timed(0.1 * slowness, 0.1 * slowness)};
    MeasureOptions options = machine.options(2, 0.0);
    options.control = machine.control();
    options.baselineSeconds = baseline;
    const CheckResult result =
        runMeasuredCheck(parallelSpec(), machine.baseline(), machine.solution(), options);
    QCOMPARE(result.verdict, verdict);
    QCOMPARE(result.measurement->pairs, pairs);
    // Calibrated, and the cases ran the solution just before: no warm-up.
    QCOMPARE(machine.count(QLatin1Char('B')), pairs);
    QCOMPARE(machine.count(QLatin1Char('S')), pairs);
    QCOMPARE(machine.count(QLatin1Char('C')), pairs);
}

// A pack's own budget_seconds caps the derived budget; when even the minimum of pairs cannot
// fit in it, no doomed pair is started.
void TestMeasuredCheck::packBudgetTooSmallStartsNoPairs()
{
    FakeMachine machine;
    CheckSpec spec = parallelSpec();
    spec.budgetSeconds = 6.0;
    MeasureOptions options = machine.options(2, 0.0);
    options.baselineSeconds = 2.0;
    const CheckResult result =
        runMeasuredCheck(spec, machine.baseline(), machine.solution(), options);
    QCOMPARE(result.verdict, Verdict::Inconclusive);
    QCOMPARE(result.measurement->pairs, 0);
    QCOMPARE(machine.calls, QString()); // nothing at all was started
    QVERIFY2(result.message.contains(QStringLiteral("allows 6.00 s for this check, but the 4 "
                                                    "pairs of runs needed for a fair decision "
                                                    "would take about 16.00 s")),
             qPrintable(result.message));
}

// An idle machine whose first probe window came out low (as one right after start-up does)
// fails a sequential solution: it does not tell the learner the computer was busy.
void TestMeasuredCheck::sizeIsReported()
{
    FakeMachine machine;
    MeasureOptions options = machine.options(2, 0.0);
    options.baselineSeconds = 2.0;
    options.workloadSize = 123456;
    const CheckResult result =
        runMeasuredCheck(parallelSpec(), machine.baseline(), machine.solution(), options);
    QCOMPARE(result.measurement->workloadSize, 123456);
    QCOMPARE(result.measurement->calibratedBaselineSeconds, 2.0);
    QVERIFY2(result.message.contains(QStringLiteral("size 123456, on which the baseline takes "
                                                    "about 2.00 s")),
             qPrintable(result.message));
}

// What a learner watches while the check runs: every pair as it is timed, and the budget that
// bounds the time left.
void TestMeasuredCheck::progressShowsEachPairAndTheBudget()
{
    FakeMachine machine;
    machine.cycle = true;
    machine.solutionRuns = {timed(1.0, 2.0), timed(1.25, 2.0)};
    MeasureOptions options = machine.options(2, 60.0);
    QList<Measurement> reports;
    options.onProgress = [&reports](const Measurement &m) { reports.append(m); };
    const CheckResult result =
        runMeasuredCheck(parallelSpec(), machine.baseline(), machine.solution(), options);
    QCOMPARE(result.verdict, Verdict::Passed);
    QCOMPARE(reports.size(), result.measurement->pairs);
    for (qsizetype i = 0; i < reports.size(); ++i) {
        QCOMPARE(reports[i].pairs, int(i + 1));
        QCOMPARE(reports[i].samples.size(), i + 1);
        QCOMPARE(reports[i].budgetSeconds, 60.0);
        QVERIFY(reports[i].seconds <= 60.0);
    }
    // The warm-up took the first solution run (1.0 s); the pairs go on from the second.
    QCOMPARE(reports.first().samples.first(), 2.0 / 1.25);
    QCOMPARE(reports[1].samples[1], 2.0);
    QCOMPARE(result.measurement->samples, reports.last().samples);
    QCOMPARE(result.measurement->budgetSeconds, 60.0);
}

void TestMeasuredCheck::concurrencyProgressShowsEachRun()
{
    FakeMachine machine;
    machine.solutionRuns = {timed(0.5, 0.1)};
    MeasureOptions options = machine.options(2, 30.0);
    QList<Measurement> reports;
    options.onProgress = [&reports](const Measurement &m) { reports.append(m); };
    const CheckResult result =
        runMeasuredCheck(concurrencySpec(), RunTimer(), machine.solution(), options);
    QCOMPARE(result.verdict, Verdict::Passed);
    QVERIFY(!reports.isEmpty());
    QCOMPARE(reports.last().samples.size(), result.measurement->pairs);
    QCOMPARE(reports.last().samples.first(), 2.0 / 0.5); // the waits over the wall time
    QCOMPARE(reports.last().budgetSeconds, 30.0);
}


QTEST_GUILESS_MAIN(TestMeasuredCheck)
#include "TestMeasuredCheck.moc"
