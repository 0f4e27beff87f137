#include "GradeProgressPane.h"

#include "GradeReporter.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QProgressBar>
#include <QPushButton>
#include <QVBoxLayout>

#include <algorithm>

namespace Unlocked {

GradeProgressPane::GradeProgressPane(QWidget *parent)
    : QWidget(parent), m_checks(new QLabel), m_left(new QLabel), m_bar(new QProgressBar),
      m_cancel(new QPushButton(tr("Cancel grading")))
{
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(6, 6, 6, 6);
    m_checks->setObjectName(QStringLiteral("gradeChecks"));
    m_checks->setTextInteractionFlags(Qt::TextSelectableByMouse);
    // Both wrap: a long line would widen the whole right column while grading, squeezing the
    // statement and the course map, and give the room back at the end.
    m_checks->setWordWrap(true);
    layout->addWidget(m_checks);
    auto *row = new QHBoxLayout;
    m_bar->setRange(0, 1000);
    m_bar->setTextVisible(false);
    m_bar->setAccessibleName(tr("Grading progress"));
    row->addWidget(m_bar, 1);
    m_left->setObjectName(QStringLiteral("gradeTimeLeft"));
    m_left->setWordWrap(true);
    row->addWidget(m_left);
    m_cancel->setObjectName(QStringLiteral("cancelGrade"));
    m_cancel->setToolTip(tr("Stop this grade; nothing of it is saved (Ctrl+F2)"));
    row->addWidget(m_cancel);
    layout->addLayout(row);
    m_tick.setInterval(1000);
    connect(&m_tick, &QTimer::timeout, this, &GradeProgressPane::update);
    connect(m_cancel, &QPushButton::clicked, this, &GradeProgressPane::cancelRequested);
}

void GradeProgressPane::start(const Task &task)
{
    m_lines.clear();
    m_live.reset();
    // The grader's order: correctness first, the timed checks last.
    for (bool measured : {false, true})
        for (const CheckSpec &spec : task.checks)
            if (isMeasured(spec.kind) == measured)
                m_lines.append({spec.name, measured});
    m_cancel->setEnabled(true);
    m_cancel->setText(tr("Cancel grading"));
    update();
}

void GradeProgressPane::follow(const Task &task, GradeReporter *reporter)
{
    start(task);
    connect(reporter, &GradeReporter::checkStarted, this, &GradeProgressPane::checkStarted);
    connect(reporter, &GradeReporter::checkFinished, this, &GradeProgressPane::checkFinished);
    connect(reporter, &GradeReporter::measured, this, &GradeProgressPane::measured);
}

GradeProgressPane::Line *GradeProgressPane::line(const QString &name)
{
    for (Line &l : m_lines)
        if (l.name == name)
            return &l;
    return nullptr;
}

void GradeProgressPane::checkStarted(const QString &name)
{
    if (Line *l = line(name))
        l->state = State::Running;
    update();
}

void GradeProgressPane::checkFinished(const CheckResult &result)
{
    if (Line *l = line(result.name)) {
        l->state = State::Done;
        l->verdict = result.verdict;
    }
    if (m_live && m_live->name == result.name)
        m_tick.stop();
    update();
}

void GradeProgressPane::measured(const QString &name, CheckKind kind,
                                 const Measurement &measurement)
{
    m_live = Live{name, kind, measurement};
    m_sinceMeasured.start();
    if (!m_tick.isActive())
        m_tick.start();
    update();
    Q_EMIT liveChanged();
}

void GradeProgressPane::setCancelling()
{
    m_cancel->setEnabled(false);
    m_cancel->setText(tr("Cancelling…"));
    m_tick.stop();
    m_left->setText(tr("Stopping the runs in the sandbox…"));
}

QString GradeProgressPane::checksText() const
{
    return m_checks->text();
}

QString GradeProgressPane::timeLeftText() const
{
    return m_left->text();
}

QString GradeProgressPane::timeLeft(double seconds)
{
    if (seconds < 1.5)
        return tr("almost done");
    if (seconds < 90)
        return tr("about %1 s left at most").arg(qRound(seconds));
    return tr("about %1 min left at most").arg(qRound(seconds / 60));
}

void GradeProgressPane::update()
{
    if (!m_cancel->isEnabled())
        return; // cancelling: nothing more to tell
    QStringList rows;
    double done = 0.0;
    bool timedToCome = false;
    QString left;
    for (const Line &l : m_lines) {
        QString row;
        switch (l.state) {
        case State::Waiting:
            row = tr("○ %1: waiting").arg(l.name);
            timedToCome = timedToCome || l.measured;
            break;
        case State::Running:
            if (!l.measured) {
                row = tr("▶ %1: running in the sandbox…").arg(l.name);
            } else if (!m_live || m_live->name != l.name) {
                row = tr("▶ %1: getting ready (sizing the work for this computer)…").arg(l.name);
                timedToCome = true;
            } else {
                const Measurement &m = m_live->measurement;
                const bool runs = m_live->kind == CheckKind::Concurrency;
                const QString count = m.pairs == 1
                                          ? (runs ? tr("1 run") : tr("1 pair"))
                                          : (runs ? tr("%1 runs") : tr("%1 pairs")).arg(m.pairs);
                row =
                    tr("▶ %1: %2 timed, %3 so far")
                        .arg(l.name, count, QString::number(m.speedup, 'f', 2) + QLatin1Char('x'));
                const double elapsed = m.seconds + m_sinceMeasured.elapsed() / 1000.0;
                if (m.budgetSeconds > 0.0) {
                    done += std::clamp(elapsed / m.budgetSeconds, 0.0, 1.0);
                    left = tr("Timing: %1").arg(timeLeft(m.budgetSeconds - elapsed));
                }
            }
            break;
        case State::Done:
            row = tr("%1 %2: %3")
                      .arg(l.verdict == Verdict::Passed   ? QStringLiteral("✔")
                           : l.verdict == Verdict::Failed ? QStringLiteral("✘")
                                                          : QStringLiteral("?"),
                           l.name, verdictName(l.verdict));
            done += 1.0;
            break;
        }
        rows.append(row);
    }
    if (left.isEmpty() && timedToCome)
        left = tr("The timed checks run your code and the baseline several times: allow a "
                  "minute or so.");
    m_checks->setText(rows.join(QLatin1Char('\n')));
    m_left->setText(left);
    m_bar->setValue(m_lines.isEmpty() ? 0 : qRound(1000.0 * done / double(m_lines.size())));
}

} // namespace Unlocked
