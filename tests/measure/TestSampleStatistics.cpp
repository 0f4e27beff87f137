#include "measure/SampleStatistics.h"

#include <QTest>

#include <cmath>
#include <random>

using namespace Unlocked;

class TestSampleStatistics : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void median_data();
    void median();
    void binomialTail_data();
    void binomialTail();
    void intervalRank_data();
    void intervalRank();
    void minimumCount_data();
    void minimumCount();
    void intervalIgnoresOutliers();
    void intervalNeedsEnoughSamples();
    void intervalCoversTheMedianAsOftenAsItClaims();
    void signedRankCdf_data();
    void signedRankCdf();
    void pseudoMedianIntervalAtFourIsTheRange();
    void pseudoMedianIntervalWeighsHowFarASampleLies();
    void pseudoMedianIntervalCoversTheCentreAsOftenAsItClaims();
};

void TestSampleStatistics::median_data()
{
    QTest::addColumn<QList<double>>("values");
    QTest::addColumn<double>("expected");
    QTest::addRow("empty") << QList<double>{} << 0.0;
    QTest::addRow("one") << QList<double>{3.0} << 3.0;
    QTest::addRow("odd, unsorted") << QList<double>{5.0, 1.0, 3.0} << 3.0;
    QTest::addRow("even takes the middle two") << QList<double>{4.0, 1.0, 2.0, 3.0} << 2.5;
    QTest::addRow("outlier does not move it") << QList<double>{1.0, 1.1, 1.2, 90.0, 1.15} << 1.15;
}

void TestSampleStatistics::median()
{
    QFETCH(QList<double>, values);
    QFETCH(double, expected);
    QCOMPARE(SampleStatistics::median(values), expected);
}

void TestSampleStatistics::binomialTail_data()
{
    QTest::addColumn<int>("n");
    QTest::addColumn<int>("k");
    QTest::addColumn<double>("expected");
    QTest::addRow("none below zero") << 4 << -1 << 0.0;
    QTest::addRow("all of 4 above") << 4 << 0 << 1.0 / 16;
    QTest::addRow("5, at most 1") << 5 << 1 << 6.0 / 32;
    QTest::addRow("10, at most 2") << 10 << 2 << 56.0 / 1024;
    QTest::addRow("everything") << 7 << 7 << 1.0;
    QTest::addRow("half of 2 plus") << 2 << 1 << 3.0 / 4;
}

void TestSampleStatistics::binomialTail()
{
    QFETCH(int, n);
    QFETCH(int, k);
    QFETCH(double, expected);
    QVERIFY2(qAbs(SampleStatistics::binomialHalfCdf(n, k) - expected) < 1e-12,
             qPrintable(QString::number(SampleStatistics::binomialHalfCdf(n, k))));
}

void TestSampleStatistics::intervalRank_data()
{
    QTest::addColumn<int>("n");
    QTest::addColumn<double>("confidence");
    QTest::addColumn<int>("rank");
    // Worked by hand from the binomial tails: rank k is the largest with 2 P(B <= k-1) <= 1 - c.
    QTest::addRow("3 at 85%%: none") << 3 << 0.85 << 0;
    QTest::addRow("4 at 85%%: min/max") << 4 << 0.85 << 1;
    QTest::addRow("6 at 85%%: still min/max") << 6 << 0.85 << 1;
    QTest::addRow("7 at 85%%: second") << 7 << 0.85 << 2;
    QTest::addRow("4 at 90%%: none") << 4 << 0.90 << 0;
    QTest::addRow("5 at 90%%") << 5 << 0.90 << 1;
    QTest::addRow("7 at 90%%") << 7 << 0.90 << 1;
    QTest::addRow("8 at 90%%") << 8 << 0.90 << 2;
    QTest::addRow("11 at 90%%") << 11 << 0.90 << 3;
    QTest::addRow("10 at 95%%") << 10 << 0.95 << 2;
}

void TestSampleStatistics::intervalRank()
{
    QFETCH(int, n);
    QFETCH(double, confidence);
    QFETCH(int, rank);
    QCOMPARE(SampleStatistics::intervalRank(n, confidence), rank);
}

void TestSampleStatistics::minimumCount_data()
{
    QTest::addColumn<double>("confidence");
    QTest::addColumn<int>("count");
    QTest::addRow("85%%") << 0.85 << 4;
    QTest::addRow("90%%") << 0.90 << 5;
    QTest::addRow("95%%") << 0.95 << 6;
}

void TestSampleStatistics::minimumCount()
{
    QFETCH(double, confidence);
    QFETCH(int, count);
    QCOMPARE(SampleStatistics::minimumCount(confidence), count);
}

void TestSampleStatistics::intervalIgnoresOutliers()
{
    // Seven pair ratios of a parallel solution, one hit by a burst of load on the machine.
    const QList<double> ratios{1.8, 1.7, 1.9, 0.5, 1.75, 1.85, 1.82};
    const MedianInterval interval = SampleStatistics::medianInterval(ratios, 0.85);
    QVERIFY(interval.valid);
    QCOMPARE(interval.count, 7);
    QCOMPARE(interval.median, 1.8);
    QCOMPARE(interval.low, 1.7);
    QCOMPARE(interval.high, 1.85);
    QCOMPARE(interval.coverage, 1.0 - 2.0 * 8.0 / 128.0);
}

void TestSampleStatistics::intervalNeedsEnoughSamples()
{
    const MedianInterval three = SampleStatistics::medianInterval({1.0, 2.0, 3.0}, 0.85);
    QVERIFY(!three.valid);
    QCOMPARE(three.median, 2.0);
    const MedianInterval four = SampleStatistics::medianInterval({2.0, 1.0, 4.0, 3.0}, 0.85);
    QVERIFY(four.valid);
    QCOMPARE(four.low, 1.0);
    QCOMPARE(four.high, 4.0);
    QCOMPARE(four.coverage, 0.875);
}

void TestSampleStatistics::intervalCoversTheMedianAsOftenAsItClaims()
{
    // A skewed, heavy-tailed law like the run times of a shared machine: log-normal with a
    // known median of 1.5. A seeded generator keeps the test deterministic.
    std::mt19937_64 random(20240607);
    std::lognormal_distribution<double> law(std::log(1.5), 0.3);
    for (int n : {4, 7, 12}) {
        int covered = 0;
        const int trials = 4000;
        double claimed = 0.0;
        for (int t = 0; t < trials; ++t) {
            QList<double> values;
            for (int i = 0; i < n; ++i)
                values.append(law(random));
            const MedianInterval interval = SampleStatistics::medianInterval(values, 0.85);
            QVERIFY(interval.valid);
            claimed = interval.coverage;
            if (interval.low <= 1.5 && 1.5 <= interval.high)
                ++covered;
        }
        const double seen = double(covered) / trials;
        // The binomial standard error at 4000 trials is about 0.5%; allow three of them.
        QVERIFY2(
            seen >= claimed - 0.016 && seen <= claimed + 0.016,
            qPrintable(QStringLiteral("n=%1 claimed %2 seen %3").arg(n).arg(claimed).arg(seen)));
    }
}

void TestSampleStatistics::signedRankCdf_data()
{
    QTest::addColumn<int>("n");
    QTest::addColumn<int>("w");
    QTest::addColumn<double>("p");
    // Counted by hand: with n = 5 the sums 0, 1, 2 each come from one sign pattern of 32, and
    // 3 from two ({3} and {1, 2}).
    QTest::newRow("n4 w0") << 4 << 0 << 1.0 / 16;
    QTest::newRow("n5 w0") << 5 << 0 << 1.0 / 32;
    QTest::newRow("n5 w2") << 5 << 2 << 3.0 / 32;
    QTest::newRow("n5 w3") << 5 << 3 << 5.0 / 32;
    QTest::newRow("all") << 5 << 15 << 1.0;
    QTest::newRow("below 0") << 5 << -1 << 0.0;
    QTest::newRow("symmetric") << 6 << 10 << 0.5; // 21 / 2 = 10.5: half the mass on each side
}

void TestSampleStatistics::signedRankCdf()
{
    QFETCH(int, n);
    QFETCH(int, w);
    QFETCH(double, p);
    QCOMPARE(SampleStatistics::signedRankCdf(n, w), p);
}

void TestSampleStatistics::pseudoMedianIntervalAtFourIsTheRange()
{
    const MedianInterval three = SampleStatistics::pseudoMedianInterval({1.0, 2.0, 3.0}, 0.85);
    QVERIFY(!three.valid);
    const MedianInterval four =
        SampleStatistics::pseudoMedianInterval({2.0, 1.0, 4.0, 3.0}, 0.85);
    QVERIFY(four.valid);
    QCOMPARE(four.low, 1.0);
    QCOMPARE(four.high, 4.0);
    QCOMPARE(four.median, 2.5);
    QCOMPARE(four.coverage, 0.875);
}

void TestSampleStatistics::pseudoMedianIntervalWeighsHowFarASampleLies()
{
    // Five pair ratios, one disturbed: the order statistics' interval reaches down to it, the
    // signed-rank one only to its mean with the next smallest (two of 32 patterns below).
    const QList<double> ratios{1.5, 1.55, 1.6, 1.45, 1.1};
    QCOMPARE(SampleStatistics::medianInterval(ratios, 0.85).low, 1.1);
    const MedianInterval interval = SampleStatistics::pseudoMedianInterval(ratios, 0.85);
    QVERIFY(interval.valid);
    QCOMPARE(interval.low, (1.1 + 1.45) / 2);
    QCOMPARE(interval.high, (1.55 + 1.6) / 2);
    QCOMPARE(interval.coverage, 1.0 - 2.0 * 2.0 / 32);
}

void TestSampleStatistics::pseudoMedianIntervalCoversTheCentreAsOftenAsItClaims()
{
    // Log pair ratios of a shared machine: symmetric about log(1.5).
    std::mt19937_64 random(20261202);
    std::normal_distribution<double> law(std::log(1.5), 0.3);
    for (int n : {4, 7, 12}) {
        int covered = 0;
        const int trials = 4000;
        double claimed = 0.0;
        for (int t = 0; t < trials; ++t) {
            QList<double> values;
            for (int i = 0; i < n; ++i)
                values.append(law(random));
            const MedianInterval interval = SampleStatistics::pseudoMedianInterval(values, 0.85);
            QVERIFY(interval.valid);
            claimed = interval.coverage;
            if (interval.low <= std::log(1.5) && std::log(1.5) <= interval.high)
                ++covered;
        }
        const double seen = double(covered) / trials;
        QVERIFY2(
            seen >= claimed - 0.016 && seen <= claimed + 0.016,
            qPrintable(QStringLiteral("n=%1 claimed %2 seen %3").arg(n).arg(claimed).arg(seen)));
    }
}

QTEST_GUILESS_MAIN(TestSampleStatistics)
#include "TestSampleStatistics.moc"
