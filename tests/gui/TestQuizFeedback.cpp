#include "QuizView.h"

#include <QLabel>
#include <QPushButton>
#include <QRadioButton>
#include <QSignalSpy>
#include <QTest>

using namespace Unlocked;

// What the quiz says after Submit: only wrong ticks are marked wrong, missed right answers get
// a note, Retry keeps the right ticks, and unanswered questions get a warning first.
class TestQuizFeedback : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void marks_data();
    void marks();
    void blankQuestionGivesNothingAway();
    void retryKeepsTheRightTicks();
    void startOverClearsEverything();
    void unansweredWarnsOnceThenSubmits();
    void longAnswerTakesTheHeightItNeeds();

private:
    static Quiz quiz();
};

// Question 0: several answers, 0 and 2 right. Question 1: one answer, 1 right.
Quiz TestQuizFeedback::quiz()
{
    Quiz q;
    q.id = QStringLiteral("q");
    q.title = QStringLiteral("Feedback");
    QuizQuestion many;
    many.id = QStringLiteral("many");
    many.prompt = QStringLiteral("Which release the GIL?");
    many.multiple = true;
    many.answers = {{QStringLiteral("time.sleep"), true, QStringLiteral("It waits.")},
                    {QStringLiteral("a pure-Python loop"), false, QStringLiteral("It holds it.")},
                    {QStringLiteral("socket.recv"), true, QStringLiteral("It waits too.")},
                    {QStringLiteral("sum()"), false, QString()}};
    QuizQuestion one;
    one.id = QStringLiteral("one");
    one.prompt = QStringLiteral("How many threads run Python bytecode at once?");
    one.answers = {{QStringLiteral("all of them"), false, QStringLiteral("No.")},
                   {QStringLiteral("one"), true, QStringLiteral("The GIL.")}};
    q.questions = {many, one};
    return q;
}

void TestQuizFeedback::marks_data()
{
    QTest::addColumn<QList<int>>("picks");  // of question 0
    QTest::addColumn<QStringList>("marks"); // the start of each answer's note, "" for none
    const QString right = QStringLiteral("✔ Right.");
    const QString wrong = QStringLiteral("✘ Not quite.");
    const QString missed = QStringLiteral("➜ You missed this one");
    const QString plain = QStringLiteral("It holds it.");
    QTest::addRow("all right") << QList<int>{0, 2} << QStringList{right, plain, right, ""};
    QTest::addRow("one right one missed") << QList<int>{0} << QStringList{right, plain, missed, ""};
    QTest::addRow("a wrong tick") << QList<int>{0, 1, 2} << QStringList{right, wrong, right, ""};
    QTest::addRow("wrong and missed") << QList<int>{1} << QStringList{missed, wrong, missed, ""};
    QTest::addRow("wrong without explanation")
        << QList<int>{0, 2, 3} << QStringList{right, plain, right, wrong};
}

void TestQuizFeedback::marks()
{
    QFETCH(QList<int>, picks);
    QFETCH(QStringList, marks);
    QuizView view(nullptr);
    view.showQuiz(quiz());
    for (int a : picks)
        view.choose(0, a);
    view.choose(1, 1);
    view.submit();
    for (int a = 0; a < marks.size(); ++a) {
        const QString note = view.feedback(0, a);
        QVERIFY2(marks.at(a).isEmpty() ? note.isEmpty() : note.startsWith(marks.at(a)),
                 qPrintable(QStringLiteral("answer %1: %2").arg(a).arg(note)));
    }
    // A wrong answer left unticked is never called wrong.
    QVERIFY(!view.feedback(0, 1).contains(QStringLiteral("✘")) || picks.contains(1));
    QVERIFY(!view.feedback(1, 0).contains(QStringLiteral("✘")));
}

void TestQuizFeedback::blankQuestionGivesNothingAway()
{
    QuizView view(nullptr);
    view.showQuiz(quiz());
    view.choose(0, 0);
    view.submit(); // the warning
    view.submit(); // handed in with question 2 blank
    QCOMPARE(view.correctCount(), 0);
    QVERIFY(view.feedback(1, 0).isEmpty());
    QVERIFY(view.feedback(1, 1).isEmpty());
    QVERIFY(view.feedback(0, 2).startsWith(QStringLiteral("➜ You missed this one")));
}

void TestQuizFeedback::retryKeepsTheRightTicks()
{
    QuizView view(nullptr);
    view.showQuiz(quiz());
    view.choose(0, 0); // right
    view.choose(0, 1); // wrong
    view.choose(1, 1); // right
    view.submit();
    QCOMPARE(view.correctCount(), 1);
    view.retry();
    QVERIFY(view.isChosen(0, 0));
    QPushButton *startOver = nullptr;
    for (QPushButton *button : view.findChildren<QPushButton *>())
        if (button->text() == QStringLiteral("Start &over"))
            startOver = button;
    QVERIFY(startOver);
    QVERIFY(startOver->isEnabled()); // a clean start is still offered after a retry
    QVERIFY(!view.isChosen(0, 1));
    QVERIFY(view.isChosen(1, 1));
    QVERIFY(view.feedback(0, 0).isEmpty()); // the notes go with the old try
    view.choose(0, 2);
    view.submit();
    QCOMPARE(view.correctCount(), 2);
}

void TestQuizFeedback::startOverClearsEverything()
{
    QuizView view(nullptr);
    view.showQuiz(quiz());
    view.choose(0, 0);
    view.choose(1, 1);
    view.submit();
    view.startOver();
    for (int a = 0; a < 4; ++a)
        QVERIFY(!view.isChosen(0, a));
    QVERIFY(!view.isChosen(1, 1));
}

void TestQuizFeedback::unansweredWarnsOnceThenSubmits()
{
    QuizView view(nullptr);
    view.showQuiz(quiz());
    QSignalSpy answered(&view, &QuizView::answered);
    view.choose(0, 0);
    view.choose(0, 2);
    view.submit();
    QCOMPARE(answered.count(), 0); // not marked yet
    QVERIFY2(view.scoreText().contains(QStringLiteral("Question 2 has no answer")),
             qPrintable(view.scoreText()));
    view.submit();
    QCOMPARE(answered.count(), 1);
    QCOMPARE(view.correctCount(), 1);
}

// A long answer wraps to the lines it needs at the page's width, with no gap under it.
void TestQuizFeedback::longAnswerTakesTheHeightItNeeds()
{
    Quiz q;
    q.id = QStringLiteral("long");
    QuizQuestion question;
    question.id = QStringLiteral("why");
    question.prompt = QStringLiteral("Why does CPython have a GIL?");
    const QString longText = QStringLiteral(
        "Reference counts and other interpreter state must stay consistent, and one lock is "
        "simpler and faster for single-threaded code than a lock per object.");
    question.answers = {{longText, true, QString()}, {QStringLiteral("Security."), false, {}}};
    q.questions = {question};
    QuizView view(nullptr);
    view.resize(900, 600);
    view.showQuiz(q);
    view.show();
    QVERIFY(QTest::qWaitForWindowExposed(&view));
    QLabel *label = nullptr;
    for (QLabel *candidate : view.findChildren<QLabel *>())
        if (candidate->text().startsWith(QLatin1String("Reference counts")))
            label = candidate;
    QVERIFY(label);
    const QList<QRadioButton *> buttons = view.findChildren<QRadioButton *>();
    QCOMPARE(buttons.size(), 2);
    const int needed = label->heightForWidth(label->width());
    QVERIFY(needed > 0);
    QTRY_VERIFY2(buttons[1]->y() - buttons[0]->y() <= needed + 8,
                 qPrintable(QStringLiteral("%1 px between the answers, %2 px of text")
                                .arg(buttons[1]->y() - buttons[0]->y())
                                .arg(needed)));
}

QTEST_MAIN(TestQuizFeedback)
#include "TestQuizFeedback.moc"
