#include "measure/MeasureReport.h"

#include <QTest>

using namespace Unlocked;

// The headline of an inconclusive measured check says why, in the words its message uses, for
// each cause: too few pairs in the time budget, a busy machine, one core, too close to call.
// Statistics are made up; nothing is run or timed.
class TestMeasureReport : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void speedupHeadlineNamesTheCause_data();
    void speedupHeadlineNamesTheCause();
    void concurrencyHeadlineNamesTheCause_data();
    void concurrencyHeadlineNamesTheCause();
    void oneCoreHeadline();
    void decidedChecksHaveNoHeadline();
};

namespace {

// Baseline 2 s on one core; the solution's wall sets the pair's speedup.
PairSample pair(double solutionWall, double baselineCpu = 2.0, double solutionCpu = 2.0)
{
    PairSample p;
    p.baseline = {2.0, baselineCpu};
    p.solution = {solutionWall, solutionCpu};
    return p;
}

SpeedupReport twoCores(Decision decision)
{
    SpeedupReport report;
    report.parallel = true;
    report.cores = 2;
    report.workers = 2;
    report.required = 1.2;
    report.decision = decision;
    report.minPairs = 4;
    report.budget = 20.0;
    report.warmUpSeconds = 4.0;
    report.availableParallelism = 1.9;
    report.probeSamples = 3;
    return report;
}

enum class Cause
{
    TooFewPairs,
    BudgetTooShort,
    FirstRunsTooSlow,
    TooCloseToCall,
    BusyPerTheProbe,
    TooFewPairsAndBusy,
    CrowdedBaseline,
};

} // namespace

Q_DECLARE_METATYPE(Cause)

void TestMeasureReport::speedupHeadlineNamesTheCause_data()
{
    QTest::addColumn<Cause>("cause");
    QTest::addColumn<QString>("shared"); // in the headline and in the message
    QTest::addColumn<QString>("headline");
    QTest::addColumn<bool>("busy");
    QTest::addRow("too few pairs in the time budget")
        << Cause::TooFewPairs << QStringLiteral("could be timed in the 20.00 s time budget")
        << QStringLiteral("Only 2 pairs of runs") << false;
    QTest::addRow("budget too short for any pair")
        << Cause::BudgetTooShort << QStringLiteral("4 pairs of runs")
        << QStringLiteral("The 3.00 s time budget is too short") << false;
    QTest::addRow("first runs too slow for the budget")
        << Cause::FirstRunsTooSlow << QStringLiteral("in the 20.00 s time budget")
        << QStringLiteral("the first runs took 25.00 s") << false;
    QTest::addRow("too close to call")
        << Cause::TooCloseToCall << QStringLiteral("straddles")
        << QStringLiteral("Too close to call: after 6 pairs of runs") << false;
    QTest::addRow("busy per the parallelism probe")
        << Cause::BusyPerTheProbe
        << QStringLiteral("a perfectly parallel test load reached only 1.00x on 2 cores")
        << QStringLiteral("The computer was too busy to show a parallel speedup") << true;
    QTest::addRow("too few pairs on a busy machine")
        << Cause::TooFewPairsAndBusy
        << QStringLiteral("a perfectly parallel test load reached only 1.00x on 2 cores")
        << QStringLiteral("Only 2 pairs of runs could be timed") << true;
    QTest::addRow("crowded single-core baseline")
        << Cause::CrowdedBaseline
        << QStringLiteral("the sequential baseline got only 0.5 of a core")
        << QStringLiteral("Too close to call") << false;
}

void TestMeasureReport::speedupHeadlineNamesTheCause()
{
    QFETCH(Cause, cause);
    QFETCH(QString, shared);
    QFETCH(QString, headline);
    QFETCH(bool, busy);
    SpeedupStatistics stats(0.85);
    SpeedupReport report = twoCores(Decision::TooFewSamples);
    switch (cause) {
    case Cause::TooFewPairs:
        stats.add(pair(1.0, 2.0, 3.8));
        stats.add(pair(1.1, 2.0, 3.8));
        break;
    case Cause::BudgetTooShort:
        report.warmUpSeconds = 0.0; // calibrated: no warm-up, and no pair fits
        report.budget = 3.0;
        report.calibratedBaselineSeconds = 2.0;
        break;
    case Cause::FirstRunsTooSlow:
        report.warmUpSeconds = 25.0;
        break;
    case Cause::TooCloseToCall:
        for (double wall : {2.0, 1.8, 1.7, 1.6, 1.5, 1.4})
            stats.add(pair(wall, 2.0, 3.0));
        report.decision = Decision::Straddles;
        break;
    case Cause::BusyPerTheProbe:
        for (double wall : {2.0, 2.05, 1.95, 2.0, 2.1})
            stats.add(pair(wall, 2.0, 2.0));
        report.decision = Decision::Below;
        report.availableParallelism = 1.0;
        break;
    case Cause::TooFewPairsAndBusy:
        stats.add(pair(1.9, 2.0, 2.0));
        stats.add(pair(2.0, 2.0, 2.0));
        report.availableParallelism = 1.0;
        break;
    case Cause::CrowdedBaseline:
        for (double wall : {0.5, 0.45, 0.4, 0.35, 0.3, 0.25})
            stats.add(pair(wall, 1.0, wall));
        report.parallel = false;
        report.workers = 1;
        report.required = 5.0;
        report.decision = Decision::Straddles;
        break;
    }
    CheckResult result;
    judgeSpeedup(stats, report, result);
    QCOMPARE(result.verdict, Verdict::Inconclusive);
    QVERIFY2(result.headline.contains(headline), qPrintable(result.headline));
    QVERIFY2(result.headline.contains(shared), qPrintable(result.headline));
    QVERIFY2(result.message.contains(shared), qPrintable(result.message));
    QVERIFY2(!result.headline.contains(QLatin1String("noisy")), qPrintable(result.headline));
    QCOMPARE(result.headline.contains(QLatin1String("busy")), busy);
    QVERIFY(result.headline.size() < result.message.size());
}

void TestMeasureReport::concurrencyHeadlineNamesTheCause_data()
{
    QTest::addColumn<int>("runs");
    QTest::addColumn<double>("warmUp");
    QTest::addColumn<int>("decision");
    QTest::addColumn<QString>("shared");
    QTest::addRow("nothing timed")
        << 0 << 9.0 << int(Decision::TooFewSamples) << QStringLiteral("in the 6.00 s time budget");
    QTest::addRow("too few runs") << 2 << 1.0 << int(Decision::TooFewSamples)
                                  << QStringLiteral("Only 2 runs could be timed in the 6.00 s");
    QTest::addRow("too close to call")
        << 6 << 1.0 << int(Decision::Straddles) << QStringLiteral("straddles the");
}

void TestMeasureReport::concurrencyHeadlineNamesTheCause()
{
    QFETCH(int, runs);
    QFETCH(double, warmUp);
    QFETCH(int, decision);
    QFETCH(QString, shared);
    ConcurrencyReport report;
    report.cores = 2;
    report.waitSeconds = 2.0;
    report.target = 0.3;
    report.decision = Decision(decision);
    report.minRuns = 4;
    report.budget = 6.0;
    report.warmUpSeconds = warmUp;
    QList<RunSample> samples;
    for (int i = 0; i < runs; ++i)
        samples.append({0.5 + 0.05 * i, 0.1});
    CheckResult result;
    judgeConcurrency(samples, report, 0.85, result);
    QCOMPARE(result.verdict, Verdict::Inconclusive);
    QVERIFY2(result.headline.contains(shared), qPrintable(result.headline));
    QVERIFY2(result.message.contains(shared), qPrintable(result.message));
    QVERIFY2(!result.headline.contains(QLatin1String("noisy")), qPrintable(result.headline));
}

void TestMeasureReport::oneCoreHeadline()
{
    CheckResult result;
    judgeOneCore(result);
    QCOMPARE(result.verdict, Verdict::Inconclusive);
    QVERIFY2(result.headline.contains(QLatin1String("only one CPU")), qPrintable(result.headline));
    QVERIFY(result.message.contains(QLatin1String("only one CPU")));
}

void TestMeasureReport::decidedChecksHaveNoHeadline()
{
    SpeedupStatistics stats(0.85);
    for (double wall : {1.0, 1.02, 0.98, 1.01})
        stats.add(pair(wall, 2.0, 3.9));
    CheckResult passed;
    judgeSpeedup(stats, twoCores(Decision::Above), passed);
    QCOMPARE(passed.verdict, Verdict::Passed);
    QVERIFY(passed.headline.isEmpty());
}

QTEST_GUILESS_MAIN(TestMeasureReport)
#include "TestMeasureReport.moc"
