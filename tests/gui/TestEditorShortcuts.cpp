#include "CodeEditor.h"
#include "FixturePack.h"
#include "GuiTestSupport.h"
#include "MainWindow.h"
#include "TaskView.h"

#include <QAction>
#include <QSettings>
#include <QSignalSpy>
#include <QTest>
#include <QTreeView>

using namespace Unlocked;

// Every shortcut of the window must reach its action while the learner types in the editor,
// and must leave the code alone: QScintilla binds many keys of its own (Ctrl+L cuts a line).
class TestEditorShortcuts : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void init();
    void shortcutReachesItsAction_data();
    void shortcutReachesItsAction();
    void ctrlLGoesToTheCourseMap();
    void editingKeysStillEdit();

private:
    std::unique_ptr<MainWindow> makeWindowInTask();
    static QList<QAction *> shortcutActions(MainWindow *window);
    QTemporaryDir m_home;
    int m_round = 0;
};

static const QString kCode = QStringLiteral("def add(a, b):\n    return a + b\n");

void TestEditorShortcuts::initTestCase()
{
    isolateGuiTest(m_home);
}

void TestEditorShortcuts::init()
{
    QSettings().clear();
}

std::unique_ptr<MainWindow> TestEditorShortcuts::makeWindowInTask()
{
    MainWindowOptions options;
    options.pack = sharedFixturePack();
    options.databasePath = m_home.filePath(QStringLiteral("progress-%1.sqlite").arg(++m_round));
    auto window = std::make_unique<MainWindow>(options);
    window->show();
    window->activateWindow();
    if (!QTest::qWaitForWindowActive(window.get()))
        return nullptr;
    window->openItem(CourseItemKind::Task, QStringLiteral("add-numbers"));
    CodeEditor *editor = window->taskView()->editor();
    editor->setText(kCode);
    editor->setCursorPosition(1, 4);
    editor->setFocus();
    return window;
}

QList<QAction *> TestEditorShortcuts::shortcutActions(MainWindow *window)
{
    QList<QAction *> out;
    for (QAction *action : window->findChildren<QAction *>())
        if (!action->shortcuts().isEmpty() && !action->text().isEmpty())
            out.append(action);
    return out;
}

void TestEditorShortcuts::shortcutReachesItsAction_data()
{
    QTest::addColumn<QString>("actionText");
    QTest::addColumn<QKeySequence>("keys");
    // The rows come from the window itself, so that a shortcut added later is checked too.
    auto window = makeWindowInTask();
    QVERIFY(window);
    int rows = 0;
    for (QAction *action : shortcutActions(window.get())) {
        for (const QKeySequence &keys : action->shortcuts()) {
            QTest::addRow("%s %s", qPrintable(action->text().remove(QLatin1Char('&'))),
                          qPrintable(keys.toString()))
                << action->text() << keys;
            ++rows;
        }
    }
    QVERIFY2(rows >= 8, "the window should have its menu shortcuts");
}

void TestEditorShortcuts::shortcutReachesItsAction()
{
    QFETCH(QString, actionText);
    QFETCH(QKeySequence, keys);
    auto window = makeWindowInTask();
    QVERIFY(window);
    CodeEditor *editor = window->taskView()->editor();
    QTRY_VERIFY(editor->hasFocus());
    QAction *action = nullptr;
    for (QAction *candidate : shortcutActions(window.get()))
        if (candidate->text() == actionText)
            action = candidate;
    QVERIFY(action);
    // What the action does (a file dialog, quitting) is not the point here, and would block:
    // only that the key reaches it.
    QObject::disconnect(action, &QAction::triggered, nullptr, nullptr);
    QSignalSpy triggered(action, &QAction::triggered);
    const bool enabled = action->isEnabled();

    QTest::keySequence(editor, keys);

    QCOMPARE(editor->text(), kCode);
    if (enabled)
        QCOMPARE(triggered.count(), 1);
}

void TestEditorShortcuts::ctrlLGoesToTheCourseMap()
{
    auto window = makeWindowInTask();
    QVERIFY(window);
    CodeEditor *editor = window->taskView()->editor();
    QTRY_VERIFY(editor->hasFocus());
    QTest::keyClick(editor, Qt::Key_L, Qt::ControlModifier);
    QTRY_VERIFY(window->courseMap()->hasFocus());
    QCOMPARE(editor->text(), kCode);
}

void TestEditorShortcuts::editingKeysStillEdit()
{
    // The filter must not eat the editor's own keys: Ctrl+Z still undoes, typing still types.
    auto window = makeWindowInTask();
    QVERIFY(window);
    CodeEditor *editor = window->taskView()->editor();
    QTRY_VERIFY(editor->hasFocus());
    QTest::keyClicks(editor, QStringLiteral("x"));
    QVERIFY(editor->text() != kCode);
    QTest::keyClick(editor, Qt::Key_Z, Qt::ControlModifier);
    QCOMPARE(editor->text(), kCode);
}

QTEST_MAIN(TestEditorShortcuts)
#include "TestEditorShortcuts.moc"
