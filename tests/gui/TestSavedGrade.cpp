#include "CodeEditor.h"
#include "FixturePack.h"
#include "GuiTestSupport.h"
#include "MainWindow.h"
#include "RunPolicy.h"
#include "TaskView.h"

#include <QLabel>
#include <QSettings>
#include <QTest>
#include <QTreeWidget>

using namespace Unlocked;

// The last grade of a task comes back after a restart, greyed once the code has changed.
class TestSavedGrade : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void lastGradeSurvivesARestart();
    void revealedHintsSurviveARestart();

private:
    std::unique_ptr<MainWindow> makeWindow();
    QTemporaryDir m_home;
};

void TestSavedGrade::initTestCase()
{
    isolateGuiTest(m_home);
    QSettings().clear();
}

std::unique_ptr<MainWindow> TestSavedGrade::makeWindow()
{
    MainWindowOptions options;
    options.pack = sharedFixturePack();
    options.databasePath = m_home.filePath(QStringLiteral("progress.sqlite"));
    options.restorePlace = false;
    auto window = std::make_unique<MainWindow>(options);
    window->runPolicy()->setIsolationForTesting({false, QStringLiteral("no sandbox in tests")});
    window->runPolicy()->setUnisolatedAllowed(true);
    window->show();
    if (!QTest::qWaitForWindowExposed(window.get()))
        return nullptr;
    return window;
}

static QStringList rows(const QTreeWidget *tree)
{
    QStringList out;
    for (int i = 0; i < tree->topLevelItemCount(); ++i)
        out.append(tree->topLevelItem(i)->text(0) + QLatin1Char('|') +
                   tree->topLevelItem(i)->text(1) + QLatin1Char('|') +
                   tree->topLevelItem(i)->text(2));
    return out;
}

void TestSavedGrade::lastGradeSurvivesARestart()
{
    const QString code = QStringLiteral("def add(a, b):\n    return a - b\n"); // fails a case
    QStringList graded;
    {
        auto window = makeWindow();
        QVERIFY(window);
        window->openItem(CourseItemKind::Task, QStringLiteral("add-numbers"));
        TaskView *task = window->taskView();
        task->editor()->setText(code);
        task->grade();
        QTRY_VERIFY_WITH_TIMEOUT(!task->isGrading(), 120000);
        graded = rows(task->results());
        QVERIFY(!graded.isEmpty());
        QVERIFY(!task->resultsAreStale());
    }
    auto window = makeWindow(); // a new session on the same progress
    QVERIFY(window);
    window->openItem(CourseItemKind::Task, QStringLiteral("add-numbers"));
    TaskView *task = window->taskView();
    QCOMPARE(task->editor()->text(), code);
    QCOMPARE(rows(task->results()), graded);
    QVERIFY(!task->resultsAreStale());
    auto *note = task->findChild<QWidget *>(QStringLiteral("staleNote"));
    QVERIFY(note);
    QVERIFY(note->isHidden());

    task->editor()->append(QStringLiteral("# changed\n"));
    QVERIFY(task->resultsAreStale());
    QVERIFY(!note->isHidden());
    QCOMPARE(rows(task->results()), graded); // still readable
    QVERIFY(task->results()->palette().color(QPalette::Text) !=
            task->palette().color(QPalette::Text));
}

void TestSavedGrade::revealedHintsSurviveARestart()
{
    {
        auto window = makeWindow();
        QVERIFY(window);
        window->openItem(CourseItemKind::Task, QStringLiteral("add-numbers"));
        window->taskView()->showNextHint();
        QCOMPARE(window->taskView()->hintsShown(), 1);
        window->openItem(CourseItemKind::Task, QStringLiteral("hello-workers")); // none here
    }
    auto window = makeWindow();
    QVERIFY(window);
    window->setPreview(true);
    window->openItem(CourseItemKind::Task, QStringLiteral("hello-workers"));
    QCOMPARE(window->taskView()->hintsShown(), 0);
    window->openItem(CourseItemKind::Task, QStringLiteral("add-numbers"));
    QCOMPARE(window->taskView()->hintsShown(), 1);
    bool shownAgain = false;
    for (const QLabel *label : window->taskView()->findChildren<QLabel *>())
        shownAgain = shownAgain || label->text().contains(QStringLiteral("Python has an operator"));
    QVERIFY(shownAgain);
}

QTEST_MAIN(TestSavedGrade)
#include "TestSavedGrade.moc"
