#include "FixturePack.h"
#include "GuiTestSupport.h"
#include "LockedPage.h"
#include "MainWindow.h"

#include <QSettings>
#include <QStackedWidget>
#include <QTest>

using namespace Unlocked;

// A locked page speaks of tasks and lessons as the course map shows them: by title, never id.
class TestLockedPages : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void namesByTitle_data();
    void namesByTitle();

private:
    QTemporaryDir m_home;
    int m_round = 0;
};

void TestLockedPages::initTestCase()
{
    isolateGuiTest(m_home);
}

void TestLockedPages::namesByTitle_data()
{
    QTest::addColumn<int>("kind");
    QTest::addColumn<QString>("id");
    QTest::addColumn<QString>("title");
    QTest::addColumn<QString>("reason");
    QTest::addColumn<QString>("go");
    QTest::addRow("lesson") << int(CourseItemKind::Lesson) << "processes"
                            << "“Processes” is locked"
                            << "Pass “Add two numbers” in “Threads and the GIL” first."
                            << "Go to “Add two numbers”";
    QTest::addRow("task of a locked lesson")
        << int(CourseItemKind::Task) << "hello-workers"
        << "“Hello from workers” is locked"
        << "Pass “Add two numbers” in “Threads and the GIL” first."
        << "Go to “Add two numbers”";
    QTest::addRow("the whole chain")
        << int(CourseItemKind::Lesson) << "asyncio"
        << "“Asyncio” is locked"
        << "Pass “Add two numbers” in “Threads and the GIL”, then “Hello from workers” in "
           "“Processes” first."
        << "Go to “Add two numbers”";
}

void TestLockedPages::namesByTitle()
{
    QFETCH(int, kind);
    QFETCH(QString, id);
    QFETCH(QString, title);
    QFETCH(QString, reason);
    QFETCH(QString, go);
    QSettings().clear();
    MainWindowOptions options;
    options.pack = sharedFixturePack();
    options.databasePath = m_home.filePath(QStringLiteral("p-%1.sqlite").arg(++m_round));
    MainWindow window(options);
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    window.openItem(CourseItemKind(kind), id);
    QCOMPARE(window.pages()->currentWidget(), window.lockedPage());
    QCOMPARE(window.lockedPage()->title(), title);
    QCOMPARE(window.lockedPage()->reason(), reason);
    QCOMPARE(window.lockedPage()->goText(), go);
    for (const QString &taskId : {QStringLiteral("add-numbers"), QStringLiteral("hello-workers")})
        QVERIFY2(!window.lockedPage()->reason().contains(taskId), "a task id is shown");
}

QTEST_MAIN(TestLockedPages)
#include "TestLockedPages.moc"
