#include "SpeedupChart.h"

#include <QBarSeries>
#include <QBarSet>
#include <QChart>
#include <QLineSeries>
#include <QScatterSeries>
#include <QTest>
#include <QValueAxis>

#include <cmath>

using namespace Unlocked;

Q_DECLARE_METATYPE(Unlocked::CheckResult)

// In every verdict the chart shows the measured speedup with its likely range against the
// speedup needed, values printed, on round ticks, under a one-line caption.
class TestSpeedupChart : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void ticksAreRound_data();
    void ticksAreRound();
    void everyVerdictShowsTheMeasurement_data();
    void everyVerdictShowsTheMeasurement();
    void progressFillsIn();
};

namespace {

bool isRoundStep(double step)
{
    for (double unit = 0.01; unit < 1e4; unit *= 10)
        for (double round : {0.5, 1.0, 2.0, 5.0})
            if (std::abs(step - round * unit) < 1e-9)
                return true;
    return false;
}

bool isMultiple(double value, double step)
{
    const double steps = value / step;
    return std::abs(steps - std::round(steps)) < 1e-9;
}

template <typename T> QList<T *> seriesOf(QChart *chart)
{
    QList<T *> out;
    for (QAbstractSeries *series : chart->series())
        if (auto *typed = qobject_cast<T *>(series))
            out.append(typed);
    return out;
}

QLineSeries *lineNamed(QChart *chart, const QString &name)
{
    for (QLineSeries *line : seriesOf<QLineSeries>(chart))
        if (line->name() == name && !qobject_cast<QScatterSeries *>(line))
            return line;
    return nullptr;
}

CheckResult measured(Verdict verdict, int pairs, double speedup, double low, double high,
                     const QString &headline = {})
{
    CheckResult check;
    check.name = QStringLiteral("Faster on several cores");
    check.kind = CheckKind::ParallelSpeedup;
    check.verdict = verdict;
    check.headline = headline;
    check.message = QStringLiteral("the whole story");
    Measurement m;
    m.pairs = pairs;
    m.speedup = speedup;
    m.speedupLow = low;
    m.speedupHigh = high;
    m.required = 1.2;
    m.cores = 2;
    for (int i = 0; i < pairs; ++i)
        m.samples.append(speedup + 0.01 * (i - pairs / 2));
    check.measurement = m;
    return check;
}

void checkAxis(QChart *chart, double top)
{
    const QList<QAbstractAxis *> axes = chart->axes(Qt::Vertical);
    QCOMPARE(axes.size(), 1);
    auto *axis = qobject_cast<QValueAxis *>(axes.first());
    QVERIFY(axis);
    QCOMPARE(axis->min(), 0.0);
    QCOMPARE(axis->tickType(), QValueAxis::TicksDynamic);
    QCOMPARE(axis->tickAnchor(), 0.0);
    QVERIFY2(isRoundStep(axis->tickInterval()), qPrintable(QString::number(axis->tickInterval())));
    QVERIFY(isMultiple(axis->max(), axis->tickInterval()));
    QVERIFY(axis->max() >= top);
    QCOMPARE(axis->labelFormat(), QStringLiteral("%g")); // 1.5, not 1.50 or 1.6
}

} // namespace

void TestSpeedupChart::ticksAreRound_data()
{
    QTest::addColumn<double>("top");
    for (double top : {0.0, 1.0, 1.2, 1.6, 2.0, 3.3, 4.9, 7.5, 12.0, 33.0})
        QTest::addRow("%g", top) << top;
}

void TestSpeedupChart::ticksAreRound()
{
    QFETCH(double, top);
    const SpeedupChart::Scale scale = SpeedupChart::scaleFor(top);
    QVERIFY2(isRoundStep(scale.step), qPrintable(QString::number(scale.step)));
    QVERIFY(isMultiple(scale.max, scale.step));
    QVERIFY(scale.max >= top);
    QVERIFY(scale.max / scale.step <= 5.0 + 1e-9); // every label fits a short chart
    QVERIFY(scale.max / scale.step >= 2.0 - 1e-9);
}

void TestSpeedupChart::everyVerdictShowsTheMeasurement_data()
{
    QTest::addColumn<CheckResult>("check");
    QTest::addColumn<QString>("says");
    QTest::addRow("passed") << measured(Verdict::Passed, 5, 1.82, 1.7, 1.95)
                            << QStringLiteral("passed");
    QTest::addRow("failed") << measured(Verdict::Failed, 4, 0.98, 0.95, 1.01)
                            << QStringLiteral("not yet");
    QTest::addRow("inconclusive, too close to call")
        << measured(Verdict::Inconclusive, 9, 1.25, 1.1, 1.4,
                    QStringLiteral("Too close to call: after 9 pairs of runs."))
        << QStringLiteral("not decided");
    QTest::addRow("inconclusive, too few pairs")
        << measured(Verdict::Inconclusive, 2, 1.5, 0.0, 0.0,
                    QStringLiteral("Only 2 pairs of runs could be timed in the 6.00 s time "
                                   "budget, and at least 4 are needed to decide."))
        << QStringLiteral("not decided");
    QTest::addRow("inconclusive, nothing timed")
        << measured(Verdict::Inconclusive, 0, 0.0, 0.0, 0.0,
                    QStringLiteral("The 3.00 s time budget is too short."))
        << QStringLiteral("nothing could be timed");
}

void TestSpeedupChart::everyVerdictShowsTheMeasurement()
{
    QFETCH(CheckResult, check);
    QFETCH(QString, says);
    const Measurement &m = *check.measurement;
    GradeResult result;
    result.checks = {check};
    SpeedupChart chart;
    chart.resize(700, 420);
    chart.show();
    QVERIFY(chart.showResult(result));
    QChart *c = chart.chart();
    QVERIFY(c);

    // The caption: one line, what is shown and what it came to.
    QVERIFY2(!chart.caption().contains(QLatin1Char('\n')), qPrintable(chart.caption()));
    QVERIFY2(chart.caption().contains(says), qPrintable(chart.caption()));
    if (m.pairs > 0)
        QVERIFY2(chart.caption().contains(QString::number(m.speedup, 'f', 2) + QLatin1Char('x')),
                 qPrintable(chart.caption()));
    if (!check.headline.isEmpty())
        QVERIFY2(chart.note().contains(check.headline), qPrintable(chart.note()));

    // One bar, of the measured speedup, with its value printed: no other bars to explain.
    const QList<QBarSeries *> bars = seriesOf<QBarSeries>(c);
    if (m.pairs > 0) {
        QCOMPARE(bars.size(), 1);
        QCOMPARE(bars.first()->count(), 1);
        const QBarSet *set = bars.first()->barSets().first();
        QCOMPARE(set->count(), 1);
        QCOMPARE(set->at(0), m.speedup);
        QVERIFY(bars.first()->isLabelsVisible());
        QVERIFY(bars.first()->labelsFormat().contains(QLatin1String("@value")));
    } else {
        QVERIFY(bars.isEmpty()); // no bar of 0x for a speedup that was not measured
    }
    for (QAbstractSeries *series : c->series())
        QVERIFY2(!series->name().contains(QLatin1String("Lower bound")),
                 qPrintable(series->name()));

    // The likely range, where there is one.
    QLineSeries *range = lineNamed(c, QStringLiteral("Likely range"));
    QCOMPARE(range != nullptr, m.speedupHigh > 0.0);
    if (range) {
        double low = 1e9, high = 0;
        for (const QPointF &p : range->points()) {
            low = std::min(low, p.y());
            high = std::max(high, p.y());
        }
        QCOMPARE(low, m.speedupLow);
        QCOMPARE(high, m.speedupHigh);
    }
    // Each pair as a dot.
    const QList<QScatterSeries *> dots = seriesOf<QScatterSeries>(c);
    QCOMPARE(dots.size(), m.pairs > 0 ? 1 : 0);
    if (!dots.isEmpty())
        QCOMPARE(dots.first()->count(), m.pairs);

    // The target, with its value printed, in every verdict.
    QLineSeries *target = lineNamed(c, QStringLiteral("Needed"));
    QVERIFY(target);
    for (const QPointF &p : target->points())
        QCOMPARE(p.y(), m.required);
    QVERIFY(target->pointLabelsVisible());
    QVERIFY2(target->pointLabelsFormat().contains(QLatin1String("1.20x")),
             qPrintable(target->pointLabelsFormat()));
    checkAxis(c, std::max(m.speedupHigh, m.required));
}

void TestSpeedupChart::progressFillsIn()
{
    SpeedupChart chart;
    chart.show();
    Measurement m;
    m.required = 1.2;
    for (int pairs = 1; pairs <= 3; ++pairs) {
        m.pairs = pairs;
        m.samples.append(1.5 + 0.1 * pairs);
        m.speedup = m.samples[m.samples.size() / 2];
        chart.showProgress(QStringLiteral("Faster"), CheckKind::ParallelSpeedup, m);
        const QList<QScatterSeries *> dots = seriesOf<QScatterSeries>(chart.chart());
        QCOMPARE(dots.size(), 1);
        QCOMPARE(dots.first()->count(), pairs);
        QVERIFY2(chart.caption().contains(QLatin1String("so far")), qPrintable(chart.caption()));
    }
    QVERIFY(chart.caption().contains(QLatin1String("after 3 timed pairs")));
}

QTEST_MAIN(TestSpeedupChart)
#include "TestSpeedupChart.moc"
