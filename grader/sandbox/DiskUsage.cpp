#include "DiskUsage.h"

#include <QFile>

#include <cstring>
#include <dirent.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

namespace Unlocked {
namespace {

constexpr qint64 kMaxEntries = 100000;
// Each level holds a directory stream open; a nest deeper than this is itself a disk attack.
constexpr int kMaxDepth = 64;

// Adds what is below dirFd (which it takes over); false when absurdly many or deep.
bool diskUsage(int dirFd, qint64 &bytes, qint64 &entries, int depth)
{
    if (depth > kMaxDepth) {
        ::close(dirFd);
        return false;
    }
    DIR *dir = ::fdopendir(dirFd);
    if (!dir) {
        ::close(dirFd);
        return true;
    }
    bool ok = true;
    while (dirent *entry = ::readdir(dir)) {
        if (!std::strcmp(entry->d_name, ".") || !std::strcmp(entry->d_name, ".."))
            continue;
        if (++entries > kMaxEntries) {
            ok = false;
            break;
        }
        struct stat st;
        if (::fstatat(::dirfd(dir), entry->d_name, &st, AT_SYMLINK_NOFOLLOW) != 0)
            continue;
        // Delayed allocation can leave st_blocks behind the data written; RLIMIT_FSIZE bounds
        // st_size, so sparse files cannot inflate this much.
        bytes += qMax(qint64(st.st_blocks) * 512, qint64(st.st_size));
        if (S_ISDIR(st.st_mode)) {
            const int child = ::openat(::dirfd(dir), entry->d_name,
                                       O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
            if (child >= 0 && !diskUsage(child, bytes, entries, depth + 1)) {
                ok = false;
                break;
            }
        }
    }
    ::closedir(dir);
    return ok;
}

} // namespace

bool DiskUsage::exceeds(const QString &workDir, qint64 limit)
{
    const int fd =
        ::open(QFile::encodeName(workDir).constData(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (fd < 0)
        return false;
    qint64 bytes = 0, entries = 0;
    return !diskUsage(fd, bytes, entries, 0) || bytes > limit;
}

} // namespace Unlocked
