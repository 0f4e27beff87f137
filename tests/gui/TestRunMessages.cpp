#include "GuiTestSupport.h"
#include "OutputPane.h"
#include "RunPolicy.h"

#include <QRegularExpression>
#include <QSettings>
#include <QTest>

using namespace Unlocked;

// What the output pane says when a run ends badly: each limit named once, in plain words, and a
// crash told as what happened, never as a signal number. Real programs, in the sandbox where
// this machine has one and otherwise unisolated.
class TestRunMessages : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void endingsReadOnce_data();
    void endingsReadOnce();

private:
    QTemporaryDir m_home;
};

void TestRunMessages::initTestCase()
{
    isolateGuiTest(m_home);
    QSettings().clear();
}

void TestRunMessages::endingsReadOnce_data()
{
    QTest::addColumn<QString>("program");
    QTest::addColumn<double>("cpuSeconds");
    QTest::addColumn<qint64>("outputBytes");
    QTest::addColumn<QString>("says");
    QTest::addRow("cpu limit") << "while True:\n    pass\n" << 1.0 << qint64(64 << 10)
                               << "Stopped because your program used more than 1 s of CPU time.";
    QTest::addRow("output limit") << "while True:\n    print('x' * 80)\n" << 20.0 << qint64(4096)
                                  << "Stopped because your program printed far more than";
    QTest::addRow("output cut") << "print('y' * 9000)\n" << 20.0 << qint64(4096)
                                << "Your program printed too much output, so we stopped "
                                   "showing it.";
    QTest::addRow("abort") << "import os\nos.abort()\n" << 20.0 << qint64(64 << 10)
                           << "Your program aborted (something in it called abort())";
    QTest::addRow("segfault") << "import ctypes\nctypes.string_at(0)\n" << 20.0
                              << qint64(64 << 10) << "(a segmentation fault)";
}

void TestRunMessages::endingsReadOnce()
{
    QFETCH(QString, program);
    QFETCH(double, cpuSeconds);
    QFETCH(qint64, outputBytes);
    QFETCH(QString, says);
    RunPolicy policy;
    policy.setUnisolatedAllowed(true);
    OutputPane pane(&policy);
    pane.show();
    Limits limits;
    limits.cpuSeconds = cpuSeconds;
    limits.outputBytes = outputBytes;
    pane.run(QStringLiteral("Ending"), QStringLiteral("ending.py"), program, limits);
    QTRY_VERIFY_WITH_TIMEOUT(!pane.isRunning(), 60000);
    QTRY_VERIFY(!pane.status().startsWith(QLatin1String("Running")));
    const QString status = pane.status();
    QVERIFY2(status.contains(says), qPrintable(status));
    QVERIFY2(status.count(QStringLiteral("stop"), Qt::CaseInsensitive) <= 1, qPrintable(status));
    QVERIFY2(!status.contains(QLatin1String("signal"), Qt::CaseInsensitive), qPrintable(status));
    QVERIFY2(!status.contains(QRegularExpression(QStringLiteral("\\b(6|9|11)\\b"))),
             qPrintable(status));
    QVERIFY2(!status.contains(QLatin1String("killed")), qPrintable(status));
}

QTEST_MAIN(TestRunMessages)
#include "TestRunMessages.moc"
