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
 * Submit marks each question and explains the answers the learner chose (all of them once the
 * question is right, so a wrong try does not give the answer away); Retry starts afresh.
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
    void retry();
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

    ProgressStore *m_store;
    Quiz m_quiz;
    QList<QuestionWidgets> m_questions;
    int m_correct = 0;
    QScrollArea *m_scroll;
    QLabel *m_score;
    QPushButton *m_submit;
    QPushButton *m_retry;
};

} // namespace Unlocked
