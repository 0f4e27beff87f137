#pragma once

#include "pack/Pack.h"
#include "result/GradeResult.h"

#include <QElapsedTimer>
#include <QTimer>
#include <QWidget>

#include <optional>

class QLabel;
class QProgressBar;
class QPushButton;

namespace Unlocked {

class GradeReporter;

/**
 * What a grade is doing while it runs: each of the task's checks with its state (waiting,
 * running, its verdict), the pairs timed so far, an estimate of the time left, and a button
 * that cancels the grade.
 */
class GradeProgressPane : public QWidget
{
    Q_OBJECT
public:
    explicit GradeProgressPane(QWidget *parent = nullptr);

    /** Lists \a task's checks in the order the grader runs them, all waiting. */
    void start(const Task &task);
    /** start(), then shows what \a reporter tells of the grade. */
    void follow(const Task &task, GradeReporter *reporter);
    void checkStarted(const QString &name);
    void checkFinished(const CheckResult &result);
    void measured(const QString &name, CheckKind kind, const Measurement &measurement);
    /** The cancel was asked for: the grade ends at its next step. */
    void setCancelling();

    /** The figures of the check being measured, if any pair has been timed. */
    struct Live
    {
        QString name;
        CheckKind kind;
        Measurement measurement;
    };
    const std::optional<Live> &live() const { return m_live; }
    QString checksText() const;
    QString timeLeftText() const;

    /** "about 25 s left at most", "about 2 min left at most", "almost done". */
    static QString timeLeft(double seconds);

Q_SIGNALS:
    void cancelRequested();
    /** live() has new figures. */
    void liveChanged();

private:
    enum class State
    {
        Waiting,
        Running,
        Done
    };
    struct Line
    {
        QString name;
        bool measured = false;
        State state = State::Waiting;
        Verdict verdict = Verdict::Error;
    };
    void update();
    Line *line(const QString &name);

    QList<Line> m_lines;
    std::optional<Live> m_live;
    QElapsedTimer m_sinceMeasured; // the countdown goes on between two reports
    QTimer m_tick;
    QLabel *m_checks;
    QLabel *m_left;
    QProgressBar *m_bar;
    QPushButton *m_cancel;
};

} // namespace Unlocked
