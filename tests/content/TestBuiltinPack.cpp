// The built-in course loads without errors and keeps the promises outside solutions rely on:
// the task ids and entry points of the README's table, hints, quizzes and the default unlock order.

#include "measure/Workload.h"
#include "pack/PackLoader.h"

#include <QFileInfo>
#include <QJsonDocument>
#include <QTest>

using namespace Unlocked;

namespace {

// A JSON list of numbers (or of such lists) as Python writes it: [[0, 0], [3, 4]].
QString pythonText(const QJsonValue &value)
{
    if (!value.isArray())
        return QString::number(value.toInteger());
    QStringList items;
    for (const QJsonValue &item : value.toArray())
        items.append(pythonText(item));
    return QLatin1Char('[') + items.join(QLatin1String(", ")) + QLatin1Char(']');
}

} // namespace

class TestBuiltinPack : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void lessonsInOrder();
    void task_data();
    void task();
    void measuredChecksHaveWhatTheyNeed();
    void quiz_data();
    void quiz();

private:
    Pack m_pack;
};

void TestBuiltinPack::initTestCase()
{
    const PackLoadResult result = PackLoader::load(QStringLiteral(UNLOCKED_SOURCE_DIR));
    QStringList errors;
    for (const PackError &error : result.errors)
        errors.append(error.toString());
    QVERIFY2(result.errors.isEmpty(), qPrintable(errors.join(QLatin1Char('\n'))));
    QVERIFY(result.pack.has_value());
    m_pack = *result.pack;
}

void TestBuiltinPack::lessonsInOrder()
{
    const QStringList expected{QStringLiteral("gil"), QStringLiteral("multiprocessing"),
                               QStringLiteral("asyncio"), QStringLiteral("native-libraries"),
                               QStringLiteral("c-extensions")};
    QStringList ids;
    for (const Lesson &lesson : m_pack.lessons)
        ids.append(lesson.id);
    QCOMPARE(ids, expected);
    // Default unlocking: the first lesson is open, each other one waits for the one before.
    QVERIFY(m_pack.lessons.first().unlockAfter.isEmpty());
    for (qsizetype i = 1; i < m_pack.lessons.size(); ++i)
        QCOMPARE(m_pack.lessons[i].unlockAfter, QStringList{m_pack.lessons[i - 1].id});
    QCOMPARE(m_pack.tasks.size(), 9);
}

void TestBuiltinPack::task_data()
{
    QTest::addColumn<QString>("lesson");
    QTest::addColumn<bool>("isFunction");
    QTest::addColumn<QString>("entry");
    QTest::addColumn<QString>("file");
    QTest::addColumn<bool>("required");
    QTest::addColumn<bool>("measured");
    // The README's table of built-in tasks: outside solutions are graded against exactly these
    // names. The tasks added later are not required, so no learner's open lesson closes again.
    QTest::newRow("gil-io-threads") << "gil" << true << "fetch_all"
                                    << "solution.py" << true << true;
    QTest::newRow("fix-the-race") << "gil" << true << "transfer_all"
                                  << "solution.py" << false << false;
    QTest::newRow("using-multiprocessing") << "multiprocessing" << false << ""
                                           << "solution.py" << true << false;
    QTest::newRow("parallel-primes") << "multiprocessing" << true << "count_primes"
                                     << "solution.py" << true << true;
    QTest::newRow("batch-small-work") << "multiprocessing" << true << "all_steps"
                                      << "solution.py" << false << true;
    QTest::newRow("asynchronous-programming") << "asyncio" << true << "fetch_all_async"
                                              << "solution.py" << true << true;
    QTest::newRow("numpy-vectorize") << "native-libraries" << true << "pairwise_distances"
                                     << "solution.py" << true << true;
    QTest::newRow("native-threads") << "native-libraries" << true << "crunch_all"
                                    << "solution.py" << true << true;
    QTest::newRow("cython-compute") << "c-extensions" << true << "compute"
                                    << "example.pyx" << true << true;
}

void TestBuiltinPack::task()
{
    QFETCH(QString, lesson);
    QFETCH(bool, isFunction);
    QFETCH(QString, entry);
    QFETCH(QString, file);
    QFETCH(bool, required);
    QFETCH(bool, measured);
    const QString id = QString::fromLatin1(QTest::currentDataTag());
    const Task *task = m_pack.task(id);
    QVERIFY2(task, qPrintable(id));
    QCOMPARE(task->lessonId, lesson);
    QVERIFY(m_pack.lesson(lesson)->taskIds.contains(id));
    QCOMPARE(task->kind == TaskKind::Function, isFunction);
    QCOMPARE(task->entry, entry);
    QCOMPARE(task->solutionFile, file);
    QCOMPARE(task->required, required);
    QVERIFY2(task->hints.size() >= 2, "a nudge and a hint nearer the answer");
    QVERIFY(!task->statement.trimmed().isEmpty());
    QVERIFY(QFileInfo(task->starterPath).isFile());
    QVERIFY(QFileInfo(task->referencePath).isFile());
    if (isFunction)
        QVERIFY2(task->cases.size() >= 4, "function tasks have hidden cases");
    // Run calls the entry point on the visible cases; the first is the statement's own example.
    if (isFunction && !task->isCython()) {
        const QList<QJsonArray> visible = task->visibleArguments();
        QVERIFY2(!visible.isEmpty(), "Run has an example call to show");
        QVERIFY2(visible.size() < task->cases.size(), "some cases stay hidden");
        QStringList args;
        for (const QJsonValue &arg : visible.first())
            args.append(pythonText(arg));
        const QString call = QStringLiteral("%1(%2)").arg(entry, args.join(QLatin1String(", ")));
        QVERIFY2(task->statement.contains(call), qPrintable(call));
    }
    bool hasStatic = false;
    bool hasMeasured = false;
    for (const CheckSpec &check : task->checks) {
        hasStatic = hasStatic || check.kind == CheckKind::Static;
        hasMeasured = hasMeasured || check.kind == CheckKind::ParallelSpeedup ||
                      check.kind == CheckKind::SingleCoreSpeedup ||
                      check.kind == CheckKind::Concurrency;
    }
    // Every task is about speed but the output-only program and the race, which is about
    // correctness under stress; every task that names a tool (threads, processes, asyncio) says
    // so with a static check.
    QCOMPARE(hasMeasured, measured);
    if (id != QLatin1String("parallel-primes") && id != QLatin1String("numpy-vectorize") &&
        id != QLatin1String("cython-compute"))
        QVERIFY2(hasStatic, qPrintable(id));
}

void TestBuiltinPack::measuredChecksHaveWhatTheyNeed()
{
    for (const Task &task : m_pack.tasks) {
        for (const CheckSpec &check : task.checks) {
            switch (check.kind) {
            case CheckKind::ParallelSpeedup:
            case CheckKind::SingleCoreSpeedup:
                QVERIFY2(QFileInfo(task.baselinePath).isFile(), qPrintable(task.id));
                QVERIFY2(check.target > 0.0, qPrintable(task.id));
                QVERIFY2(!check.workload.isEmpty(), qPrintable(task.id));
                // Sized on the grading machine, never a fixed size tuned to one computer, and
                // with no budget of its own: the budget follows the size.
                QVERIFY2(check.workloadSize.isSized(), qPrintable(task.id));
                QVERIFY2(check.workloadSize.min <= check.workloadSize.nominal &&
                             check.workloadSize.nominal <= check.workloadSize.max,
                         qPrintable(task.id));
                QVERIFY2(check.budgetSeconds == 0.0, qPrintable(task.id));
                QVERIFY2(!QJsonDocument(workloadAt(check.workload, check.workloadSize.nominal))
                              .toJson()
                              .contains("$size"),
                         qPrintable(task.id));
                break;
            case CheckKind::Concurrency:
                QVERIFY2(check.waitSeconds > 0.0 && check.target > 0.0, qPrintable(task.id));
                QVERIFY2(!check.workload.isEmpty(), qPrintable(task.id));
                break;
            default:
                break;
            }
        }
    }
}

void TestBuiltinPack::quiz_data()
{
    QTest::addColumn<QString>("title");
    QTest::newRow("gil") << "The GIL";
    QTest::newRow("multiprocessing") << "Multiprocessing";
    QTest::newRow("asyncio") << "Asynchrony";
    QTest::newRow("native-libraries") << "Native libraries";
    QTest::newRow("c-extensions") << "C extensions";
}

void TestBuiltinPack::quiz()
{
    QFETCH(QString, title);
    const Lesson *lesson = m_pack.lesson(QString::fromLatin1(QTest::currentDataTag()));
    QVERIFY(lesson);
    QVERIFY(lesson->quiz.has_value());
    const Quiz &quiz = *lesson->quiz;
    QCOMPARE(quiz.title, title);
    QVERIFY2(quiz.questions.size() >= 5, "at least five questions per lesson");
    bool single = false;
    bool multiple = false;
    for (const QuizQuestion &question : quiz.questions) {
        single = single || !question.multiple;
        multiple = multiple || question.multiple;
        for (const QuizAnswer &answer : question.answers)
            QVERIFY2(!answer.explanation.trimmed().isEmpty(), qPrintable(question.id));
    }
    QVERIFY2(single && multiple, "both single and multiple choice questions");
}

QTEST_GUILESS_MAIN(TestBuiltinPack)
#include "TestBuiltinPack.moc"
