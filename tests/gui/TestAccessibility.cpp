#include "FixturePack.h"
#include "GuiTestSupport.h"
#include "LessonView.h"
#include "LockedPage.h"
#include "MainWindow.h"
#include "QuizView.h"
#include "RunPolicy.h"
#include "TaskView.h"

#include <QAbstractButton>
#include <QAccessible>
#include <QAction>
#include <QMenu>
#include <QMenuBar>
#include <QSettings>
#include <QStackedWidget>
#include <QTabBar>
#include <QTest>

using namespace Unlocked;

// What a screen reader finds on every kind of page: walking the window's accessibility tree
// (QAccessible, as assistive technology does), every interactive element has a name, every
// control of the app a description too, and each can be reached from the keyboard.
class TestAccessibility : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void everyElementIsNamed_data();
    void everyElementIsNamed();
    void everyMenuActionHasAKeyboardPath();

private:
    std::unique_ptr<MainWindow> makeWindow(bool preview);
    QTemporaryDir m_home;
    int m_round = 0;
};

namespace {

bool isInteractive(QAccessible::Role role)
{
    switch (role) {
    case QAccessible::PushButton:
    case QAccessible::CheckBox:
    case QAccessible::RadioButton:
    case QAccessible::ComboBox:
    case QAccessible::EditableText:
    case QAccessible::SpinBox:
    case QAccessible::Slider:
    case QAccessible::PageTab:
    case QAccessible::PageTabList:
    case QAccessible::List:
    case QAccessible::ListItem:
    case QAccessible::Tree:
    case QAccessible::TreeItem:
    case QAccessible::Table:
    case QAccessible::Cell:
    case QAccessible::MenuItem:
    case QAccessible::ButtonMenu:
    case QAccessible::ButtonDropDown:
    case QAccessible::Link:
        return true;
    default:
        return false;
    }
}

QString roleName(QAccessible::Role role)
{
    return QString::fromLatin1(QMetaEnum::fromType<QAccessible::Role>().valueToKey(role));
}

// Widgets that Qt makes inside its own (a tab bar's scroll arrows): Qt names them, and the app
// cannot describe them.
bool isQtInternal(const QWidget *widget)
{
    return widget->objectName().startsWith(QLatin1String("qt_")) ||
           qobject_cast<const QTabBar *>(widget->parentWidget());
}

struct Walk
{
    QStringList problems;
    int interactive = 0;

    void visit(QAccessibleInterface *iface, const QString &path, int depth)
    {
        // What is not shown is not read: hidden pages are walked when they are the page shown.
        if (!iface || !iface->isValid() || depth > 60 || (iface->state().invisible && depth > 0))
            return;
        const QAccessible::Role role = iface->role();
        const QString name = iface->text(QAccessible::Name).trimmed();
        const QString here =
            path + QLatin1Char('/') + roleName(role) +
            (name.isEmpty() ? QString() : QStringLiteral("“%1”").arg(name.left(30)));
        if (isInteractive(role)) {
            ++interactive;
            auto *widget = qobject_cast<QWidget *>(iface->object());
            if (name.isEmpty())
                problems.append(here + QStringLiteral(": no accessible name"));
            else if (widget && !isQtInternal(widget) &&
                     iface->text(QAccessible::Description).trimmed().isEmpty())
                problems.append(here + QStringLiteral(": no accessible description"));
            if (widget && !(widget->focusPolicy() & Qt::TabFocus) && role != QAccessible::MenuItem)
                problems.append(here + QStringLiteral(": not reachable with Tab"));
        }
        for (int i = 0; i < iface->childCount(); ++i)
            visit(iface->child(i), here, depth + 1);
    }
};

} // namespace

void TestAccessibility::initTestCase()
{
    isolateGuiTest(m_home);
}

std::unique_ptr<MainWindow> TestAccessibility::makeWindow(bool preview)
{
    QSettings().clear();
    MainWindowOptions options;
    options.pack = sharedFixturePack();
    options.databasePath = m_home.filePath(QStringLiteral("p-%1.sqlite").arg(++m_round));
    options.preview = preview;
    auto window = std::make_unique<MainWindow>(options);
    window->runPolicy()->setIsolationForTesting({false, QStringLiteral("no sandbox in tests")});
    window->show();
    if (!QTest::qWaitForWindowExposed(window.get()))
        return nullptr;
    return window;
}

void TestAccessibility::everyElementIsNamed_data()
{
    QTest::addColumn<QString>("page");
    for (const char *page : {"welcome", "lesson", "quiz", "quiz answered", "task", "locked"})
        QTest::newRow(page) << QString::fromLatin1(page);
}

void TestAccessibility::everyElementIsNamed()
{
    QFETCH(QString, page);
    auto window = makeWindow(page != QLatin1String("locked"));
    QVERIFY(window);
    QWidget *expected = nullptr;
    if (page == QLatin1String("lesson")) {
        window->openItem(CourseItemKind::Lesson, QStringLiteral("threads"));
        expected = window->lessonView();
    } else if (page.startsWith(QLatin1String("quiz"))) {
        window->openItem(CourseItemKind::Quiz, QStringLiteral("threads-quiz"));
        expected = window->quizView();
        if (page == QLatin1String("quiz answered")) {
            window->quizView()->choose(0, 1);
            window->quizView()->choose(1, 0);
            window->quizView()->submit();
        }
    } else if (page == QLatin1String("task")) {
        window->openItem(CourseItemKind::Task, QStringLiteral("add-numbers"));
        window->taskView()->showNextHint();
        window->taskView()->run(); // no sandbox: the offer to run without isolation shows
        expected = window->taskView();
    } else if (page == QLatin1String("locked")) {
        window->openItem(CourseItemKind::Lesson, QStringLiteral("processes"));
        expected = window->lockedPage();
    } else {
        expected = window->pages()->currentWidget();
    }
    QCOMPARE(window->pages()->currentWidget(), expected);

    Walk walk;
    walk.visit(QAccessible::queryAccessibleInterface(window.get()), QStringLiteral("window"), 0);
    // Menus are windows of their own, shown on demand: their actions are walked from each menu.
    for (QMenu *menu : window->menuBar()->findChildren<QMenu *>())
        walk.visit(QAccessible::queryAccessibleInterface(menu),
                   QStringLiteral("menu “%1”").arg(menu->title()), 0);
    QVERIFY2(walk.interactive >= 15, "the walk should find the window's controls");
    QVERIFY2(walk.problems.isEmpty(), qPrintable(walk.problems.join(QLatin1Char('\n'))));
}

// Each menu entry is reached by its shortcut or by Alt and the underlined letters.
void TestAccessibility::everyMenuActionHasAKeyboardPath()
{
    auto window = makeWindow(true);
    QVERIFY(window);
    QStringList problems;
    std::function<void(QMenu *, bool)> check = [&](QMenu *menu, bool reachable) {
        for (QAction *action : menu->actions()) {
            if (action->isSeparator())
                continue;
            const bool mnemonic = reachable && action->text().contains(QLatin1Char('&'));
            if (action->menu())
                check(action->menu(), mnemonic);
            else if (!mnemonic && action->shortcuts().isEmpty())
                problems.append(menu->title() + QStringLiteral(" → ") + action->text());
        }
    };
    for (QAction *top : window->menuBar()->actions())
        check(top->menu(), top->text().contains(QLatin1Char('&')));
    QVERIFY2(problems.isEmpty(), qPrintable(problems.join(QLatin1Char('\n'))));
}

QTEST_MAIN(TestAccessibility)
#include "TestAccessibility.moc"
