#include "result/GradeResult.h"
#include "result/ResultFormat.h"

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
    void checksNeverPassByDefault();
    void jsonRoundTrip();
    void csvQuotesFields();
};

void TestGradeResult::combine_data()
{
    QTest::addColumn<QList<Verdict>>("parts");
    QTest::addColumn<Verdict>("expected");
    QTest::addRow("empty") << QList<Verdict>{} << Verdict::Passed;
    QTest::addRow("all passed") << QList<Verdict>{Verdict::Passed, Verdict::Passed}
                                << Verdict::Passed;
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

void TestGradeResult::checksNeverPassByDefault()
{
    // A check that forgets to decide must not pass the learner.
    QCOMPARE(CheckResult().verdict, Verdict::Error);
    CheckSpec spec;
    spec.name = QStringLiteral("Cases");
    const CheckResult made = checkResultFor(spec);
    QCOMPARE(made.name, spec.name);
    QCOMPARE(made.verdict, Verdict::Error);

    GradeResult result;
    result.checks.append(made);
    result.finish();
    QCOMPARE(result.verdict, Verdict::Error);
}

void TestGradeResult::jsonRoundTrip()
{
    GradeResult result;
    result.taskId = QStringLiteral("parallel-primes");
    result.file = QStringLiteral("s.py");
    result.isolated = false;
    CheckResult check;
    check.name = QStringLiteral("Parallel speedup");
    check.kind = CheckKind::ParallelSpeedup;
    check.verdict = Verdict::Inconclusive;
    check.message = QStringLiteral("bound straddles the target");
    check.line = 3;
    check.column = 9;
    Measurement m;
    m.pairs = 7;
    m.speedup = 1.42;
    m.speedupLow = 1.1;
    m.required = 1.2;
    m.cores = 2;
    m.utilization = 1.8;
    m.budgetSeconds = 12.5;
    m.samples = {1.3, 1.5, 1.42};
    check.measurement = m;
    check.headline = QStringLiteral("too close to call");
    result.checks.append(check);
    result.finish();
    QCOMPARE(result.verdict, Verdict::Inconclusive);

    const GradeResult back = ResultFormat::fromJson(ResultFormat::toJson(result));
    QCOMPARE(back.taskId, result.taskId);
    QCOMPARE(back.verdict, Verdict::Inconclusive);
    QCOMPARE(back.isolated, false);
    QCOMPARE(back.checks.size(), 1);
    QCOMPARE(back.checks[0].kind, CheckKind::ParallelSpeedup);
    QCOMPARE(back.checks[0].line, 3);
    QVERIFY(back.checks[0].measurement.has_value());
    QCOMPARE(back.checks[0].measurement->pairs, 7);
    QCOMPARE(back.checks[0].measurement->speedupLow, 1.1);
    QCOMPARE(back.checks[0].measurement->budgetSeconds, 12.5);
    QCOMPARE(back.checks[0].measurement->samples, m.samples);
    QCOMPARE(back.checks[0].headline, check.headline);
    QVERIFY(!back.cancelled);
    result.cancelled = true;
    QVERIFY(ResultFormat::fromJson(ResultFormat::toJson(result)).cancelled);
    QVERIFY(ResultFormat::toText(result).contains(QLatin1String("UNISOLATED")));
}

void TestGradeResult::csvQuotesFields()
{
    GradeResult result;
    result.taskId = QStringLiteral("t");
    result.verdict = Verdict::Error;
    result.message = QStringLiteral("a \"quoted\", message");
    const QByteArray csv =
        ResultFormat::toCsv({Submission{QStringLiteral("ada"), QStringLiteral("t"), {}, result}});
    QVERIFY2(csv.contains("ada,t,error,0.00,,,\"a \"\"quoted\"\", message\""), csv.constData());
}

QTEST_GUILESS_MAIN(TestGradeResult)
#include "TestGradeResult.moc"
