#include "result/GradeResult.h"

#include <QTest>

using namespace Unlocked;

class TestGradeResult : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void combine_data();
    void combine();
    void verdictNamesRoundTrip();
    void finishWithoutChecksIsError();
};

void TestGradeResult::combine_data()
{
    QTest::addColumn<QList<Verdict>>("parts");
    QTest::addColumn<Verdict>("expected");
    QTest::addRow("empty") << QList<Verdict>{} << Verdict::Passed;
    QTest::addRow("all passed") << QList<Verdict>{Verdict::Passed, Verdict::Passed} << Verdict::Passed;
    QTest::addRow("inconclusive") << QList<Verdict>{Verdict::Passed, Verdict::Inconclusive}
                                  << Verdict::Inconclusive;
    QTest::addRow("failed beats inconclusive")
        << QList<Verdict>{Verdict::Inconclusive, Verdict::Failed} << Verdict::Failed;
    QTest::addRow("error beats all")
        << QList<Verdict>{Verdict::Failed, Verdict::Error, Verdict::Passed} << Verdict::Error;
}

void TestGradeResult::combine()
{
    QFETCH(QList<Verdict>, parts);
    QFETCH(Verdict, expected);
    QCOMPARE(combineVerdicts(parts), expected);
}

void TestGradeResult::verdictNamesRoundTrip()
{
    for (Verdict v : {Verdict::Passed, Verdict::Failed, Verdict::Inconclusive, Verdict::Error})
        QCOMPARE(verdictFromName(verdictName(v)), v);
    QVERIFY(!verdictFromName(QStringLiteral("pass")).has_value());
}

void TestGradeResult::finishWithoutChecksIsError()
{
    GradeResult result;
    result.verdict = Verdict::Passed;
    result.finish();
    QCOMPARE(result.verdict, Verdict::Error);
}

QTEST_GUILESS_MAIN(TestGradeResult)
#include "TestGradeResult.moc"
