#include "BwrapCommand.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>

#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

namespace Unlocked {
namespace {

// Read-only bits of /etc the interpreter and the compiler need: the dynamic loader's cache (the
// multiarch library directories are only found through it), the alternatives links (libblas for
// NumPy, cc), Debian's sitecustomize, and the time zone. Nothing else of /etc is shown.
const char *const kEtcFiles[] = {
    "/etc/ld.so.cache",  "/etc/ld.so.conf", "/etc/ld.so.conf.d",
    "/etc/alternatives", "/etc/localtime",
};

bool isUnder(const QString &path, const QString &dir)
{
    return path == dir || path.startsWith(dir + QLatin1Char('/'));
}

} // namespace

QString BwrapCommand::insidePythonPath(int index)
{
    return QStringLiteral("/run/unlocked/path%1").arg(index);
}

int BwrapCommand::passFd(int hostFd)
{
    m_fds.append(hostFd);
    return 2 + int(m_fds.size());
}

bool BwrapCommand::bindHostDir(const QString &hostDir, const QString &inside, bool writable,
                               QString *why)
{
    const QString dir = QFileInfo(hostDir).absoluteFilePath();
    if (!QFileInfo(dir).isDir()) {
        *why = QStringLiteral("%1 is not a directory").arg(dir);
        return false;
    }
    // bubblewrap resolves every source path as the user it runs as; as root that is nobody,
    // who must be able to walk down to the directory.
    if (m_unprivilegedUser) {
        for (QString up = QFileInfo(dir).absolutePath();; up = QFileInfo(up).absolutePath()) {
            struct stat st;
            if (::stat(QFile::encodeName(up).constData(), &st) == 0 && !(st.st_mode & S_IXOTH)) {
                *why = QStringLiteral("the sandbox user cannot reach %1 because %2 is private "
                                      "(chmod o+x %2, or keep the files elsewhere)")
                           .arg(dir, up);
                return false;
            }
            if (up == QLatin1String("/"))
                break;
        }
    }
    m_arguments << (writable ? "--bind" : "--ro-bind") << QFile::encodeName(dir)
                << QFile::encodeName(inside);
    return true;
}

bool BwrapCommand::build(const QString &bwrap, const RunSpec &spec,
                         const QList<QByteArray> &program, int seccompFd, int statusFd,
                         bool unprivilegedUser, QString *why)
{
    m_unprivilegedUser = unprivilegedUser;
    m_arguments = {QFile::encodeName(bwrap),
                   "--unshare-user",
                   "--unshare-pid",
                   "--unshare-net",
                   "--unshare-ipc",
                   "--unshare-uts",
                   "--die-with-parent",
                   "--new-session",
                   "--hostname",
                   "sandbox"};
    // No --disable-userns: the seccomp filter already refuses every way into a new namespace,
    // and a second user namespace per run costs time.
    m_arguments << "--json-status-fd" << QByteArray::number(passFd(statusFd));
    m_arguments << "--ro-bind"
                << "/usr"
                << "/usr";
    // Merged-/usr systems link these; older ones keep real directories.
    for (const char *top : {"/bin", "/sbin", "/lib", "/lib32", "/lib64", "/libx32"}) {
        const QFileInfo info(QString::fromLatin1(top));
        if (info.isSymLink())
            m_arguments << "--symlink" << QFile::encodeName(info.symLinkTarget()) << top;
        else if (info.isDir())
            m_arguments << "--ro-bind" << top << top;
    }
    for (const char *file : kEtcFiles)
        m_arguments << "--ro-bind-try" << file << file;
    for (const QString &entry :
         QDir(QStringLiteral("/etc")).entryList({QStringLiteral("python3*")}, QDir::Dirs))
        m_arguments << "--ro-bind" << QFile::encodeName(QLatin1String("/etc/") + entry)
                    << QFile::encodeName(QLatin1String("/etc/") + entry);
    // os.cpu_count() and NumPy's thread pools read the CPU topology.
    m_arguments << "--ro-bind-try"
                << "/sys/devices/system/cpu"
                << "/sys/devices/system/cpu";
    const QByteArray disk = QByteArray::number(spec.limits.diskBytes);
    m_arguments << "--proc"
                << "/proc"
                << "--dev"
                << "/dev"
                << "--size" << disk << "--tmpfs"
                << "/dev/shm"
                << "--size" << disk << "--tmpfs"
                << "/tmp";

    // An interpreter outside /usr (a venv, a self-built Python) brings its own prefix.
    const QString interpreter = QFileInfo(spec.interpreter).absoluteFilePath();
    QStringList prefixes;
    for (const QString &path : {interpreter, QFileInfo(interpreter).canonicalFilePath()}) {
        const QString prefix = QFileInfo(QFileInfo(path).absolutePath()).absolutePath();
        if (!path.isEmpty() && !isUnder(path, QStringLiteral("/usr")) &&
            !isUnder(path, QStringLiteral("/bin")) && !prefixes.contains(prefix))
            prefixes.append(prefix);
    }
    for (const QString &prefix : prefixes)
        if (!bindHostDir(prefix, prefix, false, why))
            return false;

    for (int i = 0; i < spec.pythonPath.size(); ++i)
        if (!bindHostDir(spec.pythonPath[i], insidePythonPath(i), false, why))
            return false;
    if (!bindHostDir(spec.workDir, insideWorkDir(), true, why))
        return false;
    // The root itself is a tmpfs of bubblewrap's: read-only, so that only the size-capped mounts
    // and the work directory take writes.
    m_arguments << "--remount-ro"
                << "/";
    m_arguments << "--chdir" << QFile::encodeName(insideWorkDir());
    m_arguments << "--seccomp" << QByteArray::number(passFd(seccompFd));
    m_arguments << "--";
    m_arguments << program;
    return true;
}

} // namespace Unlocked
