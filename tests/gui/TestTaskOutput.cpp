#include "CodeEditor.h"
#include "FixturePack.h"
#include "GuiTestSupport.h"
#include "LessonView.h"
#include "MainWindow.h"
#include "OutputPane.h"
#include "RunPolicy.h"
#include "TaskView.h"

#include <QSettings>
#include <QTest>

using namespace Unlocked;

// Each task keeps its own Run output: opening a task never shows another task's program.
class TestTaskOutput : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void eachTaskShowsItsOwnOutput();
    void aRunKeepsWritingToItsOwnTask();
    void eachLessonShowsItsOwnExamples();

private:
    std::unique_ptr<MainWindow> makeWindow();
    QTemporaryDir m_home;
    int m_round = 0;
};

void TestTaskOutput::initTestCase()
{
    isolateGuiTest(m_home);
}

std::unique_ptr<MainWindow> TestTaskOutput::makeWindow()
{
    QSettings().clear();
    MainWindowOptions options;
    options.pack = sharedFixturePack();
    options.databasePath = m_home.filePath(QStringLiteral("p-%1.sqlite").arg(++m_round));
    options.preview = true; // both tasks open
    auto window = std::make_unique<MainWindow>(options);
    // The same path whatever the machine offers: no sandbox, and the learner has opted in.
    window->runPolicy()->setIsolationForTesting({false, QStringLiteral("no sandbox in tests")});
    window->runPolicy()->setUnisolatedAllowed(true);
    window->show();
    if (!QTest::qWaitForWindowExposed(window.get()))
        return nullptr;
    return window;
}

static bool runAndWait(TaskView *task, const QString &code)
{
    task->editor()->setText(code);
    task->run();
    return QTest::qWaitFor([task] { return !task->output()->isRunning(); }, 20000);
}

void TestTaskOutput::eachTaskShowsItsOwnOutput()
{
    auto window = makeWindow();
    QVERIFY(window);
    window->openItem(CourseItemKind::Task, QStringLiteral("add-numbers"));
    TaskView *task = window->taskView();
    QVERIFY(runAndWait(task, QStringLiteral("print('from the first task')\n")));
    QTRY_VERIFY(task->output()->text().contains(QLatin1String("from the first task")));
    const QString firstStatus = task->output()->status();

    window->openItem(CourseItemKind::Task, QStringLiteral("hello-workers"));
    QCOMPARE(task->output()->text(), QString()); // not the other task's output
    QVERIFY(task->output()->status() != firstStatus || firstStatus.isEmpty());
    QVERIFY(runAndWait(task, QStringLiteral("print('from the second task')\n")));
    QTRY_VERIFY(task->output()->text().contains(QLatin1String("from the second task")));

    window->openItem(CourseItemKind::Task, QStringLiteral("add-numbers"));
    QVERIFY(task->output()->text().contains(QLatin1String("from the first task")));
    QVERIFY(!task->output()->text().contains(QLatin1String("second")));
    QCOMPARE(task->output()->status(), firstStatus);
}

void TestTaskOutput::aRunKeepsWritingToItsOwnTask()
{
    auto window = makeWindow();
    QVERIFY(window);
    window->openItem(CourseItemKind::Task, QStringLiteral("add-numbers"));
    TaskView *task = window->taskView();
    task->editor()->setText(QStringLiteral("import time\nprint('early', flush=True)\n"
                                           "time.sleep(1.5)\nprint('late', flush=True)\n"));
    task->run();
    QTRY_VERIFY_WITH_TIMEOUT(task->output()->text().contains(QLatin1String("early")), 20000);
    // Away while it still runs: what it prints now belongs to the first task.
    // (The pane shown now is the other task's, so it cannot tell when the run ends: give the
    // run time to print while away. On a slower machine it prints after the return instead,
    // which the checks below accept too.)
    window->openItem(CourseItemKind::Task, QStringLiteral("hello-workers"));
    QTest::qWait(3000);
    QCOMPARE(task->output()->text(), QString());
    window->openItem(CourseItemKind::Task, QStringLiteral("add-numbers"));
    QVERIFY(task->output()->text().contains(QLatin1String("early")));
    QTRY_VERIFY_WITH_TIMEOUT(task->output()->text().contains(QLatin1String("late")), 20000);
    window->openItem(CourseItemKind::Task, QStringLiteral("hello-workers"));
    QCOMPARE(task->output()->text(), QString());
}

// A lesson's output pane shows that lesson's example runs, never those of the lesson read before.
void TestTaskOutput::eachLessonShowsItsOwnExamples()
{
    auto window = makeWindow();
    QVERIFY(window);
    window->openItem(CourseItemKind::Lesson, QStringLiteral("threads"));
    LessonView *lesson = window->lessonView();
    lesson->runExample(1);
    QVERIFY(QTest::qWaitFor([lesson] { return !lesson->output()->isRunning(); }, 20000));
    QTRY_VERIFY(lesson->output()->text().contains(QLatin1String("sum: 45")));
    const QString status = lesson->output()->status();

    window->openItem(CourseItemKind::Lesson, QStringLiteral("processes"));
    QCOMPARE(lesson->output()->text(), QString());
    QVERIFY(lesson->output()->status() != status);

    window->openItem(CourseItemKind::Lesson, QStringLiteral("threads"));
    QVERIFY(lesson->output()->text().contains(QLatin1String("sum: 45")));
    QCOMPARE(lesson->output()->status(), status);
}

QTEST_MAIN(TestTaskOutput)
#include "TestTaskOutput.moc"
