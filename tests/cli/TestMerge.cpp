#include "Command.h"

#include <QDir>
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

QTEST_GUILESS_MAIN(TestMerge)
#include "TestMerge.moc"
