#include "WorkDir.h"

#include <QDebug>
#include <QDir>
#include <QFile>
#include <QList>

#include <cerrno>
#include <cstring>
#include <dirent.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

namespace Unlocked {

namespace {

// One directory on the way down: its name in its parent, and the parent's identity, so that
// climbing back through ".." can be checked. Only one descriptor is open at a time, so a nest
// deeper than the open-file limit or PATH_MAX comes apart as easily as a flat folder.
struct Level
{
    QByteArray name;
    dev_t parentDev;
    ino_t parentIno;
};

bool isDot(const char *name)
{
    return name[0] == '.' && (name[1] == '\0' || (name[1] == '.' && name[2] == '\0'));
}

QString failure(const char *what, const QByteArray &name)
{
    return QStringLiteral("%1 %2: %3")
        .arg(QLatin1String(what), QString::fromUtf8(name.toPercentEncoding("/")),
             QString::fromLocal8Bit(std::strerror(errno)));
}

// Opens a directory entry without following a link. A program may have taken the permissions
// off its own folders (chmod 000); the folder is ours to remove, so they are put back.
int openDirAt(int parent, const char *name)
{
    int fd = ::openat(parent, name, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
    if (fd < 0 && errno == EACCES) {
        struct stat st;
        if (::fstatat(parent, name, &st, AT_SYMLINK_NOFOLLOW) == 0 && S_ISDIR(st.st_mode) &&
            ::fchmodat(parent, name, S_IRWXU, 0) == 0)
            fd = ::openat(parent, name, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
        else
            errno = EACCES;
    }
    if (fd >= 0)
        ::fchmod(fd, S_IRWXU); // unlinking inside needs write and search permission
    return fd;
}

enum class Pass
{
    Empty,   // nothing is left in the directory
    Descend, // *subdir names a directory that still has entries
    Failed,
};

// Removes every entry of \a fd it can; stops at the first directory that is not empty.
Pass clearEntries(int fd, QByteArray *subdir, QString *error)
{
    const int listFd = ::openat(fd, ".", O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    DIR *dir = listFd >= 0 ? ::fdopendir(listFd) : nullptr;
    if (!dir) {
        *error = failure("cannot list", ".");
        if (listFd >= 0)
            ::close(listFd);
        return Pass::Failed;
    }
    Pass result = Pass::Empty;
    errno = 0;
    while (const dirent *entry = ::readdir(dir)) {
        const char *name = entry->d_name;
        if (isDot(name))
            continue;
        bool isDir = entry->d_type == DT_DIR;
        if (entry->d_type == DT_UNKNOWN) {
            struct stat st;
            isDir = ::fstatat(fd, name, &st, AT_SYMLINK_NOFOLLOW) == 0 && S_ISDIR(st.st_mode);
        }
        if (::unlinkat(fd, name, isDir ? AT_REMOVEDIR : 0) == 0 || errno == ENOENT) {
            errno = 0;
            continue;
        }
        if (isDir && (errno == ENOTEMPTY || errno == EEXIST || errno == EACCES)) {
            *subdir = name;
            result = Pass::Descend;
            break;
        }
        *error = failure("cannot remove", name);
        result = Pass::Failed;
        break;
    }
    if (result == Pass::Empty && errno != 0) {
        *error = failure("cannot list", ".");
        result = Pass::Failed;
    }
    ::closedir(dir);
    return result;
}

// Empties the directory open as \a top (the descriptor is closed). Depth-first, one level at
// a time: after each subdirectory the parent is listed afresh, as entries were removed.
bool clearTree(int top, QString *error)
{
    int fd = top;
    QList<Level> path;
    int missed = 0;
    for (;;) {
        QByteArray subdir;
        const Pass pass = clearEntries(fd, &subdir, error);
        if (pass == Pass::Failed)
            break;
        if (pass == Pass::Descend) {
            struct stat here;
            const int child = ::fstat(fd, &here) == 0 ? openDirAt(fd, subdir.constData()) : -1;
            if (child < 0) {
                *error = failure("cannot open", subdir);
                break;
            }
            path.append({subdir, here.st_dev, here.st_ino});
            ::close(fd);
            fd = child;
            continue;
        }
        if (path.isEmpty()) {
            ::close(fd);
            return true;
        }
        const Level level = path.takeLast();
        const int parent = ::openat(fd, "..", O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
        struct stat st;
        if (parent < 0 || ::fstat(parent, &st) != 0 || st.st_dev != level.parentDev ||
            st.st_ino != level.parentIno) {
            *error = QStringLiteral("a folder moved while it was being removed");
            if (parent >= 0)
                ::close(parent);
            break;
        }
        ::close(fd);
        fd = parent;
        if (::unlinkat(fd, level.name.constData(), AT_REMOVEDIR) == 0 || errno == ENOENT)
            continue;
        // Not empty yet means the listing missed an entry: the next pass finds it.
        if ((errno != ENOTEMPTY && errno != EEXIST) || ++missed > 1000) {
            *error = failure("cannot remove", level.name);
            break;
        }
    }
    ::close(fd);
    return false;
}

} // namespace

WorkDir::WorkDir(const QString &prefix)
{
    QByteArray name = QFile::encodeName(QDir::tempPath() + QLatin1Char('/') + prefix) + "-XXXXXX";
    if (::mkdtemp(name.data()))
        m_path = name;
    else
        m_error = QString::fromLocal8Bit(std::strerror(errno));
}

WorkDir::~WorkDir()
{
    if (!remove())
        qWarning().noquote() << "could not remove the work folder" << path() << ":" << m_error;
}

QString WorkDir::path() const
{
    return QFile::decodeName(m_path);
}

QString WorkDir::filePath(const QString &name) const
{
    return path() + QLatin1Char('/') + name;
}

bool WorkDir::remove()
{
    if (m_path.isEmpty())
        return true;
    if (!removeTree(m_path, &m_error))
        return false;
    m_path.clear();
    return true;
}

bool WorkDir::removeTree(const QByteArray &path, QString *error)
{
    QString why;
    for (int attempt = 0; attempt < 3; ++attempt) {
        const int fd = openDirAt(AT_FDCWD, path.constData());
        if (fd < 0) {
            if (errno == ENOENT)
                return true;
            // Not a directory (or a link to one): remove the name, never what it points to.
            if ((errno == ENOTDIR || errno == ELOOP) && ::unlink(path.constData()) == 0)
                return true;
            why = failure("cannot open", path);
            break;
        }
        if (!clearTree(fd, &why))
            break;
        if (::rmdir(path.constData()) == 0 || errno == ENOENT)
            return true;
        why = failure("cannot remove", path);
        if (errno != ENOTEMPTY && errno != EEXIST)
            break;
    }
    if (error)
        *error = why;
    return false;
}

} // namespace Unlocked
