#pragma once

#include "Grader.h"

#include <QFutureWatcher>
#include <QWidget>

#include <atomic>
#include <memory>

class QLabel;

namespace Unlocked {

class TimelineView;

/**
 * After a grade: one run of the solution and one of the baseline on the measured check's
 * workload, each drawn as a timeline, one above the other, so that a learner sees where the
 * speedup came from (or why there was none).
 */
class WorkloadTimelinesPane : public QWidget
{
    Q_OBJECT
public:
    explicit WorkloadTimelinesPane(QWidget *parent = nullptr);
    ~WorkloadTimelinesPane() override;

    /** Runs both on a worker thread; what was shown before is cleared. */
    void record(std::shared_ptr<const Grader> grader, const Task &task, const QByteArray &source);
    /** Shows timelines recorded before (or by a test). */
    void showTimelines(const WorkloadTimelines &timelines);
    bool isRecording() const { return m_watcher.isRunning(); }
    TimelineView *solutionView() const { return m_solution; }
    TimelineView *baselineView() const { return m_baseline; }
    QString caption() const;

Q_SIGNALS:
    void recorded();

private:
    QLabel *m_caption;
    QLabel *m_solutionTitle;
    TimelineView *m_solution;
    QLabel *m_baselineTitle;
    TimelineView *m_baseline;
    QFutureWatcher<WorkloadTimelines> m_watcher;
    std::shared_ptr<std::atomic_bool> m_cancel;
};

} // namespace Unlocked
