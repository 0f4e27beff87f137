#include "check/Workspace.h"
#include "sandbox/CgroupTree.h"
#include "sandbox/WorkDir.h"

#include <QDir>
#include <QFile>
#include <QTemporaryDir>
#include <QTest>

#include <dirent.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

using namespace Unlocked;

namespace {

constexpr unsigned kUser = 65534; // nobody

// Names as bytes, so that a name that is not UTF-8 is seen as it is.
QList<QByteArray> entries(const QByteArray &dir)
{
    QList<QByteArray> names;
    DIR *d = ::opendir(dir.constData());
    if (!d)
        return names;
    while (const dirent *e = ::readdir(d))
        if (qstrcmp(e->d_name, ".") != 0 && qstrcmp(e->d_name, ".."))
            names.append(e->d_name);
    ::closedir(d);
    return names;
}

// The run's cgroups beneath the grader's own group, in every hierarchy that has one.
QStringList ownRunGroups()
{
    QStringList found;
    const QString mine = QStringLiteral("unlocked-%1-").arg(::getpid());
    for (const QString &controller :
         {QStringLiteral("memory"), QStringLiteral("pids"), QStringLiteral("cpuacct"), QString()}) {
        const QString group = CgroupTree::ownGroup(controller);
        if (group.isEmpty())
            continue;
        for (const QString &name : QDir(group).entryList(QDir::Dirs | QDir::NoDotAndDotDot))
            if (name.startsWith(mine))
                found.append(group + QLatin1Char('/') + name);
    }
    return found;
}

// A program that leaves behind every kind of name and folder the kernel allows. \a outside is
// a folder of the host that a link points to: removing the link must not touch it.
QByteArray oddNamesProgram(const QString &outside)
{
    return R"PY(# Names that are not text, folders without permissions, links out and a deep nest.
import os, socket
names = [b"\xff\xfe x", b"line\nbreak", b"\x01\x1b[2J\x07", b"-rf", b"--help", b"x" * 253,
         b" ", b"\\", b"*", b"\xc3(", b"tab\there"]
for name in names:
    with open(name, "wb") as f:
        f.write(b"left behind")
    os.mkdir(name + b".d")
    with open(os.path.join(name + b".d", name), "wb") as f:
        f.write(b"inside")
os.symlink(b")PY" +
           QFile::encodeName(outside) +
           R"PY(", b"\xfflink-out")
os.symlink(b"\xfflink-out", b"chain")
os.symlink(b"loop", b"loop")
os.mkfifo(b"fifo\xff")
socket.socket(socket.AF_UNIX).bind(b"sock\xff")
os.link(b"-rf", b"hard\xfe")
# Folders a program locked: no permissions at all, read-only, no search.
for mode in (0o000, 0o500, 0o600, 0o100):
    d = ("locked-%o" % mode).encode() + b"\xff"
    os.makedirs(d + b"/inner\n")
    with open(d + b"/inner\n/file", "w") as f:
        f.write("x")
    with open(d + b"/\xfefile", "w") as f:
        f.write("x")
    os.chmod(d + b"/inner\n", 0)
    os.chmod(d, mode)
top = os.getcwd()
# A nest far past PATH_MAX (60 x 256 bytes), of the longest names there are.
os.mkdir(b"deep")
os.chdir(b"deep")
for i in range(60):  # the sandbox stops a nest deeper than 64 as a disk attack
    name = b"\xfe" * 200 + b"%055d" % i
    os.mkdir(name)
    os.chdir(name)
with open(b"bottom\xff", "w") as f:
    f.write("x")
os.chmod(".", 0)
os.chdir(b"/")
os.chmod(top, 0)
print("done")
)PY";
}

} // namespace

/**
 * Nothing of a run outlives it: after each hostile program, and after programs that leave
 * names no text encoding can show, no folder, file or cgroup of the run is left.
 */
class TestRunLeftovers : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void cleanupTestCase();
    void run_data();
    void run();
    void removeTreeKeepsLinkTargets();
    void removeTreeUndoesLockedPermissions();

private:
    QTemporaryDir m_root; // made before TMPDIR is ours, so it is not in the listing
    QByteArray m_tmp;
    QString m_outside;
    QByteArray m_savedTmpDir;
};

void TestRunLeftovers::initTestCase()
{
    QVERIFY(m_root.isValid());
    // The sandbox's own user must reach the run folders beneath it, as in the real TMPDIR.
    QVERIFY(::chmod(QFile::encodeName(m_root.path()).constData(), 0711) == 0);
    m_tmp = QFile::encodeName(m_root.filePath(QStringLiteral("tmp")));
    QVERIFY(QDir().mkpath(QFile::decodeName(m_tmp)));
    m_outside = m_root.filePath(QStringLiteral("outside"));
    QVERIFY(QDir().mkpath(m_outside));
    QFile keep(m_outside + QStringLiteral("/keep.txt"));
    QVERIFY(keep.open(QIODevice::WriteOnly));
    keep.write("keep");
    keep.close();
    m_savedTmpDir = qgetenv("TMPDIR");
    // Every run folder is made in TMPDIR: a private one can be listed after each run.
    qputenv("TMPDIR", m_tmp);
    QCOMPARE(QDir::tempPath(), QFile::decodeName(m_tmp));
    const IsolationSupport support = Sandbox::isolationSupport();
    QVERIFY2(support.available, qPrintable(support.reason));
}

void TestRunLeftovers::cleanupTestCase()
{
    qputenv("TMPDIR", m_savedTmpDir);
}

void TestRunLeftovers::run_data()
{
    QTest::addColumn<QByteArray>("source");
    const QDir dir(QStringLiteral(UNLOCKED_TEST_DATA "/hostile"));
    const QStringList programs = dir.entryList({QStringLiteral("*.py")}, QDir::Files, QDir::Name);
    QVERIFY(programs.size() >= 20);
    for (const QString &name : programs) {
        QFile file(dir.filePath(name));
        QVERIFY(file.open(QIODevice::ReadOnly));
        QTest::newRow(qPrintable(name)) << file.readAll();
    }
    QTest::newRow("odd names") << oddNamesProgram(m_outside);
    QTest::newRow("work folder locked") << QByteArray("import os\n"
                                                      "open(b'\\xff\\xfe x', 'w').close()\n"
                                                      "os.chmod('.', 0)\n");
}

void TestRunLeftovers::run()
{
    QFETCH(QByteArray, source);
    Task task;
    task.kind = TaskKind::Program;
    task.solutionFile = QStringLiteral("main.py");
    task.limits.wallSeconds = 5;
    task.limits.cpuSeconds = 5;
    task.limits.memoryBytes = 256ll << 20;
    task.limits.processes = 32;
    task.limits.fileSizeBytes = 8ll << 20;
    task.limits.diskBytes = 16ll << 20;
    task.limits.openFiles = 64;
    task.limits.outputBytes = 16 << 10;
    const Sandbox sandbox;
    // What an earlier failing row left is that row's failure, not this one's.
    const QList<QByteArray> before = entries(m_tmp);
    const QStringList groupsBefore = ownRunGroups();
    QString workDir;
    RunOutcome outcome;
    {
        Workspace workspace(task, sandbox, QStringLiteral("/usr/bin/python3"));
        QString error;
        QVERIFY2(workspace.prepare(source, &error), qPrintable(error));
        workDir = workspace.dir();
        QVERIFY(workDir.startsWith(QFile::decodeName(m_tmp) + QLatin1Char('/')));
        outcome = workspace.runProgram();
        QVERIFY2(outcome.started, qPrintable(outcome.failure));
        QVERIFY(outcome.isolated);
        if (QTest::currentDataTag() == QLatin1String("odd names"))
            QVERIFY2(outcome.succeeded() && outcome.out.contains("done"),
                     qPrintable(QStringLiteral("limit %1, exit %2, signal %3: %4")
                                    .arg(int(outcome.limit))
                                    .arg(outcome.exitCode)
                                    .arg(outcome.signal)
                                    .arg(QString::fromUtf8(outcome.err + outcome.out))));
    }
    QVERIFY2(!QFileInfo::exists(workDir), qPrintable(workDir));
    QList<QByteArray> left = entries(m_tmp);
    left.removeIf([&](const QByteArray &name) { return before.contains(name); });
    QVERIFY2(left.isEmpty(), left.join(" | ").toPercentEncoding(" |/").constData());
    QStringList groups = ownRunGroups();
    groups.removeIf([&](const QString &name) { return groupsBefore.contains(name); });
    QVERIFY2(groups.isEmpty(), qPrintable(groups.join(QLatin1Char(' '))));
    QVERIFY(QFile::exists(m_outside + QStringLiteral("/keep.txt")));
}

void TestRunLeftovers::removeTreeKeepsLinkTargets()
{
    // The same removal on a tree made here, without the sandbox: links inside are removed as
    // links, and the folder they point to stays whole.
    WorkDir dir;
    QVERIFY(dir.isValid());
    const QByteArray base = QFile::encodeName(dir.path());
    QVERIFY(::symlink(QFile::encodeName(m_outside).constData(), (base + "/out").constData()) == 0);
    QVERIFY(::mkdir((base + "/\xff-d").constData(), 0700) == 0);
    QVERIFY(::symlink(QFile::encodeName(m_outside).constData(),
                      (base + "/\xff-d/-rf\n").constData()) == 0);
    QVERIFY(::chmod((base + "/\xff-d").constData(), 0) == 0);
    QVERIFY(dir.remove());
    QVERIFY(!QFileInfo::exists(QFile::decodeName(base)));
    QVERIFY(QFile::exists(m_outside + QStringLiteral("/keep.txt")));
    QVERIFY(entries(m_tmp).isEmpty());
}

void TestRunLeftovers::removeTreeUndoesLockedPermissions()
{
    // Root passes every permission check, so the folders a program locks are built and
    // removed here by an ordinary user: the grader as a learner runs it on a desktop.
    if (::geteuid() != 0)
        QSKIP("needs root to act as another user");
    WorkDir base;
    QVERIFY(base.isValid());
    const QByteArray top = QFile::encodeName(base.path());
    QVERIFY(::chown(top.constData(), kUser, kUser) == 0);
    const QByteArray tree = top + "/tree";
    const pid_t child = ::fork();
    if (child == 0) {
        auto made = [&] {
            if (::setgid(kUser) != 0 || ::setuid(kUser) != 0 || ::mkdir(tree, 0700) != 0)
                return false;
            for (const mode_t mode : {0000, 0100, 0300, 0500, 0600}) {
                const QByteArray dir = tree + "/locked-" + QByteArray::number(mode, 8) + "\xff";
                if (::mkdir(dir, 0700) != 0 || ::mkdir(dir + "/inner\n", 0700) != 0)
                    return false;
                for (const QByteArray &file : {dir + "/-rf", dir + "/inner\n/\xfe"}) {
                    const int fd = ::open(file, O_WRONLY | O_CREAT | O_EXCL, 0000);
                    if (fd < 0)
                        return false;
                    ::close(fd);
                }
                if (::chmod(dir + "/inner\n", 0) != 0 || ::chmod(dir, mode) != 0)
                    return false;
            }
            return ::chmod(tree, 0500) == 0;
        };
        ::_exit(!made() ? 2 : WorkDir::removeTree(tree) ? 0 : 1);
    }
    QVERIFY(child > 0);
    int status = 0;
    QCOMPARE(::waitpid(child, &status, 0), child);
    QVERIFY(WIFEXITED(status));
    QVERIFY2(WEXITSTATUS(status) != 2, "could not build the locked tree");
    QCOMPARE(WEXITSTATUS(status), 0);
    QVERIFY(entries(top).isEmpty());
}

QTEST_GUILESS_MAIN(TestRunLeftovers)
#include "TestRunLeftovers.moc"
