#pragma once

#include <QByteArray>
#include <QString>

namespace Unlocked {

/**
 * A fresh, private work folder for one run in the host's temporary directory. The destructor
 * removes it with everything a program left in it, whatever the names (any bytes the kernel
 * allows), the depth or the permissions, and never follows a symbolic link out of it.
 */
class WorkDir
{
public:
    /** Creates `<temp>/<prefix>-XXXXXX`; check isValid(). */
    explicit WorkDir(const QString &prefix = QStringLiteral("unlocked-run"));
    ~WorkDir();

    WorkDir(const WorkDir &) = delete;
    WorkDir &operator=(const WorkDir &) = delete;

    bool isValid() const { return !m_path.isEmpty(); }
    QString errorString() const { return m_error; }
    QString path() const;
    QString filePath(const QString &name) const;

    /** Removes the folder now; false (with errorString()) when something could not be removed. */
    bool remove();

    /**
     * Removes \a path and everything beneath it without following symbolic links; true when
     * nothing is left. Works on bytes, so no name is beyond it.
     */
    static bool removeTree(const QByteArray &path, QString *error = nullptr);

private:
    QByteArray m_path;
    QString m_error;
};

} // namespace Unlocked
