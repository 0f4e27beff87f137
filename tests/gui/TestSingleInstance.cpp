#include "SingleInstance.h"

#include <QDir>
#include <QFile>
#include <QLockFile>
#include <QProcess>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace Unlocked;

// One app per progress database: the second one hands over to the first, or says why not.
class TestSingleInstance : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void firstOwnsTheDatabase();
    void otherDatabasesDoNotClash();
    void nameIgnoresHowThePathIsSpelled();
    void secondAppBringsTheFirstForward();
    void ownerThatDoesNotAnswerIsExplained();
    void lockOfAKilledAppIsTakenOver();

private:
    QProcessEnvironment appEnvironment() const;
    QTemporaryDir m_dir;
};

QProcessEnvironment TestSingleInstance::appEnvironment() const
{
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("QT_QPA_PLATFORM"), QStringLiteral("offscreen"));
    env.insert(QStringLiteral("HOME"), m_dir.filePath(QStringLiteral("home")));
    env.insert(QStringLiteral("XDG_CONFIG_HOME"), m_dir.filePath(QStringLiteral("home/config")));
    env.insert(QStringLiteral("XDG_DATA_HOME"), m_dir.filePath(QStringLiteral("home/data")));
    return env;
}

void TestSingleInstance::firstOwnsTheDatabase()
{
    const QString db = m_dir.filePath(QStringLiteral("first/progress.sqlite"));
    SingleInstance first(db);
    QCOMPARE(first.acquire(), SingleInstance::Outcome::First);
    QVERIFY(QFile::exists(first.lockPath()));
}

void TestSingleInstance::otherDatabasesDoNotClash()
{
    SingleInstance a(m_dir.filePath(QStringLiteral("a.sqlite")));
    SingleInstance b(m_dir.filePath(QStringLiteral("b.sqlite")));
    QCOMPARE(a.acquire(), SingleInstance::Outcome::First);
    QCOMPARE(b.acquire(), SingleInstance::Outcome::First);
    QVERIFY(SingleInstance::serverName(m_dir.filePath(QStringLiteral("a.sqlite"))) !=
            SingleInstance::serverName(m_dir.filePath(QStringLiteral("b.sqlite"))));
}

void TestSingleInstance::nameIgnoresHowThePathIsSpelled()
{
    QDir().mkpath(m_dir.filePath(QStringLiteral("x")));
    QCOMPARE(SingleInstance::serverName(m_dir.filePath(QStringLiteral("x/../x/p.sqlite"))),
             SingleInstance::serverName(m_dir.filePath(QStringLiteral("x/p.sqlite"))));
}

void TestSingleInstance::secondAppBringsTheFirstForward()
{
    const QString db = m_dir.filePath(QStringLiteral("shared/progress.sqlite"));
    SingleInstance first(db);
    QCOMPARE(first.acquire(), SingleInstance::Outcome::First);
    QSignalSpy asked(&first, &SingleInstance::activationRequested);

    // The real app, as a learner would start it a second time.
    QProcess second;
    second.setProcessEnvironment(appEnvironment());
    second.start(QStringLiteral(UNLOCKED_APP),
                 {QStringLiteral("--database"), db, QStringLiteral("--open"),
                  QStringLiteral("task:add-numbers")});
    QVERIFY(second.waitForStarted());
    // Spins the event loop, so that this (first) instance can take the request meanwhile.
    QTRY_VERIFY_WITH_TIMEOUT(second.state() == QProcess::NotRunning, 30000);
    QCOMPARE(second.exitStatus(), QProcess::NormalExit);
    QCOMPARE(second.exitCode(), 0);
    QVERIFY(second.readAllStandardError().contains("asked to come to the front"));
    QTRY_COMPARE(asked.count(), 1);
    QCOMPARE(asked.first().first().toString(), QStringLiteral("task:add-numbers"));
}

void TestSingleInstance::ownerThatDoesNotAnswerIsExplained()
{
    const QString db = m_dir.filePath(QStringLiteral("mute/progress.sqlite"));
    QDir().mkpath(m_dir.filePath(QStringLiteral("mute")));
    QLockFile held(db + QStringLiteral(".lock")); // a lock, but nobody listening
    QVERIFY(held.tryLock(0));
    SingleInstance second(db);
    QCOMPARE(second.acquire(), SingleInstance::Outcome::Refused);
    QVERIFY2(second.reason().contains(QStringLiteral("already open")), qPrintable(second.reason()));
    QVERIFY(second.reason().contains(QDir::toNativeSeparators(db)));
    QVERIFY(second.reason().contains(QString::number(QCoreApplication::applicationPid())));
}

void TestSingleInstance::lockOfAKilledAppIsTakenOver()
{
    const QString db = m_dir.filePath(QStringLiteral("killed/progress.sqlite"));
    QProcess app;
    app.setProcessEnvironment(appEnvironment());
    app.start(QStringLiteral(UNLOCKED_APP), {QStringLiteral("--database"), db});
    QVERIFY(app.waitForStarted());
    QTRY_VERIFY_WITH_TIMEOUT(QFile::exists(db + QStringLiteral(".lock")), 30000);
    SingleInstance whileAlive(db);
    QVERIFY(whileAlive.acquire() != SingleInstance::Outcome::First);
    app.kill();
    QVERIFY(app.waitForFinished());
    QVERIFY(QFile::exists(db + QStringLiteral(".lock"))); // left behind, as after a crash
    SingleInstance after(db);
    QCOMPARE(after.acquire(), SingleInstance::Outcome::First);
}

QTEST_GUILESS_MAIN(TestSingleInstance)
#include "TestSingleInstance.moc"
