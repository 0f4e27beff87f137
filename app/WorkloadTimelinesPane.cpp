#include "WorkloadTimelinesPane.h"

#include "TimelineView.h"

#include <QLabel>
#include <QScrollArea>
#include <QVBoxLayout>
#include <QtConcurrent>

namespace Unlocked {

namespace {

QString titleOf(const QString &who, const WorkloadTimeline &run)
{
    if (!run.error.isEmpty())
        return QObject::tr("%1: %2").arg(who, run.error);
    return QObject::tr("%1: %2 s, %3 s of CPU (%4 cores busy on average)")
        .arg(who)
        .arg(run.wallSeconds, 0, 'f', 2)
        .arg(run.cpuSeconds, 0, 'f', 2)
        .arg(run.wallSeconds > 0 ? run.cpuSeconds / run.wallSeconds : 0.0, 0, 'f', 1);
}

} // namespace

WorkloadTimelinesPane::WorkloadTimelinesPane(QWidget *parent)
    : QWidget(parent), m_caption(new QLabel), m_solutionTitle(new QLabel),
      m_solution(new TimelineView), m_baselineTitle(new QLabel), m_baseline(new TimelineView)
{
    auto *inner = new QWidget;
    auto *layout = new QVBoxLayout(inner);
    m_caption->setWordWrap(true);
    layout->addWidget(m_caption);
    QFont bold = m_solutionTitle->font();
    bold.setBold(true);
    for (QLabel *title : {m_solutionTitle, m_baselineTitle}) {
        title->setFont(bold);
        title->setWordWrap(true);
    }
    layout->addWidget(m_solutionTitle);
    layout->addWidget(m_solution);
    layout->addWidget(m_baselineTitle);
    layout->addWidget(m_baseline);
    layout->addStretch(1);
    auto *scroll = new QScrollArea;
    scroll->setWidget(inner);
    scroll->setWidgetResizable(true);
    scroll->setFrameShape(QFrame::NoFrame);
    auto *outer = new QVBoxLayout(this);
    outer->setContentsMargins(0, 0, 0, 0);
    outer->addWidget(scroll);
    m_solution->setAccessibleName(tr("Timeline of your solution"));
    m_baseline->setAccessibleName(tr("Timeline of the baseline"));
    m_baselineTitle->hide();
    m_baseline->hide();
    connect(&m_watcher, &QFutureWatcher<WorkloadTimelines>::finished, this, [this] {
        showTimelines(m_watcher.result());
        Q_EMIT recorded();
    });
}

WorkloadTimelinesPane::~WorkloadTimelinesPane()
{
    if (m_cancel)
        *m_cancel = true;
    m_watcher.waitForFinished();
}

void WorkloadTimelinesPane::record(std::shared_ptr<const Grader> grader, const Task &task,
                                   const QByteArray &source)
{
    if (m_cancel)
        *m_cancel = true;
    m_watcher.waitForFinished();
    m_solution->clear();
    m_baseline->clear();
    m_solutionTitle->clear();
    m_baselineTitle->clear();
    m_caption->setText(tr("Running your solution and the baseline once more on the timed "
                          "workload, to draw what each of their threads did…"));
    m_cancel = std::make_shared<std::atomic_bool>(false);
    std::shared_ptr<std::atomic_bool> cancel = m_cancel;
    m_watcher.setFuture(QtConcurrent::run([grader, task, source, cancel] {
        return grader->workloadTimelines(task, source, cancel.get());
    }));
}

void WorkloadTimelinesPane::showTimelines(const WorkloadTimelines &timelines)
{
    if (!timelines.error.isEmpty()) {
        m_caption->setText(tr("No timelines: %1").arg(timelines.error));
        m_solutionTitle->clear();
        m_solution->clear();
        m_baselineTitle->hide();
        m_baseline->hide();
        return;
    }
    m_caption->setText(
        tr("One run each on the workload of “%1”%2. Each lane is a thread, shaded by how much of "
           "a core it used; the band on top adds them up.")
            .arg(timelines.checkName, timelines.workloadSize > 0
                                          ? tr(" (size %1)").arg(timelines.workloadSize)
                                          : QString()));
    m_solutionTitle->setText(titleOf(tr("Your solution"), timelines.solution));
    m_solution->setTimeline(timelines.solution.timeline);
    const bool baseline = timelines.baseline.has_value();
    m_baselineTitle->setVisible(baseline);
    m_baseline->setVisible(baseline);
    if (baseline) {
        m_baselineTitle->setText(titleOf(tr("The sequential baseline"), *timelines.baseline));
        m_baseline->setTimeline(timelines.baseline->timeline);
    }
}

QString WorkloadTimelinesPane::caption() const
{
    return m_caption->text();
}

} // namespace Unlocked
