#pragma once

#include <QLockFile>
#include <QObject>

#include <memory>

class QLocalServer;

namespace Unlocked {

/**
 * One app per progress database. The first instance holds a lock file beside the database and
 * listens on a local socket named after the database's path; a later one asks it to come to the
 * front (and to open an item), then quits. Two windows writing one progress file would undo
 * each other's drafts.
 */
class SingleInstance : public QObject
{
    Q_OBJECT
public:
    enum class Outcome
    {
        First,     // this instance owns the database
        Forwarded, // another one owns it and has been asked to come forward
        Refused,   // another one owns it and does not answer: reason() says what to do
        Unguarded  // no lock could be made (e.g. a read-only folder): runs without one
    };

    explicit SingleInstance(const QString &databasePath, QObject *parent = nullptr);
    ~SingleInstance() override;

    /** Takes the lock, or hands \a openItem ("task:ID", may be empty) to the instance holding it.
     */
    Outcome acquire(const QString &openItem = {});
    /** Why this instance cannot run, in plain words; set when acquire() returned Refused. */
    QString reason() const { return m_reason; }
    QString lockPath() const { return m_lockPath; }
    /** The local socket's name: the same for every spelling of one database path. */
    static QString serverName(const QString &databasePath);

Q_SIGNALS:
    /** A later instance asked for this window; \a openItem is the item it was asked to open. */
    void activationRequested(const QString &openItem);

private:
    bool forward(const QString &openItem);
    void listen();
    void readRequest();

    QString m_databasePath;
    QString m_lockPath;
    std::unique_ptr<QLockFile> m_lock;
    QLocalServer *m_server = nullptr;
    QString m_reason;
};

} // namespace Unlocked
