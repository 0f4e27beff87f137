#include "ProgressStore.h"

#include <QDir>
#include <QFile>
#include <QSignalSpy>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

using namespace Unlocked;

class TestProgressStore : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void createsSchema();
    void migratesFromVersionOne();
    void keepsProgressPerPack();
    void attemptsAndPasses();
    void quizAnswersLastWins();
    void damagedFileIsMovedAside_data();
    void damagedFileIsMovedAside();
    void healthyFileIsKept();
    void refusedWritesAreKeptUntilSaved();
    void halfDoneWriteLeavesNothing();
    void refusedWritesAreRetriedByThemselves();

private:
    static QSqlDatabase storeConnection();
    static int rows(const QString &path, const QString &sql);
};

// The store's own connection, to make it refuse writes the way a read-only file does.
QSqlDatabase TestProgressStore::storeConnection()
{
    for (const QString &name : QSqlDatabase::connectionNames())
        if (name.startsWith(QLatin1String("progress-")))
            return QSqlDatabase::database(name);
    return {};
}

// What the file itself holds, through a connection of its own.
int TestProgressStore::rows(const QString &path, const QString &sql)
{
    int count = -1;
    {
        auto db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("reader"));
        db.setDatabaseName(path);
        QSqlQuery q(db);
        if (db.open() && q.exec(sql) && q.next())
            count = q.value(0).toInt();
    }
    QSqlDatabase::removeDatabase(QStringLiteral("reader"));
    return count;
}

void TestProgressStore::createsSchema()
{
    QTemporaryDir dir;
    ProgressStore store(dir.filePath(QStringLiteral("p.sqlite")));
    QVERIFY2(store.isOpen(), qPrintable(store.errorString()));
    QCOMPARE(store.schemaVersion(), ProgressStore::SchemaVersion);
    QVERIFY(store.damageReport().isEmpty());
    QSqlQuery q(QSqlDatabase::database(QSqlDatabase::connectionNames().constFirst()));
    QVERIFY(q.exec(QStringLiteral("PRAGMA journal_mode")) && q.next());
    QCOMPARE(q.value(0).toString(), QStringLiteral("wal"));
}

void TestProgressStore::migratesFromVersionOne()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("p.sqlite"));
    {
        auto db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("v1"));
        db.setDatabaseName(path);
        QVERIFY(db.open());
        QSqlQuery q(db);
        QVERIFY(q.exec(QStringLiteral("CREATE TABLE drafts (pack TEXT NOT NULL, task TEXT NOT "
                                      "NULL, code TEXT NOT NULL, saved_at TEXT NOT NULL, "
                                      "PRIMARY KEY (pack, task))")));
        for (const char *sql :
             {"CREATE TABLE lessons_read (pack TEXT, lesson TEXT, read_at TEXT, "
              "PRIMARY KEY (pack, lesson))",
              "CREATE TABLE quiz_answers (id INTEGER PRIMARY KEY, pack TEXT, "
              "quiz TEXT, question TEXT, chosen TEXT, correct INTEGER, answered_at TEXT)",
              "CREATE TABLE attempts (id INTEGER PRIMARY KEY, pack TEXT, task "
              "TEXT, code TEXT, verdict TEXT, measurements TEXT, attempted_at TEXT)",
              "CREATE TABLE passed (pack TEXT, task TEXT, passed_at TEXT, "
              "PRIMARY KEY (pack, task))",
              "INSERT INTO drafts VALUES ('p', 't', 'print(1)', 'x')", "PRAGMA user_version=1"})
            QVERIFY(q.exec(QString::fromLatin1(sql)));
        db.close();
    }
    QSqlDatabase::removeDatabase(QStringLiteral("v1"));
    ProgressStore store(path);
    QVERIFY(store.isOpen());
    QCOMPARE(store.schemaVersion(), ProgressStore::SchemaVersion);
    store.setPackId(QStringLiteral("p"));
    QCOMPARE(store.draft(QStringLiteral("t")).value_or(QString()), QStringLiteral("print(1)"));
}

void TestProgressStore::keepsProgressPerPack()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("p.sqlite"));
    {
        ProgressStore store(path);
        store.setPackId(QStringLiteral("a"));
        QVERIFY(store.saveDraft(QStringLiteral("t"), QStringLiteral("one")));
        QVERIFY(store.saveDraft(QStringLiteral("t"), QStringLiteral("two")));
        store.markLessonRead(QStringLiteral("l"));
    }
    ProgressStore store(path);
    store.setPackId(QStringLiteral("a"));
    QCOMPARE(store.draft(QStringLiteral("t")).value_or(QString()), QStringLiteral("two"));
    QCOMPARE(store.readLessons(), QSet<QString>{QStringLiteral("l")});
    store.setPackId(QStringLiteral("b"));
    QVERIFY(!store.draft(QStringLiteral("t")).has_value());
    QVERIFY(store.readLessons().isEmpty());
}

void TestProgressStore::attemptsAndPasses()
{
    QTemporaryDir dir;
    ProgressStore store(dir.filePath(QStringLiteral("p.sqlite")));
    store.setPackId(QStringLiteral("a"));
    GradeResult failed;
    failed.verdict = Verdict::Failed;
    GradeResult passed;
    passed.verdict = Verdict::Passed;
    CheckResult measured;
    measured.name = QStringLiteral("speed");
    measured.kind = CheckKind::ParallelSpeedup;
    measured.verdict = Verdict::Passed; // checks start as errors; this one was decided
    measured.measurement = Measurement{};
    measured.measurement->speedup = 3.5;
    passed.checks.append(measured);
    store.recordAttempt(QStringLiteral("t"), QStringLiteral("bad"), failed);
    QVERIFY(store.passedTasks().isEmpty());
    QCOMPARE(store.attemptedTasks(), QSet<QString>{QStringLiteral("t")});
    store.recordAttempt(QStringLiteral("t"), QStringLiteral("good"), passed);
    store.recordAttempt(QStringLiteral("t"), QStringLiteral("worse"), failed);
    QCOMPARE(store.passedTasks(), QSet<QString>{QStringLiteral("t")}); // a pass is kept
    const QList<Attempt> attempts = store.attempts(QStringLiteral("t"));
    QCOMPARE(attempts.size(), 3);
    QCOMPARE(attempts.at(1).code, QStringLiteral("good"));
    QCOMPARE(attempts.at(1).verdict, Verdict::Passed);
    QVERIFY(attempts.at(1).measurementsJson.contains(QLatin1String("\"speedup\":3.5")));
    QVERIFY(attempts.at(1).time.isValid());
}

void TestProgressStore::quizAnswersLastWins()
{
    QTemporaryDir dir;
    ProgressStore store(dir.filePath(QStringLiteral("p.sqlite")));
    store.setPackId(QStringLiteral("a"));
    store.recordQuizAnswer(QStringLiteral("q"), QStringLiteral("one"), {1}, false);
    store.recordQuizAnswer(QStringLiteral("q"), QStringLiteral("one"), {0, 2}, true);
    const auto answers = store.lastQuizAnswers(QStringLiteral("q"));
    QCOMPARE(answers.size(), 1);
    QCOMPARE(answers.value(QStringLiteral("one")).chosen, (QList<int>{0, 2}));
    QVERIFY(answers.value(QStringLiteral("one")).correct);
}

void TestProgressStore::damagedFileIsMovedAside_data()
{
    QTest::addColumn<QByteArray>("damage");
    QTest::addRow("not sqlite") << QByteArray("this is my shopping list\n");
    QTest::addRow("zeroed pages") << QByteArray("zero");
    QTest::addRow("truncated") << QByteArray("truncate");
}

void TestProgressStore::damagedFileIsMovedAside()
{
    QFETCH(QByteArray, damage);
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("p.sqlite"));
    {
        ProgressStore store(path);
        store.setPackId(QStringLiteral("a"));
        for (int i = 0; i < 200; ++i)
            store.saveDraft(QStringLiteral("task-%1").arg(i), QString(500, QLatin1Char('x')));
    }
    QFile file(path);
    QVERIFY(file.open(QIODevice::ReadWrite));
    const QByteArray original = file.readAll();
    QVERIFY(original.size() > 8192);
    if (damage == "zero") {
        // Keep the header, wipe the pages that hold the schema's b-tree interiors.
        file.seek(4096);
        file.write(QByteArray(original.size() - 4096 * 2, '\x5a'));
    } else if (damage == "truncate") {
        file.resize(4096 + 100);
    } else {
        file.resize(0);
        file.write(damage);
    }
    file.close();
    const QByteArray damaged = [&] {
        QFile f(path);
        f.open(QIODevice::ReadOnly);
        return f.readAll();
    }();

    ProgressStore store(path);
    QVERIFY2(store.isOpen(), qPrintable(store.errorString()));
    QVERIFY(!store.damageReport().isEmpty());
    QVERIFY(store.damageReport().contains(store.movedAsidePath()));
    QVERIFY(store.movedAsidePath().startsWith(path + QLatin1String(".damaged-")));
    QFile aside(store.movedAsidePath());
    QVERIFY(aside.open(QIODevice::ReadOnly));
    QCOMPARE(aside.readAll(), damaged); // kept byte for byte, for recovery by hand
    store.setPackId(QStringLiteral("a"));
    QVERIFY(!store.draft(QStringLiteral("task-1")).has_value());
    QVERIFY(store.saveDraft(QStringLiteral("task-1"), QStringLiteral("fresh")));
}

void TestProgressStore::healthyFileIsKept()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("p.sqlite"));
    {
        ProgressStore store(path);
    }
    ProgressStore store(path);
    QVERIFY(store.damageReport().isEmpty());
    QVERIFY(store.movedAsidePath().isEmpty());
    QCOMPARE(QDir(dir.path()).entryList({QStringLiteral("*.damaged-*")}, QDir::Files).size(), 0);
}

void TestProgressStore::refusedWritesAreKeptUntilSaved()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("p.sqlite"));
    ProgressStore store(path);
    store.setPackId(QStringLiteral("a"));
    QVERIFY(store.saveDraft(QStringLiteral("t"), QStringLiteral("first")));
    QSignalSpy told(&store, &ProgressStore::saveStateChanged);

    QSqlQuery pragma(storeConnection());
    QVERIFY(pragma.exec(QStringLiteral("PRAGMA query_only=1"))); // from now on, writes fail
    QVERIFY(!store.saveDraft(QStringLiteral("t"), QStringLiteral("second")));
    QVERIFY(store.hasUnsavedWrites());
    QVERIFY(!store.saveError().isEmpty());
    GradeResult passed;
    passed.verdict = Verdict::Passed;
    QCOMPARE(store.recordAttempt(QStringLiteral("t"), QStringLiteral("good"), passed), 0);
    store.markLessonRead(QStringLiteral("l"));
    store.recordQuizAnswer(QStringLiteral("q"), QStringLiteral("one"), {2}, true);
    QVERIFY(!store.saveDraft(QStringLiteral("t"), QStringLiteral("third")));
    QCOMPARE(told.size(), 1); // told once, not at every write
    QCOMPARE(told.at(0).at(0).toBool(), false);

    // Not in the file, yet nothing is lost: the store's reads still show all of it.
    QCOMPARE(rows(path, QStringLiteral("SELECT COUNT(*) FROM attempts")), 0);
    QCOMPARE(rows(path, QStringLiteral("SELECT COUNT(*) FROM drafts WHERE code = 'third'")), 0);
    QCOMPARE(store.draft(QStringLiteral("t")).value_or(QString()), QStringLiteral("third"));
    QCOMPARE(store.passedTasks(), QSet<QString>{QStringLiteral("t")});
    QCOMPARE(store.attempts(QStringLiteral("t")).size(), 1);
    QCOMPARE(store.readLessons(), QSet<QString>{QStringLiteral("l")});
    QCOMPARE(store.lastQuizAnswers(QStringLiteral("q")).value(QStringLiteral("one")).chosen,
             QList<int>{2});

    QVERIFY(pragma.exec(QStringLiteral("PRAGMA query_only=0")));
    QVERIFY(store.retryUnsaved());
    QVERIFY(!store.hasUnsavedWrites());
    QCOMPARE(told.size(), 2);
    QCOMPARE(told.at(1).at(0).toBool(), true);
    QCOMPARE(rows(path, QStringLiteral("SELECT COUNT(*) FROM attempts WHERE code = 'good'")), 1);
    QCOMPARE(rows(path, QStringLiteral("SELECT COUNT(*) FROM passed")), 1);
    QCOMPARE(rows(path, QStringLiteral("SELECT COUNT(*) FROM lessons_read")), 1);
    QCOMPARE(rows(path, QStringLiteral("SELECT COUNT(*) FROM quiz_answers")), 1);
    QCOMPARE(rows(path, QStringLiteral("SELECT COUNT(*) FROM drafts WHERE code = 'third'")), 1);
}

void TestProgressStore::halfDoneWriteLeavesNothing()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("p.sqlite"));
    ProgressStore store(path);
    store.setPackId(QStringLiteral("a"));
    // An attempt's row goes in, then the file refuses the pass that belongs with it.
    QSqlQuery sql(storeConnection());
    QVERIFY(sql.exec(QStringLiteral("CREATE TRIGGER refuse BEFORE INSERT ON passed "
                                    "BEGIN SELECT RAISE(ABORT, 'the disk is full'); END")));
    GradeResult passed;
    passed.verdict = Verdict::Passed;
    QCOMPARE(store.recordAttempt(QStringLiteral("t"), QStringLiteral("good"), passed), 0);
    QVERIFY(store.saveError().contains(QLatin1String("the disk is full")));
    QCOMPARE(rows(path, QStringLiteral("SELECT COUNT(*) FROM attempts")), 0); // rolled back
    QCOMPARE(store.passedTasks(), QSet<QString>{QStringLiteral("t")});

    QVERIFY(sql.exec(QStringLiteral("DROP TRIGGER refuse")));
    QVERIFY(store.retryUnsaved());
    QCOMPARE(rows(path, QStringLiteral("SELECT COUNT(*) FROM attempts")), 1); // once, not twice
    QCOMPARE(rows(path, QStringLiteral("SELECT COUNT(*) FROM passed")), 1);
}

void TestProgressStore::refusedWritesAreRetriedByThemselves()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("p.sqlite"));
    ProgressStore store(path);
    store.setPackId(QStringLiteral("a"));
    QSqlQuery pragma(storeConnection());
    QVERIFY(pragma.exec(QStringLiteral("PRAGMA query_only=1")));
    QVERIFY(!store.saveDraft(QStringLiteral("t"), QStringLiteral("typed")));
    QVERIFY(pragma.exec(QStringLiteral("PRAGMA query_only=0")));
    // No further write comes: the store must try again on its own.
    QTRY_VERIFY_WITH_TIMEOUT(!store.hasUnsavedWrites(), 20000);
    QCOMPARE(rows(path, QStringLiteral("SELECT COUNT(*) FROM drafts WHERE code = 'typed'")), 1);
}

QTEST_GUILESS_MAIN(TestProgressStore)
#include "TestProgressStore.moc"
