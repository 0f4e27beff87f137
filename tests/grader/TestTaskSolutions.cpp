#include "Grader.h"
#include "Paths.h"
#include "pack/PackLoader.h"

#include <QTest>

#include <algorithm>

using namespace Unlocked;

// Solutions of built-in tasks that take another route than the reference, graded through the
// real Grader and sandbox for correctness and static checks only (measurement turned off):
// every route the lesson teaches passes, every way around the task's rules fails its static
// check with the task's own message.
class TestTaskSolutions : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void graded_data();
    void graded();

private:
    std::optional<Pack> m_pack;
};

void TestTaskSolutions::initTestCase()
{
    PackLoadResult loaded = PackLoader::load(Paths::builtinPack());
    QVERIFY(loaded.pack);
    m_pack = std::move(loaded.pack);
}

void TestTaskSolutions::graded_data()
{
    QTest::addColumn<QString>("task");
    QTest::addColumn<QString>("file"); // under tests/data/grader/solutions/<task>/
    QTest::addColumn<bool>("staticPasses");
    QTest::addColumn<QString>("staticMessage"); // a part of it, when it fails

    const auto row = [](const char *task, const char *file, bool passes, const char *message) {
        QTest::addRow("%s/%s", task, file) << QString::fromLatin1(task) << QString::fromLatin1(file)
                                           << passes << QString::fromUtf8(message);
    };
    // Lesson 1 teaches both thread routes: start and join threading.Threads, or a pool.
    row("gil-io-threads", "threading_thread.py", true, "");
    row("gil-io-threads", "thread_subclass.py", true, "");
    row("gil-io-threads", "process_pool.py", false, "not a ProcessPoolExecutor");
    row("gil-io-threads", "thread_then_processes.py", false, "with threads, not processes");
    row("gil-io-threads", "asyncio_to_thread.py", false, "asyncio has a task of its own");
    // The event loop's own ways of running a blocking call on a thread pool.
    row("asynchronous-programming", "to_thread.py", false, "asyncio.to_thread");
    row("asynchronous-programming", "to_thread_alias.py", false, "asyncio.to_thread");
    row("asynchronous-programming", "to_thread_imported.py", false, "asyncio.to_thread");
    row("asynchronous-programming", "run_in_executor.py", false, "run_in_executor");
    row("asynchronous-programming", "run_in_executor_chained.py", false, "run_in_executor");
    row("asynchronous-programming", "run_in_executor_getattr.py", false, "run_in_executor");
    // The course's own program has the guard; the textbook one without it still passes on Linux.
    row("using-multiprocessing", "no_guard.py", true, "");
}

void TestTaskSolutions::graded()
{
    QFETCH(QString, task);
    QFETCH(QString, file);
    QFETCH(bool, staticPasses);
    QFETCH(QString, staticMessage);

    const Task *spec = m_pack->task(task);
    QVERIFY(spec);
    GradeOptions options;
    options.measure = false;
    const GradeResult result =
        Grader(options).grade(*spec, QStringLiteral(UNLOCKED_TEST_DATA "/grader/solutions/") +
                                         task + QLatin1Char('/') + file);

    bool sawCorrectness = false, sawStatic = false;
    for (const CheckResult &check : result.checks) {
        if (check.kind == CheckKind::Cases || check.kind == CheckKind::Output) {
            // Every one of them is correct: only the way it gets there is at stake.
            QVERIFY2(check.verdict == Verdict::Passed, qPrintable(check.message));
            sawCorrectness = true;
        } else if (check.kind == CheckKind::Static) {
            const auto declared =
                std::find_if(spec->checks.cbegin(), spec->checks.cend(),
                             [](const CheckSpec &c) { return c.kind == CheckKind::Static; });
            QVERIFY(declared != spec->checks.cend());
            QCOMPARE(check.name, declared->name); // the task's own check, not a syntax error
            QVERIFY2((check.verdict == Verdict::Passed) == staticPasses, qPrintable(check.message));
            if (!staticPasses) {
                QCOMPARE(check.verdict, Verdict::Failed);
                QVERIFY2(check.message.contains(staticMessage), qPrintable(check.message));
            }
            sawStatic = true;
        }
    }
    QVERIFY(sawCorrectness);
    QVERIFY(sawStatic);
    if (!staticPasses)
        QCOMPARE(result.verdict, Verdict::Failed);
}

QTEST_GUILESS_MAIN(TestTaskSolutions)
#include "TestTaskSolutions.moc"
