#include "sandbox/ProbeCache.h"
#include "sandbox/Sandbox.h"

#include <QDir>
#include <QFile>
#include <QTemporaryDir>
#include <QTest>

using namespace Unlocked;

// What the isolation probe remembers between commands, and when it asks again.
class TestProbeCache : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_cache.isValid());
        qputenv("UNLOCKED_CACHE_DIR", QFile::encodeName(m_cache.path()));
        qunsetenv("UNLOCKED_RECHECK");
    }

    void keepsOnlyAPassWithTheSameKey()
    {
        const QString check = QStringLiteral("example");
        QVERIFY(!ProbeCache::passed(check, "key one"));
        ProbeCache::rememberPass(check, "key one");
        QVERIFY(ProbeCache::passed(check, "key one"));
        QVERIFY(!ProbeCache::passed(check, "key two"));
        QVERIFY(!ProbeCache::passed(check, "key on"));
        QVERIFY(!ProbeCache::passed(check, "key one and more"));
        qputenv("UNLOCKED_RECHECK", "1");
        QVERIFY(!ProbeCache::passed(check, "key one"));
        qunsetenv("UNLOCKED_RECHECK");
        ProbeCache::forget(check);
        QVERIFY(!ProbeCache::passed(check, "key one"));
    }

    void keysChangeWithWhatTheyName()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("tool"));
        QFile file(path);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write("one");
        file.close();
        const QByteArray before = ProbeCache::fileKey(path);
        QVERIFY(file.open(QIODevice::WriteOnly | QIODevice::Append));
        file.write("two");
        file.close();
        QVERIFY(ProbeCache::fileKey(path) != before);
        QVERIFY(ProbeCache::machineKey().contains("uid "));
    }

    void isolationPassIsRemembered()
    {
        const QString kept = m_cache.filePath(QStringLiteral("isolation.passed"));
        QVERIFY(!QFile::exists(kept));
        const IsolationSupport support = Sandbox::isolationSupport();
        if (!support.available) {
            QVERIFY(!QFile::exists(kept)); // a failure is never kept
            QSKIP(qPrintable(QStringLiteral("no isolation here: ") + support.reason));
        }
        QFile file(kept);
        QVERIFY(file.open(QIODevice::ReadOnly));
        QVERIFY(file.readAll().startsWith(ProbeCache::machineKey()));
    }

private:
    QTemporaryDir m_cache;
};

QTEST_GUILESS_MAIN(TestProbeCache)
#include "TestProbeCache.moc"
