#include "SingleInstance.h"

#include <QCryptographicHash>
#include <QDir>
#include <QFileInfo>
#include <QLocalServer>
#include <QLocalSocket>

namespace Unlocked {

namespace {
QString canonical(const QString &path)
{
    const QFileInfo info(path);
    // The file may not exist yet; its folder does once the lock is made.
    const QString dir = QFileInfo(info.absolutePath()).canonicalFilePath();
    return (dir.isEmpty() ? info.absolutePath() : dir) + QLatin1Char('/') + info.fileName();
}
constexpr int kConnectMs = 2000;
} // namespace

SingleInstance::SingleInstance(const QString &databasePath, QObject *parent)
    : QObject(parent), m_databasePath(databasePath),
      m_lockPath(databasePath + QLatin1String(".lock"))
{
}

SingleInstance::~SingleInstance()
{
    if (m_server)
        m_server->close();
}

QString SingleInstance::serverName(const QString &databasePath)
{
    const QByteArray hash =
        QCryptographicHash::hash(canonical(databasePath).toUtf8(), QCryptographicHash::Sha1);
    return QStringLiteral("unlocked-") + QString::fromLatin1(hash.toHex().left(20));
}

SingleInstance::Outcome SingleInstance::acquire(const QString &openItem)
{
    QDir().mkpath(QFileInfo(m_lockPath).absolutePath());
    m_lock = std::make_unique<QLockFile>(m_lockPath);
    // Never stale by age: a learner may keep the app open for days. A lock whose process has
    // died is still taken over, which QLockFile checks by itself.
    m_lock->setStaleLockTime(0);
    if (m_lock->tryLock(0)) {
        listen();
        return Outcome::First;
    }
    if (m_lock->error() != QLockFile::LockFailedError) {
        m_lock.reset();
        return Outcome::Unguarded;
    }
    if (forward(openItem))
        return Outcome::Forwarded;
    qint64 pid = 0;
    QString host, app;
    m_lock->getLockInfo(&pid, &host, &app);
    m_reason =
        tr("Unlocked is already open with this progress file (%1), as process %2 on %3, but it "
           "does not answer. Switch to that window, or close it, then start Unlocked again. If it "
           "has stopped responding, end it: your saved work is kept.")
            .arg(QDir::toNativeSeparators(m_databasePath))
            .arg(pid)
            .arg(host.isEmpty() ? tr("this computer") : host);
    return Outcome::Refused;
}

bool SingleInstance::forward(const QString &openItem)
{
    QLocalSocket socket;
    socket.connectToServer(serverName(m_databasePath));
    if (!socket.waitForConnected(kConnectMs))
        return false;
    socket.write(QByteArrayLiteral("activate ") + openItem.toUtf8() + '\n');
    if (!socket.waitForBytesWritten(kConnectMs))
        return false;
    socket.disconnectFromServer();
    return true;
}

void SingleInstance::listen()
{
    m_server = new QLocalServer(this);
    m_server->setSocketOptions(QLocalServer::UserAccessOption);
    const QString name = serverName(m_databasePath);
    // We hold the lock, so a socket left under this name belongs to a crashed instance.
    if (!m_server->listen(name)) {
        QLocalServer::removeServer(name);
        if (!m_server->listen(name))
            qWarning("Unlocked: a second window cannot reach this one: %s",
                     qPrintable(m_server->errorString()));
    }
    connect(m_server, &QLocalServer::newConnection, this, &SingleInstance::readRequest);
}

void SingleInstance::readRequest()
{
    while (QLocalSocket *socket = m_server->nextPendingConnection()) {
        connect(socket, &QLocalSocket::disconnected, socket, &QObject::deleteLater);
        auto take = [this, socket] {
            while (socket->canReadLine()) {
                const QByteArray line = socket->readLine().trimmed();
                if (line.startsWith("activate"))
                    Q_EMIT activationRequested(QString::fromUtf8(line.mid(8).trimmed()));
            }
        };
        connect(socket, &QLocalSocket::readyRead, this, take);
        take(); // what arrived before the connection was taken
    }
}

} // namespace Unlocked
