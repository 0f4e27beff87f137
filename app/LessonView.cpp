#include "LessonView.h"

#include "MarkdownView.h"
#include "OutputPane.h"

#include <QFileInfo>
#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <QSplitter>
#include <QVBoxLayout>

namespace Unlocked {

LessonView::LessonView(RunPolicy *policy, QWidget *parent)
    : QWidget(parent), m_reader(new MarkdownView), m_output(new OutputPane(policy)),
      m_splitter(new QSplitter(Qt::Horizontal)), m_onward(new QWidget),
      m_onwardLayout(new QHBoxLayout(m_onward))
{
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(0);
    m_splitter->addWidget(m_reader);
    m_splitter->addWidget(m_output);
    m_splitter->setStretchFactor(0, 3);
    m_splitter->setStretchFactor(1, 2);
    m_splitter->setChildrenCollapsible(false);
    m_reader->setAccessibleName(tr("Lesson"));
    m_reader->setAccessibleDescription(tr("The lesson's text. Tab moves from link to link; Enter "
                                          "on “▶ Run this example” runs the example above it."));
    layout->addWidget(m_splitter, 1);
    m_onwardLayout->setContentsMargins(12, 6, 12, 6);
    layout->addWidget(m_onward);
    connect(m_reader, &MarkdownView::runRequested, this, &LessonView::runExample);
}

void LessonView::showLesson(const Pack &pack, const Lesson &lesson)
{
    m_lessonId = lesson.id;
    m_reader->setMarkdownSource(lesson.markdown, QFileInfo(lesson.path).absolutePath(), true);
    m_reader->setFocus();
    // The output pane has its place from the start: opening it on the first Run would narrow
    // the lesson and reflow it under the reader's eyes.
    m_output->setVisible(!m_reader->examples().isEmpty());
    m_output->setOwner(QStringLiteral("lesson:") + lesson.id); // its own runs, not the last lesson's

    while (QLayoutItem *item = m_onwardLayout->takeAt(0)) {
        delete item->widget();
        delete item;
    }
    m_onwardLayout->addWidget(new QLabel(tr("Practice:")));
    for (const QString &taskId : lesson.taskIds) {
        const Task *task = pack.task(taskId);
        auto *button = new QPushButton(tr("Task: %1").arg(task ? task->title : taskId));
        button->setAccessibleDescription(tr("Opens this lesson's task"));
        connect(button, &QPushButton::clicked, this,
                [this, taskId] { Q_EMIT openRequested(CourseItemKind::Task, taskId); });
        m_onwardLayout->addWidget(button);
    }
    if (lesson.quiz) {
        auto *button = new QPushButton(tr("Take the quiz"));
        button->setAccessibleDescription(tr("Opens this lesson's quiz"));
        const QString quizId = lesson.quiz->id;
        connect(button, &QPushButton::clicked, this,
                [this, quizId] { Q_EMIT openRequested(CourseItemKind::Quiz, quizId); });
        m_onwardLayout->addWidget(button);
    }
    m_onwardLayout->addStretch(1);
    m_onward->setVisible(!lesson.taskIds.isEmpty() || lesson.quiz);
}

void LessonView::runExample(int index)
{
    const QStringList examples = m_reader->examples();
    if (index < 0 || index >= examples.size())
        return;
    m_output->show();
    m_output->run(tr("Example %1").arg(index + 1), QStringLiteral("example.py"),
                  examples.at(index));
}

} // namespace Unlocked
