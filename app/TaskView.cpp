#include "TaskView.h"

#include "CodeEditor.h"
#include "GradeProgressPane.h"
#include "GradeReporter.h"
#include "Grader.h"
#include "MarkdownView.h"
#include "OutputPane.h"
#include "ProgressStore.h"
#include "result/ResultFormat.h"
#include "RunPolicy.h"
#include "SpeedupChart.h"
#include "ScalingChart.h"
#include "WorkloadTimelinesPane.h"

#include <QFile>
#include <QFileInfo>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLabel>
#include <QMessageBox>
#include <QPlainTextEdit>
#include <QStyle>
#include <QPushButton>
#include <QSplitter>
#include <QTabBar>
#include <QTabWidget>
#include <QTreeWidget>
#include <QVBoxLayout>
#include <QtConcurrent>

namespace Unlocked {

TaskView::TaskView(ProgressStore *store, RunPolicy *policy, QWidget *parent)
    : QWidget(parent), m_store(store), m_policy(policy), m_title(new QLabel),
      m_statement(new MarkdownView), m_hintLayout(new QVBoxLayout), m_hintButton(new QPushButton),
      m_editor(new CodeEditor), m_status(new QLabel), m_runButton(new QPushButton(tr("▶ Run"))),
      m_gradeButton(new QPushButton(tr("✔ Grade"))), m_tabs(new QTabWidget),
      m_output(new OutputPane(policy)), m_results(new QTreeWidget), m_detail(new QPlainTextEdit),
      m_staleNote(new QLabel), m_progress(new GradeProgressPane)
{
    // Left: what to do. Right: the code and what became of it.
    auto *left = new QWidget;
    left->setObjectName(QStringLiteral("statementColumn"));
    auto *leftLayout = new QVBoxLayout(left);
    leftLayout->setContentsMargins(0, 0, 0, 0);
    QFont big = m_title->font();
    big.setPointSizeF(big.pointSizeF() * 1.4);
    big.setBold(true);
    m_title->setFont(big);
    m_title->setWordWrap(true);
    m_title->setContentsMargins(12, 8, 12, 0);
    leftLayout->addWidget(m_title);
    leftLayout->addWidget(m_statement, 1);
    m_hintLayout->setContentsMargins(12, 0, 12, 8);
    m_hintLayout->addWidget(m_hintButton, 0, Qt::AlignLeft);
    leftLayout->addLayout(m_hintLayout);

    auto *right = new QSplitter(Qt::Vertical);
    auto *editorPane = new QWidget;
    auto *editorLayout = new QVBoxLayout(editorPane);
    editorLayout->setContentsMargins(0, 0, 0, 0);
    editorLayout->addWidget(m_editor, 1);
    auto *bar = new QHBoxLayout;
    m_status->setObjectName(QStringLiteral("taskStatus"));
    m_status->setWordWrap(true);
    bar->addWidget(m_status, 1);
    auto *reset = new QPushButton(tr("Reset to starter"));
    bar->addWidget(reset);
    m_runButton->setToolTip(tr("Run your file in the sandbox (Ctrl+Enter)"));
    m_gradeButton->setObjectName(QStringLiteral("gradeButton"));
    m_gradeButton->setToolTip(tr("Check your solution (Ctrl+Shift+Enter)"));
    bar->addWidget(m_runButton);
    bar->addWidget(m_gradeButton);
    editorLayout->addLayout(bar);
    m_progress->hide();
    editorLayout->addWidget(m_progress);
    right->addWidget(editorPane);
    m_results->setHeaderLabels({tr("Check"), tr("Verdict"), tr("What we saw")});
    m_results->setRootIsDecorated(false);
    m_results->setWordWrap(true);
    m_results->header()->setStretchLastSection(true);
    m_results->header()->setSectionResizeMode(0, QHeaderView::ResizeToContents);
    m_results->header()->setSectionResizeMode(1, QHeaderView::ResizeToContents);
    m_tabs->addTab(m_output, tr("Output"));
    m_detail->setReadOnly(true);
    m_detail->setPlaceholderText(tr("Choose a check to read all of what it saw."));
    auto *resultsSplit = new QSplitter(Qt::Vertical);
    auto *resultsPane = new QWidget;
    auto *resultsLayout = new QVBoxLayout(resultsPane);
    resultsLayout->setContentsMargins(0, 0, 0, 0);
    m_staleNote->setObjectName(QStringLiteral("staleNote"));
    m_staleNote->setWordWrap(true);
    m_staleNote->setText(tr("These results are for your code as it was when you graded it. You "
                            "have changed it since: grade again to check the new code."));
    m_staleNote->hide();
    resultsLayout->addWidget(m_staleNote);
    resultsLayout->addWidget(m_results, 1);
    resultsSplit->addWidget(resultsPane);
    resultsSplit->addWidget(m_detail);
    m_tabs->addTab(resultsSplit, tr("Results"));
    connect(m_results, &QTreeWidget::currentItemChanged, this, [this](QTreeWidgetItem *item) {
        m_detail->setPlainText(item ? item->data(0, Qt::UserRole).toString() : QString());
    });
    right->addWidget(m_tabs);
    right->setStretchFactor(0, 3);
    right->setStretchFactor(1, 2);

    auto *split = m_split = new QSplitter(Qt::Horizontal);
    split->addWidget(left);
    split->addWidget(right);
    split->setStretchFactor(0, 2);
    split->setStretchFactor(1, 3);
    auto *layout = new QVBoxLayout(this);
    // Clear of the window's edge, as the course map is on the other side.
    layout->setContentsMargins(0, 6, 6, 6);
    layout->addWidget(split);

    // What a screen reader says of each control.
    m_statement->setAccessibleName(tr("Task statement"));
    m_statement->setAccessibleDescription(tr("What the task asks of your code"));
    m_editor->setAccessibleName(tr("Your code"));
    m_editor->setAccessibleDescription(tr("The Python editor: Ctrl+Enter runs your code, "
                                          "Ctrl+Shift+Enter grades it, Ctrl+L goes to the map"));
    m_hintButton->setAccessibleDescription(tr("Reveals the next hint (Ctrl+H)"));
    reset->setAccessibleDescription(tr("Replaces your code with the starter code, after asking"));
    m_runButton->setAccessibleName(tr("Run"));
    m_gradeButton->setAccessibleName(tr("Grade"));
    m_tabs->tabBar()->setAccessibleName(tr("Output and results"));
    m_tabs->tabBar()->setAccessibleDescription(
        tr("Ctrl+Tab moves between your program's output, the checks' results and the chart"));
    m_results->setAccessibleName(tr("Check results"));
    m_results->setAccessibleDescription(tr("Each check of the last grade, with its verdict"));
    m_detail->setAccessibleName(tr("Check detail"));
    m_detail->setAccessibleDescription(tr("All of what the chosen check saw"));

    m_debounce.setSingleShot(true);
    m_debounce.setInterval(500);
    m_maxWait.setSingleShot(true);
    m_maxWait.setInterval(1000);
    m_syntaxTimer.setSingleShot(true);
    m_syntaxTimer.setInterval(600);
    connect(&m_debounce, &QTimer::timeout, this, &TaskView::saveDraft);
    connect(&m_maxWait, &QTimer::timeout, this, &TaskView::saveDraft);
    connect(&m_syntaxTimer, &QTimer::timeout, this, &TaskView::checkSyntax);
    connect(&m_syntax, &QFutureWatcher<SourceFacts>::finished, this, &TaskView::syntaxChecked);
    connect(&m_grading, &QFutureWatcher<GradeResult>::finished, this, &TaskView::gradeFinished);
    connect(m_editor, &QsciScintilla::textChanged, this, &TaskView::textEdited);
    connect(m_hintButton, &QPushButton::clicked, this, &TaskView::showNextHint);
    connect(m_runButton, &QPushButton::clicked, this, &TaskView::run);
    connect(m_gradeButton, &QPushButton::clicked, this, &TaskView::grade);
    connect(m_progress, &GradeProgressPane::cancelRequested, this, &TaskView::cancelGrade);
    connect(m_progress, &GradeProgressPane::liveChanged, this, [this] {
        if (m_taskId == m_gradingTaskId)
            showLiveChart();
    });
    connect(reset, &QPushButton::clicked, this, [this] {
        if (QMessageBox::question(this, tr("Reset to starter"),
                                  tr("Replace your code with the starter code? Your graded "
                                     "attempts are kept.")) == QMessageBox::Yes)
            resetToStarter();
    });
}

// Workers hold copies of what they need, so a grading still running is simply left to finish.
TaskView::~TaskView()
{
    saveDraft();
    cancelGrade(); // nobody is left to read it
}

QString TaskView::starterCode() const
{
    QFile file(m_task ? m_task->starterPath : QString());
    return file.open(QIODevice::ReadOnly) ? QString::fromUtf8(file.readAll()) : QString();
}

void TaskView::showTask(std::shared_ptr<const Pack> pack, const QString &taskId)
{
    saveDraft();
    if (pack != m_pack)
        m_grader.reset(); // a reloaded pack may have new references
    if (!pack || !m_pack || pack->id != m_pack->id)
        m_graded.clear(); // another course: its task ids mean other tasks
    m_pack = std::move(pack);
    m_taskId = taskId;
    m_task = m_pack ? m_pack->task(taskId) : nullptr;
    if (!m_task)
        return;
    m_output->setOwner(taskId); // this task's own output, not the last one's
    m_title->setText(m_task->title);
    m_title->setVisible(!m_task->statement.trimmed().startsWith(QLatin1String("# ")));
    m_statement->setMarkdownSource(m_task->statement, m_task->dir);
    m_loading = true;
    m_editor->setText(m_store->draft(taskId).value_or(starterCode()));
    m_editor->clearError();
    m_loading = false;
    m_dirty = false;
    m_status->setText(tr("Your file: %1").arg(m_task->solutionFile));
    const bool cython = m_task->isCython();
    m_runButton->setEnabled(!cython);
    if (cython)
        m_runButton->setToolTip(tr("Cython files are compiled when you grade them"));
    else if (m_task->kind == TaskKind::Function)
        m_runButton->setToolTip(
            tr("Call %1() on the task's examples in the sandbox (Ctrl+Enter)").arg(m_task->entry));
    else
        m_runButton->setToolTip(tr("Run your file in the sandbox (Ctrl+Enter)"));
    if (!m_graded.contains(taskId))
        restoreSavedGrade(taskId);
    if (!m_hintsShown.contains(taskId))
        m_hintsShown.insert(taskId, m_store->hintsShown(taskId));
    if (const auto graded = m_graded.constFind(taskId); graded != m_graded.cend())
        showResult(graded->result, graded->code);
    else
        clearResult();
    if (m_workload && m_workloadTaskId == taskId && m_tabs->indexOf(m_workload) < 0)
        m_tabs->addTab(m_workload, tr("Timelines"));
    showScalingTab();
    const bool gradingHere = isGrading() && m_gradingTaskId == taskId;
    if (gradingHere)
        m_status->setText(tr("Grading in the sandbox. Measured checks time your code several "
                             "times, so this can take a minute."));
    m_progress->setVisible(gradingHere);
    if (gradingHere)
        showLiveChart();
    updateGradeButton();
    showHints();
    m_editor->setFocus();
    m_syntaxTimer.start();
}

void TaskView::showHints()
{
    while (m_hintLayout->count() > 1) {
        QLayoutItem *item = m_hintLayout->takeAt(0);
        delete item->widget();
        delete item;
    }
    const int shown = m_hintsShown.value(m_taskId);
    for (int i = 0; i < shown && i < m_task->hints.size(); ++i) {
        auto *hint = new QLabel;
        hint->setTextFormat(Qt::MarkdownText);
        hint->setWordWrap(true);
        hint->setText(tr("**Hint %1.** %2").arg(i + 1).arg(m_task->hints.at(i)));
        m_hintLayout->insertWidget(i, hint);
    }
    const int total = int(m_task->hints.size());
    m_hintButton->setVisible(shown < total);
    m_hintButton->setText(shown == 0 ? tr("Show a hint (%1 available)").arg(total)
                                     : tr("Show hint %1 of %2").arg(shown + 1).arg(total));
}

void TaskView::showNextHint()
{
    if (!m_task || m_hintsShown.value(m_taskId) >= m_task->hints.size())
        return;
    ++m_hintsShown[m_taskId];
    m_store->saveHintsShown(m_taskId, m_hintsShown.value(m_taskId));
    showHints();
}

void TaskView::resetToStarter()
{
    m_editor->setText(starterCode());
}

void TaskView::textEdited()
{
    if (m_loading)
        return;
    m_dirty = true;
    updateStaleness();
    m_debounce.start();
    if (!m_maxWait.isActive())
        m_maxWait.start();
    m_syntaxTimer.start();
}

void TaskView::saveDraft()
{
    m_debounce.stop();
    m_maxWait.stop();
    if (!m_dirty || !m_task)
        return;
    // Written or not, the store has it now: it keeps a refused draft and writes it later.
    m_store->saveDraft(m_taskId, m_editor->text());
    m_dirty = false;
}

void TaskView::checkSyntax()
{
    if (!m_task || m_task->isCython() || m_syntax.isRunning()) {
        if (m_syntax.isRunning())
            m_syntaxTimer.start(); // look again once the previous analysis is back
        return;
    }
    m_syntax.setFuture(
        QtConcurrent::run(PythonAnalyzer::analyze, m_editor->text(), m_task->solutionFile));
}

void TaskView::syntaxChecked()
{
    const SourceFacts facts = m_syntax.result();
    if (!facts.failure.isEmpty())
        return; // analysis unavailable: the grader will still report syntax errors
    if (facts.syntaxError) {
        m_editor->markError(facts.syntaxError->line, facts.syntaxError->column,
                            facts.syntaxError->message);
        m_status->setText(
            tr("Line %1: %2").arg(facts.syntaxError->line).arg(facts.syntaxError->message));
    } else if (m_editor->errorLine() > 0) {
        m_editor->clearError();
        m_status->setText(tr("No syntax errors."));
    }
}

void TaskView::run()
{
    if (!m_task || m_task->isCython())
        return;
    saveDraft();
    m_tabs->setCurrentWidget(m_output);
    m_output->run(m_task->solutionFile, *m_task, m_editor->text());
}

void TaskView::grade()
{
    if (!m_task || isGrading())
        return;
    saveDraft();
    m_tabs->setCurrentWidget(m_detail->parentWidget()); // the Results page
    m_output->whenAllowed(tr("Grading %1").arg(m_task->title), [this] {
        const GradeOptions options = m_policy->options();
        m_gradedCode = m_editor->text();
        m_gradingTaskId = m_taskId;
        m_gradeInFlight = true;
        m_graded.remove(m_taskId);
        clearResult();
        m_status->setText(tr("Grading in the sandbox. Measured checks time your code several "
                             "times, so this can take a minute."));
        if (!m_grader || m_grader->options().unisolated != options.unisolated)
            m_grader = std::make_shared<const Grader>(options);
        // Shared and copied, so that neither a reload nor leaving the task pulls them away.
        std::shared_ptr<const Grader> grader = m_grader;
        GradeFunction gradeWith = m_gradeFunction;
        if (!gradeWith)
            gradeWith = [grader](const Task &task, const QByteArray &source,
                                 const GradeProgress &progress) {
                return grader->gradeSource(task, source, task.solutionFile, progress);
            };
        m_reporter = GradeReporter::create();
        m_progress->follow(*m_task, m_reporter.get());
        m_progress->show();
        const Task task = *m_task;
        const QByteArray source = m_gradedCode.toUtf8();
        const GradeProgress progress = m_reporter->progress();
        m_grading.setFuture(QtConcurrent::run(
            [gradeWith, task, source, progress] { return gradeWith(task, source, progress); }));
        updateGradeButton();
        Q_EMIT gradingChanged();
    });
    if (!isGrading())
        m_tabs->setCurrentWidget(m_output); // the isolation offer lives there
}

void TaskView::updateGradeButton()
{
    const bool busy = isGrading();
    const bool here = busy && m_gradingTaskId == m_taskId;
    m_gradeButton->setEnabled(!busy);
    m_gradeButton->setText(here ? tr("Grading…") : tr("✔ Grade"));
    const Task *other = busy && !here && m_pack ? m_pack->task(m_gradingTaskId) : nullptr;
    m_gradeButton->setToolTip(other ? tr("Another task (%1) is being graded: this one can be "
                                         "graded when it is done")
                                          .arg(other->title)
                                    : tr("Check your solution (Ctrl+Shift+Enter)"));
}

void TaskView::cancelGrade()
{
    if (!m_reporter || m_reporter->isCancelled())
        return;
    m_reporter->cancel();
    m_progress->setCancelling();
    if (m_taskId == m_gradingTaskId)
        m_status->setText(tr("Cancelling the grade…"));
}

// The first pair of a timed check brings the chart up; each pair after it adds to it.
void TaskView::showLiveChart()
{
    const auto &live = m_progress->live();
    if (!live)
        return;
    const bool first = !m_chart || m_tabs->indexOf(m_chart) < 0;
    chartTab()->showProgress(live->name, live->kind, live->measurement);
    if (first && m_tabs->currentWidget() == m_detail->parentWidget()) // on the Results page
        m_tabs->setCurrentWidget(m_chart);
}

void TaskView::gradeFinished()
{
    const GradeResult result = m_grading.result();
    const QString taskId = m_gradingTaskId; // the learner may be on another task by now
    m_gradeInFlight = false;
    m_reporter.reset();
    m_progress->hide();
    if (result.cancelled) {
        // Not a grade of the code: the task's last grade is still the one saved before.
        m_graded.remove(taskId);
        restoreSavedGrade(taskId);
        updateGradeButton();
        if (taskId == m_taskId)
            showResult(result, m_gradedCode);
        Q_EMIT gradingChanged();
        return;
    }
    m_store->recordAttempt(taskId, m_gradedCode, result);
    m_graded.insert(taskId, {result, m_gradedCode});
    recordWorkloadTimelines(taskId, result);
    updateGradeButton();
    if (taskId == m_taskId)
        showResult(result, m_gradedCode);
    Q_EMIT graded(taskId, result.verdict);
    Q_EMIT gradingChanged();
}

// The last grade of a task from an earlier session, as the progress saved it.
void TaskView::restoreSavedGrade(const QString &taskId)
{
    const QList<Attempt> attempts = m_store->attempts(taskId);
    if (attempts.isEmpty())
        return;
    const Attempt &last = attempts.constLast();
    const QJsonObject report{{QStringLiteral("verdict"), verdictName(last.verdict)},
                             {QStringLiteral("checks"),
                              QJsonDocument::fromJson(last.measurementsJson.toUtf8()).array()}};
    m_graded.insert(taskId, {ResultFormat::fromJson(report), last.code});
}

bool TaskView::resultsAreStale() const
{
    return m_shownCode && m_editor->text() != *m_shownCode;
}

// Results of code since edited stay readable, greyed, with a note saying whose they are.
void TaskView::updateStaleness()
{
    const bool stale = resultsAreStale();
    m_staleNote->setVisible(stale);
    // Only the text colour is set here, so that every other colour follows the theme.
    QPalette palette;
    if (stale)
        palette.setColor(QPalette::Text, this->palette().color(QPalette::PlaceholderText));
    m_results->setPalette(palette);
    m_detail->setPalette(palette);
}

void TaskView::clearResult()
{
    m_shownCode.reset();
    updateStaleness();
    m_results->clear();
    m_detail->clear();
    m_status->setText(m_task ? tr("Your file: %1").arg(m_task->solutionFile) : QString());
    if (m_chart && m_tabs->indexOf(m_chart) >= 0)
        m_tabs->removeTab(m_tabs->indexOf(m_chart));
    if (m_workload && m_tabs->indexOf(m_workload) >= 0 && m_workloadTaskId != m_taskId)
        m_tabs->removeTab(m_tabs->indexOf(m_workload));
}

// A task with a parallel check gets a tab that times the solution on 1, 2, ... cores.
void TaskView::showScalingTab()
{
    const bool parallel =
        m_task && std::any_of(m_task->checks.begin(), m_task->checks.end(), [](const auto &c) {
            return c.kind == CheckKind::ParallelSpeedup;
        });
    if (!parallel) {
        if (m_scaling && m_tabs->indexOf(m_scaling) >= 0)
            m_tabs->removeTab(m_tabs->indexOf(m_scaling));
        return;
    }
    if (!m_scaling) {
        m_scaling = new ScalingChart(this);
        connect(m_scaling, &ScalingChart::measureRequested, this, &TaskView::measureScaling);
    }
    if (m_scalingTaskId != m_taskId && !m_scaling->isMeasuring()) {
        m_scaling->showResult({});
        m_scalingTaskId = m_taskId;
    }
    if (m_tabs->indexOf(m_scaling) < 0)
        m_tabs->addTab(m_scaling, tr("By cores"));
}

void TaskView::measureScaling()
{
    if (!m_task || !m_scaling || m_scaling->isMeasuring())
        return;
    saveDraft();
    const Task task = *m_task;
    const QByteArray source = m_editor->text().toUtf8();
    m_output->whenAllowed(tr("Speedup by cores"), [this, task, source] {
        const GradeOptions options = m_policy->options();
        if (!m_grader || m_grader->options().unisolated != options.unisolated)
            m_grader = std::make_shared<const Grader>(options);
        m_scalingTaskId = task.id;
        m_scaling->measure(m_grader, task, source);
    });
    if (!m_scaling->isMeasuring())
        m_tabs->setCurrentWidget(m_output); // the isolation offer lives there
}

// After a timed grade, one more run of each side, recorded thread by thread.
void TaskView::recordWorkloadTimelines(const QString &taskId, const GradeResult &result)
{
    const bool timed = std::any_of(result.checks.begin(), result.checks.end(), [](const auto &c) {
        return c.measurement && c.measurement->pairs > 0;
    });
    const Task *task = m_pack ? m_pack->task(taskId) : nullptr;
    if (!timed || !task || !m_grader || m_gradeFunction) // a scripted grade timed nothing real
        return;
    if (!m_workload)
        m_workload = new WorkloadTimelinesPane(this);
    m_workloadTaskId = taskId;
    m_workload->record(m_grader, *task, m_gradedCode.toUtf8());
    if (taskId == m_taskId && m_tabs->indexOf(m_workload) < 0)
        m_tabs->addTab(m_workload, tr("Timelines"));
}

// In the words of the check that could not decide, which say why.
QString TaskView::inconclusiveSummary(const GradeResult &result)
{
    for (const CheckResult &check : result.checks)
        if (check.verdict == Verdict::Inconclusive && !check.headline.isEmpty())
            return tr("Inconclusive. %1").arg(check.headline);
    return tr("Inconclusive: the grader could not decide; the checks below say why.");
}

SpeedupChart *TaskView::chartTab()
{
    if (!m_chart) // Charts are created on first use to keep start-up quick
        m_chart = new SpeedupChart(this);
    if (m_tabs->indexOf(m_chart) < 0)
        m_tabs->addTab(m_chart, tr("Speedup"));
    return m_chart;
}

void TaskView::showResult(const GradeResult &result, const QString &gradedCode)
{
    const bool onChart = m_chart && m_tabs->currentWidget() == m_chart; // watching it fill in
    clearResult();
    const CheckResult *firstFailure = nullptr;
    QTreeWidgetItem *firstToRead = nullptr;
    for (const CheckResult &check : result.checks) {
        auto *item =
            new QTreeWidgetItem(m_results, {check.name, verdictName(check.verdict), check.message});
        const QStyle::StandardPixmap icon =
            check.verdict == Verdict::Passed   ? QStyle::SP_DialogApplyButton
            : check.verdict == Verdict::Failed ? QStyle::SP_DialogCancelButton
                                               : QStyle::SP_MessageBoxWarning;
        item->setIcon(1, style()->standardIcon(icon));
        item->setToolTip(2, check.message);
        item->setData(0, Qt::UserRole,
                      check.detail.isEmpty()
                          ? check.message
                          : check.message + QLatin1String("\n\n") + check.detail);
        if (!firstToRead && check.verdict != Verdict::Passed)
            firstToRead = item;
        if (!firstFailure && check.verdict != Verdict::Passed && check.line > 0)
            firstFailure = &check;
    }
    m_results->setCurrentItem(firstToRead ? firstToRead : m_results->topLevelItem(0));
    // Only on the code that was graded: the line may mean nothing in code edited since.
    if (firstFailure && m_editor->text() == gradedCode)
        m_editor->markError(firstFailure->line, firstFailure->column, firstFailure->message);

    QString summary;
    switch (result.verdict) {
    case Verdict::Passed:
        summary = tr("Passed! Every check is happy.");
        break;
    case Verdict::Failed:
        summary = tr("Not yet: see the checks below.");
        break;
    case Verdict::Inconclusive:
        summary = inconclusiveSummary(result);
        break;
    case Verdict::Error:
        summary = tr("The grader could not check this: %1").arg(result.message);
        break;
    }
    if (result.cancelled)
        summary = tr("Grading cancelled: nothing of it was saved. Grade again when you are ready.");
    if (!result.isolated)
        summary += tr(" (Graded without isolation.)");
    m_status->setText(summary);
    if (result.checks.isEmpty() && !result.message.isEmpty()) {
        auto *item = new QTreeWidgetItem(
            m_results, {tr("Grading"), verdictName(result.verdict), result.message});
        item->setData(0, Qt::UserRole, result.message);
        m_results->setCurrentItem(item);
    }

    const bool measured =
        std::any_of(result.checks.begin(), result.checks.end(),
                    [](const CheckResult &c) { return c.measurement.has_value(); });
    if (measured)
        chartTab()->showResult(result);
    if (measured && onChart)
        m_tabs->setCurrentWidget(m_chart);
    m_shownCode = gradedCode;
    updateStaleness();
}

void TaskView::showEvent(QShowEvent *event)
{
    QWidget::showEvent(event);
    // Two fifths for the statement when the page first appears: left to the size hints, a
    // restored chart or results table would squeeze it to a column of single words.
    if (!m_splitPlaced && m_split->width() > 0) {
        m_split->setSizes({2 * m_split->width() / 5, 3 * m_split->width() / 5});
        m_splitPlaced = true;
    }
}

void TaskView::changeEvent(QEvent *event)
{
    QWidget::changeEvent(event);
    if (event->type() == QEvent::PaletteChange && m_task)
        updateStaleness(); // greyed in the new theme's colours
}

} // namespace Unlocked
