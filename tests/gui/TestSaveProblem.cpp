#include "CodeEditor.h"
#include "FixturePack.h"
#include "GuiTestSupport.h"
#include "MainWindow.h"
#include "ProgressStore.h"
#include "RunPolicy.h"
#include "SaveProblemNotice.h"
#include "TaskView.h"

#include <QApplication>
#include <QLabel>
#include <QMessageBox>
#include <QSettings>
#include <QSignalSpy>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QTest>

using namespace Unlocked;

// The progress file stops taking writes while the learner types: they are told once, on the
// window, and nothing they typed is lost.
class TestSaveProblem : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void typingGoesOnWhenProgressCannotBeSaved();

private:
    QTemporaryDir m_home;
};

void TestSaveProblem::initTestCase()
{
    isolateGuiTest(m_home);
    QSettings().clear();
}

namespace {
// The window's own connection to the progress file, so that its writes fail as they do on a
// read-only file (as root, chmod would not stop them).
bool setReadOnly(bool readOnly)
{
    for (const QString &name : QSqlDatabase::connectionNames()) {
        if (!name.startsWith(QLatin1String("progress-")))
            continue;
        QSqlQuery q(QSqlDatabase::database(name));
        return q.exec(QStringLiteral("PRAGMA query_only=%1").arg(readOnly ? 1 : 0));
    }
    return false;
}

int visibleMessageBoxes()
{
    int n = 0;
    for (QWidget *w : QApplication::topLevelWidgets())
        n += qobject_cast<QMessageBox *>(w) && w->isVisible();
    return n;
}
} // namespace

void TestSaveProblem::typingGoesOnWhenProgressCannotBeSaved()
{
    const QString db = m_home.filePath(QStringLiteral("progress.sqlite"));
    MainWindowOptions options;
    options.pack = sharedFixturePack();
    options.databasePath = db;
    MainWindow window(options);
    window.runPolicy()->setIsolationForTesting({false, QStringLiteral("no sandbox in tests")});
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    QLabel *notice = window.saveProblemNotice();
    QVERIFY(notice && !notice->isVisible());

    window.openItem(CourseItemKind::Task, QStringLiteral("add-numbers"));
    TaskView *task = window.taskView();
    CodeEditor *editor = task->editor();
    editor->setFocus();
    editor->setCursorPosition(0, 0);
    QTest::keyClicks(editor, QStringLiteral("# saved "));
    QTRY_COMPARE_WITH_TIMEOUT(
        window.store()->draft(QStringLiteral("add-numbers")).value_or(QString()), editor->text(),
        5000);
    QVERIFY(!notice->isVisible());

    QSignalSpy told(window.store(), &ProgressStore::saveStateChanged);
    QVERIFY(setReadOnly(true));
    for (const char *words : {"# not ", "saved ", "yet "}) {
        QTest::keyClicks(editor, QLatin1String(words));
        QTest::qWait(700); // past the debounce, so each pause is one refused write
    }
    const QString typed = editor->text();
    QVERIFY(typed.startsWith(QLatin1String("# saved # not saved yet ")));
    QTRY_VERIFY_WITH_TIMEOUT(notice->isVisible(), 5000);
    QVERIFY(notice->text().contains(QLatin1String("could not be saved")));
    QCOMPARE(told.size(), 1);           // one notice for many refused writes
    QCOMPARE(visibleMessageBoxes(), 0); // and no dialog in the learner's way
    QVERIFY(window.store()->hasUnsavedWrites());

    // Leaving the task and coming back must not bring back the older draft in the file.
    window.openItem(CourseItemKind::Lesson, QStringLiteral("threads"));
    window.openItem(CourseItemKind::Task, QStringLiteral("add-numbers"));
    QCOMPARE(editor->text(), typed);
    QVERIFY(notice->isVisible());

    // The file takes writes again: the store catches up by itself and the notice goes.
    QVERIFY(setReadOnly(false));
    QTRY_VERIFY_WITH_TIMEOUT(!notice->isVisible(), 20000);
    QVERIFY(!window.store()->hasUnsavedWrites());
    ProgressStore reader(db);
    reader.setPackId(QStringLiteral("gui-fixture"));
    QCOMPARE(reader.draft(QStringLiteral("add-numbers")).value_or(QString()), typed);
    QCOMPARE(reader.readLessons(), QSet<QString>{QStringLiteral("threads")});
}

QTEST_MAIN(TestSaveProblem)
#include "TestSaveProblem.moc"
