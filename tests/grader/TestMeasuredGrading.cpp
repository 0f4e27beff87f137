#include "Grader.h"
#include "Paths.h"
#include "pack/PackLoader.h"

#include <QTemporaryDir>
#include <QTest>

using namespace Unlocked;

// End to end on the built-in parallel-primes task: real sandbox, real timing, no timing
// assertion. The grader sizes the workload itself, so the verdicts must not depend on the size
// the pack suggests: the same solutions graded with the nominal size divided by 3 and
// multiplied by 3 must come out the same, and decided (passed or failed, not inconclusive).
// Each grading calibrates into a cache of its own, so nothing is carried over from earlier runs.
class TestMeasuredGrading : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void verdictDoesNotDependOnTheNominalSize_data();
    void verdictDoesNotDependOnTheNominalSize();
    void threadsUnderTheGilFail();

private:
    GradeResult grade(const QString &file, double nominalScale);

    std::optional<Pack> m_pack;
    const Task *m_task = nullptr;
    QTemporaryDir m_cache;
};

void TestMeasuredGrading::initTestCase()
{
    PackLoadResult loaded = PackLoader::load(Paths::builtinPack());
    QVERIFY(loaded.pack);
    m_pack = std::move(loaded.pack);
    m_task = m_pack->task(QStringLiteral("parallel-primes"));
    QVERIFY(m_task);
    QVERIFY(m_task->checks.last().workloadSize.isSized());
    QVERIFY(m_cache.isValid());
}

GradeResult TestMeasuredGrading::grade(const QString &file, double nominalScale)
{
    Task task = *m_task;
    WorkloadSize &size = task.checks.last().workloadSize;
    size.nominal = std::clamp(qint64(double(size.nominal) * nominalScale), size.min, size.max);
    GradeOptions options;
    options.calibrationCache = m_cache.filePath(QStringLiteral("calibration.json"));
    const GradeResult result = Grader(options).grade(task, file);
    const CheckResult &speedup = result.checks.last();
    qInfo().noquote() << QStringLiteral("nominal x%1: %2 in %3 s: %4")
                             .arg(nominalScale, 0, 'f', 2)
                             .arg(verdictName(speedup.verdict))
                             .arg(result.seconds, 0, 'f', 1)
                             .arg(speedup.message);
    return result;
}

void TestMeasuredGrading::verdictDoesNotDependOnTheNominalSize_data()
{
    QTest::addColumn<QString>("file");
    QTest::addColumn<Verdict>("verdict");
    QTest::newRow("process pool (the reference)") << m_task->referencePath << Verdict::Passed;
    QTest::newRow("sequential (the starter)") << m_task->starterPath << Verdict::Failed;
}

void TestMeasuredGrading::verdictDoesNotDependOnTheNominalSize()
{
    QFETCH(QString, file);
    QFETCH(Verdict, verdict);
    QList<qint64> sizes;
    for (double scale : {1.0 / 3, 3.0}) {
        const GradeResult result = grade(file, scale);
        const CheckResult &speedup = result.checks.last();
        QCOMPARE(speedup.kind, CheckKind::ParallelSpeedup);
        QVERIFY(speedup.measurement.has_value());
        QVERIFY2(speedup.verdict == verdict, qPrintable(speedup.message));
        QCOMPARE(result.verdict, verdict);
        QVERIFY(speedup.measurement->pairs >= 4);
        QVERIFY(speedup.measurement->workloadSize > 0);
        QVERIFY(speedup.measurement->fixedSeconds > 0.0);
        sizes.append(speedup.measurement->workloadSize);
    }
    // Both were sized from the baseline's runs here, not from the pack's guess: the sizes are
    // close, though the nominal sizes differ ninefold.
    const double ratio =
        double(std::max(sizes[0], sizes[1])) / double(std::min(sizes[0], sizes[1]));
    QVERIFY2(ratio < 3.0, qPrintable(QStringLiteral("%1 and %2").arg(sizes[0]).arg(sizes[1])));
}

void TestMeasuredGrading::threadsUnderTheGilFail()
{
    const GradeResult result =
        grade(QStringLiteral(UNLOCKED_TEST_DATA "/grader/primes_threads.py"), 1.0);
    const CheckResult &speedup = result.checks.last();
    QVERIFY2(speedup.verdict == Verdict::Failed, qPrintable(speedup.message));
    QVERIFY2(speedup.message.contains(QStringLiteral("one core")), qPrintable(speedup.message));
}

QTEST_GUILESS_MAIN(TestMeasuredGrading)
#include "TestMeasuredGrading.moc"
