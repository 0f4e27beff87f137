#include "TimelineView.h"

#include <QHelpEvent>
#include <QPainter>
#include <QPainterPath>
#include <QToolTip>

#include <algorithm>
#include <cmath>

namespace Unlocked {

namespace {

constexpr int kMargin = 8;
constexpr int kLabelWidth = 150;
constexpr int kTitleHeight = 26;
constexpr int kCoresHeight = 64;
constexpr int kGap = 10;
constexpr int kHeaderHeight = 18;
constexpr int kLaneHeight = 14;
constexpr int kAxisHeight = 22;
// Below this share of a core a lane is left unshaded: a waiting thread reads as empty.
constexpr double kIdleShare = 0.02;

// The finest step of 1, 2 or 5 times a power of ten that needs at most \a maxTicks ticks.
double tickStep(double seconds, int maxTicks)
{
    for (double unit = 0.01;; unit *= 10)
        for (double step : {1.0, 2.0, 5.0})
            if (seconds / (step * unit) <= maxTicks)
                return step * unit;
}

QString secondsText(double seconds, double step)
{
    const int decimals = step >= 1 ? 0 : step >= 0.1 ? 1 : 2;
    return QStringLiteral("%1 s").arg(seconds, 0, 'f', decimals);
}

} // namespace

TimelineView::TimelineView(QWidget *parent) : QWidget(parent)
{
    setAccessibleName(tr("Run timeline"));
    setMouseTracking(true);
    setMinimumHeight(minimumSizeHint().height());
}

void TimelineView::setTimeline(const Timeline &timeline)
{
    m_timeline = timeline;
    m_cores = timeline.coresBusy();
    layoutRows();
    setAccessibleDescription(summary());
    updateGeometry();
    update();
}

void TimelineView::clear()
{
    setTimeline({});
}

void TimelineView::layoutRows()
{
    m_rows.clear();
    QList<pid_t> processes;
    int threadInProcess = 0;
    for (int i = 0; i < m_timeline.lanes.size(); ++i) {
        const ThreadLane &lane = m_timeline.lanes[i];
        if (!processes.contains(lane.pid)) {
            processes.append(lane.pid);
            threadInProcess = 0;
            const QString which = processes.size() == 1 ? tr("Process 1 (main)")
                                                        : tr("Process %1").arg(processes.size());
            m_rows.append(
                {-1, lane.pid, tr("%1 · %2 · pid %3").arg(which, lane.processName).arg(lane.pid)});
        }
        ++threadInProcess;
        const QString name =
            lane.tid == lane.pid ? tr("main thread") : tr("thread %1").arg(threadInProcess);
        m_rows.append({i, lane.pid, name});
    }
}

QString TimelineView::summary() const
{
    if (m_timeline.lanes.isEmpty())
        return tr("No timeline: the run ended before it could be sampled.");
    double peak = 0.0, sum = 0.0;
    int busySlots = 0;
    for (double c : m_cores) {
        peak = std::max(peak, c);
        if (c >= kIdleShare) {
            sum += c;
            ++busySlots;
        }
    }
    const double seconds = m_timeline.intervalCount * m_timeline.intervalSeconds;
    return tr("%1 thread(s) in %2 process(es) over %3 s: at most %4 cores busy at once, "
              "%5 on average while anything ran.")
        .arg(m_timeline.lanes.size())
        .arg(m_timeline.processCount())
        .arg(seconds, 0, 'f', 2)
        .arg(peak, 0, 'f', 1)
        .arg(busySlots ? sum / busySlots : 0.0, 0, 'f', 1);
}

int TimelineView::coresScale() const
{
    double peak = 0.0;
    for (double c : m_cores)
        peak = std::max(peak, c);
    return std::max(2, int(std::ceil(peak - 0.05)));
}

QRect TimelineView::coresRect() const
{
    return QRect(kMargin + kLabelWidth, kMargin + kTitleHeight,
                 std::max(1, width() - 2 * kMargin - kLabelWidth), kCoresHeight);
}

int TimelineView::rowTop(int row) const
{
    int y = coresRect().bottom() + 1 + kGap;
    for (int r = 0; r < row; ++r)
        y += m_rows[r].lane < 0 ? kHeaderHeight : kLaneHeight;
    return y;
}

int TimelineView::rowOf(int lane) const
{
    for (int r = 0; r < m_rows.size(); ++r)
        if (m_rows[r].lane == lane)
            return r;
    return -1;
}

QRect TimelineView::laneRect(int index) const
{
    const int row = rowOf(index);
    if (row < 0)
        return {};
    const QRect top = coresRect();
    return QRect(top.left(), rowTop(row), top.width(), kLaneHeight - 2);
}

double TimelineView::xOf(double slot) const
{
    const QRect top = coresRect();
    const int count = std::max(1, m_timeline.intervalCount);
    return top.left() + top.width() * slot / count;
}

QSize TimelineView::minimumSizeHint() const
{
    return QSize(kLabelWidth + 200, kMargin * 2 + kTitleHeight + kCoresHeight + kGap +
                                        kHeaderHeight + kLaneHeight + kAxisHeight);
}

QSize TimelineView::sizeHint() const
{
    const int rows = m_rows.isEmpty() ? 0 : rowTop(int(m_rows.size())) - rowTop(0);
    return QSize(kLabelWidth + 500, kMargin * 2 + kTitleHeight + kCoresHeight + kGap +
                                        std::max(rows, kHeaderHeight + kLaneHeight) + kAxisHeight);
}

void TimelineView::paintEvent(QPaintEvent *)
{
    QPainter p(this);
    p.fillRect(rect(), palette().base());
    p.setPen(palette().color(QPalette::Text));
    const QRect top = coresRect();
    const QColor busy = palette().color(QPalette::Highlight);
    if (m_timeline.lanes.isEmpty()) {
        p.drawText(rect().adjusted(kMargin, kMargin, -kMargin, -kMargin),
                   Qt::AlignCenter | Qt::TextWordWrap,
                   tr("Run a program to see what each of its threads did."));
        return;
    }

    // The cores the whole run kept busy, against a scale of whole cores.
    const int scale = coresScale();
    p.drawText(QRect(kMargin, kMargin, width(), 16), Qt::AlignLeft | Qt::AlignVCenter,
               tr("Cores busy (all threads together)"));
    p.fillRect(top, palette().alternateBase());
    auto yOf = [&](double cores) { return top.bottom() + 1 - top.height() * cores / scale; };
    QPainterPath area;
    area.moveTo(xOf(0), top.bottom() + 1);
    for (int i = 0; i < m_cores.size(); ++i) {
        const double y = yOf(std::min(double(scale), m_cores[i]));
        area.lineTo(xOf(i), y);
        area.lineTo(xOf(i + 1), y);
    }
    area.lineTo(xOf(m_cores.size()), top.bottom() + 1);
    area.closeSubpath();
    p.fillPath(area, busy);
    QPen dashed(palette().color(QPalette::Text), 1, Qt::DashLine);
    for (int c = 1; c <= scale; ++c) {
        p.setPen(dashed);
        p.drawLine(QPointF(top.left(), yOf(c)), QPointF(top.right(), yOf(c)));
        p.setPen(palette().color(QPalette::Text));
        p.drawText(QRect(kMargin, int(yOf(c)) - 8, kLabelWidth - 6, 16),
                   Qt::AlignRight | Qt::AlignVCenter,
                   c == 1 ? tr("1 core") : tr("%1 cores").arg(c));
    }

    // One lane per thread, under its process's header.
    for (int r = 0; r < m_rows.size(); ++r) {
        const Row &row = m_rows[r];
        const int y = rowTop(r);
        if (row.lane < 0) {
            QFont bold = font();
            bold.setBold(true);
            p.setFont(bold);
            p.drawText(QRect(kMargin, y, width() - 2 * kMargin, kHeaderHeight),
                       Qt::AlignLeft | Qt::AlignVCenter, row.label);
            p.setFont(font());
            continue;
        }
        const ThreadLane &lane = m_timeline.lanes[row.lane];
        const QRect band = laneRect(row.lane);
        p.drawText(QRect(kMargin + 12, y, kLabelWidth - 18, kLaneHeight),
                   Qt::AlignLeft | Qt::AlignVCenter, row.label);
        // Its life in a faint band; each interval it ran in shaded by its share of a core.
        p.fillRect(QRectF(xOf(lane.firstSlot), band.top(),
                          xOf(lane.lastSlot() + 1) - xOf(lane.firstSlot), band.height()),
                   palette().alternateBase());
        for (int i = 0; i < lane.busy.size(); ++i) {
            const double share = lane.busy[i];
            if (share < kIdleShare)
                continue;
            QColor c = busy;
            c.setAlphaF(float(0.15 + 0.85 * std::min(1.0, share)));
            const double x0 = xOf(lane.firstSlot + i), x1 = xOf(lane.firstSlot + i + 1);
            p.fillRect(QRectF(x0, band.top(), std::max(1.0, x1 - x0), band.height()), c);
        }
    }

    // Time along the bottom.
    const int axisY = m_rows.isEmpty() ? top.bottom() + kGap : rowTop(int(m_rows.size())) + 2;
    const double seconds = m_timeline.intervalCount * m_timeline.intervalSeconds;
    // As many ticks as their labels leave room for, and no more than eight.
    const int labelWidth = fontMetrics().horizontalAdvance(secondsText(seconds, 0.01)) + 12;
    const double step = tickStep(seconds, std::clamp(top.width() / labelWidth, 1, 8));
    p.setPen(palette().color(QPalette::Text));
    p.drawLine(top.left(), axisY, top.right(), axisY);
    for (double t = 0; t <= seconds + 1e-9; t += step) {
        const double x = xOf(t / m_timeline.intervalSeconds);
        p.drawLine(QPointF(x, axisY), QPointF(x, axisY + 4));
        QRectF label(x - 30, axisY + 4, 60, kAxisHeight - 4);
        label.moveRight(std::min(label.right(), double(width() - kMargin))); // the last one
        p.drawText(label, Qt::AlignHCenter | Qt::AlignTop, secondsText(t, step));
    }
}

QString TimelineView::tipAt(const QPoint &pos) const
{
    const QRect top = coresRect();
    if (m_timeline.lanes.isEmpty() || pos.x() < top.left() || pos.x() > top.right())
        return {};
    const int slot = int((pos.x() - top.left()) * double(m_timeline.intervalCount) / top.width());
    const double at = slot * m_timeline.intervalSeconds;
    if (top.contains(pos) && slot < m_cores.size())
        return tr("%1 cores busy at %2 s").arg(m_cores[slot], 0, 'f', 2).arg(at, 0, 'f', 2);
    for (int i = 0; i < m_timeline.lanes.size(); ++i) {
        if (!laneRect(i).contains(pos))
            continue;
        const ThreadLane &lane = m_timeline.lanes[i];
        const int k = slot - lane.firstSlot;
        const double share = k >= 0 && k < lane.busy.size() ? lane.busy[k] : 0.0;
        return tr("%1 (tid %2): %3% of a core at %4 s")
            .arg(m_rows[rowOf(i)].label)
            .arg(lane.tid)
            .arg(qRound(share * 100))
            .arg(at, 0, 'f', 2);
    }
    return {};
}

bool TimelineView::event(QEvent *event)
{
    if (event->type() == QEvent::ToolTip) {
        auto *help = static_cast<QHelpEvent *>(event);
        const QString tip = tipAt(help->pos());
        if (tip.isEmpty())
            QToolTip::hideText();
        else
            QToolTip::showText(help->globalPos(), tip, this);
        return true;
    }
    return QWidget::event(event);
}

} // namespace Unlocked
