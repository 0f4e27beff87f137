#include "ScalingChart.h"

#include <QChart>
#include <QChartView>
#include <QLabel>
#include <QLegend>
#include <QLegendMarker>
#include <QLineSeries>
#include <QPushButton>
#include <QScatterSeries>
#include <QValueAxis>
#include <QVBoxLayout>
#include <QtConcurrent>

#include <algorithm>
#include <cmath>

namespace Unlocked {

ScalingChart::ScalingChart(QWidget *parent)
    : QWidget(parent), m_caption(new QLabel), m_view(new QChartView),
      m_button(new QPushButton(tr("Measure on 1, 2, … cores")))
{
    auto *layout = new QVBoxLayout(this);
    m_caption->setWordWrap(true);
    m_caption->setText(tr("How the speedup grows with the cores your solution may use: it is "
                          "timed against the baseline on 1 core, then 2, and so on, and "
                          "Amdahl's law is fitted to the points. It takes about a minute."));
    layout->addWidget(m_caption);
    m_view->setRenderHint(QPainter::Antialiasing);
    m_view->setMinimumHeight(220);
    m_view->setAccessibleName(tr("Speedup by cores"));
    layout->addWidget(m_view, 1);
    m_button->setObjectName(QStringLiteral("measureScaling"));
    m_button->setAccessibleDescription(tr("Times your solution against the baseline on 1 core, "
                                          "then 2, and so on; press again to stop"));
    layout->addWidget(m_button, 0, Qt::AlignLeft);
    connect(m_button, &QPushButton::clicked, this, [this] {
        if (isMeasuring())
            cancel();
        else
            Q_EMIT measureRequested();
    });
    connect(&m_watcher, &QFutureWatcher<ScaleResult>::finished, this, [this] {
        showResult(m_watcher.result());
        m_button->setText(tr("Measure again"));
        Q_EMIT finished();
    });
    showResult({});
}

ScalingChart::~ScalingChart()
{
    if (m_cancel)
        *m_cancel = true;
    m_watcher.waitForFinished();
}

QChart *ScalingChart::chart() const
{
    return m_view->chart();
}

QString ScalingChart::caption() const
{
    return m_caption->text();
}

void ScalingChart::measure(std::shared_ptr<const Grader> grader, const Task &task,
                           const QByteArray &source)
{
    if (isMeasuring())
        return;
    m_partial = {};
    m_partial.taskId = task.id;
    showResult(m_partial);
    m_caption->setText(tr("Timing your solution against the baseline on 1 core, then more…"));
    m_button->setText(tr("Stop measuring"));
    m_cancel = std::make_shared<std::atomic_bool>(false);
    std::shared_ptr<std::atomic_bool> cancel = m_cancel;
    // `this` outlives the worker (the destructor waits for it); events posted to it after it is
    // gone are dropped by Qt.
    m_watcher.setFuture(QtConcurrent::run([this, grader, task, source, cancel] {
        ScaleOptions options;
        options.cancel = cancel.get();
        options.onPoint = [this](const ScalePoint &point) {
            QMetaObject::invokeMethod(
                this, [this, point] { addPoint(point); }, Qt::QueuedConnection);
        };
        return grader->scale(task, source, options);
    }));
}

void ScalingChart::cancel()
{
    if (m_cancel)
        *m_cancel = true;
}

void ScalingChart::addPoint(const ScalePoint &point)
{
    m_partial.points.append(point);
    m_partial.fit = fitAmdahl(m_partial.points);
    showResult(m_partial);
    m_caption->setText(tr("Measured on %n core(s) so far…", nullptr, int(m_partial.points.size())));
}

void ScalingChart::showResult(const ScaleResult &result)
{
    auto *chart = new QChart;
    chart->legend()->setAlignment(Qt::AlignBottom);
    int top = 2;
    for (const ScalePoint &p : result.points)
        top = std::max(top, p.cores);
    double highest = top;
    auto *ideal = new QLineSeries;
    ideal->setName(tr("ideal: n times faster on n cores"));
    ideal->append(0, 0);
    ideal->append(top, top);
    QPen dashed = ideal->pen();
    dashed.setStyle(Qt::DashLine);
    ideal->setPen(dashed);
    chart->addSeries(ideal);

    auto *measured = new QScatterSeries;
    measured->setName(tr("measured speedup"));
    measured->setMarkerSize(10);
    QList<QLineSeries *> ranges; // the likely range of each point, a vertical stroke each
    for (const ScalePoint &p : result.points) {
        if (!p.ok())
            continue;
        measured->append(p.cores, p.speedup);
        highest = std::max(highest, p.high);
        if (p.high > 0) {
            auto *range = new QLineSeries;
            range->setName(tr("likely range"));
            range->append(p.cores, p.low);
            range->append(p.cores, p.high);
            QPen pen = range->pen();
            pen.setWidth(3);
            range->setPen(pen);
            ranges.append(range);
            chart->addSeries(range);
        }
    }
    chart->addSeries(measured);
    for (qsizetype i = 0; i < ranges.size(); ++i) {
        ranges[i]->setColor(measured->color());
        if (i > 0)
            for (QLegendMarker *marker : chart->legend()->markers(ranges[i]))
                marker->setVisible(false);
    }

    if (result.fit.ok) {
        auto *amdahl = new QLineSeries;
        amdahl->setName(
            tr("Amdahl's law, %1% serial").arg(100 * result.fit.serialFraction, 0, 'f', 1));
        for (int n = 1; n <= top; ++n)
            amdahl->append(n, result.fit.speedupAt(n));
        chart->addSeries(amdahl);
    }

    auto *x = new QValueAxis;
    x->setTitleText(tr("cores"));
    x->setRange(0, top);
    x->setTickCount(std::min(top, 8) + 1);
    x->setLabelFormat(QStringLiteral("%d"));
    auto *y = new QValueAxis;
    y->setTitleText(tr("speedup over the baseline"));
    y->setRange(0, std::ceil(highest));
    y->setLabelFormat(QStringLiteral("%.1f"));
    chart->addAxis(x, Qt::AlignBottom);
    chart->addAxis(y, Qt::AlignLeft);
    for (QAbstractSeries *series : chart->series()) {
        series->attachAxis(x);
        series->attachAxis(y);
    }
    QChart *old = m_view->chart();
    m_view->setChart(chart);
    delete old;

    if (!result.error.isEmpty()) {
        m_caption->setText(tr("Not measured: %1").arg(result.error));
    } else if (result.fit.ok) {
        const auto most = result.fit.limit();
        m_caption->setText(
            tr("Amdahl's law fits a serial fraction of %1%: %2")
                .arg(100 * result.fit.serialFraction, 0, 'f', 1)
                .arg(most ? tr("no number of cores could make it more than %1 times faster "
                               "than the baseline.")
                                .arg(*most, 0, 'f', 1)
                          : tr("it would keep getting faster with more cores.")));
    } else if (!result.points.isEmpty()) {
        m_caption->setText(tr("No Amdahl fit: %1.").arg(result.fit.why));
    }
}

} // namespace Unlocked
