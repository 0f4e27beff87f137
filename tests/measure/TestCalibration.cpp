#include "measure/Calibration.h"
#include "measure/CalibrationCache.h"
#include "measure/Workload.h"

#include <QFile>
#include <QJsonDocument>
#include <QTemporaryDir>
#include <QTest>

#include <cmath>

using namespace Unlocked;

namespace {

/**
 * A scripted baseline: a run at size n takes fixed + perUnit * n^power seconds, and the
 * control run takes the fixed part alone. Nothing runs and no clock is read.
 */
struct ScriptedBaseline
{
    ScriptedBaseline(double fixed, double perUnit, double power)
        : fixed(fixed), perUnit(perUnit), power(power)
    {
    }

    double fixed = 0.1;
    double perUnit = 1e-6;
    double power = 1.0;
    qint64 failAbove = 0; // runs above this size fail (0 = never)
    QList<qint64> sizes;  // every size it was run at
    int controls = 0;

    double seconds(qint64 n) const { return fixed + perUnit * std::pow(double(n), power); }
    SizedRunTimer timer()
    {
        return [this](qint64 n) {
            sizes.append(n);
            TimedRun run;
            run.ok = failAbove == 0 || n <= failAbove;
            run.error = run.ok ? QString() : QStringLiteral("MemoryError");
            run.wallSeconds = seconds(n);
            return run;
        };
    }
    RunTimer control()
    {
        return [this] {
            ++controls;
            TimedRun run;
            run.ok = true;
            run.wallSeconds = fixed;
            return run;
        };
    }
};

WorkloadSize range(qint64 min, qint64 max, qint64 nominal)
{
    WorkloadSize r;
    r.min = min;
    r.max = max;
    r.nominal = nominal;
    return r;
}

} // namespace

class TestCalibration : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void sizesTheWorkToTheTarget_data();
    void sizesTheWorkToTheTarget();
    void nominalSizeDoesNotDecide_data();
    void nominalSizeDoesNotDecide();
    void limitsStopIt();
    void failingBaselineIsAnError();
    void withoutControlNothingIsTakenOut();
    void workloadTemplate_data();
    void workloadTemplate();
    void cacheKeepsAndForgets();
    void cacheKeyChangesWithEveryPart();
    void damagedCacheIsIgnored();
};

void TestCalibration::sizesTheWorkToTheTarget_data()
{
    QTest::addColumn<double>("fixed");
    QTest::addColumn<double>("perUnit");
    QTest::addColumn<double>("power");
    QTest::addColumn<qint64>("nominal");
    QTest::addColumn<double>("target");
    // Cost per unit of size set as on the pack author's machine, then 3x slower and 3x faster.
    QTest::newRow("primes-like, as written") << 0.08 << 2e-6 << 1.0 << qint64(250000) << 0.5;
    QTest::newRow("primes-like, 3x slower") << 0.24 << 6e-6 << 1.0 << qint64(250000) << 0.5;
    QTest::newRow("primes-like, 3x faster") << 0.03 << 6.7e-7 << 1.0 << qint64(250000) << 0.5;
    QTest::newRow("quadratic, like n x n distances") << 0.15 << 1e-6 << 2.0 << qint64(700) << 0.5;
    QTest::newRow("quadratic, 10x slower") << 0.3 << 1e-5 << 2.0 << qint64(700) << 0.5;
    QTest::newRow("super-linear 1.5") << 0.05 << 1e-8 << 1.5 << qint64(100000) << 0.5;
    QTest::newRow("start-up dwarfs a tiny nominal") << 0.4 << 1e-7 << 1.0 << qint64(1000) << 0.5;
    QTest::newRow("a pack's own 2 s target") << 0.1 << 1e-6 << 1.0 << qint64(500000) << 2.0;
}

void TestCalibration::sizesTheWorkToTheTarget()
{
    QFETCH(double, fixed);
    QFETCH(double, perUnit);
    QFETCH(double, power);
    QFETCH(qint64, nominal);
    QFETCH(double, target);
    ScriptedBaseline baseline{fixed, perUnit, power};
    const Calibration c = calibrateWorkload(range(10, 1'000'000'000, nominal), target,
                                            baseline.timer(), baseline.control());
    QVERIFY2(c.ok(), qPrintable(c.error));
    QCOMPARE(c.fixedSeconds, fixed);
    QCOMPARE(c.size, baseline.sizes.last());
    QCOMPARE(c.baselineSeconds, baseline.seconds(c.size));
    const double net = c.baselineSeconds - fixed;
    QVERIFY2(net >= 0.8 * target && net <= 1.25 * target,
             qPrintable(QStringLiteral("size %1 takes %2 s").arg(c.size).arg(net)));
    QVERIFY2(baseline.sizes.size() <= 6, qPrintable(QString::number(baseline.sizes.size())));
    QCOMPARE(c.runs, int(baseline.sizes.size()) + baseline.controls);
    QVERIFY(!c.atLimit);
    // It starts below the nominal size, so a slow machine does not pay for an oversized run.
    QVERIFY(baseline.sizes.first() < nominal);
}

// The same machine and three nominal sizes a pack author might have written: the size chosen
// is within the calibration's own tolerance, whatever the pack guessed.
void TestCalibration::nominalSizeDoesNotDecide_data()
{
    QTest::addColumn<double>("power");
    QTest::newRow("linear") << 1.0;
    QTest::newRow("quadratic") << 2.0;
}

void TestCalibration::nominalSizeDoesNotDecide()
{
    QFETCH(double, power);
    QList<qint64> chosen;
    for (double scale : {1.0 / 3, 1.0, 3.0}) {
        ScriptedBaseline baseline{0.1, power == 1.0 ? 3e-6 : 1e-6, power};
        const Calibration c =
            calibrateWorkload(range(10, 100'000'000, qint64(power == 1.0 ? 150000 : 700) * scale),
                              0.5, baseline.timer(), baseline.control());
        QVERIFY(c.ok());
        chosen.append(c.size);
    }
    const auto [low, high] = std::minmax_element(chosen.cbegin(), chosen.cend());
    // Net times within 0.8–1.25 of the target: sizes within (1.25/0.8)^(1/p) of each other.
    QVERIFY2(double(*high) / double(*low) <= std::pow(1.25 / 0.8, 1.0 / power) + 1e-9,
             qPrintable(QStringLiteral("%1 .. %2").arg(*low).arg(*high)));
}

void TestCalibration::limitsStopIt()
{
    ScriptedBaseline slow{0.1, 1e-3, 1.0}; // 1 ms per unit: 500 units wanted
    Calibration c = calibrateWorkload(range(2000, 10000, 4000), 0.5, slow.timer(), slow.control());
    QVERIFY(c.ok());
    QCOMPARE(c.size, 2000);
    QVERIFY(c.atLimit);

    ScriptedBaseline fast{0.1, 1e-9, 1.0}; // would need 5e8 units
    c = calibrateWorkload(range(10, 1'000'000, 500'000), 0.5, fast.timer(), fast.control());
    QVERIFY(c.ok());
    QCOMPARE(c.size, 1'000'000);
    QVERIFY(c.atLimit);
    QVERIFY(fast.sizes.size() <= 4);
}

void TestCalibration::failingBaselineIsAnError()
{
    ScriptedBaseline baseline{0.1, 1e-6, 1.0};
    baseline.failAbove = 100'000;
    const Calibration c = calibrateWorkload(range(10, 100'000'000, 200'000), 0.5, baseline.timer(),
                                            baseline.control());
    QVERIFY(!c.ok());
    QVERIFY2(c.error.contains(QStringLiteral("MemoryError")), qPrintable(c.error));
}

void TestCalibration::withoutControlNothingIsTakenOut()
{
    ScriptedBaseline baseline{0.3, 1e-6, 1.0};
    const Calibration c =
        calibrateWorkload(range(10, 100'000'000, 500'000), 0.5, baseline.timer(), RunTimer());
    QVERIFY(c.ok());
    QCOMPARE(c.fixedSeconds, 0.0);
    QCOMPARE(baseline.controls, 0);
    QVERIFY(c.baselineSeconds >= 0.4 && c.baselineSeconds <= 0.625);
}

void TestCalibration::workloadTemplate_data()
{
    QTest::addColumn<QByteArray>("workload");
    QTest::addColumn<qint64>("size");
    QTest::addColumn<QByteArray>("expected");
    QTest::newRow("four limits") << QByteArray(R"([["$size", "$size", "$size", "$size"]])")
                                 << qint64(7) << QByteArray("[[7,7,7,7]]");
    QTest::newRow("one number") << QByteArray(R"(["$size"])") << qint64(40) << QByteArray("[40]");
    QTest::newRow("cycled points")
        << QByteArray(R"([{"cycle": [[1, 2], [3, 4]], "length": "$size"}])") << qint64(5)
        << QByteArray("[[[1,2],[3,4],[1,2],[3,4],[1,2]]]");
    QTest::newRow("other text and mappings stay")
        << QByteArray(R"(["size", {"n": "$size", "x": "$sizes"}])") << qint64(3)
        << QByteArray(R"(["size",{"n":3,"x":"$sizes"}])");
    QTest::newRow("fixed") << QByteArray("[[1, 2, 3]]") << qint64(9) << QByteArray("[[1,2,3]]");
}

void TestCalibration::workloadTemplate()
{
    QFETCH(QByteArray, workload);
    QFETCH(qint64, size);
    QFETCH(QByteArray, expected);
    const QJsonArray out = workloadAt(QJsonDocument::fromJson(workload).array(), size);
    QCOMPARE(QJsonDocument(out).toJson(QJsonDocument::Compact), expected);
}

void TestCalibration::cacheKeepsAndForgets()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    CalibrationCache cache(dir.filePath(QStringLiteral("sub/calibration.json")));
    const QString key = calibrationKey({QStringLiteral("a"), QStringLiteral("b")});
    QVERIFY(!cache.find(key));
    Calibration c;
    c.size = 4242;
    c.baselineSeconds = 0.55;
    c.fixedSeconds = 0.07;
    c.runs = 6;
    QVERIFY(cache.store(key, c, QStringLiteral("a test")));
    const auto kept = CalibrationCache(cache.path()).find(key); // as another process reads it
    QVERIFY(kept);
    QCOMPARE(kept->size, 4242);
    QCOMPARE(kept->baselineSeconds, 0.55);
    QCOMPARE(kept->fixedSeconds, 0.07);
    QVERIFY(kept->fromCache);
    QCOMPARE(kept->runs, 0);
    QVERIFY(!cache.find(calibrationKey({QStringLiteral("a"), QStringLiteral("c")})));
    QVERIFY(cache.remove(key));
    QVERIFY(!cache.find(key));
}

void TestCalibration::cacheKeyChangesWithEveryPart()
{
    const QStringList parts{QStringLiteral("pack"), QStringLiteral("task"), QStringLiteral("check"),
                            QStringLiteral("interpreter 1 2"), QStringLiteral("machine")};
    const QString key = calibrationKey(parts);
    QCOMPARE(calibrationKey(parts), key);
    for (qsizetype i = 0; i < parts.size(); ++i) {
        QStringList changed = parts;
        changed[i] += QLatin1Char('!');
        QVERIFY2(calibrationKey(changed) != key, qPrintable(changed[i]));
    }
    // Parts are kept apart: moving text from one part to the next is another key.
    QVERIFY(calibrationKey({QStringLiteral("ab"), QStringLiteral("c")}) !=
            calibrationKey({QStringLiteral("a"), QStringLiteral("bc")}));
    const QString machine = CalibrationCache::machineDescription();
    QVERIFY(machine.contains(QStringLiteral("CPUs")));
    QFile cpuinfo(QStringLiteral("/proc/cpuinfo"));
    if (cpuinfo.open(QIODevice::ReadOnly)) {
        for (const QByteArray &line : cpuinfo.readAll().split('\n'))
            if (line.startsWith("model name")) {
                const QString model = QString::fromUtf8(line.mid(line.indexOf(':') + 1)).trimmed();
                QVERIFY2(machine.startsWith(model), qPrintable(machine));
                break;
            }
    }
}

void TestCalibration::damagedCacheIsIgnored()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("calibration.json"));
    QFile file(path);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write("{ not json");
    file.close();
    CalibrationCache cache(path);
    const QString key = calibrationKey({QStringLiteral("k")});
    QVERIFY(!cache.find(key));
    Calibration c;
    c.size = 10;
    c.baselineSeconds = 0.5;
    QVERIFY(cache.store(key, c));
    QVERIFY(cache.find(key));
}

QTEST_GUILESS_MAIN(TestCalibration)
#include "TestCalibration.moc"
