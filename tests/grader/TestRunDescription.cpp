#include "RunDescription.h"

#include <QRegularExpression>
#include <QTest>

#include <csignal>

using namespace Unlocked;

namespace {

RunOutcome ended(int exitCode, int signal = 0, LimitHit limit = LimitHit::None)
{
    RunOutcome run;
    run.started = true;
    run.exitCode = exitCode;
    run.signal = signal;
    run.limit = limit;
    run.wallSeconds = 1.5;
    run.cpuSeconds = 0.5;
    return run;
}

} // namespace

Q_DECLARE_METATYPE(Unlocked::RunOutcome)

// How a run ended, as the app's Run, `unlocked-cli run` and grade messages all say it.
class TestRunDescription : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void summaries_data()
    {
        QTest::addColumn<RunOutcome>("run");
        QTest::addColumn<QString>("summary");

        QTest::newRow("finished") << ended(0) << "Finished in 1.50 s (0.50 s of CPU).";
        RunOutcome notStarted;
        notStarted.failure = QStringLiteral("no such interpreter");
        QTest::newRow("not started")
            << notStarted << "Your program could not be started: no such interpreter.";
        RunOutcome stopped = ended(-1);
        stopped.cancelled = true;
        QTest::newRow("stopped") << stopped << "Stopped after 1.50 s.";
        QTest::newRow("cpu limit")
            << ended(-1, SIGKILL, LimitHit::CpuTime)
            << "Stopped because your program used more than 20 s of CPU time.";
        RunOutcome flood = ended(-1, SIGKILL, LimitHit::Output);
        flood.outDropped = 1000;
        QTest::newRow("output limit")
            << flood << "Stopped because your program printed far more than the 64 KiB we show.";
        RunOutcome chatty = ended(0);
        chatty.errDropped = 10;
        QTest::newRow("output cut") << chatty
                                    << "Finished in 1.50 s (0.50 s of CPU). Your program printed "
                                       "too much output, so we stopped showing it.";
        QTest::newRow("exit code") << ended(3) << "Your program exited with code 3 after 1.50 s.";
        QTest::newRow("abort")
            << ended(-1, SIGABRT)
            << "Your program aborted (something in it called abort()) after 1.50 s.";
        QTest::newRow("segfault") << ended(-1, SIGSEGV)
                                  << "Your program crashed: it touched memory it does not own (a "
                                     "segmentation fault) after 1.50 s.";
        RunOutcome unisolated = ended(0);
        unisolated.isolated = false;
        QTest::newRow("unisolated")
            << unisolated << "Finished in 1.50 s (0.50 s of CPU). (Ran without isolation.)";
    }

    void summaries()
    {
        QFETCH(RunOutcome, run);
        QFETCH(QString, summary);
        QCOMPARE(runSummary(run, Limits()), summary);
        // Each thing is said once: no limit named twice, no "stopped ... stopped".
        QVERIFY(summary.count(QStringLiteral("stop"), Qt::CaseInsensitive) <= 1);
    }

    void failuresKeepTheErrorTail()
    {
        RunOutcome run = ended(1);
        run.err = "Traceback (most recent call last):\nValueError: bad\n\n";
        QCOMPARE(describeRunFailure(run, Limits()),
                 QStringLiteral("your program exited with code 1:\n"
                                "Traceback (most recent call last):\nValueError: bad"));
        QVERIFY(!runSummary(run, Limits()).contains(QLatin1String("ValueError")));
        QVERIFY(describeRunFailure(ended(0), Limits()).isEmpty());
    }

    void crashesNeverShowABareSignalNumber()
    {
        for (int signal : {SIGSEGV, SIGABRT, SIGFPE, SIGBUS, SIGILL, SIGKILL, SIGTERM, SIGUSR1}) {
            const QString text = describeRunFailure(ended(-1, signal), Limits());
            const QRegularExpression number(QStringLiteral("\\b%1\\b").arg(signal));
            QVERIFY2(!text.contains(number), qPrintable(text));
        }
    }
};

QTEST_GUILESS_MAIN(TestRunDescription)
#include "TestRunDescription.moc"
