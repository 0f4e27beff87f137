#include "CodeEditor.h"
#include "FixturePack.h"
#include "GuiTestSupport.h"
#include "LessonView.h"
#include "MainWindow.h"
#include "OutputPane.h"
#include "ProgressStore.h"
#include "RunPolicy.h"
#include "TaskView.h"

#include <QPushButton>
#include <QSettings>
#include <QTest>
#include <QTreeWidget>

using namespace Unlocked;

class TestTaskView : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void init();
    void loadsStarterThenDraft();
    void draftIsSavedWhileTyping();
    void draftIsSavedWhenTheWindowGoes();
    void hintsOneAtATime();
    void lessonExampleRunsAfterOptIn();
    void gradingRecordsAnAttempt();
    void ctrlEnterRunsFromTheEditor();
    void outputStreamsAndStopEndsTheRun();

private:
    std::unique_ptr<MainWindow> makeWindow();
    QTemporaryDir m_home;
    QString m_db;
    int m_round = 0;
};

void TestTaskView::initTestCase()
{
    isolateGuiTest(m_home);
}

void TestTaskView::init()
{
    m_db = m_home.filePath(QStringLiteral("progress-%1.sqlite").arg(++m_round));
    QSettings().clear();
}

std::unique_ptr<MainWindow> TestTaskView::makeWindow()
{
    MainWindowOptions options;
    options.pack = sharedFixturePack();
    options.databasePath = m_db;
    auto window = std::make_unique<MainWindow>(options);
    // Deterministic whatever the machine offers: no isolation, so the opt-in path is taken.
    window->runPolicy()->setIsolationForTesting({false, QStringLiteral("no sandbox in tests")});
    window->show();
    if (!QTest::qWaitForWindowExposed(window.get()))
        return nullptr;
    return window;
}

void TestTaskView::loadsStarterThenDraft()
{
    auto window = makeWindow();
    QVERIFY(window);
    window->openItem(CourseItemKind::Task, QStringLiteral("add-numbers"));
    TaskView *task = window->taskView();
    QCOMPARE(task->editor()->text(), QStringLiteral("def add(a, b):\n    pass\n"));
    window->store()->saveDraft(QStringLiteral("hello-workers"), QStringLiteral("print('mine')\n"));
    window->setPreview(true);
    window->openItem(CourseItemKind::Task, QStringLiteral("hello-workers"));
    QCOMPARE(task->editor()->text(), QStringLiteral("print('mine')\n"));
}

void TestTaskView::draftIsSavedWhileTyping()
{
    auto window = makeWindow();
    QVERIFY(window);
    window->openItem(CourseItemKind::Task, QStringLiteral("add-numbers"));
    CodeEditor *editor = window->taskView()->editor();
    editor->setFocus();
    editor->setCursorPosition(1, 8);
    QTest::keyClicks(editor, QStringLiteral("  # typed"));
    QVERIFY(editor->text().contains(QLatin1String("# typed")));
    QVERIFY(!window->store()->draft(QStringLiteral("add-numbers")).has_value());
    // No close, no switch: the debounce alone must write it.
    QTRY_COMPARE_WITH_TIMEOUT(
        window->store()->draft(QStringLiteral("add-numbers")).value_or(QString()), editor->text(),
        5000);
}

void TestTaskView::draftIsSavedWhenTheWindowGoes()
{
    auto window = makeWindow();
    QVERIFY(window);
    window->openItem(CourseItemKind::Task, QStringLiteral("add-numbers"));
    CodeEditor *editor = window->taskView()->editor();
    editor->setFocus();
    editor->setCursorPosition(0, 0);
    QTest::keyClicks(editor, QStringLiteral("# last words "));
    const QString typed = editor->text();
    window.reset(); // no close event, no debounce: only the panes' own teardown
    ProgressStore store(m_db);
    store.setPackId(QStringLiteral("gui-fixture"));
    QCOMPARE(store.draft(QStringLiteral("add-numbers")).value_or(QString()), typed);
}

void TestTaskView::hintsOneAtATime()
{
    auto window = makeWindow();
    QVERIFY(window);
    window->openItem(CourseItemKind::Task, QStringLiteral("add-numbers"));
    TaskView *task = window->taskView();
    QCOMPARE(task->hintsShown(), 0);
    task->showNextHint();
    QCOMPARE(task->hintsShown(), 1);
    task->showNextHint();
    task->showNextHint();
    QCOMPARE(task->hintsShown(), 2); // there are two
}

void TestTaskView::lessonExampleRunsAfterOptIn()
{
    auto window = makeWindow();
    QVERIFY(window);
    window->openItem(CourseItemKind::Lesson, QStringLiteral("threads"));
    LessonView *lesson = window->lessonView();
    lesson->runExample(1); // print("sum:", sum(range(10)))
    OutputPane *output = lesson->output();
    QVERIFY(output->isVisible());
    QVERIFY(!output->isRunning()); // waits for the learner's explicit opt-in
    auto *optIn = output->findChild<QPushButton *>(QStringLiteral("optInUnisolated"));
    QVERIFY(optIn && optIn->isVisible());
    optIn->click();
    QVERIFY(window->runPolicy()->unisolatedAllowed());
    QTRY_VERIFY_WITH_TIMEOUT(output->text().contains(QLatin1String("sum: 45")), 20000);
    QTRY_VERIFY(!output->isRunning());
}

void TestTaskView::gradingRecordsAnAttempt()
{
    auto window = makeWindow();
    QVERIFY(window);
    window->runPolicy()->setUnisolatedAllowed(true);
    window->openItem(CourseItemKind::Task, QStringLiteral("add-numbers"));
    // The next lesson opens only once this right answer passes.
    QVERIFY(window->courseModel()->state(CourseItemKind::Lesson, QStringLiteral("processes")) !=
            ItemState::Open);
    TaskView *task = window->taskView();
    task->editor()->setText(QStringLiteral("def add(a, b):\n    return a + b\n"));
    task->grade();
    QTRY_VERIFY_WITH_TIMEOUT(!task->isGrading(), 120000);
    QTRY_COMPARE(window->store()->attempts(QStringLiteral("add-numbers")).size(), 1);
    const Attempt attempt = window->store()->attempts(QStringLiteral("add-numbers")).first();
    QCOMPARE(attempt.code, QStringLiteral("def add(a, b):\n    return a + b\n"));
    QVERIFY(task->results()->topLevelItemCount() > 0);
    QCOMPARE(attempt.verdict, Verdict::Passed);
    QTRY_COMPARE(window->courseModel()->state(CourseItemKind::Lesson, QStringLiteral("processes")),
                 ItemState::Open);
}

void TestTaskView::ctrlEnterRunsFromTheEditor()
{
    auto window = makeWindow();
    QVERIFY(window);
    window->runPolicy()->setUnisolatedAllowed(true);
    window->openItem(CourseItemKind::Task, QStringLiteral("add-numbers"));
    TaskView *task = window->taskView();
    task->editor()->setText(QStringLiteral("print('from the keyboard')\n"));
    task->editor()->setFocus();
    QTRY_VERIFY(task->editor()->hasFocus());
    QTest::keyClick(task->editor(), Qt::Key_Return, Qt::ControlModifier);
    QCOMPARE(task->editor()->text(), QStringLiteral("print('from the keyboard')\n"));
    QTRY_VERIFY_WITH_TIMEOUT(task->output()->text().contains(QLatin1String("from the keyboard")),
                             20000);
}

void TestTaskView::outputStreamsAndStopEndsTheRun()
{
    auto window = makeWindow();
    QVERIFY(window);
    window->runPolicy()->setUnisolatedAllowed(true);
    window->openItem(CourseItemKind::Task, QStringLiteral("add-numbers"));
    TaskView *task = window->taskView();
    // Runs until stopped: only Stop (or the wall limit, whose summary differs) can end it.
    task->editor()->setText(QStringLiteral("import time\nprint('started', flush=True)\n"
                                           "while True:\n    time.sleep(0.05)\n"));
    task->run();
    OutputPane *output = task->output();
    // Seen while the program still runs: the output streams.
    QTRY_VERIFY_WITH_TIMEOUT(output->text().contains(QLatin1String("started")), 10000);
    QVERIFY(output->isRunning());
    output->stop();
    QTRY_VERIFY_WITH_TIMEOUT(!output->isRunning(), 10000);
    QVERIFY2(output->status().startsWith(QLatin1String("Stopped after")),
             qPrintable(output->status()));
}

QTEST_MAIN(TestTaskView)
#include "TestTaskView.moc"
