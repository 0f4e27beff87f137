#include "GuiTestSupport.h"
#include "OutputPane.h"
#include "RunPolicy.h"
#include "TimelineView.h"

#include <QPushButton>
#include <QTest>

using namespace Unlocked;

// The timeline is drawn from fixed data: lanes grouped by process, shaded where a thread ran and
// empty where it waited, the cores-busy band as tall as the cores in use. The output pane shows
// the timeline of a real run below its output, per owner, and hides it on request.
class TestTimelineView : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void lanesShowWhenEachThreadRan();
    void coresBandFollowsTheTotal();
    void processesHaveHeaders();
    void emptyTimelineSaysSo();
    void outputPaneShowsTheRunsTimeline();

private:
    QTemporaryDir m_home;
};

namespace {

// Two threads of one process taking turns (A the first half, B the second), and a second
// process whose one thread runs throughout: one core busy, then two.
Timeline takingTurns()
{
    Timeline t;
    t.intervalSeconds = 0.01;
    t.intervalCount = 20;
    ThreadLane a{100, 100, QStringLiteral("python3"), QStringLiteral("python3"), 0, {}};
    ThreadLane b{100, 101, QStringLiteral("python3"), QStringLiteral("python3"), 0, {}};
    ThreadLane c{200, 200, QStringLiteral("python3"), QStringLiteral("python3"), 10, {}};
    for (int i = 0; i < 20; ++i) {
        a.busy.append(i < 10 ? 1.0 : 0.0);
        b.busy.append(i < 10 ? 0.0 : 1.0);
    }
    for (int i = 10; i < 20; ++i)
        c.busy.append(1.0);
    t.lanes = {a, b, c};
    return t;
}

QImage render(TimelineView &view)
{
    view.resize(700, view.sizeHint().height());
    QImage image(view.size(), QImage::Format_ARGB32);
    image.fill(Qt::white);
    view.render(&image);
    return image;
}

// The middle of interval `slot` of lane `lane`.
QPoint laneCentre(const TimelineView &view, int lane, int slot)
{
    const QRect band = view.laneRect(lane);
    return QPoint(int((view.xOf(slot) + view.xOf(slot + 1)) / 2), band.center().y());
}

bool shaded(const QImage &image, const QPoint &at, const QColor &highlight)
{
    const QColor c = image.pixelColor(at);
    // Shaded: close to the highlight colour; idle: the base or alternate-base colour.
    return std::abs(c.red() - highlight.red()) + std::abs(c.green() - highlight.green()) +
               std::abs(c.blue() - highlight.blue()) <
           60;
}

} // namespace

void TestTimelineView::initTestCase()
{
    isolateGuiTest(m_home);
}

void TestTimelineView::lanesShowWhenEachThreadRan()
{
    TimelineView view;
    view.setTimeline(takingTurns());
    const QImage image = render(view);
    const QColor highlight = view.palette().color(QPalette::Highlight);
    QVERIFY(shaded(image, laneCentre(view, 0, 3), highlight));   // A runs first
    QVERIFY(!shaded(image, laneCentre(view, 0, 15), highlight)); // then waits
    QVERIFY(!shaded(image, laneCentre(view, 1, 3), highlight));  // B waits first
    QVERIFY(shaded(image, laneCentre(view, 1, 15), highlight));  // then runs
    QVERIFY(!shaded(image, laneCentre(view, 2, 5), highlight));  // C not started
    QVERIFY(shaded(image, laneCentre(view, 2, 15), highlight));
    // Lanes are stacked in order and do not overlap.
    QVERIFY(view.laneRect(0).bottom() < view.laneRect(1).top());
    QVERIFY(view.laneRect(1).bottom() < view.laneRect(2).top());
}

void TestTimelineView::coresBandFollowsTheTotal()
{
    TimelineView view;
    view.setTimeline(takingTurns());
    QCOMPARE(view.coresScale(), 2);
    const QImage image = render(view);
    const QColor highlight = view.palette().color(QPalette::Highlight);
    const QRect band = view.coresRect();
    auto at = [&](int slot, double cores) {
        return QPoint(int((view.xOf(slot) + view.xOf(slot + 1)) / 2),
                      int(band.bottom() - band.height() * cores / 2));
    };
    // One core busy in the first half: filled below one core, empty above it.
    QVERIFY(shaded(image, at(5, 0.5), highlight));
    QVERIFY(!shaded(image, at(5, 1.5), highlight));
    // Two in the second half.
    QVERIFY(shaded(image, at(15, 1.5), highlight));
    QVERIFY(view.summary().contains(QLatin1String("at most 2.0 cores")));
    QVERIFY(view.summary().contains(QLatin1String("3 thread(s) in 2 process(es)")));
}

void TestTimelineView::processesHaveHeaders()
{
    TimelineView view;
    view.setTimeline(takingTurns());
    // A header row sits above the first lane of each process, none between threads of one.
    QVERIFY(view.laneRect(0).top() > view.coresRect().bottom());
    const int sameProcessGap = view.laneRect(1).top() - view.laneRect(0).bottom();
    const int newProcessGap = view.laneRect(2).top() - view.laneRect(1).bottom();
    QVERIFY(newProcessGap > sameProcessGap + 8);
    QVERIFY(view.sizeHint().height() > view.laneRect(2).bottom());
}

void TestTimelineView::emptyTimelineSaysSo()
{
    TimelineView view;
    QVERIFY(view.isEmpty());
    QVERIFY(view.summary().contains(QLatin1String("No timeline")));
    QVERIFY(view.laneRect(0).isNull());
    render(view); // paints without lanes
}

void TestTimelineView::outputPaneShowsTheRunsTimeline()
{
    RunPolicy policy;
    policy.setIsolationForTesting({false, QStringLiteral("no sandbox in tests")});
    policy.setUnisolatedAllowed(true);
    OutputPane pane(&policy);
    pane.resize(800, 600);
    pane.show();
    QVERIFY(!pane.isTimelineShown());
    pane.setOwner(QStringLiteral("one"));
    pane.run(QStringLiteral("busy"), QStringLiteral("busy.py"),
             QStringLiteral("import time\nend = time.monotonic() + 0.3\n"
                            "while time.monotonic() < end:\n    pass\nprint('done')\n"));
    QTRY_VERIFY_WITH_TIMEOUT(!pane.isRunning(), 20000);
    QTRY_VERIFY(pane.isTimelineShown());
    const Timeline shown = pane.timelineView()->timeline();
    QVERIFY(!shown.lanes.isEmpty());
    QVERIFY(shown.intervalCount >= 10); // 0.3 s of work in 10 ms intervals, at least

    auto *toggle = pane.findChild<QPushButton *>(QStringLiteral("timelineToggle"));
    QVERIFY(toggle && toggle->isEnabled());
    toggle->click();
    QVERIFY(!pane.isTimelineShown());
    toggle->click();
    QVERIFY(pane.isTimelineShown());

    // Another owner has no run yet: no timeline; back to the first, its timeline again.
    pane.setOwner(QStringLiteral("two"));
    QVERIFY(!pane.isTimelineShown());
    QVERIFY(!toggle->isEnabled());
    pane.setOwner(QStringLiteral("one"));
    QVERIFY(pane.isTimelineShown());
    QCOMPARE(pane.timelineView()->timeline().lanes.size(), shown.lanes.size());
}

QTEST_MAIN(TestTimelineView)
#include "TestTimelineView.moc"
