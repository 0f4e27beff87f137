#pragma once

#include "analysis/PythonAnalyzer.h"
#include "pack/Pack.h"
#include "result/GradeResult.h"

#include <QElapsedTimer>
#include <QFutureWatcher>
#include <QHash>
#include <QTimer>
#include <QWidget>

#include <functional>
#include <memory>
#include <optional>

class QLabel;
class QPlainTextEdit;
class QPushButton;
class QTabWidget;
class QTreeWidget;
class QSplitter;
class QVBoxLayout;

namespace Unlocked {

class CodeEditor;
class GradeProgressPane;
class GradeReporter;
class Grader;
struct GradeProgress;
class MarkdownView;
class OutputPane;
class ProgressStore;
class RunPolicy;
class SpeedupChart;
class WorkloadTimelinesPane;
class ScalingChart;

/** How TaskView grades: the Grader, unless a test puts a scripted grade in its place. */
using GradeFunction =
    std::function<GradeResult(const Task &, const QByteArray &source, const GradeProgress &)>;

/**
 * One task: its statement and hints, the learner's code in the editor (their saved draft, or
 * the starter), Run in the sandbox, and Grade on a worker thread with each check's verdict.
 * Drafts are saved 500 ms after typing stops, and at least once a second while it goes on.
 * A grade belongs to the task it graded: the learner may open other tasks meanwhile, and the
 * result is shown on its own task's page when that page is showing or next opened.
 */
class TaskView : public QWidget
{
    Q_OBJECT
public:
    TaskView(ProgressStore *store, RunPolicy *policy, QWidget *parent = nullptr);
    ~TaskView() override;

    void showTask(std::shared_ptr<const Pack> pack, const QString &taskId);
    QString taskId() const { return m_taskId; }
    CodeEditor *editor() const { return m_editor; }
    OutputPane *output() const { return m_output; }
    QTreeWidget *results() const { return m_results; }
    /** True from the start of a grade until its result has been taken in. */
    bool isGrading() const { return m_gradeInFlight; }
    int hintsShown() const { return m_hintsShown.value(m_taskId); }
    /** True when the results shown were for code that has been edited since. */
    bool resultsAreStale() const;
    GradeProgressPane *gradeProgress() const { return m_progress; }
    SpeedupChart *speedupChart() const { return m_chart; }
    /** The timelines of one run of the solution and the baseline after a timed grade, or null. */
    WorkloadTimelinesPane *workloadTimelines() const { return m_workload; }
    /** Speedup by cores, for a task with a parallel speedup check; null until one is shown. */
    ScalingChart *scalingChart() const { return m_scaling; }
    void setGradeFunctionForTesting(GradeFunction grade) { m_gradeFunction = std::move(grade); }

    /** Writes the draft now if it changed; called on close and before switching tasks. */
    void saveDraft();

public Q_SLOTS:
    void run();
    void grade();
    /** Stops the grade in flight; it comes back cancelled and is not saved. */
    void cancelGrade();
    void showNextHint();
    void resetToStarter();

Q_SIGNALS:
    void graded(const QString &taskId, Unlocked::Verdict verdict);
    /** A grade started or ended (cancelled grades too). */
    void gradingChanged();

protected:
    void changeEvent(QEvent *event) override;
    void showEvent(QShowEvent *event) override;

private:
    void textEdited();
    void checkSyntax();
    void syntaxChecked();
    void gradeFinished();
    void showResult(const GradeResult &result, const QString &gradedCode);
    void clearResult();
    SpeedupChart *chartTab();
    void recordWorkloadTimelines(const QString &taskId, const GradeResult &result);
    void showScalingTab();
    void measureScaling();
    static QString inconclusiveSummary(const GradeResult &result);
    void showLiveChart();
    void updateStaleness();
    void restoreSavedGrade(const QString &taskId);
    void updateGradeButton();
    void showHints();
    QString starterCode() const;

    ProgressStore *m_store;
    RunPolicy *m_policy;
    std::shared_ptr<const Pack> m_pack;
    std::shared_ptr<const Grader> m_grader; // kept: it caches the reference's results
    QString m_taskId;
    const Task *m_task = nullptr;
    QHash<QString, int> m_hintsShown;
    QSplitter *m_split = nullptr;
    bool m_splitPlaced = false;
    bool m_dirty = false;
    bool m_loading = false;
    QString m_gradedCode;
    QString m_gradingTaskId;
    bool m_gradeInFlight = false;
    // The last grade of each task this session, with the code it graded: shown when the task's
    // page is (re)opened, never on another task's page.
    struct Graded
    {
        GradeResult result;
        QString code;
    };
    QHash<QString, Graded> m_graded;

    QLabel *m_title;
    MarkdownView *m_statement;
    QVBoxLayout *m_hintLayout;
    QPushButton *m_hintButton;
    CodeEditor *m_editor;
    QLabel *m_status;
    QPushButton *m_runButton;
    QPushButton *m_gradeButton;
    QTabWidget *m_tabs;
    OutputPane *m_output;
    QTreeWidget *m_results;
    QPlainTextEdit *m_detail; // the chosen check's whole message and detail
    SpeedupChart *m_chart = nullptr;
    WorkloadTimelinesPane *m_workload = nullptr;
    QString m_workloadTaskId; // whose timelines it shows
    ScalingChart *m_scaling = nullptr;
    QString m_scalingTaskId;
    QLabel *m_staleNote;
    std::optional<QString> m_shownCode; // the code the shown results graded

    QTimer m_debounce; // fires once typing pauses
    QTimer m_maxWait;  // bounds the loss while typing never pauses
    QTimer m_syntaxTimer;
    QFutureWatcher<SourceFacts> m_syntax;
    QFutureWatcher<GradeResult> m_grading;
    GradeProgressPane *m_progress;
    std::shared_ptr<GradeReporter> m_reporter; // of the grade in flight
    GradeFunction m_gradeFunction;
};

} // namespace Unlocked
