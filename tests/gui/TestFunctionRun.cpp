#include "CodeEditor.h"
#include "FixturePack.h"
#include "GuiTestSupport.h"
#include "MainWindow.h"
#include "OutputPane.h"
#include "RunPolicy.h"
#include "TaskView.h"

#include <QPushButton>
#include <QSettings>
#include <QTest>

using namespace Unlocked;

// Run of a function task calls the entry point on the task's visible cases and shows each call
// with its result or traceback, never a hidden case (the fixture's add(-5, 5)).
class TestFunctionRun : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void cleanup() { m_window.reset(); }
    void runShowsTheVisibleCalls();
    void runShowsTheTracebackOfACall();
    void theRunButtonSaysWhatItCalls();

private:
    std::unique_ptr<MainWindow> openAddNumbers();
    QString runAndWait(const QString &code);
    QTemporaryDir m_home;
    std::unique_ptr<MainWindow> m_window;
    int m_round = 0;
};

void TestFunctionRun::initTestCase()
{
    isolateGuiTest(m_home);
}

std::unique_ptr<MainWindow> TestFunctionRun::openAddNumbers()
{
    QSettings().clear();
    MainWindowOptions options;
    options.pack = sharedFixturePack();
    options.databasePath = m_home.filePath(QStringLiteral("p-%1.sqlite").arg(++m_round));
    options.preview = true;
    auto window = std::make_unique<MainWindow>(options);
    // In the sandbox when this machine has one; otherwise as a learner who opted out of it.
    window->runPolicy()->setUnisolatedAllowed(true);
    window->show();
    if (!QTest::qWaitForWindowExposed(window.get()))
        return nullptr;
    window->openItem(CourseItemKind::Task, QStringLiteral("add-numbers"));
    return window;
}

QString TestFunctionRun::runAndWait(const QString &code)
{
    TaskView *task = m_window->taskView();
    task->editor()->setText(code);
    task->run();
    if (!QTest::qWaitFor([task] { return !task->output()->isRunning(); }, 30000))
        return QStringLiteral("(still running)");
    // The last streamed text is queued to the GUI thread before the run's end.
    QCoreApplication::processEvents();
    return task->output()->text();
}

void TestFunctionRun::runShowsTheVisibleCalls()
{
    m_window = openAddNumbers();
    QVERIFY(m_window);
    const QString shown = runAndWait(QStringLiteral("def add(a, b):\n    return a + b\n"));
    QCOMPARE(shown, QStringLiteral("add(1, 2) → 3\n"));
    QVERIFY2(m_window->taskView()->output()->status().startsWith(QLatin1String("Finished")),
             qPrintable(m_window->taskView()->output()->status()));
}

void TestFunctionRun::runShowsTheTracebackOfACall()
{
    m_window = openAddNumbers();
    QVERIFY(m_window);
    const QString shown =
        runAndWait(QStringLiteral("def add(a, b):\n    raise ValueError(f'no sum of {a}')\n"));
    QVERIFY2(shown.startsWith(QLatin1String("add(1, 2) raised ValueError:\nTraceback")),
             qPrintable(shown));
    QVERIFY2(shown.contains(QLatin1String("line 2, in add")), qPrintable(shown));
    QVERIFY2(shown.endsWith(QLatin1String("ValueError: no sum of 1\n")), qPrintable(shown));
    QVERIFY2(!shown.contains(QLatin1String("-5")), qPrintable(shown));
}

void TestFunctionRun::theRunButtonSaysWhatItCalls()
{
    m_window = openAddNumbers();
    QVERIFY(m_window);
    QPushButton *run = nullptr;
    for (QPushButton *button : m_window->taskView()->findChildren<QPushButton *>())
        if (button->text().contains(QLatin1String("Run")))
            run = button;
    QVERIFY(run);
    QVERIFY2(run->toolTip().contains(QLatin1String("add()")), qPrintable(run->toolTip()));
}

QTEST_MAIN(TestFunctionRun)
#include "TestFunctionRun.moc"
