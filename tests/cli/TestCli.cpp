#include "Command.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>
#include <QRegularExpression>
#include <QTest>
#include <QXmlStreamReader>

#include <unistd.h>

using namespace Unlocked;

namespace {

const QString dataDir = QStringLiteral(UNLOCKED_TEST_DATA "/cli");
const QString packDir = dataDir + QStringLiteral("/pack");

QString solution(const QString &name)
{
    return dataDir + QStringLiteral("/solutions/") + name;
}

QString reference(const QString &task)
{
    return packDir + QStringLiteral("/tasks/%1/reference.py").arg(task);
}

struct CliRun
{
    int code = -1;
    QString out;
    QString err;
};

CliRun cli(const QStringList &args)
{
    CliRun run;
    QTextStream out(&run.out);
    QTextStream err(&run.err);
    run.code = runCli(args, out, err);
    out.flush();
    err.flush();
    return run;
}

struct Graded
{
    int code = -1;
    QJsonObject result;
    QString shown; // everything printed, for failure messages
};

Graded gradeJson(const QString &task, const QString &file, const QStringList &extra = {})
{
    const CliRun run =
        cli(QStringList{"grade", "--pack", packDir, "--task", task, "--format", "json"} + extra +
            QStringList{file});
    return {run.code, QJsonDocument::fromJson(run.out.toUtf8()).object(), run.out + run.err};
}

// A file of `bytes` bytes under `dir`: a valid solution followed by a comment.
QString solutionOfSize(const QTemporaryDir &dir, qint64 bytes)
{
    const QString path = dir.filePath("big.py");
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly))
        return {};
    const QByteArray code = "def add(a, b):\n    return a + b\n#";
    file.write(code + QByteArray(bytes - code.size() - 1, 'x') + "\n");
    return path;
}

// A Python that the sandbox's user may not reach: behind a folder only its owner may enter.
QString privatePython(const QTemporaryDir &dir)
{
    const QString link = dir.filePath("own/bin/python3");
    QDir(dir.path()).mkpath("own/bin");
    QFile::link("/usr/bin/python3", link);
    QFile::setPermissions(dir.filePath("own"),
                          QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner);
    return link;
}

// The check that did not pass, or an empty object.
QJsonObject firstProblem(const QJsonObject &result)
{
    for (const QJsonValue &c : result.value("checks").toArray())
        if (c.toObject().value("verdict").toString() != QLatin1String("passed"))
            return c.toObject();
    return {};
}

} // namespace

class TestCli : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void helpForEveryCommand_data();
    void helpForEveryCommand();
    void unknownCommandIsUsageError();
    void listShowsLessonsAndTasks();
    void referencePasses_data();
    void referencePasses();
    void badSolutionsFail_data();
    void badSolutionsFail();
    void hugeExpressionDoesNotTakeTheGraderDown();
    void tooLargeFileIsRefusedNotCut();
    void interpreterThatCannotStartIsAnError_data();
    void interpreterThatCannotStartIsAnError();
    void usageErrors_data();
    void usageErrors();
    void brokenPackNamesFileAndLine();
    void textReportSaysWhy();
    void junitIsWellFormed();
    void batchShardsPartitionTheClass();
    void batchKeepsGoingPastBadSubmissions();
    void batchJobsGiveTheSameReport();
    void validateProvesThePack();
    void realBinaryGrades();
    void runWritesATimeline();
};

void TestCli::helpForEveryCommand_data()
{
    QTest::addColumn<QString>("command");
    for (const char *c : {"grade", "run", "validate", "list", "batch"})
        QTest::newRow(c) << QString::fromLatin1(c);
}

void TestCli::helpForEveryCommand()
{
    QFETCH(QString, command);
    const CliRun run = cli({command, "--help"});
    QCOMPARE(run.code, 0);
    // The command, then its options: not the path of the binary that runs it.
    QVERIFY2(run.out.startsWith("Usage: unlocked-cli " + command + " [options]"),
             qPrintable(run.out));
    QVERIFY2(!run.out.contains(QCoreApplication::applicationFilePath()), qPrintable(run.out));
}

void TestCli::unknownCommandIsUsageError()
{
    const CliRun run = cli({"gradle"});
    QCOMPARE(run.code, 2);
    QVERIFY(run.err.contains("unknown command 'gradle'"));
    QCOMPARE(cli({"--help"}).code, 0);
}

void TestCli::listShowsLessonsAndTasks()
{
    const CliRun run = cli({"list", "--pack", packDir});
    QCOMPARE(run.code, 0);
    QVERIFY(run.out.contains("CLI fixture course"));
    QVERIFY(run.out.contains("add-numbers"));
    QVERIFY(run.out.contains("hello-workers"));
    QVERIFY(run.out.contains("quiz  Basics (1 questions)"));
}

void TestCli::referencePasses_data()
{
    QTest::addColumn<QString>("task");
    QTest::newRow("function task") << "add-numbers";
    QTest::newRow("program task") << "hello-workers";
}

void TestCli::referencePasses()
{
    QFETCH(QString, task);
    const Graded graded = gradeJson(task, reference(task));
    QVERIFY2(graded.code == 0, qPrintable(graded.shown));
    const QJsonObject &result = graded.result;
    QCOMPARE(result.value("verdict").toString(), QString("passed"));
    QCOMPARE(result.value("task").toString(), task);
    QVERIFY(result.value("isolated").toBool());
    QVERIFY(!result.value("checks").toArray().isEmpty());
}

void TestCli::badSolutionsFail_data()
{
    QTest::addColumn<QString>("task");
    QTest::addColumn<QString>("file");
    QTest::addColumn<QString>("reason");
    QTest::newRow("wrong answer") << "add-numbers"
                                  << "wrong_add.py"
                                  << "returned -1";
    QTest::newRow("syntax error") << "add-numbers"
                                  << "syntax_error.py"
                                  << "line 1";
    QTest::newRow("not UTF-8") << "add-numbers"
                               << "latin1.py"
                               << "line 2 is not UTF-8";
    QTest::newRow("NUL byte") << "add-numbers"
                              << "nul.py"
                              << "null";
    QTest::newRow("empty file") << "add-numbers"
                                << "empty.py"
                                << "your file is empty";
    QTest::newRow("endless loop") << "add-numbers"
                                  << "endless.py"
                                  << "more than 5";
    QTest::newRow("imitates a pass") << "add-numbers"
                                     << "imitates_pass.py"
                                     << "ended before all calls returned";
    QTest::newRow("symlinks the results file") << "add-numbers"
                                               << "symlinked_results.py"
                                               << "ended before all calls returned";
    QTest::newRow("crashes on import") << "add-numbers"
                                       << "crash_on_import.py"
                                       << "boom at import";
    QTest::newRow("starter") << "add-numbers"
                             << "../pack/tasks/add-numbers/starter.py"
                             << "returned 0";
    QTest::newRow("no processes") << "hello-workers"
                                  << "no_processes.py"
                                  << "multiprocessing.Process";
    QTest::newRow("program starter") << "hello-workers"
                                     << "../pack/tasks/hello-workers/starter.py"
                                     << "Worker: 0";
}

void TestCli::badSolutionsFail()
{
    QFETCH(QString, task);
    QFETCH(QString, file);
    QFETCH(QString, reason);
    QVERIFY(!reason.isEmpty()); // an empty reason is found in every message
    const Graded graded = gradeJson(task, solution(file));
    QVERIFY2(graded.code == 1, qPrintable(graded.shown));
    const QJsonObject &result = graded.result;
    QCOMPARE(result.value("verdict").toString(), QString("failed"));
    const QJsonObject problem = firstProblem(result);
    QVERIFY2(problem.value("message").toString().contains(reason, Qt::CaseInsensitive),
             qPrintable(QJsonDocument(result).toJson()));
}

void TestCli::hugeExpressionDoesNotTakeTheGraderDown()
{
    QTemporaryDir dir;
    QFile file(dir.filePath("huge.py"));
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write("def add(a, b):\n    return a + b\n\nx = ");
    file.write(QByteArray("1+").repeated(2'000'000) + "1\n");
    file.close();
    const Graded graded = gradeJson("add-numbers", file.fileName());
    QVERIFY2(graded.code == 1, qPrintable(graded.shown));
    QCOMPARE(graded.result.value("verdict").toString(), QString("failed"));
    QVERIFY2(firstProblem(graded.result).value("message").toString().contains("too large"),
             qPrintable(graded.shown));
    // The grader is still fine afterwards.
    const Graded again = gradeJson("add-numbers", reference("add-numbers"));
    QVERIFY2(again.code == 0, qPrintable(again.shown));
    QCOMPARE(again.result.value("verdict").toString(), QString("passed"));
}

void TestCli::tooLargeFileIsRefusedNotCut()
{
    QTemporaryDir dir;
    const QString big = solutionOfSize(dir, (16ll << 20) + 1);
    QVERIFY(!big.isEmpty());
    const Graded graded = gradeJson("add-numbers", big);
    QVERIFY2(graded.code == 1, qPrintable(graded.shown));
    const QJsonObject problem = firstProblem(graded.result);
    QCOMPARE(problem.value("name").toString(), QString("Source file"));
    QVERIFY2(problem.value("message").toString().contains("larger than 16 MiB"),
             qPrintable(graded.shown));
}

void TestCli::interpreterThatCannotStartIsAnError_data()
{
    QTest::addColumn<QString>("command");
    QTest::addColumn<QString>("python");
    QTest::addColumn<QString>("why");
    for (const char *command : {"grade", "batch"}) {
        QTest::addRow("%s, no such file", command) << command << "/nonexistent/bin/python3"
                                                   << "cannot be run";
        // Only root's sandbox switches to another user, who cannot enter a private folder.
        if (::geteuid() == 0)
            QTest::addRow("%s, private folder", command) << command << ""
                                                         << "private";
    }
}

void TestCli::interpreterThatCannotStartIsAnError()
{
    QFETCH(QString, command);
    QFETCH(QString, python);
    QFETCH(QString, why);
    QTemporaryDir dir;
    if (python.isEmpty())
        python = privatePython(dir);
    // A program task: its own checks would otherwise blame the learner's program.
    const QString file = reference("hello-workers");
    CliRun run;
    if (command == QLatin1String("grade")) {
        run = cli({"grade", "--pack", packDir, "--task", "hello-workers", "--format", "json",
                   "--python", python, file});
    } else {
        QVERIFY(QDir(dir.path()).mkpath("class/ada"));
        QVERIFY(QFile::copy(file, dir.filePath("class/ada/hello-workers.py")));
        run = cli({"batch", "--pack", packDir, "--submissions", dir.filePath("class"), "--python",
                   python});
    }
    // Exit 2, as for a broken pack: whoever set the grader up has something to fix.
    QVERIFY2(run.code == 2, qPrintable(run.out + run.err));
    const QJsonObject report = QJsonDocument::fromJson(run.out.toUtf8()).object();
    const QJsonObject result =
        command == QLatin1String("grade") ? report : report["results"][0].toObject();
    QCOMPARE(result.value("verdict").toString(), QString("error"));
    const QString message = result.value("message").toString();
    QVERIFY2(message.contains(python + " cannot be started in the sandbox") &&
                 message.contains(why) && message.contains("for example /usr/bin/python3"),
             qPrintable(message));
}

void TestCli::usageErrors_data()
{
    QTest::addColumn<QStringList>("args");
    QTest::addColumn<QString>("message");
    QTest::newRow("missing file") << QStringList{"grade",       "--pack",
                                                 packDir,       "--task",
                                                 "add-numbers", "/nonexistent/solution.py"}
                                  << "no such file";
    QTest::newRow("unknown task") << QStringList{"grade",  "--pack", packDir,
                                                 "--task", "nope",   reference("add-numbers")}
                                  << "no task 'nope'";
    QTest::newRow("no task") << QStringList{"grade", "--pack", packDir, reference("add-numbers")}
                             << "--task";
    QTest::newRow("bad format") << QStringList{"grade",       "--pack",
                                               packDir,       "--task",
                                               "add-numbers", "--format",
                                               "xml",         reference("add-numbers")}
                                << "unknown format";
    QTest::newRow("bad shard") << QStringList{"batch", "--pack",  packDir, "--submissions",
                                              dataDir, "--shard", "3/2"}
                               << "--shard";
    QTest::newRow("unknown option") << QStringList{"list", "--colour"} << "colour";
    // Only the commands that measure take it.
    QTest::newRow("run --recalibrate")
        << QStringList{"run", "--recalibrate", reference("add-numbers")} << "recalibrate";
    QTest::newRow("missing pack") << QStringList{"list", "--pack", "/nonexistent/pack"}
                                  << "/nonexistent/pack";
}

void TestCli::usageErrors()
{
    QFETCH(QStringList, args);
    QFETCH(QString, message);
    const CliRun run = cli(args);
    QCOMPARE(run.code, 2);
    QVERIFY2(run.err.contains(message), qPrintable(run.err));
}

void TestCli::brokenPackNamesFileAndLine()
{
    QTemporaryDir dir;
    QFile course(dir.filePath("course.yaml"));
    QVERIFY(course.open(QIODevice::WriteOnly));
    course.write("id: broken\ntitle: Broken\nlessons:\n  - id: a\n    title: [unclosed\n");
    course.close();
    const CliRun run = cli({"validate", dir.path()});
    QCOMPARE(run.code, 2);
    QVERIFY2(run.err.contains("course.yaml:"), qPrintable(run.err));
}

void TestCli::textReportSaysWhy()
{
    const CliRun run =
        cli({"grade", "--pack", packDir, "--task", "add-numbers", solution("wrong_add.py")});
    QCOMPARE(run.code, 1);
    QVERIFY(run.out.startsWith("add-numbers: FAILED"));
    QVERIFY2(run.out.contains("case 1 of 3: add(1, 2) returned -1"), qPrintable(run.out));
}

void TestCli::junitIsWellFormed()
{
    QTemporaryDir dir;
    const QString path = dir.filePath("result.xml");
    const CliRun run = cli({"grade", "--pack", packDir, "--task", "add-numbers", "--format",
                            "junit", "--output", path, solution("wrong_add.py")});
    QCOMPARE(run.code, 1);
    QFile file(path);
    QVERIFY(file.open(QIODevice::ReadOnly));
    QXmlStreamReader xml(&file);
    int suites = 0, cases = 0, failures = 0;
    while (!xml.atEnd()) {
        if (xml.readNext() != QXmlStreamReader::StartElement)
            continue;
        if (xml.name() == QLatin1String("testsuite")) {
            ++suites;
            QCOMPARE(xml.attributes().value("failures").toInt(), 1);
        } else if (xml.name() == QLatin1String("testcase")) {
            ++cases;
            QVERIFY(!xml.attributes().value("classname").isEmpty());
            QVERIFY(!xml.attributes().value("name").isEmpty());
        } else if (xml.name() == QLatin1String("failure")) {
            ++failures;
            QVERIFY(xml.attributes().value("message").contains(QLatin1String("returned -1")));
        }
    }
    QVERIFY2(!xml.hasError(), qPrintable(xml.errorString()));
    QCOMPARE(suites, 1);
    QCOMPARE(cases, 2);
    QCOMPARE(failures, 1);
}

void TestCli::batchShardsPartitionTheClass()
{
    QTemporaryDir dir;
    for (const char *learner : {"ada", "bob", "cy"}) {
        QVERIFY(QDir(dir.path()).mkpath(learner));
        QVERIFY(QFile::copy(reference("add-numbers"),
                            dir.filePath(QString(learner) + "/add-numbers.py")));
    }
    QStringList seen;
    for (const char *shard : {"1/2", "2/2"}) {
        const CliRun run = cli({"batch", "--pack", packDir, "--submissions", dir.path(), "--shard",
                                shard, "--format", "csv"});
        QCOMPARE(run.code, 0);
        const QStringList lines = run.out.trimmed().split('\n');
        QCOMPARE(lines.first(), QString("learner,task,verdict,seconds,speedup,required,reason"));
        for (const QString &line : lines.mid(1)) {
            QVERIFY(line.contains(",add-numbers,passed,"));
            seen.append(line.section(',', 0, 0));
        }
    }
    seen.sort();
    QCOMPARE(seen, (QStringList{"ada", "bob", "cy"}));
}

void TestCli::batchKeepsGoingPastBadSubmissions()
{
    QTemporaryDir dir;
    QVERIFY(QDir(dir.path()).mkpath("ada"));
    QVERIFY(QFile::copy(solution("nul.py"), dir.filePath("ada/add-numbers.py")));
    QVERIFY(QFile::copy(solution("latin1.py"), dir.filePath("ada/no-such-task.py")));
    QVERIFY(QFile::copy(reference("hello-workers"), dir.filePath("ada/hello-workers.py")));
    const CliRun run = cli({"batch", "--pack", packDir, "--submissions", dir.path()});
    // One submission could not be graded (no such task): an error, as grade would report it.
    QCOMPARE(run.code, 2);
    const QJsonObject report = QJsonDocument::fromJson(run.out.toUtf8()).object();
    QHash<QString, QString> verdicts;
    for (const QJsonValue &r : report.value("results").toArray())
        verdicts.insert(r["task"].toString(), r["verdict"].toString());
    QCOMPARE(verdicts.value("add-numbers"), QString("failed"));
    QCOMPARE(verdicts.value("no-such-task"), QString("error"));
    QCOMPARE(verdicts.value("hello-workers"), QString("passed"));
    QCOMPARE(report["counts"]["passed"].toInt(), 1);
}

void TestCli::batchJobsGiveTheSameReport()
{
    // A class mixing correctness-only submissions with one of a task that has a measured check
    // (wrong, so nothing is timed and the test does not depend on this machine's speed).
    const QString builtin = QStringLiteral(UNLOCKED_SOURCE_DIR);
    QTemporaryDir dir;
    // Workers started one after another, so that the output (and the report) is the same each time.
    const QByteArray inTurn =
        "import multiprocessing\n\ndef work(i):\n    print(f'Worker: {i}')\n\n"
        "if __name__ == '__main__':\n    for i in range(5):\n"
        "        p = multiprocessing.Process(target=work, args=(i,))\n"
        "        p.start()\n        p.join()\n";
    const QList<std::pair<QString, QByteArray>> files{
        {"ada/using-multiprocessing.py", inTurn},
        {"bob/parallel-primes.py", "def count_primes(limits):\n    return [0]\n"},
        {"cy/using-multiprocessing.py", "print('Worker: 0')\n"},
        {"dan/using-multiprocessing.py", inTurn},
        {"eve/no-such-task.py", ""}};
    for (const auto &[target, source] : files) {
        QVERIFY(QDir(dir.path()).mkpath(target.section('/', 0, 0)));
        QFile file(dir.filePath(target));
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write(source);
    }
    auto report = [&](const QString &format, const QString &jobs, QString *progress = nullptr) {
        const CliRun run = cli({"batch", "--pack", builtin, "--submissions", dir.path(), "--jobs",
                                jobs, "--format", format});
        if (progress)
            *progress = run.err;
        // Times differ from run to run; everything else must not.
        static const QRegularExpression times(R"(("seconds": |time="|,)[0-9.e+-]+)");
        return QString(run.out).replace(times, "\\1") + QString::number(run.code);
    };
    for (const char *format : {"json", "junit", "csv"}) {
        QString progress;
        const QString alone = report(format, "1");
        const QString sideBySide = report(format, "3", &progress);
        QCOMPARE(sideBySide, alone);
        QVERIFY(alone.endsWith('2')); // no-such-task is an error
        // The measured task's submission is graded after every other one.
        const QStringList lines = progress.trimmed().split('\n');
        QCOMPARE(lines.size(), 5);
        QVERIFY2(lines.last().contains("bob/parallel-primes"), qPrintable(progress));
    }
    QVERIFY(cli({"batch", "--submissions", dir.path(), "--jobs", "0"}).code == 2);
}

void TestCli::validateProvesThePack()
{
    const CliRun run = cli({"validate", packDir});
    QVERIFY2(run.code == 0, qPrintable(run.out + run.err));
    QVERIFY(run.out.contains("The pack is valid."));

    // A pack whose starter already passes is broken.
    QTemporaryDir dir;
    QVERIFY(QProcess::execute("cp", {"-r", packDir + "/.", dir.path()}) == 0);
    QFile::remove(dir.filePath("tasks/add-numbers/starter.py"));
    QVERIFY(QFile::copy(reference("add-numbers"), dir.filePath("tasks/add-numbers/starter.py")));
    const CliRun broken = cli({"validate", dir.path()});
    QCOMPARE(broken.code, 2);
    QVERIFY2(broken.out.contains("starter PASSES"), qPrintable(broken.out));
}

void TestCli::realBinaryGrades()
{
    QProcess process;
    process.start(QStringLiteral(UNLOCKED_CLI_BINARY),
                  {"grade", "--pack", packDir, "--task", "add-numbers", solution("wrong_add.py")});
    QVERIFY(process.waitForFinished(60000));
    QCOMPARE(process.exitCode(), 1);
    QVERIFY(process.readAllStandardOutput().contains("FAILED"));
}

// The threads of a run, sampled from outside the sandbox, as Trace Event JSON: the program's
// process and both its threads are there; the sandbox's bwrap is not.
void TestCli::runWritesATimeline()
{
    QTemporaryDir tmp;
    QVERIFY(tmp.isValid());
    const QString program = tmp.filePath(QStringLiteral("two_threads.py"));
    QFile file(program);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write("import threading, time\n"
               "def work():\n"
               "    end = time.monotonic() + 0.3\n"
               "    while time.monotonic() < end:\n"
               "        pass\n"
               "t = threading.Thread(target=work, name='worker')\n"
               "t.start(); t.join()\n");
    file.close();
    const QString trace = tmp.filePath(QStringLiteral("trace.json"));
    const CliRun run = cli({"run", "--timeline", trace, program});
    QCOMPARE(run.code, 0);
    QVERIFY2(run.err.contains(QStringLiteral("Timeline: 1 process(es), 2 thread(s)")),
             qPrintable(run.err));

    QFile written(trace);
    QVERIFY(written.open(QIODevice::ReadOnly));
    const QJsonArray events =
        QJsonDocument::fromJson(written.readAll()).object().value("traceEvents").toArray();
    QStringList names;
    int running = 0, threadNames = 0;
    for (const QJsonValue &v : events) {
        const QJsonObject e = v.toObject();
        if (e.value("ph").toString() == QLatin1String("M"))
            names.append(e.value("args").toObject().value("name").toString());
        threadNames += e.value("name").toString() == QLatin1String("thread_name");
        running += e.value("ph").toString() == QLatin1String("X");
    }
    QCOMPARE(threadNames, 2);
    QVERIFY2(names.contains(QStringLiteral("python3")), qPrintable(names.join(',')));
    QVERIFY(!names.contains(QStringLiteral("bwrap")));
    QVERIFY(running > 0); // 0.3 s of work cannot fall between every 10 ms sample
}

QTEST_GUILESS_MAIN(TestCli)
#include "TestCli.moc"
