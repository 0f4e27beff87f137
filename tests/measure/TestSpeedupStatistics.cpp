#include "measure/MeasureReport.h"
#include "measure/SpeedupStatistics.h"

#include <QTest>

using namespace Unlocked;

using WallPairs = QList<std::pair<double, double>>; // (baseline wall, solution wall)

namespace {

/** Pairs from (baseline wall, solution wall) with CPU = wall × the given utilizations. */
SpeedupStatistics pairsOf(const WallPairs &walls, double baselineCores = 1.0,
                          double solutionCores = 1.0)
{
    SpeedupStatistics stats(0.85);
    for (const auto &[b, s] : walls)
        stats.add({{b, b * baselineCores}, {s, s * solutionCores}, {}});
    return stats;
}

} // namespace

class TestSpeedupStatistics : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void decide_data();
    void decide();
    void utilizationOfASpinner();
    void missingCpuIsNotGuessed();
    void judge_data();
    void judge();
    void oneProbeWindowIsNoEvidence();
    void netOfTheFixedCost();
    void startUpDoesNotLookLikeACrowdedMachine();
};

void TestSpeedupStatistics::decide_data()
{
    QTest::addColumn<WallPairs>("walls");
    QTest::addColumn<double>("required");
    QTest::addColumn<Decision>("expected");
    using P = std::pair<double, double>;
    QTest::addRow("clear pass") << QList<P>{{2.0, 1.1}, {2.1, 1.15}, {1.9, 1.05}, {2.0, 1.12}}
                                << 1.2 << Decision::Above;
    QTest::addRow("clear fail") << QList<P>{{2.0, 2.0}, {2.1, 2.0}, {1.9, 2.05}, {2.0, 1.95}} << 1.2
                                << Decision::Below;
    QTest::addRow("straddles")
        << QList<P>{{2.0, 2.0}, {2.0, 1.4}, {2.0, 1.8}, {2.0, 1.5}, {2.0, 1.6}} << 1.2
        << Decision::Straddles;
    QTest::addRow("too few pairs")
        << QList<P>{{2.0, 1.0}, {2.0, 1.0}, {2.0, 1.0}} << 1.2 << Decision::TooFewSamples;
    QTest::addRow("one outlier among seven still passes")
        << QList<P>{{2.0, 1.1}, {2.0, 1.1}, {2.0, 2.5}, {2.0, 1.1},
                    {2.0, 1.1}, {2.0, 1.1}, {2.0, 1.1}}
        << 1.2 << Decision::Above;
    QTest::addRow("one outlier among four blocks a pass")
        << QList<P>{{2.0, 1.1}, {2.0, 2.5}, {2.0, 1.1}, {2.0, 1.1}} << 1.2 << Decision::Straddles;
    QTest::addRow("exactly the target passes")
        << QList<P>{{1.2, 1.0}, {1.3, 1.0}, {1.4, 1.0}, {1.5, 1.0}} << 1.2 << Decision::Above;
}

void TestSpeedupStatistics::decide()
{
    QFETCH(WallPairs, walls);
    QFETCH(double, required);
    QFETCH(Decision, expected);
    QCOMPARE(pairsOf(walls).decide(required), expected);
}

void TestSpeedupStatistics::utilizationOfASpinner()
{
    // Works sequentially while a second process spins: twice the CPU, the same wall time.
    const SpeedupStatistics stats =
        pairsOf({{2.0, 2.0}, {2.0, 2.1}, {2.1, 2.0}, {2.0, 2.0}}, 1.0, 2.0);
    QVERIFY(stats.hasCpu());
    QCOMPARE(stats.solutionUtilization(), 2.0);
    QCOMPARE(stats.baselineUtilization(), 1.0);
    QCOMPARE(stats.parallelGain(), 2.0);
    QCOMPARE(stats.workRatio(), 2.0);
    QCOMPARE(stats.baselineWall(), 2.0);
    QCOMPARE(stats.decide(1.2), Decision::Below);
}

void TestSpeedupStatistics::missingCpuIsNotGuessed()
{
    SpeedupStatistics stats(0.85);
    stats.add({{2.0, 2.0}, {1.0, 1.9}, {}});
    stats.add({{2.0, 0.0}, {1.0, 1.9}, {}}); // one run without CPU time
    QVERIFY(!stats.hasCpu());
    QCOMPARE(stats.solutionUtilization(), 0.0);
    QCOMPARE(stats.parallelGain(), 0.0);
    QCOMPARE(stats.solutionCpu(), 0.0);
    QCOMPARE(stats.solutionWall(), 1.0);
}

void TestSpeedupStatistics::judge_data()
{
    QTest::addColumn<WallPairs>("walls");
    QTest::addColumn<double>("baselineCores");
    QTest::addColumn<double>("solutionCores");
    QTest::addColumn<bool>("parallel");
    QTest::addColumn<double>("probe");
    QTest::addColumn<Verdict>("verdict");
    QTest::addColumn<QString>("phrase");
    using P = std::pair<double, double>;
    const QList<P> fast{{2.0, 1.1}, {2.0, 1.05}, {2.0, 1.1}, {2.0, 1.15}};
    const QList<P> same{{2.0, 2.0}, {2.0, 2.05}, {2.0, 1.95}, {2.0, 2.0}};
    const QList<P> faster{{2.0, 0.5}, {2.0, 0.5}, {2.0, 0.5}, {2.0, 0.5}};
    QTest::addRow("parallel pass") << fast << 1.0 << 1.9 << true << 2.0 << Verdict::Passed
                                   << QStringLiteral("needs 1.20x on 2 cores: passed");
    QTest::addRow("GIL-bound threads")
        << same << 1.0 << 1.0 << true << 2.0 << Verdict::Failed << QStringLiteral("GIL");
    QTest::addRow("spinner") << same << 1.0 << 2.0 << true << 2.0 << Verdict::Failed
                             << QStringLiteral("kept 2.0 cores busy");
    QTest::addRow("busy machine cannot fail")
        << same << 1.0 << 1.0 << true << 1.1 << Verdict::Inconclusive << QStringLiteral("too busy");
    // Crowded out: the sandboxed runs got a third of a core, the Pool no more than the baseline,
    // even though the probe (in the grader's own cgroup) saw two free cores.
    QTest::addRow("crowded sandbox cannot fail")
        << same << 0.3 << 0.3 << true << 2.0 << Verdict::Inconclusive
        << QStringLiteral("baseline got only 0.3 of a core");
    QTest::addRow("less work is not parallel")
        << faster << 1.0 << 1.0 << true << 2.0 << Verdict::Failed
        << QStringLiteral("not come from running in parallel");
    QTest::addRow("less work is a single-core speedup")
        << faster << 1.0 << 1.0 << false << 0.0 << Verdict::Passed << QStringLiteral("4.00x");
}

void TestSpeedupStatistics::judge()
{
    QFETCH(WallPairs, walls);
    QFETCH(double, baselineCores);
    QFETCH(double, solutionCores);
    QFETCH(bool, parallel);
    QFETCH(double, probe);
    QFETCH(Verdict, verdict);
    QFETCH(QString, phrase);
    const SpeedupStatistics stats = pairsOf(walls, baselineCores, solutionCores);
    SpeedupReport report;
    report.parallel = parallel;
    report.cores = 2;
    report.workers = parallel ? 2 : 1;
    report.required = parallel ? 1.2 : 3.0;
    report.decision = stats.decide(report.required);
    report.availableParallelism = probe;
    report.probeSamples = 3;
    CheckResult result;
    judgeSpeedup(stats, report, result);
    QCOMPARE(result.verdict, verdict);
    QVERIFY2(result.message.contains(phrase), qPrintable(result.message));
}

namespace {

// A parallel check on 2 cores that needs 1.2x, with what the probe saw.
SpeedupReport twoCoreReport(const SpeedupStatistics &stats, double parallelism, int probeSamples)
{
    SpeedupReport report;
    report.parallel = true;
    report.cores = 2;
    report.workers = 2;
    report.required = 1.2;
    report.decision = stats.decide(report.required);
    report.availableParallelism = parallelism;
    report.probeSamples = probeSamples;
    return report;
}

} // namespace

// A low probe from a single window (as right after start-up) must not turn a fail into "the
// computer was too busy".
void TestSpeedupStatistics::oneProbeWindowIsNoEvidence()
{
    const SpeedupStatistics stats = pairsOf({{2.0, 2.0}, {2.0, 2.0}, {2.0, 2.0}, {2.0, 2.0}}, 1, 1);
    SpeedupReport report = twoCoreReport(stats, 1.01, 1);
    CheckResult result;
    judgeSpeedup(stats, report, result);
    QCOMPARE(result.verdict, Verdict::Failed);
    QVERIFY2(!result.message.contains(QStringLiteral("too busy")), qPrintable(result.message));
    report.probeSamples = 3;
    judgeSpeedup(stats, report, result);
    QCOMPARE(result.verdict, Verdict::Inconclusive);
}

void TestSpeedupStatistics::netOfTheFixedCost()
{
    SpeedupStatistics stats(0.85);
    stats.setFixedCostPrior(0.3);
    stats.add({{1.3, 1.3}, {0.4, 0.4}, {}}); // no control yet: the prior
    QCOMPARE(stats.fixedCost(), 0.3);
    QVERIFY(qAbs(stats.ratios().first() - 10.0) < 1e-9);
    QVERIFY(qAbs(stats.wholeRatios().first() - 3.25) < 1e-9);
    stats.add({{1.3, 1.3}, {0.4, 0.4}, {0.2, 0.2}});
    stats.add({{1.3, 1.3}, {0.4, 0.4}, {0.4, 0.4}});
    stats.add({{1.3, 1.3}, {0.4, 0.4}, {0.3, 0.3}});
    QCOMPARE(stats.fixedCost(), 0.3); // the median of the controls the pairs brought
    // A solution no slower than start-up: at least a millisecond of work, no division by 0.
    stats.add({{1.3, 1.3}, {0.25, 0.25}, {}});
    QCOMPARE(stats.ratios().last(), 1.0 / 0.001);
}

// Start-up waits on the sandbox with little CPU: counted in, it makes an idle sequential
// baseline look crowded out (0.71 of a core), and a clear fail would be withheld.
void TestSpeedupStatistics::startUpDoesNotLookLikeACrowdedMachine()
{
    SpeedupStatistics stats(0.85);
    for (int i = 0; i < 4; ++i)
        stats.add({{0.7, 0.5}, {0.7, 0.5}, {0.2, 0.0}});
    QCOMPARE(stats.baselineUtilization(), 1.0);
    SpeedupReport report = twoCoreReport(stats, 2.0, 3);
    CheckResult result;
    judgeSpeedup(stats, report, result);
    QCOMPARE(result.verdict, Verdict::Failed);
}

QTEST_GUILESS_MAIN(TestSpeedupStatistics)
#include "TestSpeedupStatistics.moc"
