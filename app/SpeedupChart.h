#pragma once

#include "result/GradeResult.h"

#include <QWidget>

#include <optional>

class QLabel;

QT_BEGIN_NAMESPACE
class QChart;
class QChartView;
QT_END_NAMESPACE

namespace Unlocked {

/**
 * What the measured checks found, drawn for a learner: for each check a bar of the measured
 * speedup with its value, the likely range around it, a dot for each timed pair, and the
 * speedup the check needs as a dashed line. A one-line caption above says what the chart
 * shows and what it means; a note below says why when nothing could be decided.
 */
class SpeedupChart : public QWidget
{
    Q_OBJECT
public:
    explicit SpeedupChart(QWidget *parent = nullptr);

    /** Returns whether \a result had any measured check to show. */
    bool showResult(const GradeResult &result);
    /** While a grade runs: the figures of the check being measured, so far. */
    void showProgress(const QString &checkName, CheckKind kind, const Measurement &measurement);

    QChart *chart() const;
    QString caption() const;
    QString note() const;

    /** Round ticks from 0 to at least \a top: steps of 0.5, 1, 2, 5, 10, ... */
    struct Scale
    {
        double max = 1.0;
        double step = 0.5;
    };
    static Scale scaleFor(double top);

protected:
    void changeEvent(QEvent *event) override;

private:
    struct Shown
    {
        QString name;
        CheckKind kind = CheckKind::ParallelSpeedup;
        Measurement m;
        std::optional<Verdict> verdict; // none: still being measured
        QString headline;
    };
    void draw(const QList<Shown> &shown);

    QList<Shown> m_shown; // drawn again in the new colours when the theme changes
    QLabel *m_caption;
    QChartView *m_view;
    QLabel *m_note;
};

} // namespace Unlocked
