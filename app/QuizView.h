#pragma once

#include "pack/Pack.h"

#include <QWidget>

class QAbstractButton;
class QLabel;
class QPushButton;
class QScrollArea;
class QVBoxLayout;

namespace Unlocked {

class ProgressStore;

/**
 * A lesson's quiz: single-choice questions as radio buttons, multiple-choice as check boxes.
 * Submit marks what the learner got right or wrong, notes each right answer they missed, and
 * warns (once, inline) when questions are left unanswered. Retry keeps the right ticks and
 * clears the wrong ones; Start over clears everything.
 */
class QuizView : public QWidget
{
    Q_OBJECT
public:
    QuizView(ProgressStore *store, QWidget *parent = nullptr);

    void showQuiz(const Quiz &quiz);
    QString quizId() const { return m_quiz.id; }

    /** For keyboard users and tests: tick answer \a answer of question \a question. */
    void choose(int question, int answer, bool checked = true);
    void submit();
    /** Clears the wrong ticks, keeps the right ones, and lets the learner answer again. */
    void retry();
    /** A clean start: every tick cleared. */
    void startOver();
    bool isChosen(int question, int answer) const;
    /** The note under answer \a answer after Submit; empty when none is shown. */
    QString feedback(int question, int answer) const;
    int correctCount() const { return m_correct; }
    QString scoreText() const;

Q_SIGNALS:
    void answered(const QString &quizId, bool allCorrect);

private:
    struct QuestionWidgets
    {
        QList<QAbstractButton *> buttons;
        QList<QLabel *> explanations;
        QLabel *verdict = nullptr;
    };
    void build();
    QList<int> chosen(int question) const;
    QList<int> unanswered() const;
    void grade();

    ProgressStore *m_store;
    Quiz m_quiz;
    QList<QuestionWidgets> m_questions;
    int m_correct = 0;
    QScrollArea *m_scroll;
    QLabel *m_score;
    QPushButton *m_submit;
    QPushButton *m_retry;
    QPushButton *m_startOver;
    bool m_warnedUnanswered = false; // a second Submit goes ahead with the gaps
};

} // namespace Unlocked
