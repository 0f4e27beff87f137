#include "ScalingChart.h"

#include <QChart>
#include <QLineSeries>
#include <QScatterSeries>
#include <QTest>
#include <QValueAxis>

using namespace Unlocked;

// Speedup by cores drawn from fixed points: each measured point with its range, the ideal line
// and Amdahl's fitted curve, axes that hold them all, and the serial fraction in the caption;
// 64 cores fit as well as 2.
class TestScalingChart : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void drawsPointsIdealAndFit_data();
    void drawsPointsIdealAndFit();
    void failedPointsAreLeftOut();
    void errorIsTheCaption();
};

namespace {

ScaleResult amdahl(double s, int cores)
{
    ScaleResult r;
    r.taskId = QStringLiteral("parallel-primes");
    r.maxCores = cores;
    for (int n = 1; n <= cores; ++n) {
        ScalePoint p;
        p.cores = n;
        p.pairs = 5;
        p.speedup = 1.0 / (s + (1 - s) / n);
        p.low = p.speedup * 0.9;
        p.high = p.speedup * 1.1;
        r.points.append(p);
    }
    r.fit = fitAmdahl(r.points);
    return r;
}

template <typename T> QList<T *> seriesOf(QChart *chart)
{
    QList<T *> out;
    for (QAbstractSeries *series : chart->series())
        if (auto *typed = qobject_cast<T *>(series))
            out.append(typed);
    return out;
}

QLineSeries *lineNamed(QChart *chart, const QString &prefix)
{
    for (QLineSeries *line : seriesOf<QLineSeries>(chart))
        if (line->name().startsWith(prefix))
            return line;
    return nullptr;
}

} // namespace

void TestScalingChart::drawsPointsIdealAndFit_data()
{
    QTest::addColumn<double>("serial");
    QTest::addColumn<int>("cores");
    QTest::addRow("2 cores") << 0.1 << 2;
    QTest::addRow("64 cores") << 0.05 << 64;
}

void TestScalingChart::drawsPointsIdealAndFit()
{
    QFETCH(double, serial);
    QFETCH(int, cores);
    ScalingChart chart;
    chart.resize(700, 450);
    chart.showResult(amdahl(serial, cores));
    QChart *c = chart.chart();

    const QList<QScatterSeries *> points = seriesOf<QScatterSeries>(c);
    QCOMPARE(points.size(), 1);
    QCOMPARE(points.first()->count(), cores);
    QCOMPARE(points.first()->at(cores - 1).x(), double(cores));

    QLineSeries *ideal = lineNamed(c, QStringLiteral("ideal"));
    QVERIFY(ideal);
    QCOMPARE(ideal->at(ideal->count() - 1), QPointF(cores, cores));
    QLineSeries *fit = lineNamed(c, QStringLiteral("Amdahl"));
    QVERIFY(fit);
    QCOMPARE(fit->count(), cores);
    QVERIFY(std::abs(fit->at(cores - 1).y() - 1.0 / (serial + (1 - serial) / cores)) < 1e-9);
    QVERIFY(fit->name().contains(QString::number(100 * serial, 'f', 1) + QLatin1Char('%')));

    int ranges = 0;
    for (QLineSeries *line : seriesOf<QLineSeries>(c))
        ranges += line->name() == QLatin1String("likely range");
    QCOMPARE(ranges, cores);

    // Every point and its range are inside the axes.
    const auto *x = qobject_cast<QValueAxis *>(c->axes(Qt::Horizontal).first());
    const auto *y = qobject_cast<QValueAxis *>(c->axes(Qt::Vertical).first());
    QVERIFY(x && y);
    QCOMPARE(x->max(), double(cores));
    QVERIFY(y->max() >= 1.1 / (serial + (1 - serial) / cores));
    QVERIFY(chart.caption().contains(QLatin1String("serial fraction of ") +
                                     QString::number(100 * serial, 'f', 1)));

    QImage image(chart.size(), QImage::Format_ARGB32);
    chart.render(&image); // paints offscreen without trouble
}

void TestScalingChart::failedPointsAreLeftOut()
{
    ScaleResult r = amdahl(0.2, 4);
    r.points[2].error = QStringLiteral("timed out");
    r.fit = fitAmdahl(r.points);
    ScalingChart chart;
    chart.showResult(r);
    QCOMPARE(seriesOf<QScatterSeries>(chart.chart()).first()->count(), 3);
}

void TestScalingChart::errorIsTheCaption()
{
    ScaleResult r;
    r.error = QStringLiteral("task x has no parallel speedup check");
    ScalingChart chart;
    chart.showResult(r);
    QVERIFY(chart.caption().contains(r.error));
    QVERIFY(!lineNamed(chart.chart(), QStringLiteral("Amdahl")));
}

QTEST_MAIN(TestScalingChart)
#include "TestScalingChart.moc"
