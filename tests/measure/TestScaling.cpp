#include "measure/Scaling.h"

#include <QJsonArray>
#include <QRegularExpression>
#include <QTest>

#include <cmath>

using namespace Unlocked;

// Amdahl's law fitted to made-up speedups by cores: exact points give back their serial
// fraction and one-core speedup, from 2 points to 64; out-of-law points are kept in range; the
// table and the JSON carry every row with its ideal and fitted value.
class TestScaling : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void exactPointsGiveTheirFraction_data();
    void exactPointsGiveTheirFraction();
    void sixtyFourNoisyPointsFitClose();
    void outOfLawPointsStayInRange();
    void tooFewPointsSaySo();
    void coreCountsStayShort_data();
    void coreCountsStayShort();
    void tableAndJsonCarryEveryRow();
};

namespace {

ScalePoint point(int cores, double speedup)
{
    ScalePoint p;
    p.cores = cores;
    p.pairs = 5;
    p.speedup = speedup;
    p.low = speedup * 0.95;
    p.high = speedup * 1.05;
    p.baselineSeconds = 1.0;
    p.solutionSeconds = 1.0 / speedup;
    return p;
}

// The speedups Amdahl's law gives for serial fraction s and one-core speedup k.
QList<ScalePoint> amdahl(double s, double k, const QList<int> &counts)
{
    QList<ScalePoint> points;
    for (int n : counts)
        points.append(point(n, k / (s + (1 - s) / n)));
    return points;
}

QList<int> upTo(int cores)
{
    QList<int> counts;
    for (int n = 1; n <= cores; ++n)
        counts.append(n);
    return counts;
}

} // namespace

void TestScaling::exactPointsGiveTheirFraction_data()
{
    QTest::addColumn<double>("serial");
    QTest::addColumn<double>("oneCore");
    QTest::addColumn<QList<int>>("counts");
    QTest::addRow("2 cores, 10%% serial") << 0.10 << 1.0 << QList<int>{1, 2};
    QTest::addRow("2 cores, overhead on one core") << 0.05 << 0.9 << QList<int>{1, 2};
    QTest::addRow("sequential solution") << 1.0 << 1.0 << QList<int>{1, 2};
    QTest::addRow("perfectly parallel, 8 cores") << 0.0 << 1.0 << upTo(8);
    QTest::addRow("64 cores, 2%% serial") << 0.02 << 0.97 << upTo(64);
    QTest::addRow("64 cores, short list") << 0.3 << 1.1 << scaleCoreCounts(64);
}

void TestScaling::exactPointsGiveTheirFraction()
{
    QFETCH(double, serial);
    QFETCH(double, oneCore);
    QFETCH(QList<int>, counts);
    const AmdahlFit fit = fitAmdahl(amdahl(serial, oneCore, counts));
    QVERIFY2(fit.ok, qPrintable(fit.why));
    QVERIFY(std::abs(fit.serialFraction - serial) < 1e-9);
    QVERIFY(std::abs(fit.oneCoreSpeedup - oneCore) < 1e-9);
    QVERIFY(fit.rmsError < 1e-9);
    QVERIFY(std::abs(fit.speedupAt(counts.last()) -
                     oneCore / (serial + (1 - serial) / counts.last())) < 1e-9);
    if (serial > 0)
        QVERIFY(std::abs(*fit.limit() - oneCore / serial) < 1e-6);
    else
        QVERIFY(!fit.limit());
}

void TestScaling::sixtyFourNoisyPointsFitClose()
{
    // 5% serial, each point off by up to ±4% in a fixed pattern.
    QList<ScalePoint> points = amdahl(0.05, 1.0, upTo(64));
    for (int i = 0; i < points.size(); ++i)
        points[i].speedup *= 1.0 + 0.04 * std::sin(i * 1.7);
    const AmdahlFit fit = fitAmdahl(points);
    QVERIFY(fit.ok);
    QVERIFY2(std::abs(fit.serialFraction - 0.05) < 0.01,
             qPrintable(QString::number(fit.serialFraction)));
    QVERIFY(fit.rmsError > 0.0 && fit.rmsError < 0.06);
    // A point without a figure is left out, not read as a speedup of 0.
    points[10].error = QStringLiteral("your solution failed");
    QVERIFY(std::abs(fitAmdahl(points).serialFraction - fit.serialFraction) < 0.01);
}

void TestScaling::outOfLawPointsStayInRange()
{
    // Slower on more cores: all serial.
    AmdahlFit fit = fitAmdahl({point(1, 1.0), point(2, 0.8)});
    QVERIFY(fit.ok);
    QCOMPARE(fit.serialFraction, 1.0);
    // More than twice as fast on two cores: all parallel.
    fit = fitAmdahl({point(1, 1.0), point(2, 2.4), point(4, 5.0)});
    QVERIFY(fit.ok);
    QCOMPARE(fit.serialFraction, 0.0);
    QVERIFY(fit.oneCoreSpeedup > 1.0);
}

void TestScaling::tooFewPointsSaySo()
{
    QVERIFY(!fitAmdahl({}).ok);
    const AmdahlFit one = fitAmdahl({point(1, 1.0), point(1, 1.02)});
    QVERIFY(!one.ok);
    QVERIFY(one.why.contains(QLatin1String("two core counts")));
    ScalePoint failed = point(2, 1.9);
    failed.error = QStringLiteral("timed out");
    QVERIFY(!fitAmdahl({point(1, 1.0), failed}).ok);
}

void TestScaling::coreCountsStayShort_data()
{
    QTest::addColumn<int>("cores");
    QTest::addColumn<QList<int>>("expected");
    QTest::addRow("1") << 1 << QList<int>{1};
    QTest::addRow("2") << 2 << QList<int>{1, 2};
    QTest::addRow("8") << 8 << upTo(8);
    QTest::addRow("12") << 12 << QList<int>{1, 2, 3, 4, 5, 6, 7, 8, 12};
    QTest::addRow("20") << 20 << QList<int>{1, 2, 3, 4, 5, 6, 7, 8, 12, 16, 20};
    QTest::addRow("64") << 64 << QList<int>{1, 2, 3, 4, 5, 6, 7, 8, 12, 16, 24, 32, 48, 64};
}

void TestScaling::coreCountsStayShort()
{
    QFETCH(int, cores);
    QFETCH(QList<int>, expected);
    QCOMPARE(scaleCoreCounts(cores), expected);
}

void TestScaling::tableAndJsonCarryEveryRow()
{
    ScaleResult result;
    result.taskId = QStringLiteral("parallel-primes");
    result.file = QStringLiteral("primes.py");
    result.checkName = QStringLiteral("parallel speedup");
    result.maxCores = 64;
    result.points = amdahl(0.1, 1.0, upTo(64));
    result.points[3].error = QStringLiteral("your solution failed while being timed");
    result.fit = fitAmdahl(result.points);
    QVERIFY(result.ok());

    const QStringList lines = result.toText().split(QLatin1Char('\n'));
    int rows = 0;
    for (const QString &line : lines)
        if (QRegularExpression(QStringLiteral("^\\s+\\d+ ")).match(line).hasMatch())
            ++rows;
    QCOMPARE(rows, 64);
    QVERIFY(result.toText().contains(QLatin1String("serial fraction of 10.0%")));
    QVERIFY(result.toText().contains(QLatin1String("not measured: your solution failed")));
    // The 64-core row: speedup 1/(0.1 + 0.9/64) = 8.77, ideal 64, efficiency 14%.
    QVERIFY(
        result.toText().contains(QRegularExpression(QStringLiteral("\\n\\s+64\\s+8\\.77\\s"
                                                                   "+\\[8\\.33, 9\\.21\\]\\s+"
                                                                   "64\\.00\\s+8\\.77\\s+14%"))));

    const QJsonObject json = result.toJson();
    const QJsonArray points = json.value(QLatin1String("points")).toArray();
    QCOMPARE(points.size(), 64);
    QCOMPARE(points[63].toObject().value(QLatin1String("ideal")).toDouble(), 64.0);
    QVERIFY(std::abs(points[63].toObject().value(QLatin1String("amdahl")).toDouble() - 8.767) <
            0.01);
    QVERIFY(points[3].toObject().contains(QLatin1String("error")));
    QVERIFY(!points[3].toObject().contains(QLatin1String("speedup")));
    const QJsonObject amdahlFit = json.value(QLatin1String("amdahl")).toObject();
    QVERIFY(std::abs(amdahlFit.value(QLatin1String("serialFraction")).toDouble() - 0.1) < 1e-9);
    QVERIFY(std::abs(amdahlFit.value(QLatin1String("limit")).toDouble() - 10.0) < 1e-6);

    ScaleResult failed;
    failed.error = QStringLiteral("task x has no parallel speedup check");
    QVERIFY(!failed.ok());
    QVERIFY(failed.toText().contains(QLatin1String("Not measured: task x")));
    QCOMPARE(failed.toJson().value(QLatin1String("error")).toString(), failed.error);
}

QTEST_GUILESS_MAIN(TestScaling)
#include "TestScaling.moc"
