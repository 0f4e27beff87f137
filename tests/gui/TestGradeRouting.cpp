#include "CodeEditor.h"
#include "FixturePack.h"
#include "GuiTestSupport.h"
#include "MainWindow.h"
#include "ProgressStore.h"
#include "RunPolicy.h"
#include "TaskView.h"

#include <QLabel>
#include <QPushButton>
#include <QSettings>
#include <QTabWidget>
#include <QTest>
#include <QTreeWidget>

using namespace Unlocked;

// A grade belongs to the task that was graded, whichever page is showing when it ends.
class TestGradeRouting : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void resultStaysWithTheGradedTask();

private:
    QTemporaryDir m_home;
};

void TestGradeRouting::initTestCase()
{
    isolateGuiTest(m_home);
    QSettings().clear();
}

namespace {
QString statusOf(TaskView *task)
{
    auto *label = task->findChild<QLabel *>(QStringLiteral("taskStatus"));
    return label ? label->text() : QStringLiteral("<no status label>");
}
QStringList checkNames(TaskView *task)
{
    QStringList names;
    for (int i = 0; i < task->results()->topLevelItemCount(); ++i)
        names.append(task->results()->topLevelItem(i)->text(0));
    return names;
}
} // namespace

void TestGradeRouting::resultStaysWithTheGradedTask()
{
    MainWindowOptions options;
    options.pack = sharedFixturePack();
    options.databasePath = m_home.filePath(QStringLiteral("progress.sqlite"));
    MainWindow window(options);
    window.runPolicy()->setIsolationForTesting({false, QStringLiteral("no sandbox in tests")});
    window.runPolicy()->setUnisolatedAllowed(true);
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    const QString a = QStringLiteral("add-numbers");   // one correctness check: nothing is timed
    const QString b = QStringLiteral("hello-workers"); // in the lesson that A's pass unlocks
    CourseModel *model = window.courseModel();
    QCOMPARE(model->state(CourseItemKind::Lesson, QStringLiteral("processes")), ItemState::Locked);

    window.openItem(CourseItemKind::Task, a);
    TaskView *task = window.taskView();
    const QString solution = QStringLiteral("def add(a, b):\n    return a + b\n");
    task->editor()->setText(solution);
    task->grade();
    QVERIFY(task->isGrading());

    // Off to B while A is graded: the result comes back to an event loop that shows B.
    window.setPreview(true);
    window.openItem(CourseItemKind::Task, b);
    QCOMPARE(task->taskId(), b);
    QTRY_VERIFY_WITH_TIMEOUT(!task->isGrading(), 120000);

    QCOMPARE(window.store()->attempts(a).size(), 1);
    QCOMPARE(window.store()->attempts(a).constFirst().code, solution);
    QCOMPARE(window.store()->attempts(a).constFirst().verdict, Verdict::Passed);
    QVERIFY(window.store()->attempts(b).isEmpty());
    // The course map took A's pass in as it came, with no page change to refresh it.
    QCOMPARE(model->state(CourseItemKind::Task, a), ItemState::Passed);
    QCOMPARE(model->tasksPassed(), 1);
    QCOMPARE(task->taskId(), b);
    QVERIFY2(checkNames(task).isEmpty(), qPrintable(checkNames(task).join(QLatin1Char(','))));
    const QString statusOnB = statusOf(task);
    QVERIFY2(!statusOnB.contains(QLatin1String("Passed")), qPrintable(statusOnB));
    QVERIFY2(statusOnB.contains(QLatin1String("Your file")), qPrintable(statusOnB));
    QVERIFY(task->editor()->text() != solution);
    auto *gradeButton = task->findChild<QPushButton *>(QStringLiteral("gradeButton"));
    QVERIFY(gradeButton && gradeButton->isEnabled());
    QCOMPARE(task->findChild<QTabWidget *>()->count(), 2); // Output and Results: no chart

    // A's progress moved for A: its lesson's successor unlocked, seen without preview.
    window.setPreview(false);
    QCOMPARE(model->state(CourseItemKind::Task, a), ItemState::Passed);
    QVERIFY(model->state(CourseItemKind::Lesson, QStringLiteral("processes")) != ItemState::Locked);

    // And A's page shows A's result when it is opened again.
    window.openItem(CourseItemKind::Task, a);
    QCOMPARE(task->taskId(), a);
    QCOMPARE(checkNames(task), QStringList{QStringLiteral("cases")});
    QCOMPARE(task->results()->topLevelItem(0)->text(1), verdictName(Verdict::Passed));
    QVERIFY2(statusOf(task).startsWith(QLatin1String("Passed")), qPrintable(statusOf(task)));

    // Back on B, still nothing of A.
    window.openItem(CourseItemKind::Task, b);
    QVERIFY(checkNames(task).isEmpty());
    QVERIFY(!statusOf(task).contains(QLatin1String("Passed")));
}

QTEST_MAIN(TestGradeRouting)
#include "TestGradeRouting.moc"
