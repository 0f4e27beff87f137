#include "Command.h"

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

namespace {

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
    return run;
}

// Times differ from run to run; everything else must not.
QString withoutTimes(QString report)
{
    // (Not a raw string: moc would misread it and miss the test class below.)
    static const QRegularExpression times("(\"seconds\": |time=\"|,)[0-9.e+-]+");
    return report.replace(times, "\\1");
}

QByteArray readAll(const QString &path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

bool write(const QString &path, const QByteArray &data)
{
    QFile file(path);
    return file.open(QIODevice::WriteOnly | QIODevice::Truncate) && file.write(data) == data.size();
}

// A platform result without the fields that time the grading.
QJsonValue withoutDurations(const QJsonValue &value)
{
    if (value.isArray()) {
        QJsonArray out;
        for (const QJsonValue &v : value.toArray())
            out.append(withoutDurations(v));
        return out;
    }
    if (!value.isObject())
        return value;
    QJsonObject out;
    const QJsonObject o = value.toObject();
    for (auto it = o.begin(); it != o.end(); ++it)
        if (it.key() != QLatin1String("execution_time") && it.key() != QLatin1String("duration"))
            out.insert(it.key(), withoutDurations(it.value()));
    return out;
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

// The built-in pack's files in \a target, so that a test can change one of them.
bool copyPack(const QString &target)
{
    const QDir source(QStringLiteral(UNLOCKED_SOURCE_DIR));
    QStringList files{"course.yaml"};
    for (const QString &top : {QStringLiteral("lessons"), QStringLiteral("tasks")}) {
        QDirIterator it(source.filePath(top), QDir::Files, QDirIterator::Subdirectories);
        while (it.hasNext())
            if (const QString path = it.next(); !path.contains("/__pycache__/"))
                files.append(source.relativeFilePath(path));
    }
    for (const QString &file : files) {
        const QString to = target + '/' + file;
        if (!QDir().mkpath(QFileInfo(to).path()) || !QFile::copy(source.filePath(file), to))
            return false;
    }
    return true;
}

} // namespace

class TestMerge : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void fourShardsMergeToTheUnshardedReport_data();
    void fourShardsMergeToTheUnshardedReport();
    void missingShardIsReported();
    void duplicatedShardIsReported();
    void incompleteCanBeWrittenOnRequest();
    void refusesOtherPacks_data();
    void refusesOtherPacks();
    void refusesWhatIsNotABatchReport();
    void platformFormatsWriteEachSubmissionAsGradeWould_data();
    void platformFormatsWriteEachSubmissionAsGradeWould();
    void platformFormatsNeedAnOutputFolder();
    void platformFormatsRefuseAnotherPack_data();
    void platformFormatsRefuseAnotherPack();

private:
    QString shard(int k) const { return m_dir.filePath(QStringLiteral("shard-%1.json").arg(k)); }
    QStringList shards(const QList<int> &ks) const
    {
        QStringList paths;
        for (int k : ks)
            paths.append(shard(k));
        return paths;
    }

    QTemporaryDir m_dir;
    QString m_class;
    QString m_whole;
};

// A class of the built-in pack's correctness-only submissions (and failing ones of a task with a
// measured check, so nothing is timed), passing, failing and not parsing, graded in 4 shards
// and once whole.
void TestMerge::initTestCase()
{
    const QByteArray inTurn =
        "import multiprocessing\n\ndef work(i):\n    print(f'Worker: {i}')\n\n"
        "if __name__ == '__main__':\n    for i in range(5):\n"
        "        p = multiprocessing.Process(target=work, args=(i,))\n"
        "        p.start()\n        p.join()\n";
    const QList<std::pair<QString, QByteArray>> files{
        {"ada/using-multiprocessing.py", inTurn},
        {"bob/using-multiprocessing.py", "print('Worker: 0')\n"},
        {"cy/gil-io-threads.py", "def fetch_all(ids)\n    return []\n"},
        {"cy/using-multiprocessing.py", inTurn},
        {"dan/gil-io-threads.py", "def fetch_all(ids):\n    return []\n"},
        {"eve/using-multiprocessing.py", "for i in range(5):\n    print(f'Worker: {i}')\n"},
        {"fay/no-such-task.py", ""}};
    m_class = m_dir.filePath("class");
    for (const auto &[target, source] : files) {
        QVERIFY(QDir(m_class).mkpath(target.section('/', 0, 0)));
        QVERIFY(write(m_class + '/' + target, source));
    }
    QVERIFY(m_dir.isValid());
    const QStringList batch{"batch", "--pack", QStringLiteral(UNLOCKED_SOURCE_DIR), "--submissions",
                            m_class};
    for (int k = 1; k <= 4; ++k) {
        const CliRun run = cli(
            batch + QStringList{"--shard", QStringLiteral("%1/4").arg(k), "--output", shard(k)});
        QVERIFY2(run.code >= 0 && run.code <= 2, qPrintable(run.err));
    }
    m_whole = m_dir.filePath("whole.json");
    const CliRun whole = cli(batch + QStringList{"--output", m_whole});
    QCOMPARE(whole.code, 2); // no-such-task cannot be graded
    const QJsonArray results =
        QJsonDocument::fromJson(readAll(m_whole)).object()["results"].toArray();
    QCOMPARE(results.size(), 7);
    QStringList verdicts;
    for (const QJsonValue &r : results)
        verdicts.append(r["verdict"].toString());
    QCOMPARE(verdicts,
             (QStringList{"passed", "failed", "failed", "passed", "failed", "failed", "error"}));
}

void TestMerge::fourShardsMergeToTheUnshardedReport_data()
{
    QTest::addColumn<QString>("format");
    QTest::addColumn<QList<int>>("order");
    QTest::addRow("json") << "json" << QList<int>{1, 2, 3, 4};
    QTest::addRow("json, shards in any order") << "json" << QList<int>{3, 1, 4, 2};
    QTest::addRow("junit") << "junit" << QList<int>{4, 3, 2, 1};
    QTest::addRow("csv") << "csv" << QList<int>{2, 4, 1, 3};
}

void TestMerge::fourShardsMergeToTheUnshardedReport()
{
    QFETCH(QString, format);
    QFETCH(QList<int>, order);
    const CliRun merged = cli(QStringList{"merge", "--format", format} + shards(order));
    QVERIFY2(merged.code == 2, qPrintable(merged.err)); // the same code as the whole batch
    QVERIFY(merged.err.contains("7 submissions from 4 reports"));
    QString expected = QString::fromUtf8(readAll(m_whole));
    if (format != QLatin1String("json")) {
        const CliRun whole = cli({"batch", "--pack", QStringLiteral(UNLOCKED_SOURCE_DIR),
                                  "--submissions", m_class, "--format", format});
        QCOMPARE(whole.code, 2);
        expected = whole.out;
    }
    QCOMPARE(withoutTimes(merged.out), withoutTimes(expected));
}

void TestMerge::missingShardIsReported()
{
    const CliRun run = cli(QStringList{"merge"} + shards({1, 2, 4}));
    QCOMPARE(run.code, 2);
    QVERIFY2(run.err.contains("2 of the class's 7 submissions are missing (number 3, 7 in "
                              "batch's order); with 4 shards, shard 3/4 grades them"),
             qPrintable(run.err));
    QVERIFY(run.out.isEmpty());
}

void TestMerge::duplicatedShardIsReported()
{
    const CliRun run = cli(QStringList{"merge"} + shards({1, 2, 3, 4, 2}));
    QCOMPARE(run.code, 2);
    QVERIFY2(run.err.contains(QStringLiteral("bob/using-multiprocessing is graded twice: in %1 "
                                             "and in %1")
                                  .arg(shard(2))),
             qPrintable(run.err));
    QVERIFY(run.out.isEmpty());
}

void TestMerge::incompleteCanBeWrittenOnRequest()
{
    const CliRun run = cli(QStringList{"merge", "--allow-incomplete"} + shards({1, 2, 3, 2}));
    QCOMPARE(run.code, 2);
    QVERIFY(run.err.contains("graded twice"));
    QVERIFY(run.err.contains("shard 4/4 grades them"));
    const QJsonObject report = QJsonDocument::fromJson(run.out.toUtf8()).object();
    QCOMPARE(report["results"].toArray().size(), 6);
    QVERIFY(!report.contains("shard"));
}

void TestMerge::refusesOtherPacks_data()
{
    QTest::addColumn<QString>("field");
    QTest::addColumn<QString>("says");
    QTest::addRow("id") << "id"
                        << "graded against pack 'other'";
    QTest::addRow("version") << "version"
                             << "graded against version 'other' of pack 'unlocked'";
    QTest::addRow("files") << "digest"
                           << "with different files";
}

void TestMerge::refusesOtherPacks()
{
    QFETCH(QString, field);
    QFETCH(QString, says);
    QJsonObject report = QJsonDocument::fromJson(readAll(shard(2))).object();
    QJsonObject pack = report["pack"].toObject();
    pack[field] = "other";
    report["pack"] = pack;
    const QString changed = m_dir.filePath("changed.json");
    QVERIFY(write(changed, QJsonDocument(report).toJson()));
    const CliRun run = cli({"merge", shard(1), changed, shard(3), shard(4)});
    QCOMPARE(run.code, 2);
    QVERIFY2(run.err.contains(says) && run.err.contains("refusing to merge"), qPrintable(run.err));
    QVERIFY(run.out.isEmpty());
}

void TestMerge::refusesWhatIsNotABatchReport()
{
    const QString old = m_dir.filePath("old.json");
    QJsonObject report = QJsonDocument::fromJson(readAll(shard(1))).object();
    report.remove("pack");
    QVERIFY(write(old, QJsonDocument(report).toJson()));
    QVERIFY(write(m_dir.filePath("junk.json"), "{\"results\": "));
    const CliRun unstamped = cli({"merge", old});
    QCOMPARE(unstamped.code, 2);
    QVERIFY2(unstamped.err.contains("does not say which pack"), qPrintable(unstamped.err));
    const CliRun junk = cli({"merge", m_dir.filePath("junk.json")});
    QCOMPARE(junk.code, 2);
    QVERIFY(junk.err.contains("is not a JSON report of unlocked-cli batch"));
    QCOMPARE(cli({"merge"}).code, 2);
    QCOMPARE(cli({"merge", "--format", "yaml", shard(1)}).code, 2);
}

void TestMerge::platformFormatsWriteEachSubmissionAsGradeWould_data()
{
    QTest::addColumn<QString>("format");
    QTest::addColumn<QString>("score");
    QTest::addRow("gradescope") << "gradescope"
                                << "score";
    QTest::addRow("prairielearn") << "prairielearn"
                                  << "score";
    QTest::addRow("github-classroom") << "github-classroom"
                                      << "status";
}

// Each submission's file holds what `grade --format` writes for it, times aside; the one of no
// task of the pack is written too, as not gradable.
void TestMerge::platformFormatsWriteEachSubmissionAsGradeWould()
{
    QFETCH(QString, format);
    QFETCH(QString, score);
    const QString out = m_dir.filePath("merged-" + format);
    const CliRun merged = cli(QStringList{"merge", "--pack", QStringLiteral(UNLOCKED_SOURCE_DIR),
                                          "--format", format, "--output", out} +
                              shards({2, 4, 1, 3}));
    QVERIFY2(merged.code == 2, qPrintable(merged.err)); // as batch: one submission is an error
    QVERIFY2(merged.err.contains(QStringLiteral("wrote 7 %1 results in %2").arg(format, out)),
             qPrintable(merged.err));
    QCOMPARE(filesUnder(out),
             (QStringList{"ada/using-multiprocessing.json", "bob/using-multiprocessing.json",
                          "cy/gil-io-threads.json", "cy/using-multiprocessing.json",
                          "dan/gil-io-threads.json", "eve/using-multiprocessing.json",
                          "fay/no-such-task.json"}));
    QStringList scores;
    for (const QString &file : filesUnder(out)) {
        const QJsonObject written = QJsonDocument::fromJson(readAll(out + '/' + file)).object();
        QVERIFY2(!written.isEmpty(), qPrintable(file));
        scores.append(written[score].toVariant().toString());
        const QString task = QFileInfo(file).completeBaseName();
        if (task == QLatin1String("no-such-task"))
            continue;
        const CliRun graded =
            cli({"grade", "--pack", QStringLiteral(UNLOCKED_SOURCE_DIR), "--task", task, "--format",
                 format, m_class + '/' + QFileInfo(file).path() + '/' + task + ".py"});
        QVERIFY2(graded.code >= 0 && graded.code <= 1, qPrintable(graded.err));
        QCOMPARE(withoutDurations(written),
                 withoutDurations(QJsonDocument::fromJson(graded.out.toUtf8()).object()));
    }
    if (format == QLatin1String("gradescope"))
        QCOMPARE(scores, (QStringList{"3", "0", "0", "3", "0", "1", "0"}));
    else if (format == QLatin1String("github-classroom"))
        QCOMPARE(scores, (QStringList{"pass", "fail", "fail", "pass", "fail", "fail", "error"}));
}

void TestMerge::platformFormatsNeedAnOutputFolder()
{
    const CliRun run = cli(QStringList{"merge", "--format", "gradescope"} + shards({1, 2, 3, 4}));
    QCOMPARE(run.code, 2);
    QVERIFY2(run.err.contains("--format gradescope writes one file per submission: give "
                              "--output DIR"),
             qPrintable(run.err));
    QVERIFY(run.out.isEmpty());
}

void TestMerge::platformFormatsRefuseAnotherPack_data()
{
    QTest::addColumn<QString>("change");
    QTest::addColumn<QString>("says");
    QTest::addRow("another pack") << ""
                                  << "is pack 'cli-fixture', not 'unlocked'";
    QTest::addRow("a changed task") << "tasks/using-multiprocessing/task.yaml"
                                    << "is pack 'unlocked' with different files";
}

void TestMerge::platformFormatsRefuseAnotherPack()
{
    QFETCH(QString, change);
    QFETCH(QString, says);
    QString pack = QStringLiteral(UNLOCKED_TEST_DATA "/cli/pack");
    QTemporaryDir copy;
    if (!change.isEmpty()) {
        QVERIFY(copyPack(copy.path()));
        QFile file(copy.filePath(change));
        QVERIFY(file.open(QIODevice::Append));
        file.write("# changed after the shards were graded\n");
        pack = copy.path();
    }
    const QString out = m_dir.filePath("refused");
    const CliRun run =
        cli(QStringList{"merge", "--pack", pack, "--format", "gradescope", "--output", out} +
            shards({1, 2, 3, 4}));
    QCOMPARE(run.code, 2);
    QVERIFY2(run.err.contains(says) && run.err.contains("give --pack the folder of the pack"),
             qPrintable(run.err));
    QVERIFY(!QFileInfo::exists(out));
}

QTEST_GUILESS_MAIN(TestMerge)
#include "TestMerge.moc"
