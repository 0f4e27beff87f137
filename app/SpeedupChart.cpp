#include "SpeedupChart.h"

#include <QBarCategoryAxis>
#include <QBarSeries>
#include <QBarSet>
#include <QChart>
#include <QChartView>
#include <QEvent>
#include <QLabel>
#include <QLegendMarker>
#include <QLineSeries>
#include <QScatterSeries>
#include <QValueAxis>
#include <QVBoxLayout>

#include <algorithm>
#include <cmath>

namespace Unlocked {

namespace {

QString times(double value)
{
    return QString::number(value, 'f', 2) + QLatin1Char('x');
}

QString against(CheckKind kind)
{
    return kind == CheckKind::Concurrency ? SpeedupChart::tr("as fast as waiting for each in turn")
                                          : SpeedupChart::tr("as fast as the baseline");
}

bool wellBelow(const Measurement &m)
{
    return (m.speedupHigh > 0.0 ? m.speedupHigh : m.speedup) < m.required;
}

// What the chart shows for one check, and what it came to, in one sentence.
QString captionFor(const QString &name, CheckKind kind, const Measurement &m,
                   std::optional<Verdict> verdict)
{
    if (m.pairs == 0)
        return verdict ? SpeedupChart::tr("%1: no speedup to show, as nothing could be timed.")
                             .arg(name)
                       : SpeedupChart::tr("%1: getting ready to time your solution against the "
                                          "baseline…")
                             .arg(name);
    QString seen =
        SpeedupChart::tr("%1: your solution ran %2 %3").arg(name, times(m.speedup), against(kind));
    if (m.speedupHigh > 0.0)
        seen +=
            SpeedupChart::tr(" (likely %1 to %2)").arg(times(m.speedupLow), times(m.speedupHigh));
    const QString needs = times(m.required);
    if (!verdict) {
        const bool runs = kind == CheckKind::Concurrency;
        const QString count =
            m.pairs == 1
                ? (runs ? SpeedupChart::tr("1 timed run") : SpeedupChart::tr("1 timed pair"))
                : (runs ? SpeedupChart::tr("%1 timed runs") : SpeedupChart::tr("%1 timed pairs"))
                      .arg(m.pairs);
        return SpeedupChart::tr("%1 so far, after %2; it needs %3.").arg(seen, count, needs);
    }
    switch (*verdict) {
    case Verdict::Passed:
        return SpeedupChart::tr("%1, above the %2 it needs: passed.").arg(seen, needs);
    case Verdict::Failed:
        return wellBelow(m)
                   ? SpeedupChart::tr("%1, below the %2 it needs: not yet.").arg(seen, needs)
                   : SpeedupChart::tr("%1; it needs %2, and the check failed for the "
                                      "reason the Results tab gives.")
                         .arg(seen, needs);
    case Verdict::Inconclusive:
        return SpeedupChart::tr("%1; it needs %2: not decided.").arg(seen, needs);
    case Verdict::Error:
        break;
    }
    return SpeedupChart::tr("%1; it needs %2: the grader could not decide.").arg(seen, needs);
}

// Below the chart: why nothing was decided, then how to read what is drawn.
QString noteFor(CheckKind kind, const Measurement &m, std::optional<Verdict> verdict,
                const QString &headline)
{
    QStringList parts;
    if (verdict == Verdict::Inconclusive && !headline.isEmpty())
        parts << headline;
    if (m.pairs > 0) {
        parts << (kind == CheckKind::Concurrency
                      ? SpeedupChart::tr("Each dot is one timed run, the bar their median.")
                      : SpeedupChart::tr("Each dot is one pair of runs (the baseline's time "
                                         "over yours), the bar their median."));
        if (m.speedupHigh > 0.0)
            parts << SpeedupChart::tr("A check passes once its whole likely range is above the "
                                      "dashed line, and fails once it is wholly below.");
        if (m.fixedSeconds > 0.0 && m.wholeSpeedup > 0.0)
            parts << SpeedupChart::tr("Start-up (%1 s, paid by both sides) is left out; "
                                      "counting it, the speedup is %2.")
                         .arg(QString::number(m.fixedSeconds, 'f', 2), times(m.wholeSpeedup));
        if (kind == CheckKind::ParallelSpeedup && m.cores > 0 && m.utilization > 0.0)
            parts << SpeedupChart::tr("Your solution kept %1 of the %2 cores busy.")
                         .arg(QString::number(m.utilization, 'f', 1))
                         .arg(m.cores);
    }
    return parts.join(QLatin1Char(' '));
}

QColor verdictColor(std::optional<Verdict> verdict, const QPalette &palette)
{
    if (!verdict)
        return palette.color(QPalette::Highlight);
    switch (*verdict) {
    case Verdict::Passed:
        return QColor(0x2e, 0x7d, 0x32);
    case Verdict::Failed:
        return QColor(0xc6, 0x28, 0x28);
    case Verdict::Inconclusive:
        return QColor(0xb2, 0x6a, 0x00);
    case Verdict::Error:
        break;
    }
    return palette.color(QPalette::Mid);
}

} // namespace

SpeedupChart::SpeedupChart(QWidget *parent)
    : QWidget(parent), m_caption(new QLabel), m_view(new QChartView), m_note(new QLabel)
{
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(6, 6, 6, 6);
    m_caption->setObjectName(QStringLiteral("speedupCaption"));
    m_caption->setWordWrap(true);
    QFont bold = m_caption->font();
    bold.setBold(true);
    m_caption->setFont(bold);
    m_note->setObjectName(QStringLiteral("speedupNote"));
    m_note->setWordWrap(true);
    m_view->setRenderHint(QPainter::Antialiasing);
    m_view->setMinimumHeight(220);
    layout->addWidget(m_caption);
    layout->addWidget(m_view, 1);
    layout->addWidget(m_note);
}

QChart *SpeedupChart::chart() const
{
    return m_view->chart();
}

QString SpeedupChart::caption() const
{
    return m_caption->text();
}

QString SpeedupChart::note() const
{
    return m_note->text();
}

SpeedupChart::Scale SpeedupChart::scaleFor(double top)
{
    // At most five steps, so that every label fits a short chart, with room above the highest
    // value for its label.
    const double wanted = std::max(top, 1.0) * 1.1;
    for (double unit = 1.0;; unit *= 10.0) {
        for (double candidate : {0.5, 1.0, 2.0, 5.0}) {
            const double step = candidate * unit;
            if (wanted / step <= 5.0)
                return {std::ceil(wanted / step) * step, step};
        }
    }
}

bool SpeedupChart::showResult(const GradeResult &result)
{
    QList<Shown> shown;
    for (const CheckResult &check : result.checks)
        if (check.measurement)
            shown.append(
                {check.name, check.kind, *check.measurement, check.verdict, check.headline});
    if (shown.isEmpty())
        return false;
    draw(shown);
    return true;
}

void SpeedupChart::showProgress(const QString &checkName, CheckKind kind,
                                const Measurement &measurement)
{
    draw({{checkName, kind, measurement, std::nullopt, QString()}});
}

void SpeedupChart::changeEvent(QEvent *event)
{
    QWidget::changeEvent(event);
    // The chart's colours are taken from the palette when it is drawn, so a new theme redraws it.
    if (event->type() == QEvent::PaletteChange && !m_shown.isEmpty())
        draw(m_shown);
}

void SpeedupChart::draw(const QList<Shown> &shown)
{
    m_shown = shown;
    const QPalette pal = palette();
    const QColor text = pal.color(QPalette::Text);
    auto *chart = new QChart;
    // Follow the application palette rather than a fixed chart theme.
    chart->setBackgroundBrush(pal.brush(QPalette::Base));
    chart->legend()->setLabelColor(text);
    chart->legend()->setAlignment(Qt::AlignBottom);

    QStringList names, captions, notes;
    double top = 1.0;
    bool allConcurrency = true;
    std::optional<Verdict> barVerdict;
    bool anyTimed = false;
    for (const Shown &s : shown) {
        names.append(s.name);
        top = std::max({top, s.m.speedup, s.m.speedupHigh, s.m.required});
        for (double sample : s.m.samples)
            top = std::max(top, sample);
        allConcurrency = allConcurrency && s.kind == CheckKind::Concurrency;
        if (s.m.pairs > 0 && !anyTimed) {
            anyTimed = true;
            barVerdict = s.verdict;
        }
        captions.append(captionFor(s.name, s.kind, s.m, s.verdict));
        const QString note = noteFor(s.kind, s.m, s.verdict, s.headline);
        if (!note.isEmpty())
            notes.append(shown.size() > 1 ? s.name + QLatin1String(": ") + note : note);
    }
    m_caption->setText(captions.join(QLatin1Char('\n')));
    m_note->setText(notes.join(QLatin1Char('\n')));

    auto *axisX = new QBarCategoryAxis;
    axisX->append(names);
    auto *axisY = new QValueAxis;
    const Scale scale = scaleFor(top);
    axisY->setRange(0.0, scale.max);
    axisY->setTickType(QValueAxis::TicksDynamic);
    axisY->setTickAnchor(0.0);
    axisY->setTickInterval(scale.step);
    axisY->setLabelFormat(QStringLiteral("%g"));
    axisY->setTitleText(allConcurrency ? tr("overlap") : tr("speedup"));
    axisY->setTitleBrush(text);
    for (QAbstractAxis *axis :
         {static_cast<QAbstractAxis *>(axisX), static_cast<QAbstractAxis *>(axisY)}) {
        axis->setLabelsColor(text);
        axis->setGridLineColor(pal.color(QPalette::Mid));
        axis->setLinePenColor(pal.color(QPalette::Mid));
    }
    chart->addAxis(axisX, Qt::AlignBottom);
    chart->addAxis(axisY, Qt::AlignLeft);
    auto add = [&](QAbstractSeries *series, bool inLegend) {
        chart->addSeries(series);
        series->attachAxis(axisX);
        series->attachAxis(axisY);
        if (!inLegend)
            for (QLegendMarker *marker : chart->legend()->markers(series))
                marker->setVisible(false);
    };

    if (anyTimed) {
        auto *set =
            new QBarSet(shown.size() == 1 && !shown.first().verdict ? tr("Your speedup so far")
                                                                    : tr("Your speedup"));
        for (const Shown &s : shown)
            *set << (s.m.pairs > 0 ? std::round(s.m.speedup * 100) / 100 : 0.0); // as captioned
        set->setColor(verdictColor(barVerdict, pal));
        set->setBorderColor(verdictColor(barVerdict, pal));
        set->setLabelColor(Qt::white);
        auto *bars = new QBarSeries;
        bars->append(set);
        bars->setBarWidth(0.45);
        bars->setLabelsVisible(true);
        bars->setLabelsFormat(QStringLiteral("@valuex"));
        bars->setLabelsPrecision(3);
        bars->setLabelsPosition(QAbstractBarSeries::LabelsCenter);
        add(bars, true);
    }
    bool rangeInLegend = true, dotsInLegend = true, targetInLegend = true;
    for (int i = 0; i < shown.size(); ++i) {
        const Measurement &m = shown[i].m;
        if (m.pairs > 0 && m.speedupHigh > 0.0) {
            // An "I": the likely range with a cap at each end.
            auto *range = new QLineSeries;
            range->setName(tr("Likely range"));
            const double cap = 0.06;
            range->append({{i - cap, m.speedupLow},
                           {i + cap, m.speedupLow},
                           {double(i), m.speedupLow},
                           {double(i), m.speedupHigh},
                           {i - cap, m.speedupHigh},
                           {i + cap, m.speedupHigh}});
            range->setPen(QPen(text, 2));
            add(range, rangeInLegend);
            rangeInLegend = false;
        }
        if (!m.samples.isEmpty()) {
            auto *dots = new QScatterSeries;
            dots->setName(shown[i].kind == CheckKind::Concurrency ? tr("Each run")
                                                                  : tr("Each pair of runs"));
            dots->setMarkerShape(QScatterSeries::MarkerShapeCircle);
            dots->setMarkerSize(7);
            QColor dot = text;
            dot.setAlphaF(0.55);
            dots->setColor(dot);
            dots->setBorderColor(dot);
            for (qsizetype k = 0; k < m.samples.size(); ++k) // beside the bar, a little spread
                dots->append(i + 0.32 + 0.04 * double(k % 3 - 1), m.samples[k]);
            add(dots, dotsInLegend);
            dotsInLegend = false;
        }
        if (m.required > 0.0) {
            auto *target = new QLineSeries;
            target->setName(tr("Needed"));
            target->append(
                {{i - 0.45, m.required}, {i - 0.36, m.required}, {i + 0.45, m.required}});
            // Darker than the highlight on a light chart, lighter on a dark one: a line to see.
            const QColor highlight = verdictColor(std::nullopt, pal);
            const bool dark = pal.color(QPalette::Base).lightness() < 128;
            QPen dashed(dark ? highlight.lighter(150) : highlight.darker(120), 2, Qt::DashLine);
            target->setPen(dashed);
            target->setPointLabelsFormat(tr("needs %1").arg(times(m.required)));
            target->setPointLabelsColor(text);
            target->setPointLabelsClipping(false);
            target->setPointLabelsVisible(true);
            for (int point : {0, 2})
                target->setPointConfiguration(point, QXYSeries::PointConfiguration::LabelVisibility,
                                              false);
            add(target, targetInLegend);
            targetInLegend = false;
        }
    }
    QChart *old = m_view->chart();
    m_view->setChart(chart);
    delete old;
}

} // namespace Unlocked
