#include "CodeEditor.h"
#include "FixturePack.h"
#include "GradeProgressPane.h"
#include "Grader.h"
#include "GuiTestSupport.h"
#include "MainWindow.h"
#include "ProgressStore.h"
#include "RunPolicy.h"
#include "SpeedupChart.h"
#include "TaskView.h"
#include "measure/MeasureReport.h"

#include <QAction>
#include <QDeadlineTimer>
#include <QLabel>
#include <QPushButton>
#include <QScatterSeries>
#include <QChart>
#include <QSettings>
#include <QTabWidget>
#include <QTest>
#include <QThread>
#include <QTreeWidget>

using namespace Unlocked;

// While a grade works the task page shows each check as it runs, the pairs as they are timed
// (the chart filling in) and the time left; the learner can cancel it from a button or Ctrl+F2,
// and a cancelled grade says so and is not saved. The grade is scripted: nothing is timed.
class TestGradingProgress : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void checksAndPairsShowAsTheyComeAndTheButtonCancels();
    void ctrlF2CancelsAGrade();
    void inconclusiveHeadlineSaysWhy_data();
    void inconclusiveHeadlineSaysWhy();
    void longLinesWrapInsteadOfWideningThePage();
    void chartIsTheLastGradesOwn();

private:
    std::unique_ptr<MainWindow> makeWindow();
    QTemporaryDir m_home;
    int m_round = 0;
};

namespace {

const QString kTask = QStringLiteral("add-numbers");

std::shared_ptr<const Pack> packWithATimedCheck()
{
    Pack pack = fixturePack();
    CheckSpec speedup;
    speedup.kind = CheckKind::ParallelSpeedup;
    speedup.name = QStringLiteral("Faster on several cores");
    speedup.target = 0.6;
    pack.tasks.first().checks.append(speedup);
    return std::make_shared<const Pack>(pack);
}

Measurement after(int pairs)
{
    Measurement m;
    m.pairs = pairs;
    m.required = 1.2;
    m.cores = 2;
    m.budgetSeconds = 40.0;
    m.seconds = 3.0 * pairs;
    for (int i = 0; i < pairs; ++i)
        m.samples.append(1.6 + 0.1 * i);
    m.speedup = m.samples[pairs / 2];
    return m;
}

// Passes the cases, times three pairs, then waits for a cancel (a minute at most).
GradeResult gradeUntilCancelled(const Task &task, const QByteArray &, const GradeProgress &p)
{
    const CheckSpec &cases = task.checks[0];
    const CheckSpec &speedup = task.checks[1];
    GradeResult result;
    result.taskId = task.id;
    p.checkStarted(cases);
    result.checks.append(checkResultFor(cases, Verdict::Passed, QStringLiteral("all right")));
    p.checkFinished(result.checks.last());
    p.checkStarted(speedup);
    for (int pairs = 1; pairs <= 3; ++pairs)
        p.measured(speedup, after(pairs));
    QDeadlineTimer deadline(60000);
    while (!p.cancelled() && !deadline.hasExpired())
        QThread::msleep(10);
    result.cancelled = p.cancelled();
    result.verdict = result.cancelled ? Verdict::Inconclusive : Verdict::Error;
    return result;
}

QString statusOf(TaskView *task)
{
    auto *label = task->findChild<QLabel *>(QStringLiteral("taskStatus"));
    return label ? label->text() : QString();
}

QStringList rows(const QTreeWidget *tree)
{
    QStringList out;
    for (int i = 0; i < tree->topLevelItemCount(); ++i)
        out.append(tree->topLevelItem(i)->text(0) + QLatin1Char('|') +
                   tree->topLevelItem(i)->text(2));
    return out;
}

QAction *stopAction(MainWindow *window)
{
    for (QAction *action : window->findChildren<QAction *>())
        if (action->text() == QLatin1String("&Stop the running program"))
            return action;
    return nullptr;
}

} // namespace

void TestGradingProgress::initTestCase()
{
    isolateGuiTest(m_home);
}

std::unique_ptr<MainWindow> TestGradingProgress::makeWindow()
{
    QSettings().clear();
    MainWindowOptions options;
    options.pack = packWithATimedCheck();
    options.databasePath = m_home.filePath(QStringLiteral("p-%1.sqlite").arg(++m_round));
    auto window = std::make_unique<MainWindow>(options);
    window->runPolicy()->setIsolationForTesting({false, QStringLiteral("no sandbox in tests")});
    window->runPolicy()->setUnisolatedAllowed(true);
    window->show();
    window->activateWindow();
    if (!QTest::qWaitForWindowActive(window.get()))
        return nullptr;
    window->openItem(CourseItemKind::Task, kTask);
    window->taskView()->setGradeFunctionForTesting(gradeUntilCancelled);
    return window;
}

void TestGradingProgress::checksAndPairsShowAsTheyComeAndTheButtonCancels()
{
    auto window = makeWindow();
    QVERIFY(window);
    TaskView *task = window->taskView();
    // An earlier grade: it stays the task's last grade whatever a cancelled one did.
    GradeResult earlier;
    earlier.verdict = Verdict::Failed;
    earlier.checks = {checkResultFor(fixturePack().tasks[0].checks[0], Verdict::Failed,
                                     QStringLiteral("earlier: 1 + 2 gave -1"))};
    window->store()->recordAttempt(kTask, QStringLiteral("def add(a, b):\n    return a - b\n"),
                                   earlier);

    task->grade();
    QVERIFY(task->isGrading());
    GradeProgressPane *pane = task->gradeProgress();
    QTRY_VERIFY(pane->isVisible());
    QTRY_VERIFY2(
        pane->checksText().contains(QLatin1String("Faster on several cores: 3 pairs timed")),
        qPrintable(pane->checksText()));
    QVERIFY2(pane->checksText().contains(QStringLiteral("✔ cases: passed")),
             qPrintable(pane->checksText()));
    QVERIFY2(pane->timeLeftText().contains(QLatin1String("s left at most")),
             qPrintable(pane->timeLeftText()));
    // The chart fills in: a dot for each pair timed so far.
    SpeedupChart *chart = task->speedupChart();
    QVERIFY(chart);
    QTabWidget *tabs = task->findChild<QTabWidget *>();
    QCOMPARE(tabs->currentWidget(), static_cast<QWidget *>(chart));
    QList<QScatterSeries *> dots;
    for (QAbstractSeries *series : chart->chart()->series())
        if (auto *scatter = qobject_cast<QScatterSeries *>(series))
            dots.append(scatter);
    QCOMPARE(dots.size(), 1);
    QCOMPARE(dots.first()->count(), 3);
    QVERIFY(stopAction(window.get())->isEnabled());

    auto *cancel = pane->findChild<QPushButton *>(QStringLiteral("cancelGrade"));
    QVERIFY(cancel && cancel->isVisible());
    QTest::mouseClick(cancel, Qt::LeftButton);
    QTRY_VERIFY_WITH_TIMEOUT(!task->isGrading(), 10000);
    QVERIFY2(statusOf(task).contains(QLatin1String("cancelled")), qPrintable(statusOf(task)));
    QVERIFY(!statusOf(task).contains(QLatin1String("Passed")));
    QVERIFY(!pane->isVisible());
    QCOMPARE(window->store()->attempts(kTask).size(), 1); // not saved
    QVERIFY(!stopAction(window.get())->isEnabled());

    // Reopened, the task shows its last grade: the earlier one.
    window->setPreview(true);
    window->openItem(CourseItemKind::Task, QStringLiteral("hello-workers"));
    window->openItem(CourseItemKind::Task, kTask);
    QCOMPARE(rows(task->results()), QStringList{QStringLiteral("cases|earlier: 1 + 2 gave -1")});
}

void TestGradingProgress::ctrlF2CancelsAGrade()
{
    auto window = makeWindow();
    QVERIFY(window);
    TaskView *task = window->taskView();
    task->grade();
    QTRY_VERIFY(task->gradeProgress()->checksText().contains(QLatin1String("3 pairs timed")));
    task->editor()->setFocus();
    QTRY_VERIFY(task->editor()->hasFocus());
    QTest::keySequence(task->editor(), QKeySequence(QStringLiteral("Ctrl+F2")));
    QTRY_VERIFY_WITH_TIMEOUT(!task->isGrading(), 10000);
    QVERIFY2(statusOf(task).contains(QLatin1String("cancelled")), qPrintable(statusOf(task)));
    QVERIFY(window->store()->attempts(kTask).isEmpty());
}

void TestGradingProgress::inconclusiveHeadlineSaysWhy_data()
{
    QTest::addColumn<bool>("busy");
    QTest::addColumn<QString>("why"); // in the status line and in the chart's note
    QTest::addRow("too few pairs in the budget")
        << false
        << QStringLiteral("Only 2 pairs of runs could be timed in the 6.00 s time budget");
    QTest::addRow("a machine that really is busy")
        << true << QStringLiteral("The computer was too busy to show a parallel speedup");
}

void TestGradingProgress::inconclusiveHeadlineSaysWhy()
{
    QFETCH(bool, busy);
    QFETCH(QString, why);
    auto window = makeWindow();
    QVERIFY(window);
    TaskView *task = window->taskView();
    // The grader's own words: two pairs in a budget that needed four, or five pairs on a
    // machine whose parallelism probe found one core's worth of room.
    task->setGradeFunctionForTesting([busy](const Task &t, const QByteArray &,
                                            const GradeProgress &) {
        SpeedupStatistics stats(0.85);
        const QList<double> walls = busy ? QList<double>{2.0, 2.05, 1.95, 2.0, 2.1}
                                         : QList<double>{1.2, 1.3};
        for (double wall : walls) {
            PairSample pair;
            pair.baseline = {2.0, 2.0};
            pair.solution = {wall, busy ? 2.0 : 3.6};
            stats.add(pair);
        }
        SpeedupReport report;
        report.parallel = true;
        report.cores = report.workers = 2;
        report.required = 1.2;
        report.decision = busy ? Decision::Below : Decision::TooFewSamples;
        if (busy) {
            report.availableParallelism = 1.0;
            report.probeSamples = 3;
        }
        report.minPairs = 4;
        report.budget = 6.0;
        GradeResult result;
        result.taskId = t.id;
        result.checks.append(checkResultFor(t.checks[0], Verdict::Passed, QStringLiteral("ok")));
        CheckResult speedup = checkResultFor(t.checks[1]);
        speedup.measurement = speedupMeasurement(stats, report, 5.0);
        judgeSpeedup(stats, report, speedup);
        result.checks.append(speedup);
        result.finish();
        return result;
    });
    task->grade();
    QTRY_VERIFY_WITH_TIMEOUT(!task->isGrading(), 10000);
    const QString status = statusOf(task);
    QVERIFY2(status.startsWith(QLatin1String("Inconclusive")), qPrintable(status));
    QVERIFY2(status.contains(why), qPrintable(status));
    QVERIFY2(!status.contains(QLatin1String("noisy")), qPrintable(status));
    QCOMPARE(status.contains(QLatin1String("busy")), busy);
    // And the chart shows what was measured, not only what was needed.
    QVERIFY(task->speedupChart());
    QVERIFY2(task->speedupChart()->caption().contains(QLatin1String("not decided")),
             qPrintable(task->speedupChart()->caption()));
    QVERIFY2(task->speedupChart()->note().contains(why),
             qPrintable(task->speedupChart()->note()));
    QCOMPARE(window->store()->attempts(kTask).size(), 1); // a real grade is saved
}

// The pane's sentences wrap: none of them may set the width of the task page's right column.
void TestGradingProgress::longLinesWrapInsteadOfWideningThePage()
{
    const Task task = packWithATimedCheck()->tasks.first();
    GradeProgressPane pane;
    pane.start(task);
    pane.checkStarted(task.checks[1].name); // getting ready: the longest lines of all
    pane.show();
    QVERIFY(QTest::qWaitForWindowExposed(&pane));
    const QFontMetrics metrics(pane.font());
    int longest = metrics.horizontalAdvance(pane.timeLeftText());
    for (const QString &line : pane.checksText().split(QLatin1Char('\n')))
        longest = std::max(longest, metrics.horizontalAdvance(line));
    QVERIFY2(pane.minimumSizeHint().width() < longest,
             qPrintable(QStringLiteral("%1 px wide at least, for a line of %2 px: %3")
                            .arg(pane.minimumSizeHint().width())
                            .arg(longest)
                            .arg(pane.timeLeftText())));
}

// The Speedup tab shows the last grade's measurement only: a later grade that timed nothing
// takes it away, and after a restart the saved grade brings its chart back.
void TestGradingProgress::chartIsTheLastGradesOwn()
{
    const QString database = m_home.filePath(QStringLiteral("chart.sqlite"));
    const auto open = [&database] {
        MainWindowOptions options;
        options.pack = packWithATimedCheck();
        options.databasePath = database;
        options.restorePlace = false;
        auto window = std::make_unique<MainWindow>(options);
        window->runPolicy()->setIsolationForTesting({false, QStringLiteral("no sandbox")});
        window->runPolicy()->setUnisolatedAllowed(true);
        window->show();
        window->openItem(CourseItemKind::Task, kTask);
        return window;
    };
    const auto graded = [](bool measured) {
        return [measured](const Task &t, const QByteArray &, const GradeProgress &) {
            GradeResult result;
            result.taskId = t.id;
            result.checks.append(checkResultFor(t.checks[0],
                                                measured ? Verdict::Passed : Verdict::Failed,
                                                QStringLiteral("cases")));
            CheckResult speedup = checkResultFor(
                t.checks[1], measured ? Verdict::Passed : Verdict::Failed,
                measured ? QStringLiteral("fast enough") : QStringLiteral("not measured"));
            if (measured)
                speedup.measurement = after(5);
            result.checks.append(speedup);
            result.finish();
            return result;
        };
    };
    const auto chartShown = [](TaskView *task) {
        auto *tabs = task->findChild<QTabWidget *>();
        return task->speedupChart() && tabs->indexOf(task->speedupChart()) >= 0;
    };
    QSettings().clear();
    QString caption;
    {
        auto window = open();
        QVERIFY(QTest::qWaitForWindowExposed(window.get()));
        TaskView *task = window->taskView();
        task->setGradeFunctionForTesting(graded(true));
        task->grade();
        QTRY_VERIFY_WITH_TIMEOUT(!task->isGrading(), 10000);
        QVERIFY(chartShown(task));
        caption = task->speedupChart()->caption();

        task->setGradeFunctionForTesting(graded(false));
        task->grade();
        QTRY_VERIFY_WITH_TIMEOUT(!task->isGrading(), 10000);
        QVERIFY(!chartShown(task)); // not the earlier pass's chart

        task->setGradeFunctionForTesting(graded(true));
        task->grade();
        QTRY_VERIFY_WITH_TIMEOUT(!task->isGrading(), 10000);
        QVERIFY(chartShown(task));
    }
    auto window = open(); // the next session
    QVERIFY(QTest::qWaitForWindowExposed(window.get()));
    QVERIFY(chartShown(window->taskView()));
    QCOMPARE(window->taskView()->speedupChart()->caption(), caption);
}

QTEST_MAIN(TestGradingProgress)
#include "TestGradingProgress.moc"
