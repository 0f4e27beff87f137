#include "PackController.h"

#include <QDirIterator>
#include <QFileInfo>

namespace Unlocked {

PackController::PackController(QObject *parent) : QObject(parent)
{
    m_debounce.setSingleShot(true);
    m_debounce.setInterval(400);
    connect(&m_debounce, &QTimer::timeout, this, &PackController::reload);
    connect(&m_watcher, &QFileSystemWatcher::fileChanged, &m_debounce, qOverload<>(&QTimer::start));
    connect(&m_watcher, &QFileSystemWatcher::directoryChanged, &m_debounce,
            qOverload<>(&QTimer::start));
}

bool PackController::open(const QString &dir)
{
    m_dir = QFileInfo(dir).absoluteFilePath();
    PackLoadResult result = PackLoader::load(m_dir);
    watch(); // also after a failure, so that fixing the file reloads the pack
    m_errors = result.errors;
    if (!result.pack) {
        if (m_errors.isEmpty())
            m_errors.append({{m_dir, 0, 0}, {}, tr("the pack could not be loaded")});
        Q_EMIT loadFailed(m_dir, m_errors);
        return false;
    }
    m_pack = std::make_shared<const Pack>(std::move(*result.pack));
    Q_EMIT packChanged();
    return true;
}

void PackController::setPack(std::shared_ptr<const Pack> pack)
{
    m_debounce.stop();
    const QStringList old = m_watcher.files() + m_watcher.directories();
    if (!old.isEmpty())
        m_watcher.removePaths(old);
    m_dir = pack ? pack->dir : QString();
    m_errors.clear();
    m_pack = std::move(pack);
    Q_EMIT packChanged();
}

// Editors often save by replacing the file, which drops it from the watcher: re-add everything.
void PackController::watch()
{
    const QStringList old = m_watcher.files() + m_watcher.directories();
    if (!old.isEmpty())
        m_watcher.removePaths(old);
    // Only the pack's own parts: the built-in pack may live at the root of a source tree.
    QStringList paths{m_dir};
    const QString manifest = m_dir + QLatin1String("/course.yaml");
    if (QFileInfo::exists(manifest))
        paths.append(manifest);
    for (const char *sub : {"lessons", "tasks"}) {
        const QString root = m_dir + QLatin1Char('/') + QLatin1String(sub);
        if (!QFileInfo(root).isDir())
            continue;
        paths.append(root);
        QDirIterator it(root, QDir::AllEntries | QDir::NoDotAndDotDot,
                        QDirIterator::Subdirectories);
        while (it.hasNext())
            paths.append(it.next());
    }
    m_watcher.addPaths(paths);
}

} // namespace Unlocked
