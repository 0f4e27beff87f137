#include "Command.h"

#include <QDir>
#include <QFile>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

using namespace Unlocked;

namespace {

const QString soundPack = QStringLiteral(UNLOCKED_TEST_DATA "/cli/pack");
const QString brokenPacks = QStringLiteral(UNLOCKED_TEST_DATA "/packs/broken");

struct CliRun
{
    int code = -1;
    QString out;
    QString err;
};

// validate --no-run with an interpreter that does not exist: anything that ran would fail.
CliRun lint(const QStringList &args)
{
    CliRun run;
    QTextStream out(&run.out);
    QTextStream err(&run.err);
    run.code = runCli(QStringList{"validate", "--no-run", "--python", "/no/such/python3"} + args,
                      out, err);
    return run;
}

} // namespace

class TestValidateNoRun : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void soundPackPassesWithoutRunning();
    void brokenPackFixtures_data();
    void brokenPackFixtures();
    void problemsFoundWithoutRunning_data();
    void problemsFoundWithoutRunning();
    void taskOptionLintsOnlyThatTask();
};

void TestValidateNoRun::soundPackPassesWithoutRunning()
{
    const CliRun run = lint({soundPack});
    QVERIFY2(run.code == 0, qPrintable(run.out + run.err));
    QVERIFY(run.out.contains("The pack's files and rules are sound (nothing was run"));
    QVERIFY(!run.out.contains("reference passed"));
}

void TestValidateNoRun::brokenPackFixtures_data()
{
    QTest::addColumn<QString>("name");
    for (const char *name : {"many-errors", "malformed-yaml", "missing-lesson-file",
                             "quiz-no-correct-answer", "path-outside-pack"})
        QTest::addRow("%s", name) << QString(name);
}

// The loader's own fixtures: every error they expect is printed, with file and line.
void TestValidateNoRun::brokenPackFixtures()
{
    QFETCH(QString, name);
    const QString dir = brokenPacks + '/' + name;
    const CliRun run = lint({dir});
    QCOMPARE(run.code, 2);
    QFile expected(dir + "/expected-error");
    QVERIFY(expected.open(QIODevice::ReadOnly));
    for (const QString &line :
         QString::fromUtf8(expected.readAll()).split('\n', Qt::SkipEmptyParts))
        QVERIFY2(run.err.contains(line), qPrintable(line + "\n---\n" + run.err));
}

void TestValidateNoRun::problemsFoundWithoutRunning_data()
{
    QTest::addColumn<QString>("file");
    QTest::addColumn<QByteArray>("source");
    QTest::addColumn<QString>("says");
    QTest::addRow("reference does not parse")
        << "add-numbers/reference.py" << QByteArray("def add(a, b)\n    return a + b\n")
        << "FAIL add-numbers: reference.py: line 1";
    QTest::addRow("starter does not parse")
        << "add-numbers/starter.py" << QByteArray("def add(a, b:\n")
        << "FAIL add-numbers: starter.py: line 1";
    QTest::addRow("reference lacks the entry point")
        << "add-numbers/reference.py" << QByteArray("def plus(a, b):\n    return a + b\n")
        << "FAIL add-numbers: reference.py: does not define add()";
    QTest::addRow("reference breaks a forbid rule")
        << "add-numbers/reference.py"
        << QByteArray("import threading\n\ndef add(a, b):\n    return a + b\n")
        << "FAIL add-numbers: reference.py: breaks its own static check";
    QTest::addRow("reference breaks a require rule")
        << "hello-workers/reference.py" << QByteArray("for i in range(3):\n    print(i)\n")
        << "FAIL hello-workers: reference.py: breaks its own static check";
}

void TestValidateNoRun::problemsFoundWithoutRunning()
{
    QFETCH(QString, file);
    QFETCH(QByteArray, source);
    QFETCH(QString, says);
    QTemporaryDir dir;
    QCOMPARE(QProcess::execute("cp", {"-r", soundPack + "/.", dir.path()}), 0);
    QFile target(dir.filePath("tasks/" + file));
    QVERIFY(target.open(QIODevice::WriteOnly | QIODevice::Truncate));
    target.write(source);
    target.close();
    const CliRun run = lint({dir.path()});
    QCOMPARE(run.code, 2);
    QVERIFY2(run.out.contains(says), qPrintable(run.out + run.err));
    QVERIFY(run.out.contains("1 problem(s) found without running anything."));
}

void TestValidateNoRun::taskOptionLintsOnlyThatTask()
{
    QTemporaryDir dir;
    QCOMPARE(QProcess::execute("cp", {"-r", soundPack + "/.", dir.path()}), 0);
    QFile target(dir.filePath("tasks/add-numbers/reference.py"));
    QVERIFY(target.open(QIODevice::WriteOnly | QIODevice::Truncate));
    target.write("def add(a, b)\n");
    target.close();
    QCOMPARE(lint({"--task", "hello-workers", dir.path()}).code, 0);
    QCOMPARE(lint({"--task", "add-numbers", dir.path()}).code, 2);
}

QTEST_GUILESS_MAIN(TestValidateNoRun)
#include "TestValidateNoRun.moc"
