#include "CodeEditor.h"
#include "FixturePack.h"
#include "GuiTestSupport.h"
#include "MainWindow.h"
#include "OutputPane.h"
#include "RunPolicy.h"
#include "TaskView.h"

#include <QAbstractButton>
#include <QAction>
#include <QApplication>
#include <QMessageBox>
#include <QSettings>
#include <QTest>
#include <QTimer>

using namespace Unlocked;

// Stop has a menu entry and a shortcut; quitting in the middle of a grade asks first.
class TestRunControls : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void stopFromTheMenuShortcut();
    void quittingMidGradeAsks();

private:
    std::unique_ptr<MainWindow> makeWindow();
    QTemporaryDir m_home;
    int m_round = 0;
};

void TestRunControls::initTestCase()
{
    isolateGuiTest(m_home);
}

std::unique_ptr<MainWindow> TestRunControls::makeWindow()
{
    QSettings().clear();
    MainWindowOptions options;
    options.pack = sharedFixturePack();
    options.databasePath = m_home.filePath(QStringLiteral("p-%1.sqlite").arg(++m_round));
    auto window = std::make_unique<MainWindow>(options);
    window->runPolicy()->setIsolationForTesting({false, QStringLiteral("no sandbox in tests")});
    window->runPolicy()->setUnisolatedAllowed(true);
    window->show();
    window->activateWindow();
    if (!QTest::qWaitForWindowActive(window.get()))
        return nullptr;
    window->openItem(CourseItemKind::Task, QStringLiteral("add-numbers"));
    return window;
}

static QAction *actionNamed(MainWindow *window, const QString &text)
{
    for (QAction *action : window->findChildren<QAction *>())
        if (action->text() == text)
            return action;
    return nullptr;
}

void TestRunControls::stopFromTheMenuShortcut()
{
    auto window = makeWindow();
    QVERIFY(window);
    TaskView *task = window->taskView();
    QAction *stop = actionNamed(window.get(), QStringLiteral("&Stop the running program"));
    QVERIFY(stop);
    QVERIFY(!stop->isEnabled()); // nothing runs yet
    task->editor()->setText(QStringLiteral("import time\nprint('started', flush=True)\n"
                                           "while True:\n    time.sleep(0.05)\n"));
    task->run();
    QTRY_VERIFY_WITH_TIMEOUT(task->output()->text().contains(QLatin1String("started")), 20000);
    QVERIFY(stop->isEnabled());
    task->editor()->setFocus();
    QTRY_VERIFY(task->editor()->hasFocus());
    QTest::keySequence(task->editor(), stop->shortcut());
    QTRY_VERIFY_WITH_TIMEOUT(!task->output()->isRunning(), 10000);
    QVERIFY2(task->output()->status().startsWith(QLatin1String("Stopped after")),
             qPrintable(task->output()->status()));
    QVERIFY(!stop->isEnabled());
}

// Answers the question box that close() opens, once it is up.
static void answerQuitQuestion(QMessageBox::StandardButton answer, bool *asked)
{
    QTimer::singleShot(50, qApp, [answer, asked] {
        auto *box = qobject_cast<QMessageBox *>(QApplication::activeModalWidget());
        if (!box || box->objectName() != QLatin1String("quitWhileGrading"))
            return;
        *asked = true;
        box->button(answer)->click();
    });
}

void TestRunControls::quittingMidGradeAsks()
{
    auto window = makeWindow();
    QVERIFY(window);
    TaskView *task = window->taskView();
    // Slow enough to be mid-grade when close() comes.
    task->editor()->setText(
        QStringLiteral("import time\ntime.sleep(2)\n\ndef add(a, b):\n    return a + b\n"));
    task->grade();
    QVERIFY(task->isGrading());

    bool asked = false;
    answerQuitQuestion(QMessageBox::No, &asked);
    window->close();
    QVERIFY(asked);
    QVERIFY(window->isVisible()); // "No" keeps the window and the grade
    QVERIFY(task->isGrading());

    asked = false;
    answerQuitQuestion(QMessageBox::Yes, &asked);
    window->close();
    QVERIFY(asked);
    QVERIFY(!window->isVisible());
    // Let the grade end before the window goes, as after any quit.
    QTRY_VERIFY_WITH_TIMEOUT(!task->isGrading(), 30000);
}

QTEST_MAIN(TestRunControls)
#include "TestRunControls.moc"
