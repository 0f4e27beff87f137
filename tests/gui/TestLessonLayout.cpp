#include "CodeEditor.h"
#include "FixturePack.h"
#include "GuiTestSupport.h"
#include "LessonView.h"
#include "MainWindow.h"
#include "MarkdownView.h"
#include "OutputPane.h"
#include "RunPolicy.h"
#include "TaskView.h"

#include <QPushButton>
#include <QTabWidget>

#include <QSettings>
#include <QTest>

using namespace Unlocked;

// The lesson stays where the reader's eyes are: running an example for the first time must not
// open a pane that narrows (and so reflows) the text being read.
class TestLessonLayout : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void firstRunDoesNotReflowTheLesson();
    void lessonWithoutExamplesHasTheWholeWidth();
    void taskPageKeepsClearOfTheWindowEdge();

private:
    std::unique_ptr<MainWindow> makeWindow();
    QTemporaryDir m_home;
    int m_round = 0;
};

void TestLessonLayout::initTestCase()
{
    isolateGuiTest(m_home);
}

std::unique_ptr<MainWindow> TestLessonLayout::makeWindow()
{
    QSettings().clear();
    MainWindowOptions options;
    options.pack = sharedFixturePack();
    options.databasePath = m_home.filePath(QStringLiteral("p-%1.sqlite").arg(++m_round));
    options.preview = true;
    auto window = std::make_unique<MainWindow>(options);
    window->runPolicy()->setIsolationForTesting({false, QStringLiteral("no sandbox in tests")});
    window->runPolicy()->setUnisolatedAllowed(true);
    window->resize(1200, 800);
    window->show();
    if (!QTest::qWaitForWindowExposed(window.get()))
        return nullptr;
    return window;
}

void TestLessonLayout::firstRunDoesNotReflowTheLesson()
{
    auto window = makeWindow();
    QVERIFY(window);
    window->openItem(CourseItemKind::Lesson, QStringLiteral("threads"));
    LessonView *lesson = window->lessonView();
    MarkdownView *reader = lesson->reader();
    QVERIFY(lesson->output()->isVisible()); // its place is there before any Run
    QTest::qWait(50);
    const QRect before = reader->geometry();
    const qreal textWidth = reader->document()->textWidth();

    lesson->runExample(1);
    QVERIFY(QTest::qWaitFor([lesson] { return !lesson->output()->isRunning(); }, 20000));
    QTRY_VERIFY(lesson->output()->text().contains(QLatin1String("sum: 45")));
    QTest::qWait(50);
    QCOMPARE(reader->geometry(), before);
    QCOMPARE(reader->document()->textWidth(), textWidth);
}

void TestLessonLayout::lessonWithoutExamplesHasTheWholeWidth()
{
    auto window = makeWindow();
    QVERIFY(window);
    window->openItem(CourseItemKind::Lesson, QStringLiteral("asyncio"));
    QVERIFY(window->lessonView()->reader()->examples().isEmpty());
    QVERIFY(!window->lessonView()->output()->isVisible());
}

// The editor, its buttons and the output tabs keep a margin to the window's edge, as the course
// map does on the other side: a frame on the very edge reads as cut off.
void TestLessonLayout::taskPageKeepsClearOfTheWindowEdge()
{
    auto window = makeWindow();
    QVERIFY(window);
    window->openItem(CourseItemKind::Task, QStringLiteral("add-numbers"));
    TaskView *task = window->taskView();
    QTRY_VERIFY(task->isVisible());
    const QList<QWidget *> edgeWidgets = {task->editor(),
                                          task->findChild<QPushButton *>(QStringLiteral("gradeButton")),
                                          task->findChild<QTabWidget *>()};
    for (QWidget *widget : edgeWidgets) {
        QVERIFY(widget);
        const int right = widget->mapTo(window.get(), QPoint(widget->width(), 0)).x();
        QVERIFY2(right <= window->width() - 4,
                 qPrintable(QStringLiteral("%1 ends at %2 of %3")
                                .arg(QString::fromLatin1(widget->metaObject()->className()))
                                .arg(right)
                                .arg(window->width())));
    }
}

QTEST_MAIN(TestLessonLayout)
#include "TestLessonLayout.moc"
