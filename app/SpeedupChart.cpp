#include "SpeedupChart.h"

#include <QBarCategoryAxis>
#include <QBarSeries>
#include <QBarSet>
#include <QChart>
#include <QChartView>
#include <QValueAxis>
#include <QVBoxLayout>

namespace Unlocked {

SpeedupChart::SpeedupChart(QWidget *parent) : QWidget(parent)
{
    new QVBoxLayout(this);
    layout()->setContentsMargins(0, 0, 0, 0);
}

bool SpeedupChart::showResult(const GradeResult &result)
{
    while (QLayoutItem *item = layout()->takeAt(0)) {
        delete item->widget();
        delete item;
    }
    auto *measured = new QBarSet(tr("Your speedup"));
    auto *low = new QBarSet(tr("Lower bound"));
    auto *required = new QBarSet(tr("Required"));
    QStringList names;
    double top = 1.0;
    for (const CheckResult &check : result.checks) {
        if (!check.measurement)
            continue;
        const Measurement &m = *check.measurement;
        names.append(check.name);
        *measured << m.speedup;
        *low << m.speedupLow;
        *required << m.required;
        top = qMax(top, qMax(m.speedupHigh, qMax(m.speedup, m.required)));
    }
    if (names.isEmpty()) {
        delete measured;
        delete low;
        delete required;
        return false;
    }
    auto *series = new QBarSeries;
    series->append(measured);
    series->append(low);
    series->append(required);
    auto *chart = new QChart;
    chart->addSeries(series);
    chart->setTitle(tr("Speedup against the sequential baseline (higher is better)"));
    // Follow the application palette rather than a fixed chart theme.
    const QPalette pal = palette();
    chart->setBackgroundBrush(pal.brush(QPalette::Base));
    chart->setTitleBrush(pal.brush(QPalette::Text));
    chart->legend()->setLabelColor(pal.color(QPalette::Text));
    auto *axisX = new QBarCategoryAxis;
    axisX->append(names);
    axisX->setLabelsColor(pal.color(QPalette::Text));
    chart->addAxis(axisX, Qt::AlignBottom);
    series->attachAxis(axisX);
    auto *axisY = new QValueAxis;
    axisY->setRange(0, top * 1.15);
    axisY->setLabelFormat(QStringLiteral("%.1f"));
    axisY->setTitleText(tr("times faster"));
    axisY->setTitleBrush(pal.brush(QPalette::Text));
    for (QAbstractAxis *axis :
         {static_cast<QAbstractAxis *>(axisX), static_cast<QAbstractAxis *>(axisY)}) {
        axis->setGridLineColor(pal.color(QPalette::Mid));
        axis->setLinePenColor(pal.color(QPalette::Mid));
    }
    axisY->setLabelsColor(pal.color(QPalette::Text));
    chart->addAxis(axisY, Qt::AlignLeft);
    series->attachAxis(axisY);
    auto *view = new QChartView(chart);
    view->setRenderHint(QPainter::Antialiasing);
    layout()->addWidget(view);
    return true;
}

} // namespace Unlocked
