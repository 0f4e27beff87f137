#pragma once

#include "pack/PackLoader.h"

#include <QFileSystemWatcher>
#include <QObject>
#include <QTimer>

#include <memory>

namespace Unlocked {

/**
 * Holds the open pack and reloads it when its files change on disk (debounced, since editors
 * save in bursts). A failed reload keeps the last good pack and reports the errors.
 */
class PackController : public QObject
{
    Q_OBJECT
public:
    explicit PackController(QObject *parent = nullptr);

    /** Loads \a dir; returns whether it loaded. Emits packChanged() or loadFailed(). */
    bool open(const QString &dir);
    bool reload() { return open(m_dir); }
    /** Uses a pack built in memory (tests, previews); nothing is watched. */
    void setPack(std::shared_ptr<const Pack> pack);

    std::shared_ptr<const Pack> pack() const { return m_pack; }
    QString dir() const { return m_dir; }
    QList<PackError> errors() const { return m_errors; }
    void setReloadDelay(int ms) { m_debounce.setInterval(ms); }

Q_SIGNALS:
    void packChanged();
    void loadFailed(const QString &dir, const QList<Unlocked::PackError> &errors);

private:
    void watch();

    QString m_dir;
    std::shared_ptr<const Pack> m_pack;
    QList<PackError> m_errors;
    QFileSystemWatcher m_watcher;
    QTimer m_debounce;
};

} // namespace Unlocked
