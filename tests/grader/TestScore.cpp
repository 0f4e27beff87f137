#include "measure/CpuQuota.h"
#include "pack/PackLoader.h"
#include "result/PlatformFormats.h"
#include "result/Score.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTest>

using namespace Unlocked;

// How a grade becomes points: the pack's `points` and `inconclusive` policy, and what a
// platform says when a parallel check had too few CPUs. The platforms' fields from real
// grades are TestPlatformFormats's.
class TestScore : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void inconclusivePolicies_data();
    void inconclusivePolicies();
    void tooFewCpusIsNeverTheLearnersLoss();
    void pointsWeighChecks();
    void measuredSpeedupOnTheLeaderboard();
    void policiesFromThePack();
    void cpuQuota_data();
    void cpuQuota();

private:
    Task m_task; // parallel-primes: a cases check, then a parallel-speedup check
};

namespace {

GradeResult graded(const Task &task, Verdict measured, const Measurement &m = {})
{
    GradeResult r;
    r.taskId = task.id;
    r.taskTitle = task.title;
    r.file = QStringLiteral("solution.py");
    r.checks.append(checkResultFor(task.checks[0], Verdict::Passed, QStringLiteral("all passed")));
    CheckResult speed = checkResultFor(task.checks[1], measured, QStringLiteral("measured"));
    speed.measurement = m;
    r.checks.append(speed);
    r.finish();
    return r;
}

Measurement timed(int cores, int pairs, double speedup)
{
    Measurement m;
    m.cores = cores;
    m.pairs = pairs;
    m.speedup = speedup;
    return m;
}

bool writeFile(const QString &path, const QByteArray &text)
{
    QDir().mkpath(QFileInfo(path).path());
    QFile file(path);
    return file.open(QIODevice::WriteOnly) && file.write(text) == text.size();
}

} // namespace

void TestScore::initTestCase()
{
    const PackLoadResult loaded = PackLoader::loadTask(QStringLiteral(UNLOCKED_SOURCE_DIR),
                                                       QStringLiteral("parallel-primes"));
    QVERIFY(loaded.pack && loaded.pack->task(QStringLiteral("parallel-primes")));
    m_task = *loaded.pack->task(QStringLiteral("parallel-primes"));
    QCOMPARE(m_task.checks.size(), 2);
    QCOMPARE(m_task.checks[1].kind, CheckKind::ParallelSpeedup);
}

void TestScore::inconclusivePolicies_data()
{
    QTest::addColumn<InconclusivePolicy>("policy");
    QTest::addColumn<double>("points");
    QTest::addColumn<bool>("needsRegrade");
    QTest::addRow("regrade") << InconclusivePolicy::Regrade << 1.0 << true;
    QTest::addRow("zero") << InconclusivePolicy::Zero << 1.0 << false;
    QTest::addRow("full") << InconclusivePolicy::Full << 2.0 << false;
}

void TestScore::inconclusivePolicies()
{
    QFETCH(InconclusivePolicy, policy);
    QFETCH(double, points);
    QFETCH(bool, needsRegrade);
    Task task = m_task;
    task.checks[1].inconclusive = policy;
    const GradeResult r = graded(task, Verdict::Inconclusive, timed(2, 8, 1.4));
    const TaskScore s = scoreGrade(&task, r);
    QVERIFY(s.gradable);
    QCOMPARE(s.points, points);
    QCOMPARE(s.maxPoints, 2.0);
    QCOMPARE(s.needsRegrade, needsRegrade);
    // Whatever it counts for, the learner is told that it did not decide.
    QVERIFY2(s.checks[1].shown.contains("Not decided"), qPrintable(s.checks[1].shown));
    const QJsonObject pl =
        QJsonDocument::fromJson(PlatformFormats::toPrairieLearn(&task, r)).object();
    QCOMPARE(pl["gradable"].toBool(), !needsRegrade);
}

void TestScore::tooFewCpusIsNeverTheLearnersLoss()
{
    Task task = m_task;
    task.checks[1].inconclusive = InconclusivePolicy::Zero; // even so: the machine's fault
    const GradeResult r = graded(task, Verdict::Inconclusive, timed(1, 0, 0.0));
    const TaskScore s = scoreGrade(&task, r);
    QVERIFY(s.checks[1].needsCpus);
    QVERIFY(s.needsRegrade);
    const QJsonObject gs =
        QJsonDocument::fromJson(PlatformFormats::toGradescope(&task, r)).object();
    const QString output = gs["output"].toString();
    QVERIFY2(output.contains("at least 2 CPUs") && output.contains("Autograder Settings"),
             qPrintable(output));
    QCOMPARE(gs["extra_data"]["needs_regrade"].toBool(), true);
    QVERIFY(gs["tests"][1]["output"].toString().contains("does not count against you"));
    const QJsonObject gc = QJsonDocument::fromJson(PlatformFormats::toClassroom(&task, r)).object();
    QCOMPARE(gc["tests"][1]["status"].toString(), QStringLiteral("error"));
}

void TestScore::pointsWeighChecks()
{
    Task task = m_task;
    task.checks[0].points = 3;
    task.checks[1].points = 7;
    const GradeResult r = graded(task, Verdict::Failed);
    const TaskScore s = scoreGrade(&task, r);
    QCOMPARE(s.points, 3.0);
    QCOMPARE(s.maxPoints, 10.0);
    QCOMPARE(s.fraction(r.verdict), 0.3);
    const QJsonObject gc = QJsonDocument::fromJson(PlatformFormats::toClassroom(&task, r)).object();
    QCOMPARE(gc["max_score"].toDouble(), 10.0);
    QCOMPARE(gc["tests"][0]["score"].toDouble(), 3.0);
    QCOMPARE(gc["status"].toString(), QStringLiteral("fail"));
}

void TestScore::measuredSpeedupOnTheLeaderboard()
{
    const GradeResult r = graded(m_task, Verdict::Passed, timed(4, 6, 3.25));
    const QJsonObject gs =
        QJsonDocument::fromJson(PlatformFormats::toGradescope(&m_task, r)).object();
    const QJsonArray board = gs["leaderboard"].toArray();
    QCOMPARE(board.size(), 1);
    QCOMPARE(board[0]["name"].toString(), m_task.checks[1].name);
    QCOMPARE(board[0]["value"].toDouble(), 3.25);
    QCOMPARE(board[0]["order"].toString(), QStringLiteral("desc"));
    QCOMPARE(gs["score"].toDouble(), 2.0);
}

void TestScore::policiesFromThePack()
{
    QTemporaryDir dir;
    const QString root = dir.path();
    QVERIFY(writeFile(root + "/course.yaml",
                      "id: mini\ntitle: Mini\ngrading:\n  inconclusive: zero\nlessons:\n"
                      "  - id: first\n    title: First\n    file: first.md\n    tasks: [t]\n"));
    QVERIFY(writeFile(root + "/first.md", "# First\n"));
    QVERIFY(writeFile(root + "/tasks/t/statement.md", "Write f.\n"));
    QVERIFY(writeFile(root + "/tasks/t/starter.py", "def f(n):\n    pass\n"));
    QVERIFY(writeFile(root + "/tasks/t/reference.py", "def f(n):\n    return n\n"));
    QVERIFY(writeFile(root + "/tasks/t/baseline.py", "def f(n):\n    return n\n"));
    QVERIFY(writeFile(root + "/tasks/t/cases.yaml", "- args: [1]\n  visible: true\n"));
    QVERIFY(writeFile(root + "/tasks/t/task.yaml",
                      "title: T\nkind: function\nentry: f\nchecks:\n  - kind: cases\n"
                      "    points: 2.5\n  - kind: single-core-speedup\n    workload: [[5]]\n"
                      "    factor: 2\n  - kind: single-core-speedup\n    workload: [[6]]\n"
                      "    factor: 2\n    inconclusive: full\n"));
    const PackLoadResult loaded = PackLoader::load(root);
    QVERIFY2(loaded.pack, loaded.errors.isEmpty() ? "" : qPrintable(loaded.errors[0].toString()));
    QCOMPARE(loaded.pack->inconclusive, InconclusivePolicy::Zero);
    const Task &t = loaded.pack->tasks.first();
    QCOMPARE(t.checks[0].points, 2.5);
    QCOMPARE(t.checks[1].points, 1.0);
    QCOMPARE(t.checks[1].inconclusive, InconclusivePolicy::Zero); // the course's
    QCOMPARE(t.checks[2].inconclusive, InconclusivePolicy::Full); // its own
}

void TestScore::cpuQuota_data()
{
    QTest::addColumn<QString>("selfCgroup");
    QTest::addColumn<QString>("file");
    QTest::addColumn<QByteArray>("text");
    QTest::addColumn<double>("quota"); // 0: none
    QTest::addColumn<int>("cores");    // of 8 the affinity mask allows
    QTest::addRow("v2 half a CPU above the group")
        << "0::/job/step"
        << "/job/cpu.max" << QByteArray("50000 100000") << 0.5 << 1;
    QTest::addRow("v2 no limit") << "0::/job"
                                 << "/job/cpu.max" << QByteArray("max 100000") << 0.0 << 8;
    QTest::addRow("v1 two CPUs") << "4:cpu,cpuacct:/docker/x"
                                 << "/cpu,cpuacct/docker/x/cpu.cfs_quota_us" << QByteArray("200000")
                                 << 2.0 << 2;
}

void TestScore::cpuQuota()
{
    QFETCH(QString, selfCgroup);
    QFETCH(QString, file);
    QFETCH(QByteArray, text);
    QFETCH(double, quota);
    QFETCH(int, cores);
    QTemporaryDir dir;
    QVERIFY(writeFile(dir.path() + file, text));
    if (file.endsWith("cfs_quota_us"))
        QVERIFY(writeFile(dir.path() + QString(file).replace("quota", "period"), "100000"));
    const std::optional<double> found = cgroupCpuQuota(selfCgroup, dir.path());
    QCOMPARE(found.value_or(0.0), quota);
    QCOMPARE(coresUnderQuota(8, found), cores);
}

QTEST_GUILESS_MAIN(TestScore)
#include "TestScore.moc"
