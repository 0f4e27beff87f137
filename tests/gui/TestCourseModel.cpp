#include "CourseModel.h"
#include "FixturePack.h"

#include <QTest>

using namespace Unlocked;

class TestCourseModel : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void listsLessonsWithTasksAndQuizInOrder();
    void states_data();
    void states();
    void progress();
};

void TestCourseModel::listsLessonsWithTasksAndQuizInOrder()
{
    CourseModel model;
    model.setPack(sharedFixturePack());
    QCOMPARE(model.rowCount(), 3);
    QCOMPARE(model.index(0, 0).data().toString(), QStringLiteral("Threads and the GIL"));
    const QModelIndex threads = model.index(0, 0);
    QCOMPARE(model.rowCount(threads), 2);
    QCOMPARE(model.index(0, 0, threads).data().toString(), QStringLiteral("Add two numbers"));
    QCOMPARE(CourseItemKind(model.index(1, 0, threads).data(CourseModel::KindRole).toInt()),
             CourseItemKind::Quiz);
    QCOMPARE(model.index(1, 0, threads).data().toString(), QStringLiteral("Quiz: The GIL"));
    QCOMPARE(model.rowCount(model.index(2, 0)), 0);
}

void TestCourseModel::states_data()
{
    QTest::addColumn<QStringList>("passed");
    QTest::addColumn<QStringList>("attempted");
    QTest::addColumn<int>("kind");
    QTest::addColumn<QString>("id");
    QTest::addColumn<int>("state");

    const int lesson = int(CourseItemKind::Lesson), task = int(CourseItemKind::Task);
    QTest::addRow("fresh first task")
        << QStringList() << QStringList() << task << "add-numbers" << int(ItemState::Open);
    QTest::addRow("attempted task") << QStringList() << QStringList{"add-numbers"} << task
                                    << "add-numbers" << int(ItemState::Attempted);
    QTest::addRow("attempted lesson") << QStringList() << QStringList{"add-numbers"} << lesson
                                      << "threads" << int(ItemState::Attempted);
    QTest::addRow("locked task") << QStringList() << QStringList() << task << "hello-workers"
                                 << int(ItemState::Locked);
    QTest::addRow("opened task") << QStringList{"add-numbers"} << QStringList{"add-numbers"} << task
                                 << "hello-workers" << int(ItemState::Open);
    QTest::addRow("passed task") << QStringList{"add-numbers"} << QStringList{"add-numbers"} << task
                                 << "add-numbers" << int(ItemState::Passed);
    QTest::addRow("lesson with quiz left") << QStringList{"add-numbers"} << QStringList() << lesson
                                           << "threads" << int(ItemState::Attempted);
    QTest::addRow("passed task behind a lock") << QStringList{"hello-workers"} << QStringList()
                                               << lesson << "processes" << int(ItemState::Locked);
}

void TestCourseModel::states()
{
    QFETCH(QStringList, passed);
    QFETCH(QStringList, attempted);
    QFETCH(int, kind);
    QFETCH(QString, id);
    QFETCH(int, state);
    CourseModel model;
    model.setPack(sharedFixturePack());
    ProgressSnapshot progress;
    progress.passedTasks = QSet<QString>(passed.begin(), passed.end());
    progress.attemptedTasks = QSet<QString>(attempted.begin(), attempted.end());
    model.setProgress(progress);
    QCOMPARE(int(model.state(CourseItemKind(kind), id)), state);
    const QModelIndex index = model.find(CourseItemKind(kind), id);
    if (CourseItemKind(kind) == CourseItemKind::Task)
        QCOMPARE(index.siblingAtColumn(1).data().toString(), itemStateName(ItemState(state)));
    if (ItemState(state) == ItemState::Locked)
        QVERIFY(index.data(Qt::ToolTipRole).toString().startsWith(QStringLiteral("Pass “")));
}

void TestCourseModel::progress()
{
    CourseModel model;
    model.setPack(sharedFixturePack());
    ProgressSnapshot progress;
    progress.passedTasks = {QStringLiteral("add-numbers")};
    progress.passedQuizzes = {QStringLiteral("threads-quiz")};
    model.setProgress(progress);
    QCOMPARE(model.tasksPassed(), 1);
    QCOMPARE(model.tasksTotal(), 2);
    QCOMPARE(model.progressText(), QStringLiteral("1 of 2 tasks passed · 1 of 1 quizzes"));
    QCOMPARE(model.state(CourseItemKind::Lesson, QStringLiteral("threads")), ItemState::Passed);
    model.setUnlockAll(true);
    QCOMPARE(model.state(CourseItemKind::Lesson, QStringLiteral("asyncio")), ItemState::Open);
}

QTEST_MAIN(TestCourseModel)
#include "TestCourseModel.moc"
