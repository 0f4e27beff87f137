#include "FixturePack.h"
#include "GuiTestSupport.h"
#include "LessonView.h"
#include "LockedPage.h"
#include "MainWindow.h"
#include "MarkdownView.h"
#include "ProgressStore.h"
#include "QuizView.h"
#include "TaskView.h"
#include "CodeEditor.h"

#include <QFile>
#include <QMessageBox>
#include <QSettings>
#include <QStackedWidget>
#include <QTest>
#include <QTreeView>

using namespace Unlocked;

class TestMainWindow : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void init();
    void welcomePagePointsAtTheFirstLesson();
    void keyboardThroughTheCourseMap();
    void quizWrongThenRight();
    void passingATaskOpensTheNextLesson();
    void progressSurvivesARestart();
    void previewUnlocksEverything();
    void damagedDatabaseIsReported();

private:
    std::unique_ptr<MainWindow> makeWindow();
    QTemporaryDir m_home;
    QString m_db;
    int m_round = 0;
};

void TestMainWindow::initTestCase()
{
    isolateGuiTest(m_home);
}

void TestMainWindow::init()
{
    m_db = m_home.filePath(QStringLiteral("progress-%1.sqlite").arg(++m_round));
    QSettings().clear();
}

std::unique_ptr<MainWindow> TestMainWindow::makeWindow()
{
    MainWindowOptions options;
    options.pack = sharedFixturePack();
    options.databasePath = m_db;
    auto window = std::make_unique<MainWindow>(options);
    window->show();
    if (!QTest::qWaitForWindowExposed(window.get()))
        return nullptr;
    return window;
}

void TestMainWindow::welcomePagePointsAtTheFirstLesson()
{
    auto window = makeWindow();
    QVERIFY(window);
    auto *welcome = qobject_cast<MarkdownView *>(window->pages()->currentWidget());
    QVERIFY(welcome);
    QVERIFY(welcome->toHtml().contains(QLatin1String("unlocked:lesson:threads")));
    Q_EMIT welcome->anchorClicked(QUrl(QStringLiteral("unlocked:lesson:threads")));
    QCOMPARE(window->pages()->currentWidget(), window->lessonView());
    QCOMPARE(window->lessonView()->lessonId(), QStringLiteral("threads"));
}

void TestMainWindow::keyboardThroughTheCourseMap()
{
    auto window = makeWindow();
    QVERIFY(window);
    QTreeView *map = window->courseMap();
    map->setFocus();
    QTest::keyClick(map, Qt::Key_Home);
    QCOMPARE(window->pages()->currentWidget(), window->lessonView());
    QCOMPARE(window->lessonView()->lessonId(), QStringLiteral("threads"));
    QTest::keyClick(map, Qt::Key_Down);
    QCOMPARE(window->pages()->currentWidget(), window->taskView());
    QCOMPARE(window->taskView()->taskId(), QStringLiteral("add-numbers"));
    QTest::keyClick(map, Qt::Key_Down);
    QCOMPARE(window->pages()->currentWidget(), window->quizView());
    QCOMPARE(window->quizView()->quizId(), QStringLiteral("threads-quiz"));
    QTest::keyClick(map, Qt::Key_Down);
    QCOMPARE(window->pages()->currentWidget(), window->lockedPage());
    QCOMPARE(window->lockedPage()->reason(),
             QStringLiteral("Pass “Add two numbers” in “Threads and the GIL” first."));
    QTest::keyClick(map, Qt::Key_Up);
    QCOMPARE(window->pages()->currentWidget(), window->quizView());
    // Reading a lesson counts as starting it.
    QCOMPARE(window->store()->readLessons(), QSet<QString>{QStringLiteral("threads")});
}

void TestMainWindow::quizWrongThenRight()
{
    auto window = makeWindow();
    QVERIFY(window);
    window->openItem(CourseItemKind::Quiz, QStringLiteral("threads-quiz"));
    QuizView *quiz = window->quizView();
    QCOMPARE(window->pages()->currentWidget(), quiz);
    quiz->choose(0, 1); // wrong
    quiz->choose(1, 0); // only one of the two right answers
    quiz->submit();
    QCOMPARE(quiz->correctCount(), 0);
    QCOMPARE(quiz->scoreText(), QStringLiteral("0 of 2 right."));
    QCOMPARE(window->courseModel()->state(CourseItemKind::Quiz, QStringLiteral("threads-quiz")),
             ItemState::Attempted);
    quiz->retry();
    quiz->choose(0, 0);
    quiz->choose(1, 0);
    quiz->choose(1, 2);
    quiz->submit();
    QCOMPARE(quiz->correctCount(), 2);
    QCOMPARE(window->courseModel()->state(CourseItemKind::Quiz, QStringLiteral("threads-quiz")),
             ItemState::Passed);
    const auto answers = window->store()->lastQuizAnswers(QStringLiteral("threads-quiz"));
    QCOMPARE(answers.value(QStringLiteral("when-threads")).chosen, (QList<int>{0, 2}));
}

void TestMainWindow::passingATaskOpensTheNextLesson()
{
    auto window = makeWindow();
    QVERIFY(window);
    window->openItem(CourseItemKind::Lesson, QStringLiteral("processes"));
    QCOMPARE(window->pages()->currentWidget(), window->lockedPage());
    GradeResult passed;
    passed.taskId = QStringLiteral("add-numbers");
    passed.verdict = Verdict::Passed;
    window->store()->recordAttempt(QStringLiteral("add-numbers"), QStringLiteral("code"), passed);
    window->refreshProgress();
    QVERIFY(window->courseModel()->state(CourseItemKind::Lesson, QStringLiteral("processes")) !=
            ItemState::Locked);
    QCOMPARE(window->courseModel()->state(CourseItemKind::Task, QStringLiteral("hello-workers")),
             ItemState::Open);
    QCOMPARE(window->courseModel()->state(CourseItemKind::Task, QStringLiteral("add-numbers")),
             ItemState::Passed);
    QCOMPARE(window->courseModel()->state(CourseItemKind::Lesson, QStringLiteral("asyncio")),
             ItemState::Locked);
    // The lock page the learner was looking at turns into the lesson.
    QCOMPARE(window->pages()->currentWidget(), window->lessonView());
    QCOMPARE(window->lessonView()->lessonId(), QStringLiteral("processes"));
    QCOMPARE(window->progressText(), QStringLiteral("1 of 2 tasks passed · 0 of 1 quizzes"));
}

void TestMainWindow::progressSurvivesARestart()
{
    {
        auto window = makeWindow();
        QVERIFY(window);
        window->openItem(CourseItemKind::Task, QStringLiteral("add-numbers"));
        window->taskView()->editor()->setText(QStringLiteral("def add(a, b):\n    return a + b\n"));
        GradeResult passed;
        passed.verdict = Verdict::Passed;
        window->store()->recordAttempt(QStringLiteral("add-numbers"), QStringLiteral("x"), passed);
        window->refreshProgress();
        window->close(); // saves the draft at once, without waiting for the debounce
    }
    auto window = makeWindow();
    QVERIFY(window);
    QCOMPARE(window->courseModel()->state(CourseItemKind::Task, QStringLiteral("add-numbers")),
             ItemState::Passed);
    QCOMPARE(window->courseModel()->state(CourseItemKind::Lesson, QStringLiteral("processes")),
             ItemState::Open);
    // Back where the learner left, with their draft.
    QCOMPARE(window->pages()->currentWidget(), window->taskView());
    QCOMPARE(window->taskView()->editor()->text(),
             QStringLiteral("def add(a, b):\n    return a + b\n"));
}

void TestMainWindow::previewUnlocksEverything()
{
    auto window = makeWindow();
    QVERIFY(window);
    QCOMPARE(window->courseModel()->state(CourseItemKind::Lesson, QStringLiteral("asyncio")),
             ItemState::Locked);
    window->setPreview(true);
    QCOMPARE(window->courseModel()->state(CourseItemKind::Lesson, QStringLiteral("asyncio")),
             ItemState::Open);
    window->openItem(CourseItemKind::Lesson, QStringLiteral("asyncio"));
    QCOMPARE(window->pages()->currentWidget(), window->lessonView());
    window->setPreview(false);
    QCOMPARE(window->courseModel()->state(CourseItemKind::Lesson, QStringLiteral("asyncio")),
             ItemState::Locked);
}

void TestMainWindow::damagedDatabaseIsReported()
{
    {
        QFile file(m_db);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write("definitely not a database");
    }
    auto window = makeWindow();
    QVERIFY(window);
    QMessageBox *box = nullptr;
    QTRY_VERIFY((box = window->findChild<QMessageBox *>(QStringLiteral("damageReport"))));
    QVERIFY(box->text().contains(QLatin1String(".damaged-")));
    QVERIFY(QFile::exists(window->store()->movedAsidePath()));
    QVERIFY(window->store()->isOpen());
}

QTEST_MAIN(TestMainWindow)
#include "TestMainWindow.moc"
