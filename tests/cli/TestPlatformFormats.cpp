#include "Command.h"
#include "PlatformResults.h"

#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>

using namespace Unlocked;

// Each platform's results.json from real grades of the built-in tasks, read back field by field
// against what the platform documents (docs/platforms.md names the sources).
class TestPlatformFormats : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void gradescopePassing();
    void gradescopeFailing();
    void prairieLearnPassing();
    void prairieLearnFailing();
    void classroomPassing();
    void brokenSubmissions_data();
    void brokenSubmissions();
    void hiddenCasesStayHidden();
    void batchWritesOneResultPerSubmission();
    void batchPlatformFormatsNeedAnOutputFolder();
    void batchRefusesTwoFilesForOneResult();
    void safeFileNames_data();
    void safeFileNames();
};

namespace {

const QString pack = QStringLiteral(UNLOCKED_SOURCE_DIR);
const QString dataDir = QStringLiteral(UNLOCKED_TEST_DATA "/cli/platform");

QString taskFile(const QString &task, const QString &name)
{
    return pack + QStringLiteral("/tasks/%1/%2").arg(task, name);
}

struct Run
{
    int code = -1;
    QByteArray out;
    QJsonObject json;
    QString err;
};

Run grade(const QString &format, const QString &task, const QString &file,
          const QStringList &extra = {})
{
    QString out, err;
    QTextStream outStream(&out), errStream(&err);
    Run run;
    run.code = runCli(QStringList{"grade", "--pack", pack, "--task", task, "--format", format} +
                          extra + QStringList{file},
                      outStream, errStream);
    outStream.flush();
    errStream.flush();
    run.out = out.toUtf8();
    QJsonParseError error;
    run.json = QJsonDocument::fromJson(run.out, &error).object();
    run.err = err + error.errorString() + QLatin1Char('\n') + out;
    return run;
}

// A field of the type the platform documents; fails the test (through the caller) otherwise.
bool has(const QJsonObject &o, const char *key, QJsonValue::Type type)
{
    const bool ok = o.value(QLatin1String(key)).type() == type;
    if (!ok)
        qWarning("field %s missing or of the wrong type", key);
    return ok;
}

bool gradescopeShape(const QJsonObject &o)
{
    bool ok = has(o, "score", QJsonValue::Double) && has(o, "execution_time", QJsonValue::Double) &&
              has(o, "output", QJsonValue::String) && has(o, "tests", QJsonValue::Array);
    for (const QJsonValue &v : o.value(QLatin1String("tests")).toArray()) {
        const QJsonObject t = v.toObject();
        ok = ok && has(t, "name", QJsonValue::String) && has(t, "score", QJsonValue::Double) &&
             has(t, "max_score", QJsonValue::Double) && has(t, "status", QJsonValue::String) &&
             has(t, "output", QJsonValue::String) && has(t, "visibility", QJsonValue::String);
        const QString status = t.value(QLatin1String("status")).toString();
        const QString visibility = t.value(QLatin1String("visibility")).toString();
        ok = ok && (status == QLatin1String("passed") || status == QLatin1String("failed")) &&
             QStringList{"visible", "hidden", "after_due_date", "after_published"}.contains(
                 visibility);
    }
    return ok;
}

bool prairieLearnShape(const QJsonObject &o)
{
    bool ok = has(o, "gradable", QJsonValue::Bool) && has(o, "score", QJsonValue::Double) &&
              has(o, "message", QJsonValue::String) && has(o, "tests", QJsonValue::Array);
    const double score = o.value(QLatin1String("score")).toDouble(-1);
    ok = ok && score >= 0.0 && score <= 1.0;
    for (const QJsonValue &v : o.value(QLatin1String("tests")).toArray()) {
        const QJsonObject t = v.toObject();
        ok = ok && has(t, "name", QJsonValue::String) && has(t, "points", QJsonValue::Double) &&
             has(t, "max_points", QJsonValue::Double) && has(t, "message", QJsonValue::String) &&
             has(t, "output", QJsonValue::String);
    }
    return ok;
}

bool classroomShape(const QJsonObject &o)
{
    bool ok = o.value(QLatin1String("version")).toInt() == 1 &&
              has(o, "status", QJsonValue::String) && has(o, "max_score", QJsonValue::Double) &&
              has(o, "tests", QJsonValue::Array);
    for (const QJsonValue &v : o.value(QLatin1String("tests")).toArray()) {
        const QJsonObject t = v.toObject();
        ok = ok && has(t, "name", QJsonValue::String) && has(t, "status", QJsonValue::String) &&
             has(t, "score", QJsonValue::Double) && has(t, "message", QJsonValue::String) &&
             has(t, "test_code", QJsonValue::String) && has(t, "filename", QJsonValue::String) &&
             has(t, "line_no", QJsonValue::Double) && has(t, "duration", QJsonValue::Double) &&
             QStringList{"pass", "fail", "error"}.contains(
                 t.value(QLatin1String("status")).toString());
    }
    return ok;
}

QJsonArray tests(const Run &run)
{
    return run.json.value(QLatin1String("tests")).toArray();
}

} // namespace

void TestPlatformFormats::gradescopePassing()
{
    const Run run = grade("gradescope", "using-multiprocessing",
                          taskFile("using-multiprocessing", "reference.py"));
    QVERIFY2(run.code == 0, qPrintable(run.err));
    QVERIFY2(gradescopeShape(run.json), run.out.constData());
    QCOMPARE(tests(run).size(), 3); // the task's three checks, one point each by default
    QCOMPARE(run.json.value("score").toDouble(), 3.0);
    for (const QJsonValue &t : tests(run)) {
        QCOMPARE(t["status"].toString(), QStringLiteral("passed"));
        QCOMPARE(t["score"].toDouble(), t["max_score"].toDouble());
        QCOMPARE(t["visibility"].toString(), QStringLiteral("visible"));
    }
    QCOMPARE(tests(run)[0].toObject()["name"].toString(), QStringLiteral("Every worker reports"));
    QVERIFY(!run.json.contains("leaderboard")); // nothing was timed
    QCOMPARE(run.json["extra_data"]["needs_regrade"].toBool(true), false);
}

void TestPlatformFormats::gradescopeFailing()
{
    const Run run = grade("gradescope", "using-multiprocessing",
                          taskFile("using-multiprocessing", "starter.py"));
    QVERIFY2(run.code == 1, qPrintable(run.err));
    QVERIFY2(gradescopeShape(run.json), run.out.constData());
    QVERIFY(run.json.value("score").toDouble() < 3.0);
    int failed = 0;
    for (const QJsonValue &t : tests(run))
        if (t["status"].toString() == QLatin1String("failed")) {
            ++failed;
            QCOMPARE(t["score"].toDouble(), 0.0);
            QVERIFY(!t["output"].toString().isEmpty());
        }
    QVERIFY(failed >= 1);
}

void TestPlatformFormats::prairieLearnPassing()
{
    const Run run = grade("prairielearn", "using-multiprocessing",
                          taskFile("using-multiprocessing", "reference.py"));
    QVERIFY2(run.code == 0, qPrintable(run.err));
    QVERIFY2(prairieLearnShape(run.json), run.out.constData());
    QCOMPARE(run.json["gradable"].toBool(), true);
    QCOMPARE(run.json["score"].toDouble(), 1.0);
    QCOMPARE(tests(run).size(), 3);
    for (const QJsonValue &t : tests(run))
        QCOMPARE(t["points"].toDouble(), t["max_points"].toDouble());
}

void TestPlatformFormats::prairieLearnFailing()
{
    const Run run = grade("prairielearn", "using-multiprocessing",
                          taskFile("using-multiprocessing", "starter.py"));
    QVERIFY2(prairieLearnShape(run.json), run.out.constData());
    QCOMPARE(run.json["gradable"].toBool(), true); // a wrong program is graded: no points
    QVERIFY(run.json["score"].toDouble() < 1.0);
}

void TestPlatformFormats::classroomPassing()
{
    const Run run = grade("github-classroom", "using-multiprocessing",
                          taskFile("using-multiprocessing", "reference.py"));
    QVERIFY2(run.code == 0, qPrintable(run.err));
    QVERIFY2(classroomShape(run.json), run.out.constData());
    QCOMPARE(run.json["status"].toString(), QStringLiteral("pass"));
    QCOMPARE(run.json["max_score"].toDouble(), 3.0);
    double sum = 0; // the reporter sums the tests' scores against max_score
    for (const QJsonValue &t : tests(run))
        sum += t["score"].toDouble();
    QCOMPARE(sum, 3.0);
    QVERIFY(tests(run)[0].toObject()["test_code"].toString().contains("unlocked-cli grade"));
}

// A file that cannot be graded is PrairieLearn's `gradable: false` and no pass anywhere.
void TestPlatformFormats::brokenSubmissions_data()
{
    QTest::addColumn<QString>("file");
    QTest::addRow("syntax error") << dataDir + QStringLiteral("/syntax_error.py");
    QTest::addRow("missing file") << dataDir + QStringLiteral("/not_submitted.py");
}

void TestPlatformFormats::brokenSubmissions()
{
    QFETCH(QString, file);
    const Run pl = grade("prairielearn", "using-multiprocessing", file);
    QVERIFY2(prairieLearnShape(pl.json), pl.out.constData());
    QCOMPARE(pl.json["gradable"].toBool(true), false);
    QVERIFY(!pl.json["message"].toString().isEmpty());

    const Run gs = grade("gradescope", "using-multiprocessing", file);
    QVERIFY2(gradescopeShape(gs.json), gs.out.constData());
    QCOMPARE(gs.json["score"].toDouble(-1), 0.0);
    QCOMPARE(gs.json["extra_data"]["gradable"].toBool(true), false);
    QVERIFY(gs.json["output"].toString().contains("could not be graded"));

    const Run gc = grade("github-classroom", "using-multiprocessing", file);
    QVERIFY2(classroomShape(gc.json), gc.out.constData());
    QCOMPARE(gc.json["status"].toString(), QStringLiteral("fail")); // the file's fault
    QCOMPARE(gc.json["max_score"].toDouble(), 3.0);
}

// parallel-primes with a file that fails only the hidden case [7919, 7920]. Measurement is off,
// so the speedup check is inconclusive: under the default policy, a regrade, never a zero.
void TestPlatformFormats::hiddenCasesStayHidden()
{
    const QString file = dataDir + QStringLiteral("/wrong_on_hidden.py");
    const QStringList noMeasure{QStringLiteral("--no-measure")};
    const Run gs = grade("gradescope", "parallel-primes", file, noMeasure);
    QVERIFY2(gradescopeShape(gs.json), gs.out.constData());
    QVERIFY(!gs.json["output"].toString().contains("7919"));
    bool staffSawIt = false;
    for (const QJsonValue &t : tests(gs)) {
        const bool visible = t["visibility"].toString() == QLatin1String("visible");
        QVERIFY2(!visible || !t["output"].toString().contains("7919"),
                 qPrintable(t["output"].toString()));
        staffSawIt = staffSawIt || (!visible && t["output"].toString().contains("7919"));
    }
    QVERIFY2(staffSawIt, gs.out.constData()); // the case is named where only staff look
    QCOMPARE(gs.json["extra_data"]["needs_regrade"].toBool(), true);
    QCOMPARE(tests(gs)[0].toObject()["status"].toString(), QStringLiteral("failed"));
    QVERIFY(tests(gs)[0].toObject()["output"].toString().contains("hidden case"));

    // Neither platform has a place only staff see: the case is named nowhere.
    const Run pl = grade("prairielearn", "parallel-primes", file, noMeasure);
    const Run gc = grade("github-classroom", "parallel-primes", file, noMeasure);
    for (const Run *run : {&pl, &gc})
        QVERIFY2(!run->out.isEmpty() && !run->out.contains("7919"), run->out.constData());
    QCOMPARE(pl.json["gradable"].toBool(true), false); // needs a regrade: no score kept
    QVERIFY(pl.json["message"].toString().contains("regrade"));
    QCOMPARE(gc.json["status"].toString(), QStringLiteral("error"));
}

namespace {

struct BatchRun
{
    int code = -1;
    QString err;
};

BatchRun batch(const QStringList &args)
{
    QString out, err;
    QTextStream o(&out), e(&err);
    BatchRun run;
    run.code = runCli(QStringList{"batch", "--pack", pack} + args, o, e);
    e.flush();
    run.err = err;
    return run;
}

bool copyTo(const QString &from, const QString &to)
{
    return QDir().mkpath(QFileInfo(to).path()) && QFile::copy(from, to);
}

QStringList filesUnder(const QString &dir)
{
    QStringList files;
    QDirIterator it(dir, QDir::Files, QDirIterator::Subdirectories);
    while (it.hasNext())
        files.append(QDir(dir).relativeFilePath(it.next()));
    files.sort();
    return files;
}

} // namespace

// DIR/<learner>/<task-id>.json, each with the score grade gives that file; a learner's folder
// name that is no safe file name is made one.
void TestPlatformFormats::batchWritesOneResultPerSubmission()
{
    QTemporaryDir dir;
    const QString reference = taskFile("using-multiprocessing", "reference.py");
    const QString starter = taskFile("using-multiprocessing", "starter.py");
    QVERIFY(copyTo(reference, dir.filePath("class/ada/using-multiprocessing.py")));
    QVERIFY(copyTo(starter, dir.filePath("class/eve smith/using-multiprocessing.py")));
    // A relative --output, as a shell user gives it.
    const QString before = QDir::currentPath();
    QVERIFY(QDir::setCurrent(dir.path()));
    const BatchRun run =
        batch({"--submissions", "class", "--format", "gradescope", "--output", "results"});
    QVERIFY(QDir::setCurrent(before));
    const QString out = dir.filePath("results");
    QVERIFY2(run.code == 1, qPrintable(run.err)); // the starter fails
    QVERIFY2(run.err.contains("wrote 2 gradescope results"), qPrintable(run.err));
    const QStringList files = filesUnder(out);
    QCOMPARE(files.size(), 2);
    QCOMPARE(files[0], QStringLiteral("ada/using-multiprocessing.json"));
    QVERIFY2(QRegularExpression("^eve_smith-[0-9a-f]{8}/using-multiprocessing\\.json$")
                 .match(files[1])
                 .hasMatch(),
             qPrintable(files[1]));
    const QStringList sources{reference, starter};
    for (int i = 0; i < 2; ++i) {
        QFile file(out + '/' + files[i]);
        QVERIFY(file.open(QIODevice::ReadOnly));
        const QJsonObject written = QJsonDocument::fromJson(file.readAll()).object();
        QVERIFY2(gradescopeShape(written), qPrintable(files[i]));
        const Run graded = grade("gradescope", "using-multiprocessing", sources[i]);
        QCOMPARE(written["score"].toDouble(-1), graded.json["score"].toDouble());
        QCOMPARE(written["tests"].toArray().size(), tests(graded).size());
    }
}

void TestPlatformFormats::batchPlatformFormatsNeedAnOutputFolder()
{
    for (const QString format : {"gradescope", "prairielearn", "github-classroom"}) {
        const BatchRun run = batch({"--submissions", dataDir, "--format", format});
        QCOMPARE(run.code, 2);
        QVERIFY2(run.err.contains(QStringLiteral("--format %1 writes one file per submission: "
                                                 "give --output DIR")
                                      .arg(format)),
                 qPrintable(run.err));
    }
}

// Both would be written to ada/cython-compute.json: refused before anything is graded.
void TestPlatformFormats::batchRefusesTwoFilesForOneResult()
{
    QTemporaryDir dir;
    const QString source = taskFile("cython-compute", "starter.pyx");
    QVERIFY(copyTo(source, dir.filePath("class/ada/cython-compute.pyx")));
    QVERIFY(copyTo(source, dir.filePath("class/ada/cython-compute.py")));
    const QString out = dir.filePath("results");
    const BatchRun run = batch(
        {"--submissions", dir.filePath("class"), "--format", "prairielearn", "--output", out});
    QCOMPARE(run.code, 2);
    QVERIFY2(run.err.contains("ada/cython-compute.py and ada/cython-compute.pyx would both be "
                              "written to ada/cython-compute.json"),
             qPrintable(run.err));
    QVERIFY(!run.err.contains("[1/2]")); // nothing was graded
    QVERIFY(!QFileInfo::exists(out));
}

void TestPlatformFormats::safeFileNames_data()
{
    QTest::addColumn<QString>("name");
    QTest::addColumn<QString>("start"); // the safe name is this, with a hash when it changed
    QTest::addRow("kept") << "ada.lovelace@uni-x_1+2"
                          << "ada.lovelace@uni-x_1+2";
    QTest::addRow("letters of any script")
        << QString::fromUtf8("Zoë_Ωmega") << QString::fromUtf8("Zoë_Ωmega");
    QTest::addRow("up a folder") << "../../etc"
                                 << "_._.._etc-";
    QTest::addRow("hidden") << ".profile"
                            << "_profile-";
    QTest::addRow("empty") << ""
                           << "_-";
    QTest::addRow("escapes") << "\x1b[31mred"
                             << "__31mred-";
    QTest::addRow("too long") << QString(80, 'a') << QString(50, 'a') + '-';
}

void TestPlatformFormats::safeFileNames()
{
    QFETCH(QString, name);
    QFETCH(QString, start);
    const QString safe = PlatformResults::safeFileName(name);
    if (start == name)
        QCOMPARE(safe, name);
    else
        QVERIFY2(safe.startsWith(start) && safe.size() == start.size() + 8, qPrintable(safe));
    QVERIFY(!safe.contains('/') && !safe.startsWith('.'));
    // Two names that one would make the same are kept apart by the hash.
    QVERIFY(PlatformResults::safeFileName("a b") != PlatformResults::safeFileName("a?b"));
}

QTEST_GUILESS_MAIN(TestPlatformFormats)
#include "TestPlatformFormats.moc"
