#pragma once

#include "Grader.h"

#include <QFutureWatcher>
#include <QWidget>

#include <atomic>
#include <memory>

class QLabel;
class QPushButton;

QT_BEGIN_NAMESPACE
class QChart;
class QChartView;
QT_END_NAMESPACE

namespace Unlocked {

/**
 * Speedup by cores: the solution timed against the baseline with its runs allowed 1, 2, ...
 * cores, drawn as measured points with their likely range, the ideal line (n times faster on n
 * cores) and the curve of Amdahl's law fitted to the points, with its serial fraction.
 */
class ScalingChart : public QWidget
{
    Q_OBJECT
public:
    explicit ScalingChart(QWidget *parent = nullptr);
    ~ScalingChart() override;

    /** Starts measuring \a source on a worker thread; points appear as each count is done. */
    void measure(std::shared_ptr<const Grader> grader, const Task &task, const QByteArray &source);
    void cancel();
    bool isMeasuring() const { return m_watcher.isRunning(); }
    /** Draws a finished (or partial) result. */
    void showResult(const ScaleResult &result);

    QChart *chart() const;
    QString caption() const;
    QPushButton *measureButton() const { return m_button; }

Q_SIGNALS:
    void measureRequested();
    void finished();

private:
    void addPoint(const ScalePoint &point);

    QLabel *m_caption;
    QChartView *m_view;
    QPushButton *m_button;
    ScaleResult m_partial;
    QFutureWatcher<ScaleResult> m_watcher;
    std::shared_ptr<std::atomic_bool> m_cancel;
};

} // namespace Unlocked
