#include "sandbox/Sandbox.h"

#include <QCryptographicHash>
#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QFileInfo>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>
#include <QUuid>

#include <arpa/inet.h>
#include <cerrno>
#include <netinet/in.h>
#include <optional>
#include <sys/socket.h>
#include <unistd.h>

using namespace Unlocked;

namespace {

const QHash<QString, LimitHit> kLimitNames = {
    {QStringLiteral("None"), LimitHit::None},
    {QStringLiteral("CpuTime"), LimitHit::CpuTime},
    {QStringLiteral("WallTime"), LimitHit::WallTime},
    {QStringLiteral("Memory"), LimitHit::Memory},
    {QStringLiteral("Processes"), LimitHit::Processes},
    {QStringLiteral("FileSize"), LimitHit::FileSize},
    {QStringLiteral("Disk"), LimitHit::Disk},
    {QStringLiteral("OpenFiles"), LimitHit::OpenFiles},
    {QStringLiteral("Output"), LimitHit::Output},
};

QByteArray treeDigest(const QString &dir)
{
    QCryptographicHash hash(QCryptographicHash::Sha256);
    QDirIterator it(dir, QDir::AllEntries | QDir::Hidden | QDir::System | QDir::NoDotAndDotDot,
                    QDirIterator::Subdirectories);
    QStringList entries;
    while (it.hasNext())
        entries.append(it.next());
    entries.sort();
    for (const QString &entry : entries) {
        hash.addData(entry.toUtf8());
        QFile file(entry);
        if (file.open(QIODevice::ReadOnly))
            hash.addData(file.readAll());
    }
    return hash.result();
}

// Processes that carry the run's tag in their environment: whatever the run left behind.
QStringList survivors(const QByteArray &tag)
{
    QStringList found;
    const QStringList pids =
        QDir(QStringLiteral("/proc")).entryList({QStringLiteral("[0-9]*")}, QDir::Dirs);
    for (const QString &pid : pids) {
        QFile environ(QStringLiteral("/proc/%1/environ").arg(pid));
        if (environ.open(QIODevice::ReadOnly) && environ.readAll().contains(tag))
            found.append(pid);
    }
    return found;
}

// `actual op wanted` for the operators an expectation may use; nothing for any other operator.
std::optional<bool> compareNumber(double actual, const QString &op, double wanted)
{
    if (op == QLatin1String("="))
        return actual == wanted;
    if (op == QLatin1String(">="))
        return actual >= wanted;
    if (op == QLatin1String(">"))
        return actual > wanted;
    return std::nullopt;
}

qint64 residentBytes()
{
    QFile status(QStringLiteral("/proc/self/status"));
    if (!status.open(QIODevice::ReadOnly))
        return 0;
    const QRegularExpression rss(QStringLiteral("VmRSS:\\s+(\\d+) kB"));
    return rss.match(QString::fromLatin1(status.readAll())).captured(1).toLongLong() << 10;
}

} // namespace

/**
 * Every program in tests/data/hostile misbehaves on purpose. Each must end within its limits,
 * named correctly, leave no process and no trace outside its work directory, and learn nothing.
 */
class TestHostile : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase()
    {
        const IsolationSupport support = Sandbox::isolationSupport();
        QVERIFY2(support.available, qPrintable(support.reason));
        m_secret = "secret-" + QUuid::createUuid().toByteArray(QUuid::WithoutBraces);
        QVERIFY(m_secretDir.isValid());
        QFile secret(m_secretDir.filePath(QStringLiteral("secret.txt")));
        QVERIFY(secret.open(QIODevice::WriteOnly));
        secret.write(m_secret);
        secret.close();
        // The same secret in the real home directory, which the sandbox must not show.
        m_homeSecret =
            QDir::home().filePath(QStringLiteral(".unlocked-hostile-%1").arg(::getpid()));
        QFile homeSecret(m_homeSecret);
        QVERIFY(homeSecret.open(QIODevice::WriteOnly));
        homeSecret.write(m_secret);
        homeSecret.close();

        QFile canary(m_canaryDir.filePath(QStringLiteral("canary.txt")));
        QVERIFY(canary.open(QIODevice::WriteOnly));
        canary.write("untouched");
        canary.close();
        QVERIFY(QFile::setPermissions(m_canaryDir.path(), QFile::permissions(m_canaryDir.path()) |
                                                              QFile::ReadOther | QFile::WriteOther |
                                                              QFile::ExeOther));

        m_listener = ::socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
        QVERIFY(m_listener >= 0);
        sockaddr_in address = {};
        address.sin_family = AF_INET;
        address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
        QCOMPARE(::bind(m_listener, reinterpret_cast<sockaddr *>(&address), sizeof address), 0);
        QCOMPARE(::listen(m_listener, 16), 0);
        socklen_t length = sizeof address;
        QCOMPARE(::getsockname(m_listener, reinterpret_cast<sockaddr *>(&address), &length), 0);
        m_port = ntohs(address.sin_port);
    }

    void cleanupTestCase()
    {
        QFile::remove(m_homeSecret);
        if (m_listener >= 0)
            ::close(m_listener);
    }

    void program_data()
    {
        QTest::addColumn<QString>("path");
        const QDir dir(QStringLiteral(UNLOCKED_TEST_DATA "/hostile"));
        const QStringList programs =
            dir.entryList({QStringLiteral("*.py")}, QDir::Files, QDir::Name);
        QVERIFY(programs.size() >= 20);
        for (const QString &name : programs)
            QTest::newRow(qPrintable(name)) << dir.filePath(name);
    }

    void program()
    {
        QFETCH(QString, path);
        QFile source(path);
        QVERIFY(source.open(QIODevice::ReadOnly));
        const QByteArray code = source.readAll();
        QTemporaryDir work;
        QFile main(work.filePath(QStringLiteral("main.py")));
        QVERIFY(main.open(QIODevice::WriteOnly));
        main.write(code);
        main.close();

        const QByteArray tag =
            "UNLOCKED_HOSTILE_TAG=" + QUuid::createUuid().toByteArray(QUuid::WithoutBraces);
        RunSpec spec;
        spec.workDir = work.path();
        spec.interpreter = QStringLiteral("/usr/bin/python3");
        spec.arguments = {QStringLiteral("main.py")};
        spec.environment = {QString::fromLatin1(tag),
                            QStringLiteral("SECRET_FILE=") +
                                m_secretDir.filePath(QStringLiteral("secret.txt")),
                            QStringLiteral("CANARY_DIR=") + m_canaryDir.path(),
                            QStringLiteral("LISTEN_PORT=%1").arg(m_port),
                            QStringLiteral("HOST_HOME=") + QDir::homePath()};
        spec.limits.wallSeconds = 2;
        spec.limits.cpuSeconds = 2;
        spec.limits.memoryBytes = 256ll << 20;
        spec.limits.processes = 32;
        spec.limits.fileSizeBytes = 8ll << 20;
        spec.limits.diskBytes = 16ll << 20;
        spec.limits.openFiles = 64;
        spec.limits.outputBytes = 16 << 10;
        const QByteArray canaryBefore = treeDigest(m_canaryDir.path());

        const RunOutcome outcome = Sandbox().run(spec);
        const QString report =
            QStringLiteral("limit %1, exit %2, signal %3, wall %4 s, cpu %5 s\nout: %6\nerr: %7")
                .arg(int(outcome.limit))
                .arg(outcome.exitCode)
                .arg(outcome.signal)
                .arg(outcome.wallSeconds)
                .arg(outcome.cpuSeconds)
                .arg(QString::fromUtf8(outcome.out.left(600)),
                     QString::fromUtf8(outcome.err.left(600)));

        if (qEnvironmentVariableIsSet("UNLOCKED_HOSTILE_VERBOSE")) {
            qint64 workBytes = 0;
            QDirIterator sizes(work.path(), QDir::Files | QDir::Hidden,
                               QDirIterator::Subdirectories);
            while (sizes.hasNext())
                workBytes += QFileInfo(sizes.next()).size();
            qInfo().noquote() << report << "\nwork dir bytes:" << workBytes;
        }
        QVERIFY2(outcome.started, qPrintable(outcome.failure));
        QVERIFY(outcome.isolated);
        const QStringList left = survivors(tag);
        QVERIFY2(left.isEmpty(),
                 qPrintable(QStringLiteral("survivors: ") + left.join(QLatin1Char(' '))));

        // Every line that looks like an expectation must parse: a typo is a failure, not a skip.
        static const QRegularExpression anyExpectLine(QStringLiteral("^#\\s*expect\\b.*$"),
                                                      QRegularExpression::MultilineOption);
        static const QRegularExpression expectLine(
            QStringLiteral("^# expect: (\\w+)(?:([<>=!]+)([\\w,.]+))?$"));
        auto it = anyExpectLine.globalMatch(QString::fromUtf8(code));
        int expectations = 0;
        while (it.hasNext()) {
            const QString line = it.next().captured(0);
            const QRegularExpressionMatch m = expectLine.match(line);
            QVERIFY2(m.hasMatch(), qPrintable(QStringLiteral("cannot read: ") + line));
            ++expectations;
            const QString what = m.captured(1);
            const QString op = m.captured(2);
            const QString value = m.captured(3);
            if (what == QLatin1String("limit")) {
                QVERIFY2(op == QLatin1String("="), qPrintable(line));
                QList<LimitHit> allowed;
                for (const QString &name : value.split(QLatin1Char(','))) {
                    // A misspelled name must not quietly stand for "no limit".
                    QVERIFY2(
                        kLimitNames.contains(name) && name != QLatin1String("None"),
                        qPrintable(QStringLiteral("unknown limit '%1' in: %2").arg(name, line)));
                    allowed.append(kLimitNames.value(name));
                }
                QVERIFY2(allowed.contains(outcome.limit), qPrintable(report));
                QVERIFY2(!outcome.succeeded(), qPrintable(report));
                QVERIFY(!limitMessage(outcome.limit, spec.limits).isEmpty());
            } else if (what == QLatin1String("fail")) {
                QVERIFY2(op.isEmpty(), qPrintable(line));
                QVERIFY2(!outcome.succeeded(), qPrintable(report));
            } else if (what == QLatin1String("exit") || what == QLatin1String("cpu")) {
                bool isNumber = false;
                const double wanted = value.toDouble(&isNumber);
                QVERIFY2(isNumber, qPrintable(line));
                // The exit code comes from the kernel and the CPU time from the cgroup: both
                // measured from outside, whatever the program printed about itself.
                const double actual =
                    what == QLatin1String("exit") ? outcome.exitCode : outcome.cpuSeconds;
                const std::optional<bool> holds = compareNumber(actual, op, wanted);
                QVERIFY2(holds.has_value(),
                         qPrintable(QStringLiteral("unknown operator '%1' in: %2").arg(op, line)));
                QVERIFY2(*holds, qPrintable(line + QLatin1Char('\n') + report));
                if (what == QLatin1String("exit"))
                    QVERIFY2(outcome.limit == LimitHit::None, qPrintable(report));
            } else {
                QFAIL(qPrintable(QStringLiteral("unknown expectation ") + what));
            }
        }
        QVERIFY(expectations > 0);

        QVERIFY2(!outcome.out.contains(m_secret) && !outcome.err.contains(m_secret),
                 qPrintable(report));
        QDirIterator files(work.path(), QDir::Files | QDir::Hidden | QDir::System,
                           QDirIterator::Subdirectories);
        while (files.hasNext()) {
            QFile file(files.next());
            if (file.size() < (1 << 20) && file.open(QIODevice::ReadOnly))
                QVERIFY2(!file.readAll().contains(m_secret), qPrintable(file.fileName()));
        }
        QCOMPARE(treeDigest(m_canaryDir.path()), canaryBefore);
        QVERIFY(!QFile::exists(QStringLiteral("/tmp/unlocked-hostile-planted")));
        QVERIFY(!QFile::exists(QStringLiteral("/dev/shm/unlocked-hostile-planted")));
        QVERIFY(!QFile::exists(QStringLiteral("/planted")));
        sockaddr_in peer = {};
        socklen_t length = sizeof peer;
        const int accepted = ::accept(m_listener, reinterpret_cast<sockaddr *>(&peer), &length);
        QVERIFY2(accepted < 0, "the listener outside the sandbox saw a connection");
        // Captured output is capped: the grader's own memory stays small whatever the program
        // prints.
        QVERIFY2(residentBytes() < (256ll << 20), qPrintable(QString::number(residentBytes())));
        QVERIFY(outcome.out.size() <= spec.limits.outputBytes);
        QVERIFY(outcome.err.size() <= spec.limits.outputBytes);
    }

private:
    QTemporaryDir m_secretDir;
    QTemporaryDir m_canaryDir;
    QByteArray m_secret;
    QString m_homeSecret;
    int m_listener = -1;
    quint16 m_port = 0;
};

QTEST_GUILESS_MAIN(TestHostile)
#include "TestHostile.moc"
