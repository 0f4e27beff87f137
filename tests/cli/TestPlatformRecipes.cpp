#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

// The recipes of docs/platforms/ as they are written, against fake platform folders and the
// unlocked-cli of this build, with submissions that are graded without timing anything.
class TestPlatformRecipes : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void gradescopeAndPrairieLearn_data();
    void gradescopeAndPrairieLearn();
    void classroomStep();
};

namespace {

const QString recipes = QStringLiteral(UNLOCKED_SOURCE_DIR "/docs/platforms");
const QString syntaxError = QStringLiteral(UNLOCKED_TEST_DATA "/cli/platform/syntax_error.py");

struct Ran
{
    int code = -1;
    QString output;
};

// bash \a script (a file, or -c text) in \a dir, with this build's unlocked-cli first on PATH.
Ran bash(const QStringList &args, const QString &dir, const QStringList &env)
{
    QProcess process;
    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    environment.insert("PATH", QFileInfo(QStringLiteral(UNLOCKED_CLI_BINARY)).path() + ':' +
                                   environment.value("PATH"));
    for (const QString &pair : env)
        environment.insert(pair.section('=', 0, 0), pair.section('=', 1));
    process.setProcessEnvironment(environment);
    process.setWorkingDirectory(dir);
    process.setProcessChannelMode(QProcess::MergedChannels);
    process.start("bash", args);
    Ran ran;
    if (process.waitForFinished(120000) && process.exitStatus() == QProcess::NormalExit)
        ran.code = process.exitCode();
    ran.output = QString::fromUtf8(process.readAll());
    return ran;
}

QJsonObject readJson(const QString &path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? QJsonDocument::fromJson(file.readAll()).object()
                                          : QJsonObject();
}

} // namespace

void TestPlatformRecipes::gradescopeAndPrairieLearn_data()
{
    QTest::addColumn<QString>("script");   // under docs/platforms
    QTest::addColumn<QString>("rootVar");  // the script's stand-in for /autograder or /grade
    QTest::addColumn<QString>("fileAt");   // where the platform puts the submission
    QTest::addColumn<QString>("gradable"); // the field that says the file could not be graded
    QTest::addColumn<bool>("submitted");
    const QString gs = "gradescope/run_autograder", pl = "prairielearn/run.sh";
    QTest::addRow("gradescope, syntax error") << gs << "AUTOGRADER_ROOT"
                                              << "submission"
                                              << "extra_data" << true;
    QTest::addRow("gradescope, nothing submitted") << gs << "AUTOGRADER_ROOT"
                                                   << "submission"
                                                   << "extra_data" << false;
    QTest::addRow("prairielearn, syntax error") << pl << "GRADE_ROOT"
                                                << "student"
                                                << "" << true;
    QTest::addRow("prairielearn, nothing submitted") << pl << "GRADE_ROOT"
                                                     << "student"
                                                     << "" << false;
}

void TestPlatformRecipes::gradescopeAndPrairieLearn()
{
    QFETCH(QString, script);
    QFETCH(QString, rootVar);
    QFETCH(QString, fileAt);
    QFETCH(QString, gradable);
    QFETCH(bool, submitted);
    QTemporaryDir root;
    QVERIFY(QDir(root.path()).mkpath(fileAt));
    if (submitted)
        QVERIFY(QFile::copy(syntaxError, root.filePath(fileAt + "/solution.py")));
    const Ran ran = bash({recipes + '/' + script}, root.path(), {rootVar + '=' + root.path()});
    QVERIFY2(ran.code == 0, qPrintable(ran.output));
    const QJsonObject results = readJson(root.filePath("results/results.json"));
    QVERIFY2(!results.isEmpty(), qPrintable(ran.output));
    const QJsonObject where = gradable.isEmpty() ? results : results[gradable].toObject();
    QCOMPARE(where["gradable"].toBool(true), false);
    QCOMPARE(results["score"].toDouble(-1), 0.0);
}

// The commands of the workflow's grading step, taken from classroom.yml as written.
void TestPlatformRecipes::classroomStep()
{
    QFile workflow(recipes + "/classroom/classroom.yml");
    QVERIFY(workflow.open(QIODevice::ReadOnly));
    const QStringList lines = QString::fromUtf8(workflow.readAll()).split('\n');
    const qsizetype id = lines.indexOf("        id: primes");
    QVERIFY(id > 0 && lines.value(id + 1).trimmed() == QLatin1String("run: |"));
    QStringList step;
    for (qsizetype i = id + 2; i < lines.size() && lines[i].startsWith("          "); ++i)
        step.append(lines[i].mid(10));
    QCOMPARE(step.size(), 3);

    QTemporaryDir repo;
    QVERIFY(QFile::copy(syntaxError, repo.filePath("parallel_primes.py")));
    const QString output = repo.filePath("github_output");
    const Ran ran = bash({"-e", "-c", step.join('\n')}, repo.path(), {"GITHUB_OUTPUT=" + output});
    QVERIFY2(ran.code == 0, qPrintable(ran.output));
    QFile written(output);
    QVERIFY(written.open(QIODevice::ReadOnly));
    const QByteArray line = written.readAll().trimmed();
    QVERIFY2(line.startsWith("result="), line.constData());
    const QJsonObject result =
        QJsonDocument::fromJson(QByteArray::fromBase64(line.mid(7))).object();
    QCOMPARE(result["version"].toInt(), 1);
    QCOMPARE(result["status"].toString(), QStringLiteral("fail")); // the file's fault
    QCOMPARE(result["max_score"].toDouble(), 2.0);
    QCOMPARE(result["tests"].toArray().size(), 2);
}

QTEST_GUILESS_MAIN(TestPlatformRecipes)
#include "TestPlatformRecipes.moc"
