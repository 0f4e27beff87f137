#include "Grader.h"
#include "Paths.h"
#include "pack/PackLoader.h"

#include <QTest>

#include <algorithm>

using namespace Unlocked;

// Solutions of built-in tasks that take another route than the reference, graded through the
// real Grader and sandbox for correctness, static and observed checks only (measurement turned
// off): every route the lesson teaches passes, every way around the task's rules fails its
// static check with the task's own message, or, when the parser cannot see it (a name built at
// run time, exec), its observed check with what the grader saw while the cases ran.
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
    QTest::addColumn<QString>("file");            // under tests/data/grader/solutions/<task>/
    QTest::addColumn<QString>("staticMessage");   // a part of it when it fails; empty: passes
    QTest::addColumn<QString>("observedMessage"); // likewise for the observed check

    const auto row = [](const char *task, const char *file, const char *staticMessage,
                        const char *observedMessage) {
        QTest::addRow("%s/%s", task, file)
            << QString::fromLatin1(task) << QString::fromLatin1(file)
            << QString::fromUtf8(staticMessage) << QString::fromUtf8(observedMessage);
    };
    // Lesson 1 teaches both thread routes: start and join threading.Threads, or a pool.
    row("gil-io-threads", "threading_thread.py", "", "");
    row("gil-io-threads", "thread_subclass.py", "", "");
    row("gil-io-threads", "process_pool.py", "not a ProcessPoolExecutor", "other process");
    row("gil-io-threads", "thread_then_processes.py", "with threads, not processes",
        "other process");
    row("gil-io-threads", "asyncio_to_thread.py", "asyncio has a task of its own", "");
    // Processes behind names the parser cannot read are seen while the cases run.
    row("gil-io-threads", "process_pool_imported_by_name.py", "",
        "this task allows none. Fetch on threads of one process");
    // The event loop's own ways of running a blocking call on a thread pool.
    row("asynchronous-programming", "to_thread.py", "asyncio.to_thread", "besides its main one");
    row("asynchronous-programming", "to_thread_alias.py", "asyncio.to_thread",
        "besides its main one");
    row("asynchronous-programming", "to_thread_imported.py", "asyncio.to_thread",
        "besides its main one");
    row("asynchronous-programming", "run_in_executor.py", "run_in_executor",
        "besides its main one");
    row("asynchronous-programming", "run_in_executor_chained.py", "run_in_executor",
        "besides its main one");
    row("asynchronous-programming", "run_in_executor_getattr.py", "run_in_executor",
        "besides its main one");
    // ...and the same behind a name built at run time or exec: only the run shows them.
    row("asynchronous-programming", "to_thread_built_name.py", "",
        "and this task allows one thread. Solve this one on the event loop alone");
    row("asynchronous-programming", "exec_thread_pool.py", "", "besides its main one");
    row("asynchronous-programming", "process_pool_imported_by_name.py", "", "other process");
    // The course's own program has the guard; the textbook one without it still passes on Linux.
    row("using-multiprocessing", "no_guard.py", "", "");
    row("using-multiprocessing", "start_and_join_each.py", "", "");
    // Process(...).run() calls the worker in the program's own process: the static check is met.
    row("using-multiprocessing", "run_not_start.py", "", "ran as one process");
    // Lesson 1's race: locks around one sequential loop are no answer to threads.
    row("fix-the-race", "global_lock.py", "", "");
    row("fix-the-race", "no_threads.py", "", "on its main thread alone");
}

void TestTaskSolutions::graded()
{
    QFETCH(QString, task);
    QFETCH(QString, file);
    QFETCH(QString, staticMessage);
    QFETCH(QString, observedMessage);

    const Task *spec = m_pack->task(task);
    QVERIFY(spec);
    GradeOptions options;
    options.measure = false;
    const GradeResult result =
        Grader(options).grade(*spec, QStringLiteral(UNLOCKED_TEST_DATA "/grader/solutions/") +
                                         task + QLatin1Char('/') + file);

    bool sawCorrectness = false;
    QList<CheckKind> judged;
    for (const CheckResult &check : result.checks) {
        if (check.kind == CheckKind::Cases || check.kind == CheckKind::Output) {
            // Every one of them is correct: only the way it gets there is at stake.
            QVERIFY2(check.verdict == Verdict::Passed, qPrintable(check.message));
            sawCorrectness = true;
            continue;
        }
        if (check.kind != CheckKind::Static && check.kind != CheckKind::Observed)
            continue;
        const auto declared =
            std::find_if(spec->checks.cbegin(), spec->checks.cend(),
                         [&check](const CheckSpec &c) { return c.kind == check.kind; });
        QVERIFY(declared != spec->checks.cend());
        QCOMPARE(check.name, declared->name); // the task's own check, not a syntax error
        const QString &message = check.kind == CheckKind::Static ? staticMessage : observedMessage;
        if (message.isEmpty()) {
            QVERIFY2(check.verdict == Verdict::Passed, qPrintable(check.message));
        } else {
            QVERIFY2(check.verdict == Verdict::Failed, qPrintable(check.message));
            QVERIFY2(check.message.contains(message), qPrintable(check.message));
        }
        judged.append(check.kind);
    }
    QVERIFY(sawCorrectness);
    // Each check the task declares was judged.
    for (CheckKind kind : {CheckKind::Static, CheckKind::Observed})
        if (std::any_of(spec->checks.cbegin(), spec->checks.cend(),
                        [kind](const CheckSpec &c) { return c.kind == kind; }))
            QVERIFY2(judged.contains(kind), qPrintable(task));
    if (!staticMessage.isEmpty() || !observedMessage.isEmpty())
        QCOMPARE(result.verdict, Verdict::Failed);
}

QTEST_GUILESS_MAIN(TestTaskSolutions)
#include "TestTaskSolutions.moc"
