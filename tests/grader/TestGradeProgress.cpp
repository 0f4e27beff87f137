#include "Grader.h"
#include "pack/PackLoader.h"

#include <QTest>

using namespace Unlocked;

// A grade tells each declared check as it starts and ends, and a cancel stops it: it comes back
// cancelled, with the checks that finished and without the one it cut short.
class TestGradeProgress : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void eachCheckIsToldAsItRuns();
    void cancelBetweenChecksKeepsWhatFinished();
    void cancelInsideACheckDropsIt();
    void cancelBeforeTheStart();

private:
    struct Told
    {
        QStringList started;
        QStringList finished;
    };
    GradeResult grade(Told &told, const std::function<void(const QString &, bool started)> &then,
                      bool cancelFirst = false);

    Task m_task;
    std::unique_ptr<Grader> m_grader;
    std::atomic_bool m_cancel = false;
};

void TestGradeProgress::initTestCase()
{
    PackLoadResult loaded = PackLoader::load(QStringLiteral(UNLOCKED_TEST_DATA "/gui/pack"));
    QVERIFY(loaded.pack);
    const Task *task = loaded.pack->task(QStringLiteral("add-numbers"));
    QVERIFY(task);
    m_task = *task;
    CheckSpec first = m_task.checks.first();
    first.name = QStringLiteral("first");
    CheckSpec second = first;
    second.name = QStringLiteral("second");
    m_task.checks = {first, second};
    GradeOptions options;
    options.unisolated = !Grader::isolationSupport().available;
    m_grader = std::make_unique<Grader>(options);
}

GradeResult TestGradeProgress::grade(Told &told,
                                     const std::function<void(const QString &, bool)> &then,
                                     bool cancelFirst)
{
    m_cancel = cancelFirst;
    GradeProgress progress;
    progress.cancel = &m_cancel;
    progress.checkStarted = [&](const CheckSpec &spec) {
        told.started.append(spec.name);
        then(spec.name, true);
    };
    progress.checkFinished = [&](const CheckResult &result) {
        told.finished.append(result.name + QLatin1Char(' ') + verdictName(result.verdict));
        then(result.name, false);
    };
    return m_grader->gradeSource(m_task, "def add(a, b):\n    return a + b\n",
                                 QStringLiteral("solution.py"), progress);
}

void TestGradeProgress::eachCheckIsToldAsItRuns()
{
    Told told;
    const GradeResult result = grade(told, [](const QString &, bool) {});
    QCOMPARE(result.verdict, Verdict::Passed);
    QVERIFY(!result.cancelled);
    QCOMPARE(told.started, QStringList({QStringLiteral("first"), QStringLiteral("second")}));
    QCOMPARE(told.finished,
             QStringList({QStringLiteral("first passed"), QStringLiteral("second passed")}));
}

void TestGradeProgress::cancelBetweenChecksKeepsWhatFinished()
{
    Told told;
    const GradeResult result = grade(told, [this](const QString &name, bool started) {
        if (!started && name == QLatin1String("first"))
            m_cancel = true;
    });
    QVERIFY(result.cancelled);
    QCOMPARE(result.verdict, Verdict::Inconclusive);
    QCOMPARE(told.started, QStringList{QStringLiteral("first")});
    QCOMPARE(result.checks.size(), 1);
    QCOMPARE(result.checks.first().name, QStringLiteral("first"));
    QCOMPARE(result.checks.first().verdict, Verdict::Passed);
}

void TestGradeProgress::cancelInsideACheckDropsIt()
{
    Told told;
    const GradeResult result = grade(told, [this](const QString &name, bool started) {
        if (started && name == QLatin1String("second"))
            m_cancel = true; // its run starts cancelled, and its verdict would be about that
    });
    QVERIFY(result.cancelled);
    QCOMPARE(result.verdict, Verdict::Inconclusive);
    QCOMPARE(told.started, QStringList({QStringLiteral("first"), QStringLiteral("second")}));
    QCOMPARE(told.finished, QStringList{QStringLiteral("first passed")});
    QCOMPARE(result.checks.size(), 1);
}

void TestGradeProgress::cancelBeforeTheStart()
{
    Told told;
    const GradeResult result = grade(
        told, [](const QString &, bool) {}, true);
    QVERIFY(result.cancelled);
    QCOMPARE(result.verdict, Verdict::Inconclusive); // not an error of the pack or the grader
    QVERIFY(result.checks.isEmpty());
    QVERIFY(told.started.isEmpty());
}

QTEST_GUILESS_MAIN(TestGradeProgress)
#include "TestGradeProgress.moc"
