#include "check/Workspace.h"

#include <QDir>
#include <QFile>
#include <QSet>
#include <QTest>

using namespace Unlocked;

// The witness read before a parallel fail: the harness runs the baseline's calls in several
// processes at once, and only one of them reports.
class TestBaselineCopies : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void copiesMakeTheSameCallsAtOnce();
};

void TestBaselineCopies::copiesMakeTheSameCallsAtOnce()
{
    Task task;
    task.id = QStringLiteral("t");
    task.entry = QStringLiteral("f");
    task.solutionFile = QStringLiteral("baseline.py");
    const Sandbox sandbox(Sandbox::Mode::Unisolated);
    Workspace workspace(task, sandbox, QStringLiteral("/usr/bin/python3"));
    // Each call notes its process in the work directory, which the run may write.
    const QByteArray source = "import os\n"
                              "def f(n):\n"
                              "    with open('calls.log', 'a') as out:\n"
                              "        out.write(f'{os.getpid()}\\n')\n"
                              "    return n + 1\n";
    QString error;
    QVERIFY2(workspace.prepare(source, &error), qPrintable(error));

    const CallsOutcome outcome = workspace.call({QJsonArray{41}, QJsonArray{1}}, true, nullptr, 3);
    QVERIFY2(outcome.failure.isEmpty(), qPrintable(outcome.failure));
    QCOMPARE(outcome.results.size(), 2);
    QVERIFY2(outcome.results[0].ok, qPrintable(outcome.results[0].error));
    QCOMPARE(outcome.results[0].value.toInt(), 42);
    QCOMPARE(outcome.results[1].value.toInt(), 2);

    QFile file(QDir(workspace.dir()).filePath(QStringLiteral("calls.log")));
    QVERIFY(file.open(QIODevice::ReadOnly));
    const QList<QByteArray> pids = file.readAll().trimmed().split('\n');
    QCOMPARE(pids.size(), 6); // two calls in each of three processes
    QCOMPARE(QSet<QByteArray>(pids.cbegin(), pids.cend()).size(), 3);
}

QTEST_GUILESS_MAIN(TestBaselineCopies)
#include "TestBaselineCopies.moc"
