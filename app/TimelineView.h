#pragma once

#include "timeline/Timeline.h"

#include <QWidget>

namespace Unlocked {

/**
 * A run's timeline drawn for a learner: on top, how many cores the whole run kept busy over
 * time (with a line at one core, the most that threads under the GIL can add up to); below, one
 * lane per thread, grouped under its process, shaded by how much of a core it used in each
 * interval. Hovering a lane tells its share of a core at that moment.
 */
class TimelineView : public QWidget
{
    Q_OBJECT
public:
    explicit TimelineView(QWidget *parent = nullptr);

    void setTimeline(const Timeline &timeline);
    void clear();
    const Timeline &timeline() const { return m_timeline; }
    bool isEmpty() const { return m_timeline.lanes.isEmpty(); }
    /** What the picture shows in one sentence, also the view's accessible description. */
    QString summary() const;

    // Geometry, public so that tests can look at the painted pixels where they matter.
    /** The band of the cores-busy chart. */
    QRect coresRect() const;
    /** The band of lane \a index (in the timeline's order). */
    QRect laneRect(int index) const;
    /** Where interval \a slot begins, in widget x. */
    double xOf(double slot) const;
    /** The cores the top chart's scale reaches: at least 2, at least the peak. */
    int coresScale() const;

    QSize sizeHint() const override;
    QSize minimumSizeHint() const override;

protected:
    void paintEvent(QPaintEvent *event) override;
    bool event(QEvent *event) override;

private:
    struct Row
    {
        int lane = -1; // -1: the header row of a process
        pid_t pid = 0;
        QString label;
    };
    void layoutRows();
    int rowOf(int lane) const;
    int rowTop(int row) const;
    QString tipAt(const QPoint &pos) const;

    Timeline m_timeline;
    QList<double> m_cores;
    QList<Row> m_rows;
};

} // namespace Unlocked
