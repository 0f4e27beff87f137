#include "Grader.h"
#include "Paths.h"
#include "measure/MeasureReport.h"
#include "pack/PackLoader.h"

#include <QTemporaryDir>
#include <QTest>

using namespace Unlocked;

// End to end on built-in tasks: real sandbox, real timing, no timing assertion. The grader
// sizes the workload itself, so verdicts must not depend on the size the pack suggests: the
// same solutions graded with the nominal size divided by 3 and multiplied by 3 come out the
// same. Each test case calibrates into a cache of its own, so nothing is carried over.
//
// The single-core task (Cython) must be decided, passed or failed, on any machine. A parallel
// speedup needs a second core to be free: on a machine whose cores are taken by others (the
// grader's probe then says so) the honest verdict is inconclusive, which is accepted only with
// that evidence in the message; a verdict the wrong way round never is.
class TestMeasuredGrading : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void singleCoreVerdictsHoldAtAnyNominalSize_data();
    void singleCoreVerdictsHoldAtAnyNominalSize();
    void parallelVerdictsHoldAtAnyNominalSize_data();
    void parallelVerdictsHoldAtAnyNominalSize();

private:
    GradeResult grade(const Task &base, const QString &file, double nominalScale);
    void compareScales(const Task &task, const QString &file, Verdict expected, bool parallel);

    std::optional<Pack> m_pack;
    QTemporaryDir m_cache;
    QStringList m_finishedTold; // by the last grade's progress
    int m_pairsTold = 0;
};

void TestMeasuredGrading::initTestCase()
{
    PackLoadResult loaded = PackLoader::load(Paths::builtinPack());
    QVERIFY(loaded.pack);
    m_pack = std::move(loaded.pack);
    for (const char *id : {"cython-compute", "parallel-primes"}) {
        const Task *task = m_pack->task(QString::fromLatin1(id));
        QVERIFY(task);
        QVERIFY(task->checks.last().workloadSize.isSized());
    }
    QVERIFY(m_cache.isValid());
}

GradeResult TestMeasuredGrading::grade(const Task &base, const QString &file, double nominalScale)
{
    Task task = base;
    WorkloadSize &size = task.checks.last().workloadSize;
    size.nominal = std::clamp(qint64(double(size.nominal) * nominalScale), size.min, size.max);
    GradeOptions options;
    options.calibrationCache = m_cache.filePath(QStringLiteral("calibration.json"));
    // What the app shows while it waits: the checks as they end, each timed pair as it comes.
    m_finishedTold.clear();
    m_pairsTold = 0;
    GradeProgress progress;
    progress.checkFinished = [this](const CheckResult &check) {
        m_finishedTold.append(check.name);
    };
    progress.measured = [this](const CheckSpec &, const Measurement &m) {
        m_pairsTold = m.pairs == m_pairsTold + 1 ? m.pairs : -1; // one report per pair, in order
    };
    const GradeResult result = Grader(options).grade(task, file, progress);
    const CheckResult &speedup = result.checks.last();
    qInfo().noquote() << QStringLiteral("nominal x%1: %2 in %3 s: %4")
                             .arg(nominalScale, 0, 'f', 2)
                             .arg(verdictName(speedup.verdict))
                             .arg(result.seconds, 0, 'f', 1)
                             .arg(speedup.message);
    return result;
}

void TestMeasuredGrading::compareScales(const Task &task, const QString &file, Verdict expected,
                                        bool parallel)
{
    QList<qint64> sizes;
    for (double scale : {1.0 / 3, 3.0}) {
        const GradeResult result = grade(task, file, scale);
        const CheckResult &speedup = result.checks.last();
        QVERIFY(speedup.kind == CheckKind::ParallelSpeedup ||
                speedup.kind == CheckKind::SingleCoreSpeedup);
        QVERIFY(speedup.measurement.has_value());
        QVERIFY2(speedup.measurement->pairs >= kFewestPairs, qPrintable(speedup.message));
        QStringList names;
        for (const CheckResult &check : result.checks)
            names.append(check.name);
        QCOMPARE(m_finishedTold, names);
        QCOMPARE(m_pairsTold, speedup.measurement->pairs);
        QVERIFY(speedup.measurement->workloadSize > 0);
        QVERIFY(speedup.measurement->fixedSeconds > 0.0);
        sizes.append(speedup.measurement->workloadSize);
        // On a shared 2-core machine a parallel speedup can straddle its target (how often is
        // for bench_measure_tasks to report, not for a test to bet on); it may stay undecided,
        // but a decided verdict must be the right one at every size. Any check may stay
        // undecided when other tests kept the CPUs busy, as long as it says so.
        const bool busy = speedup.message.contains(QStringLiteral("had to wait for a CPU"));
        if ((parallel || busy) && speedup.verdict == Verdict::Inconclusive) {
            qWarning("the parallel check stayed inconclusive at this size");
            continue;
        }
        QVERIFY2(speedup.verdict == expected, qPrintable(speedup.message));
        QCOMPARE(result.verdict, expected);
    }
    // Both were sized from the baseline's runs here, not from the pack's guess: the sizes are
    // close, though the nominal sizes differ ninefold.
    const double ratio =
        double(std::max(sizes[0], sizes[1])) / double(std::min(sizes[0], sizes[1]));
    QVERIFY2(ratio < 3.0, qPrintable(QStringLiteral("%1 and %2").arg(sizes[0]).arg(sizes[1])));
}

void TestMeasuredGrading::singleCoreVerdictsHoldAtAnyNominalSize_data()
{
    QTest::addColumn<QString>("file");
    QTest::addColumn<Verdict>("verdict");
    const Task *task = m_pack->task(QStringLiteral("cython-compute"));
    QTest::newRow("typed loop (the reference)") << task->referencePath << Verdict::Passed;
    QTest::newRow("untyped loop") << QStringLiteral(UNLOCKED_TEST_DATA
                                                    "/grader/compute_untyped.pyx")
                                  << Verdict::Failed;
    // It keeps its answers in a file of its work directory; every timed run starts without it.
    QTest::newRow("answers kept in a file")
        << QStringLiteral(UNLOCKED_SOURCE_DIR
                          "/bench/measure/solutions/cython-compute/cheating.pyx")
        << Verdict::Failed;
}

void TestMeasuredGrading::singleCoreVerdictsHoldAtAnyNominalSize()
{
    QFETCH(QString, file);
    QFETCH(Verdict, verdict);
    compareScales(*m_pack->task(QStringLiteral("cython-compute")), file, verdict, false);
}

void TestMeasuredGrading::parallelVerdictsHoldAtAnyNominalSize_data()
{
    QTest::addColumn<QString>("file");
    QTest::addColumn<Verdict>("verdict");
    const Task *task = m_pack->task(QStringLiteral("parallel-primes"));
    QTest::newRow("process pool (the reference)") << task->referencePath << Verdict::Passed;
    QTest::newRow("sequential (the starter)") << task->starterPath << Verdict::Failed;
    QTest::newRow("threads under the GIL")
        << QStringLiteral(UNLOCKED_TEST_DATA "/grader/primes_threads.py") << Verdict::Failed;
}

void TestMeasuredGrading::parallelVerdictsHoldAtAnyNominalSize()
{
    QFETCH(QString, file);
    QFETCH(Verdict, verdict);
    compareScales(*m_pack->task(QStringLiteral("parallel-primes")), file, verdict, true);
}

QTEST_GUILESS_MAIN(TestMeasuredGrading)
#include "TestMeasuredGrading.moc"
