#include "QuizView.h"

#include "ProgressStore.h"

#include <QButtonGroup>
#include <QCheckBox>
#include <QGridLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <QRadioButton>
#include <QRegularExpression>
#include <QScrollArea>
#include <QVBoxLayout>

namespace Unlocked {

namespace {
// Answer text beside its button: wraps, renders `code`, and a click on it ticks the button
// (a QRadioButton's own text does neither of the first two).
class AnswerLabel : public QLabel
{
public:
    AnswerLabel(const QString &text, QAbstractButton *button) : m_button(button)
    {
        // Only `code` spans are styled: full Markdown adds paragraph margins to every answer.
        static const QRegularExpression code(QStringLiteral("`([^`]+)`"));
        setTextFormat(Qt::RichText);
        setText(text.toHtmlEscaped().replace(code, QStringLiteral("<code>\\1</code>")));
        setWordWrap(true);
        setAlignment(Qt::AlignLeft | Qt::AlignTop);
        // Keeps the height-for-width that word wrap asks for: without it the label takes the
        // height of its size hint, several lines at a guessed width, and leaves a gap below.
        QSizePolicy policy(QSizePolicy::Expanding, QSizePolicy::Preferred);
        policy.setHeightForWidth(true);
        setSizePolicy(policy);
    }

protected:
    void mousePressEvent(QMouseEvent *) override
    {
        if (m_button->isEnabled())
            m_button->click();
    }

private:
    QAbstractButton *m_button;
};
} // namespace

QuizView::QuizView(ProgressStore *store, QWidget *parent)
    : QWidget(parent), m_store(store), m_scroll(new QScrollArea), m_score(new QLabel),
      m_submit(new QPushButton(tr("&Submit answers"))), m_retry(new QPushButton(tr("&Retry"))),
      m_startOver(new QPushButton(tr("Start &over")))
{
    auto *layout = new QVBoxLayout(this);
    m_scroll->setWidgetResizable(true);
    m_scroll->setFrameShape(QFrame::NoFrame);
    layout->addWidget(m_scroll, 1);
    auto *bar = new QHBoxLayout;
    m_score->setWordWrap(true);
    bar->addWidget(m_score, 1);
    m_retry->setToolTip(tr("Answer again, keeping the answers you got right"));
    m_startOver->setToolTip(tr("Answer again from a clean page"));
    bar->addWidget(m_startOver);
    bar->addWidget(m_retry);
    bar->addWidget(m_submit);
    m_submit->setDefault(true);
    m_submit->setAccessibleDescription(tr("Checks your answers and explains each one"));
    m_retry->setAccessibleDescription(m_retry->toolTip());
    m_startOver->setAccessibleDescription(m_startOver->toolTip());
    layout->addLayout(bar);
    connect(m_submit, &QPushButton::clicked, this, &QuizView::submit);
    connect(m_retry, &QPushButton::clicked, this, &QuizView::retry);
    connect(m_startOver, &QPushButton::clicked, this, &QuizView::startOver);
}

void QuizView::showQuiz(const Quiz &quiz)
{
    m_quiz = quiz;
    build();
    const auto last =
        m_store ? m_store->lastQuizAnswers(quiz.id) : QHash<QString, QuizAnswerRecord>();
    if (last.isEmpty()) {
        m_score->setText(
            quiz.questions.size() == 1
                ? tr("One question. Choose your answer, then submit.")
                : tr("%1 questions. Choose your answers, then submit.").arg(quiz.questions.size()));
        return;
    }
    int right = 0;
    for (const QuizQuestion &q : quiz.questions)
        right += last.value(q.id).correct ? 1 : 0;
    m_score->setText(tr("Last time you got %1 of %2 right. Answer again to improve.")
                         .arg(right)
                         .arg(quiz.questions.size()));
}

void QuizView::build()
{
    m_questions.clear();
    m_correct = 0;
    auto *page = new QWidget;
    auto *layout = new QVBoxLayout(page);
    auto *title =
        new QLabel(m_quiz.title.isEmpty() ? tr("Quiz") : tr("Quiz: %1").arg(m_quiz.title));
    QFont font = title->font();
    font.setPointSizeF(font.pointSizeF() * 1.5);
    font.setBold(true);
    title->setFont(font);
    layout->addWidget(title);
    int number = 0;
    for (const QuizQuestion &question : m_quiz.questions) {
        auto *box = new QGroupBox;
        box->setSizePolicy(QSizePolicy::Preferred, QSizePolicy::Maximum); // spare room goes below
        auto *boxLayout = new QVBoxLayout(box);
        auto *prompt = new QLabel;
        prompt->setTextFormat(Qt::MarkdownText);
        prompt->setWordWrap(true);
        prompt->setText(tr("**%1.** %2").arg(++number).arg(question.prompt));
        boxLayout->addWidget(prompt);
        if (question.multiple) {
            auto *hint = new QLabel(tr("Choose every right answer."));
            hint->setForegroundRole(QPalette::PlaceholderText);
            boxLayout->addWidget(hint);
        }
        QuestionWidgets widgets;
        auto *answers = new QGridLayout;
        answers->setColumnStretch(1, 1);
        answers->setVerticalSpacing(2);
        boxLayout->addLayout(answers);
        auto *group = new QButtonGroup(box);
        group->setExclusive(!question.multiple);
        for (const QuizAnswer &answer : question.answers) {
            QAbstractButton *button = question.multiple
                                          ? static_cast<QAbstractButton *>(new QCheckBox)
                                          : new QRadioButton;
            button->setAccessibleName(answer.text);
            button->setAccessibleDescription(
                (question.multiple ? tr("Answer to question %1, one of several that may be right: %2")
                                   : tr("Answer to question %1: %2"))
                    .arg(number)
                    .arg(question.prompt));
            group->addButton(button);
            const int row = answers->rowCount();
            answers->addWidget(button, row, 0, Qt::AlignTop);
            answers->addWidget(new AnswerLabel(answer.text, button), row, 1);
            auto *explanation = new QLabel;
            explanation->setAlignment(Qt::AlignLeft | Qt::AlignTop);
            explanation->setWordWrap(true);
            explanation->setTextFormat(Qt::MarkdownText);
            explanation->setContentsMargins(0, 0, 0, 4);
            explanation->hide();
            answers->addWidget(explanation, answers->rowCount(), 1);
            widgets.buttons.append(button);
            widgets.explanations.append(explanation);
        }
        widgets.verdict = new QLabel;
        widgets.verdict->hide();
        boxLayout->addWidget(widgets.verdict);
        layout->addWidget(box);
        m_questions.append(widgets);
    }
    layout->addStretch(1);
    m_scroll->setWidget(page); // deletes the previous page
    m_submit->setEnabled(true);
    m_retry->setEnabled(false);
    m_startOver->setEnabled(false);
    m_warnedUnanswered = false;
}

QList<int> QuizView::chosen(int question) const
{
    QList<int> out;
    const auto &buttons = m_questions.at(question).buttons;
    for (int i = 0; i < buttons.size(); ++i)
        if (buttons.at(i)->isChecked())
            out.append(i);
    return out;
}

void QuizView::choose(int question, int answer, bool checked)
{
    m_questions.at(question).buttons.at(answer)->setChecked(checked);
}

QList<int> QuizView::unanswered() const
{
    QList<int> out;
    for (int qi = 0; qi < m_questions.size(); ++qi)
        if (chosen(qi).isEmpty())
            out.append(qi);
    return out;
}

void QuizView::submit()
{
    // A gap is more often an oversight than a choice: say so once, and let a second Submit
    // go ahead. Inline rather than a dialog, so that nothing stands in the learner's way.
    const QList<int> gaps = unanswered();
    if (!gaps.isEmpty() && !m_warnedUnanswered) {
        m_warnedUnanswered = true;
        QStringList numbers;
        for (int qi : gaps)
            numbers.append(QString::number(qi + 1));
        m_score->setText(
            (gaps.size() == 1 ? tr("⚠ Question %1 has no answer yet.").arg(numbers.first())
                              : tr("⚠ Questions %1 have no answer yet.")
                                    .arg(numbers.join(QLatin1String(", ")))) +
            QLatin1Char(' ') + tr("Answer it, or press Submit again to hand in as it is."));
        m_submit->setFocus();
        return;
    }
    grade();
}

void QuizView::grade()
{
    m_correct = 0;
    for (int qi = 0; qi < m_quiz.questions.size(); ++qi) {
        const QuizQuestion &question = m_quiz.questions.at(qi);
        QuestionWidgets &widgets = m_questions[qi];
        const QList<int> picks = chosen(qi);
        bool right = !picks.isEmpty();
        for (int ai = 0; ai < question.answers.size(); ++ai)
            right = right && question.answers.at(ai).correct == picks.contains(ai);
        m_correct += right ? 1 : 0;
        for (int ai = 0; ai < question.answers.size(); ++ai) {
            const QuizAnswer &answer = question.answers.at(ai);
            QLabel *label = widgets.explanations.at(ai);
            const bool picked = picks.contains(ai);
            widgets.buttons.at(ai)->setEnabled(false);
            // Only a wrong tick is marked wrong; a wrong answer rightly left alone is not.
            // A question left blank gets no notes: they would hand out its answers.
            QString mark;
            if (picked)
                mark = answer.correct ? tr("✔ Right.") : tr("✘ Not quite.");
            else if (answer.correct)
                mark = tr("➜ You missed this one: it is a right answer.");
            if (picks.isEmpty() || (mark.isEmpty() && answer.explanation.isEmpty())) {
                label->hide();
                continue;
            }
            label->setText(mark.isEmpty() ? answer.explanation
                                          : QStringLiteral("%1 %2").arg(mark, answer.explanation));
            label->show();
        }
        widgets.verdict->setText(right ? tr("<b>Correct.</b>")
                                 : picks.isEmpty()
                                     ? tr("<b>Not answered.</b>")
                                     : tr("<b>Not yet</b> — read the notes above and retry."));
        widgets.verdict->show();
        if (m_store)
            m_store->recordQuizAnswer(m_quiz.id, question.id, picks, right);
    }
    m_score->setText(m_correct == m_quiz.questions.size()
                         ? tr("All %1 right. Well done!").arg(m_correct)
                         : tr("%1 of %2 right.").arg(m_correct).arg(m_quiz.questions.size()));
    m_submit->setEnabled(false);
    m_retry->setEnabled(m_correct < m_quiz.questions.size());
    m_startOver->setEnabled(true);
    (m_retry->isEnabled() ? m_retry : m_startOver)->setFocus();
    Q_EMIT answered(m_quiz.id, m_correct == m_quiz.questions.size());
}

void QuizView::retry()
{
    // Keep what the learner got right: only the wrong ticks go.
    QList<QList<int>> keep;
    for (int qi = 0; qi < m_quiz.questions.size(); ++qi) {
        QList<int> right;
        for (int ai : chosen(qi))
            if (m_quiz.questions.at(qi).answers.at(ai).correct)
                right.append(ai);
        keep.append(right);
    }
    build();
    for (int qi = 0; qi < keep.size(); ++qi)
        for (int ai : keep.at(qi))
            choose(qi, ai);
    m_startOver->setEnabled(true); // the kept ticks can still all go
    m_score->setText(tr("Try again: your right answers are still ticked."));
}

void QuizView::startOver()
{
    build();
    m_score->setText(tr("A clean start: choose your answers, then submit."));
}

bool QuizView::isChosen(int question, int answer) const
{
    return m_questions.at(question).buttons.at(answer)->isChecked();
}

QString QuizView::feedback(int question, int answer) const
{
    const QLabel *label = m_questions.at(question).explanations.at(answer);
    return label->isHidden() ? QString() : label->text();
}

QString QuizView::scoreText() const
{
    return m_score->text();
}

} // namespace Unlocked
