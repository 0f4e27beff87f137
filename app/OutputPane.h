#pragma once

#include "Grader.h"
#include "timeline/Timeline.h"

#include <QHash>
#include <QWidget>

#include <functional>

class QFrame;
class QLabel;
class QPlainTextEdit;
class QPushButton;
class QScrollArea;
class QSplitter;
class QTextDocument;

namespace Unlocked {

class RunController;
class RunPolicy;
class TimelineView;

/**
 * Where a learner's program runs and talks: a title, the streaming output (errors in a
 * contrasting colour), a Stop button, the run's timeline below the output (what each thread
 * did; the Timeline button hides it), and, when isolation is unavailable, the explicit offer to
 * run without it. Each owner (a task) keeps its own output: a run goes on filling its owner's
 * page while another owner's page is shown.
 */
class OutputPane : public QWidget
{
    Q_OBJECT
public:
    OutputPane(RunPolicy *policy, QWidget *parent = nullptr);

    /** Runs \a source as \a fileName, or first asks for the unisolated opt-in when needed. */
    void run(const QString &title, const QString &fileName, const QString &source,
             const Limits &limits = {});
    /** Runs \a task's Run of \a source: a program, or a function task's visible calls. */
    void run(const QString &title, const Task &task, const QString &source);
    /** Calls \a action now when code may run, else after the learner opts into unisolated runs. */
    void whenAllowed(const QString &title, std::function<void()> action);
    void stop();
    /** Shows \a owner's output (empty the first time); later runs belong to \a owner. */
    void setOwner(const QString &owner);
    QString owner() const { return m_owner; }
    bool isRunning() const;
    QString text() const;
    QString status() const;
    RunController *controller() const { return m_runner; }
    TimelineView *timelineView() const { return m_timeline; }
    /** Whether the timeline of the shown page is on screen (it has one and it is not hidden). */
    bool isTimelineShown() const;

Q_SIGNALS:
    void runStarted();
    void runFinished(bool succeeded);

protected:
    void changeEvent(QEvent *event) override;

private:
    // One owner's output, kept while another owner's is shown.
    struct Page
    {
        QTextDocument *document = nullptr;
        QString title;
        QString status;
        Timeline timeline; // of its last run
    };
    Page &page(const QString &owner);
    void setStatus(const QString &owner, const QString &text);
    void append(OutputStream stream, const QString &text);
    void startNow();
    void showTimeline(const Timeline &timeline);

    RunPolicy *m_policy;
    RunController *m_runner;
    QLabel *m_title;
    QPushButton *m_stop;
    QFrame *m_offer;
    QLabel *m_offerText;
    QPlainTextEdit *m_text;
    QLabel *m_status;
    QPushButton *m_timelineToggle;
    QSplitter *m_split;
    QScrollArea *m_timelineArea;
    TimelineView *m_timeline;
    std::function<void()> m_pending;
    QHash<QString, Page> m_pages;
    QString m_owner;
    QString m_runOwner; // whose page the running program writes to
};

} // namespace Unlocked
