#include "sandbox/Sandbox.h"

#include <QFile>
#include <QTemporaryDir>
#include <QTest>

#include <sched.h>

using namespace Unlocked;

// A run given CPUs sees only those (its affinity), isolated or not, and a run given none sees
// all of the grader's: what `unlocked-cli scale` relies on to time 1, 2, ... cores.
class TestRunAffinity : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void runSeesOnlyItsCpus_data();
    void runSeesOnlyItsCpus();
};

namespace {

QList<int> graderCpus()
{
    QList<int> cpus;
    cpu_set_t set;
    CPU_ZERO(&set);
    if (sched_getaffinity(0, sizeof(set), &set) == 0)
        for (int cpu = 0; cpu < CPU_SETSIZE; ++cpu)
            if (CPU_ISSET(cpu, &set))
                cpus.append(cpu);
    return cpus;
}

} // namespace

void TestRunAffinity::runSeesOnlyItsCpus_data()
{
    QTest::addColumn<bool>("isolated");
    QTest::addColumn<bool>("limited");
    QTest::addRow("isolated, one cpu") << true << true;
    QTest::addRow("isolated, all") << true << false;
    QTest::addRow("unisolated, one cpu") << false << true;
}

void TestRunAffinity::runSeesOnlyItsCpus()
{
    QFETCH(bool, isolated);
    QFETCH(bool, limited);
    if (isolated && !Sandbox::isolationSupport().available)
        QSKIP("no isolation here");
    const QList<int> cpus = graderCpus();
    QVERIFY(!cpus.isEmpty());
    QTemporaryDir dir;
    QFile file(dir.filePath(QStringLiteral("main.py")));
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write("import os\nprint(sorted(os.sched_getaffinity(0)))\n");
    file.close();
    RunSpec spec;
    spec.workDir = dir.path();
    spec.interpreter = QStringLiteral("/usr/bin/python3");
    spec.arguments = {QStringLiteral("main.py")};
    const QList<int> expected = limited ? cpus.mid(cpus.size() - 1) : cpus;
    if (limited)
        spec.cpus = expected;
    const RunOutcome outcome =
        Sandbox(isolated ? Sandbox::Mode::Isolated : Sandbox::Mode::Unisolated).run(spec);
    QVERIFY2(outcome.succeeded(), qPrintable(outcome.failure + QString::fromUtf8(outcome.err)));
    QStringList shown;
    for (int cpu : expected)
        shown.append(QString::number(cpu));
    QCOMPARE(QString::fromUtf8(outcome.out).trimmed(),
             QLatin1Char('[') + shown.join(QStringLiteral(", ")) + QLatin1Char(']'));
}

QTEST_GUILESS_MAIN(TestRunAffinity)
#include "TestRunAffinity.moc"
