#include "ShardSource.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

#include <functional>

using namespace Unlocked;

namespace {

const QString packDir = QStringLiteral(UNLOCKED_TEST_DATA "/cli/pack");

using Variables = QList<std::pair<QString, QString>>;

QProcessEnvironment withVariables(const Variables &variables)
{
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    // A test run inside a CI job must not pick up that job's own shard.
    for (const QString &name : env.keys())
        if (name.startsWith(QLatin1String("SLURM_")) || name.startsWith(QLatin1String("CI_NODE")) ||
            name == QLatin1String("JOB_COMPLETION_INDEX") ||
            name.startsWith(QLatin1String("UNLOCKED_SHARD")))
            env.remove(name);
    for (const auto &[name, value] : variables)
        env.insert(name, value);
    return env;
}

// How one engine numbers shard `k` (0-based) of `n`.
struct Engine
{
    const char *name;
    const char *said; // what batch's stderr names
    std::function<Variables(int k, int n)> variables;
    QStringList extraArgs = {};
};

QList<Engine> engines()
{
    auto s = [](int v) { return QString::number(v); };
    return {
        {"Slurm from 0", "from Slurm (",
         [=](int k, int n) {
             return Variables{{"SLURM_ARRAY_TASK_ID", s(k)},
                              {"SLURM_ARRAY_TASK_MIN", "0"},
                              {"SLURM_ARRAY_TASK_MAX", s(n - 1)},
                              {"SLURM_ARRAY_TASK_COUNT", s(n)}};
         }},
        {"Slurm from 1", "from Slurm (",
         [=](int k, int n) {
             return Variables{{"SLURM_ARRAY_TASK_ID", s(k + 1)},
                              {"SLURM_ARRAY_TASK_MIN", "1"},
                              {"SLURM_ARRAY_TASK_MAX", s(n)},
                              {"SLURM_ARRAY_TASK_COUNT", s(n)}};
         }},
        {"Kubernetes",
         "from Kubernetes Indexed Job (",
         [=](int k, int) {
             return Variables{{"JOB_COMPLETION_INDEX", s(k)}};
         },
         {"--shard-count", "3"}},
        {"GitLab", "from GitLab parallel (",
         [=](int k, int n) {
             return Variables{{"CI_NODE_INDEX", s(k + 1)}, {"CI_NODE_TOTAL", s(n)}};
         }},
        {"GitHub matrix", "from UNLOCKED_SHARD_INDEX (",
         [=](int k, int n) {
             return Variables{{"UNLOCKED_SHARD_INDEX", s(k)}, {"UNLOCKED_SHARD_COUNT", s(n)}};
         }},
    };
}

} // namespace

class TestShardEnvironment : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void resolves_data();
    void resolves();
    void refuses_data();
    void refuses();
    void everyEngineGradesTheClassOnce_data();
    void everyEngineGradesTheClassOnce();
    void badVariablesStopTheBatch();
};

void TestShardEnvironment::resolves_data()
{
    QTest::addColumn<Variables>("variables");
    QTest::addColumn<int>("countOption"); // 0: none
    QTest::addColumn<int>("index");
    QTest::addColumn<int>("count");
    QTest::addRow("nothing: the whole class") << Variables{} << 0 << 1 << 1;
    QTest::addRow("Slurm 0-3, task 2") << Variables{{"SLURM_ARRAY_TASK_ID", "2"},
                                                    {"SLURM_ARRAY_TASK_MIN", "0"},
                                                    {"SLURM_ARRAY_TASK_COUNT", "4"}}
                                       << 0 << 3 << 4;
    QTest::addRow("Slurm 1-4, task 1") << Variables{{"SLURM_ARRAY_TASK_ID", "1"},
                                                    {"SLURM_ARRAY_TASK_MIN", "1"},
                                                    {"SLURM_ARRAY_TASK_COUNT", "4"}}
                                       << 0 << 1 << 4;
    QTest::addRow("Slurm 0-15:4, task 8") << Variables{{"SLURM_ARRAY_TASK_ID", "8"},
                                                       {"SLURM_ARRAY_TASK_MIN", "0"},
                                                       {"SLURM_ARRAY_TASK_MAX", "12"},
                                                       {"SLURM_ARRAY_TASK_STEP", "4"},
                                                       {"SLURM_ARRAY_TASK_COUNT", "4"}}
                                          << 0 << 3 << 4;
    QTest::addRow("Slurm without COUNT: from MAX") << Variables{{"SLURM_ARRAY_TASK_ID", "5"},
                                                                {"SLURM_ARRAY_TASK_MIN", "5"},
                                                                {"SLURM_ARRAY_TASK_MAX", "6"}}
                                                   << 0 << 1 << 2;
    QTest::addRow("Kubernetes, --shard-count")
        << Variables{{"JOB_COMPLETION_INDEX", "0"}} << 5 << 1 << 5;
    QTest::addRow("Kubernetes, UNLOCKED_SHARD_COUNT")
        << Variables{{"JOB_COMPLETION_INDEX", "4"}, {"UNLOCKED_SHARD_COUNT", "5"}} << 0 << 5 << 5;
    QTest::addRow("GitLab 2 of 3")
        << Variables{{"CI_NODE_INDEX", "2"}, {"CI_NODE_TOTAL", "3"}} << 0 << 2 << 3;
    QTest::addRow("GitLab, not parallel") << Variables{{"CI_NODE_TOTAL", "1"}} << 0 << 1 << 1;
    QTest::addRow("our pair, 0-based")
        << Variables{{"UNLOCKED_SHARD_INDEX", "0"}, {"UNLOCKED_SHARD_COUNT", "2"}} << 0 << 1 << 2;
    QTest::addRow("our pair before GitLab's") << Variables{{"UNLOCKED_SHARD_INDEX", "1"},
                                                           {"UNLOCKED_SHARD_COUNT", "2"},
                                                           {"CI_NODE_INDEX", "1"},
                                                           {"CI_NODE_TOTAL", "3"}}
                                              << 0 << 2 << 2;
    QTest::addRow("Slurm inside a GitLab job") << Variables{{"SLURM_ARRAY_TASK_ID", "0"},
                                                            {"SLURM_ARRAY_TASK_COUNT", "2"},
                                                            {"CI_NODE_INDEX", "3"},
                                                            {"CI_NODE_TOTAL", "3"}}
                                               << 0 << 1 << 2;
}

void TestShardEnvironment::resolves()
{
    QFETCH(Variables, variables);
    QFETCH(int, countOption);
    QFETCH(int, index);
    QFETCH(int, count);
    const Shard shard = shardFromEnvironment(
        withVariables(variables), countOption ? std::optional<int>(countOption) : std::nullopt);
    QVERIFY2(shard.error.isEmpty(), qPrintable(shard.error));
    QCOMPARE(shard.index, index);
    QCOMPARE(shard.count, count);
    QCOMPARE(shard.source.isEmpty(), variables.isEmpty() || count == 1);
}

void TestShardEnvironment::refuses_data()
{
    QTest::addColumn<Variables>("variables");
    QTest::addColumn<int>("countOption");
    QTest::addColumn<QString>("says");
    QTest::addRow("Slurm ID past the end")
        << Variables{{"SLURM_ARRAY_TASK_ID", "4"}, {"SLURM_ARRAY_TASK_COUNT", "4"}} << 0
        << "outside 0..3";
    QTest::addRow("Slurm ID below MIN") << Variables{{"SLURM_ARRAY_TASK_ID", "0"},
                                                     {"SLURM_ARRAY_TASK_MIN", "1"},
                                                     {"SLURM_ARRAY_TASK_COUNT", "4"}}
                                        << 0 << "outside 0..3";
    QTest::addRow("Slurm list array 1,4,9") << Variables{{"SLURM_ARRAY_TASK_ID", "4"},
                                                         {"SLURM_ARRAY_TASK_MIN", "1"},
                                                         {"SLURM_ARRAY_TASK_MAX", "9"},
                                                         {"SLURM_ARRAY_TASK_COUNT", "3"}}
                                            << 0 << "evenly spaced";
    QTest::addRow("Slurm without a count")
        << Variables{{"SLURM_ARRAY_TASK_ID", "1"}} << 0 << "neither SLURM_ARRAY_TASK_COUNT";
    QTest::addRow("Slurm ID not a number")
        << Variables{{"SLURM_ARRAY_TASK_ID", "two"}, {"SLURM_ARRAY_TASK_COUNT", "4"}} << 0
        << "SLURM_ARRAY_TASK_ID='two' is not a whole number";
    QTest::addRow("Kubernetes without a count")
        << Variables{{"JOB_COMPLETION_INDEX", "1"}} << 0 << "give --shard-count N";
    QTest::addRow("Kubernetes index past the count")
        << Variables{{"JOB_COMPLETION_INDEX", "3"}} << 3 << "outside 0..2";
    QTest::addRow("Kubernetes, two counts")
        << Variables{{"JOB_COMPLETION_INDEX", "1"}, {"UNLOCKED_SHARD_COUNT", "4"}} << 3
        << "disagrees";
    QTest::addRow("GitLab index 0 (it counts from 1)")
        << Variables{{"CI_NODE_INDEX", "0"}, {"CI_NODE_TOTAL", "3"}} << 0
        << "CI_NODE_INDEX='0' is not a whole number of at least 1";
    QTest::addRow("GitLab index past the total")
        << Variables{{"CI_NODE_INDEX", "4"}, {"CI_NODE_TOTAL", "3"}} << 0 << "outside 0..2";
    QTest::addRow("GitLab, --shard-count disagrees")
        << Variables{{"CI_NODE_INDEX", "1"}, {"CI_NODE_TOTAL", "3"}} << 2 << "disagrees";
    QTest::addRow("our index without a count")
        << Variables{{"UNLOCKED_SHARD_INDEX", "0"}} << 0 << "not UNLOCKED_SHARD_COUNT";
    QTest::addRow("our count of 0")
        << Variables{{"UNLOCKED_SHARD_INDEX", "0"}, {"UNLOCKED_SHARD_COUNT", "0"}} << 0
        << "UNLOCKED_SHARD_COUNT='0'";
    QTest::addRow("negative index")
        << Variables{{"UNLOCKED_SHARD_INDEX", "-1"}, {"UNLOCKED_SHARD_COUNT", "2"}} << 0
        << "UNLOCKED_SHARD_INDEX='-1'";
    QTest::addRow("--shard-count alone") << Variables{} << 4 << "needs an index";
}

void TestShardEnvironment::refuses()
{
    QFETCH(Variables, variables);
    QFETCH(int, countOption);
    QFETCH(QString, says);
    const Shard shard = shardFromEnvironment(
        withVariables(variables), countOption ? std::optional<int>(countOption) : std::nullopt);
    QVERIFY2(shard.error.contains(says), qPrintable(shard.error));
}

void TestShardEnvironment::everyEngineGradesTheClassOnce_data()
{
    QTest::addColumn<int>("engine");
    for (int i = 0; i < engines().size(); ++i)
        QTest::addRow("%s", engines()[i].name) << i;
}

// The real binary, with an engine's variables for each of 3 shards of a class of 5.
void TestShardEnvironment::everyEngineGradesTheClassOnce()
{
    QFETCH(int, engine);
    const Engine e = engines()[engine];
    QTemporaryDir dir;
    const QStringList learners{"ada", "bob", "cy", "dan", "eve"};
    for (const QString &learner : learners) {
        QVERIFY(QDir(dir.path()).mkpath(learner));
        QVERIFY(QFile::copy(packDir + "/tasks/add-numbers/reference.py",
                            dir.filePath(learner + "/add-numbers.py")));
    }
    QStringList graded;
    for (int k = 0; k < 3; ++k) {
        QProcess batch;
        batch.setProcessEnvironment(withVariables(e.variables(k, 3)));
        batch.start(QStringLiteral(UNLOCKED_CLI_BINARY),
                    QStringList{"batch", "--pack", packDir, "--submissions", dir.path()} +
                        e.extraArgs);
        QVERIFY(batch.waitForFinished(120000));
        const QString err = QString::fromUtf8(batch.readAllStandardError());
        QVERIFY2(batch.exitCode() == 0, qPrintable(err));
        QVERIFY2(err.contains(QStringLiteral("grading shard %1/3, %2").arg(k + 1).arg(e.said)),
                 qPrintable(err));
        const QJsonObject report = QJsonDocument::fromJson(batch.readAllStandardOutput()).object();
        QCOMPARE(report["shard"]["index"].toInt(), k + 1);
        for (const QJsonValue &r : report["results"].toArray()) {
            QCOMPARE(r["verdict"].toString(), QString("passed"));
            graded.append(r["learner"].toString());
        }
    }
    graded.sort();
    QCOMPARE(graded, learners); // each exactly once
}

void TestShardEnvironment::badVariablesStopTheBatch()
{
    QTemporaryDir dir;
    QProcess batch;
    batch.setProcessEnvironment(withVariables({{"CI_NODE_INDEX", "5"}, {"CI_NODE_TOTAL", "4"}}));
    batch.start(QStringLiteral(UNLOCKED_CLI_BINARY),
                {"batch", "--pack", packDir, "--submissions", dir.path()});
    QVERIFY(batch.waitForFinished(60000));
    QCOMPARE(batch.exitCode(), 2);
    QVERIFY(batch.readAllStandardError().contains("GitLab parallel gives shard index 4"));
    QVERIFY(batch.readAllStandardOutput().isEmpty());
}

QTEST_GUILESS_MAIN(TestShardEnvironment)
#include "TestShardEnvironment.moc"
