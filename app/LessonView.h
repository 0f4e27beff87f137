#pragma once

#include "CourseModel.h"

#include <QWidget>

class QLabel;
class QSplitter;
class QHBoxLayout;

namespace Unlocked {

class MarkdownView;
class OutputPane;
class RunPolicy;

/**
 * The lesson reader: the lesson's Markdown with highlighted, runnable Python examples, the
 * output of the example being run beside it, and links onward to the lesson's tasks and quiz.
 */
class LessonView : public QWidget
{
    Q_OBJECT
public:
    LessonView(RunPolicy *policy, QWidget *parent = nullptr);

    void showLesson(const Pack &pack, const Lesson &lesson);
    QString lessonId() const { return m_lessonId; }
    MarkdownView *reader() const { return m_reader; }
    OutputPane *output() const { return m_output; }
    void runExample(int index);

Q_SIGNALS:
    void openRequested(Unlocked::CourseItemKind kind, const QString &id);

private:
    QString m_lessonId;
    MarkdownView *m_reader;
    OutputPane *m_output;
    QSplitter *m_splitter;
    QWidget *m_onward;
    QHBoxLayout *m_onwardLayout;
};

} // namespace Unlocked
