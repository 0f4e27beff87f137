#include "Grader.h"
#include "Paths.h"
#include "pack/PackLoader.h"

#include <QTest>

using namespace Unlocked;

// End to end on the built-in parallel-primes task: real sandbox, real timing. The verdicts
// asserted are the ones that must hold on any machine: a sequential or GIL-bound solution
// never passes, and a process pool never fails. On a quiet machine the first fail and the
// second passes; on a busy one either may be honestly inconclusive.
class TestMeasuredGrading : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void serialSolutionsNeverPass_data();
    void serialSolutionsNeverPass();
    void processPoolNeverFails();

private:
    std::optional<Pack> m_pack;
    const Task *m_task = nullptr;
};

void TestMeasuredGrading::initTestCase()
{
    PackLoadResult loaded = PackLoader::load(Paths::builtinPack());
    QVERIFY(loaded.pack);
    m_pack = std::move(loaded.pack);
    m_task = m_pack->task(QStringLiteral("parallel-primes"));
    QVERIFY(m_task);
}

void TestMeasuredGrading::serialSolutionsNeverPass_data()
{
    QTest::addColumn<QString>("file");
    QTest::newRow("sequential starter") << m_task->starterPath;
    QTest::newRow("threads under the GIL")
        << QStringLiteral(UNLOCKED_TEST_DATA "/grader/primes_threads.py");
}

void TestMeasuredGrading::serialSolutionsNeverPass()
{
    QFETCH(QString, file);
    const GradeResult result = Grader().grade(*m_task, file);
    const CheckResult &speedup = result.checks.last();
    qInfo().noquote() << speedup.message;
    QCOMPARE(speedup.kind, CheckKind::ParallelSpeedup);
    QVERIFY(speedup.measurement.has_value());
    QVERIFY(speedup.measurement->pairs > 0);
    QVERIFY2(speedup.verdict == Verdict::Failed || speedup.verdict == Verdict::Inconclusive,
             qPrintable(speedup.message));
    QCOMPARE(result.verdict, speedup.verdict);
}

void TestMeasuredGrading::processPoolNeverFails()
{
    const GradeResult result = Grader().grade(*m_task, m_task->referencePath);
    const CheckResult &speedup = result.checks.last();
    qInfo().noquote() << speedup.message;
    QVERIFY2(result.verdict == Verdict::Passed || result.verdict == Verdict::Inconclusive,
             qPrintable(speedup.message));
    QVERIFY(speedup.measurement.has_value());
}

QTEST_GUILESS_MAIN(TestMeasuredGrading)
#include "TestMeasuredGrading.moc"
