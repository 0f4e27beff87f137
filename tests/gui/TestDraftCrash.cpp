#include "ProgressStore.h"

#include <QProcess>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

#include <csignal>

using namespace Unlocked;

// A writer killed with SIGKILL at an arbitrary moment leaves a database that opens, passes
// integrity_check, and holds the last draft it committed (or the one after, if the kill came
// between the commit and the print).
class TestDraftCrash : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void killedWriterLosesNothingCommitted_data();
    void killedWriterLosesNothingCommitted();
};

void TestDraftCrash::killedWriterLosesNothingCommitted_data()
{
    QTest::addColumn<int>("commitsBeforeKill");
    QTest::addRow("early") << 5;
    QTest::addRow("after a while") << 120;
    QTest::addRow("later still") << 400;
}

void TestDraftCrash::killedWriterLosesNothingCommitted()
{
    QFETCH(int, commitsBeforeKill);
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("progress.sqlite"));
    QProcess writer;
    writer.setProgram(QStringLiteral(DRAFT_WRITER));
    writer.setArguments({path});
    writer.setProcessChannelMode(QProcess::SeparateChannels);
    writer.start();
    QVERIFY(writer.waitForStarted());
    qint64 lastPrinted = 0;
    QByteArray pending;
    while (lastPrinted < commitsBeforeKill) {
        QVERIFY2(writer.waitForReadyRead(20000), "the writer stopped writing");
        pending += writer.readAllStandardOutput();
        const qsizetype end = pending.lastIndexOf('\n');
        if (end < 0)
            continue;
        const QList<QByteArray> lines = pending.left(end).split('\n');
        lastPrinted = lines.last().trimmed().toLongLong();
        pending = pending.mid(end + 1);
    }
    ::kill(pid_t(writer.processId()), SIGKILL);
    QVERIFY(writer.waitForFinished(10000));
    QCOMPARE(writer.exitStatus(), QProcess::CrashExit);
    // Read what it printed between our last read and its death.
    for (const QByteArray &line : (pending + writer.readAllStandardOutput()).split('\n'))
        if (!line.trimmed().isEmpty())
            lastPrinted = qMax(lastPrinted, line.trimmed().toLongLong());

    {
        auto db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("check"));
        db.setDatabaseName(path);
        QVERIFY(db.open());
        QSqlQuery q(db);
        QVERIFY(q.exec(QStringLiteral("PRAGMA integrity_check")) && q.next());
        QCOMPARE(q.value(0).toString(), QStringLiteral("ok"));
        q.finish();
        db.close();
    }
    QSqlDatabase::removeDatabase(QStringLiteral("check"));
    ProgressStore store(path);
    QVERIFY2(store.isOpen(), qPrintable(store.errorString()));
    QVERIFY2(store.damageReport().isEmpty(), qPrintable(store.damageReport()));
    store.setPackId(QStringLiteral("crash"));
    const QString draft = store.draft(QStringLiteral("t")).value_or(QString());
    const qint64 saved =
        draft.section(QLatin1Char('\n'), 0, 0).section(QLatin1Char(' '), 1).toLongLong();
    QVERIFY2(saved == lastPrinted || saved == lastPrinted + 1,
             qPrintable(QStringLiteral("printed %1, saved %2").arg(lastPrinted).arg(saved)));
    QVERIFY(draft.endsWith(QString(20000, QLatin1Char('y'))));
}

QTEST_GUILESS_MAIN(TestDraftCrash)
#include "TestDraftCrash.moc"
