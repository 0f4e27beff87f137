#include "sandbox/Sandbox.h"

#include <QFile>
#include <QTemporaryDir>
#include <QTest>

using namespace Unlocked;

/** Without bubblewrap: isolated runs refuse with the reason, unisolated runs say they are. */
class TestSandboxWithoutBwrap : public QObject
{
    Q_OBJECT

private:
    RunOutcome runIn(Sandbox::Mode mode)
    {
        QTemporaryDir dir;
        QFile file(dir.filePath(QStringLiteral("main.py")));
        if (!file.open(QIODevice::WriteOnly))
            qFatal("cannot write the program");
        // The parent waits: an orphan still running when the root exits is killed with the tree.
        file.write("import os\npid = os.fork()\nif pid == 0:\n    print('ran')\nelse:\n"
                   "    os.waitpid(pid, 0)\n");
        file.close();
        RunSpec spec;
        spec.workDir = dir.path();
        spec.interpreter = QStringLiteral("/usr/bin/python3");
        spec.arguments = {QStringLiteral("main.py")};
        return Sandbox(mode).run(spec);
    }

private Q_SLOTS:
    void initTestCase()
    {
        // Before the first probe: the answer is cached for the life of the process.
        qputenv("UNLOCKED_BWRAP", "/nonexistent/bwrap");
    }

    void reasonIsGiven()
    {
        const IsolationSupport support = Sandbox::isolationSupport();
        QVERIFY(!support.available);
        QVERIFY2(support.reason.contains(QLatin1String("apt-get install bubblewrap")),
                 qPrintable(support.reason));
    }

    void isolatedRefuses()
    {
        const RunOutcome outcome = runIn(Sandbox::Mode::Isolated);
        QVERIFY(!outcome.started);
        QVERIFY(!outcome.succeeded());
        QCOMPARE(outcome.failure, Sandbox::isolationSupport().reason);
        QVERIFY(outcome.out.isEmpty());
    }

    void unisolatedRunsAndSaysSo()
    {
        const RunOutcome outcome = runIn(Sandbox::Mode::Unisolated);
        QVERIFY2(outcome.succeeded(), qPrintable(outcome.failure + QString::fromUtf8(outcome.err)));
        QVERIFY(!outcome.isolated);
        QCOMPARE(outcome.out, QByteArray("ran\n"));
    }
};

QTEST_GUILESS_MAIN(TestSandboxWithoutBwrap)
#include "TestSandboxWithoutBwrap.moc"
