#include "check/Workspace.h"

#include <QDir>
#include <QFile>
#include <QTemporaryDir>
#include <QTest>

using namespace Unlocked;

// Each timed run starts from the files that were prepared: a solution that keeps its answers
// in a file of its work directory cannot hand them back on the next run. Nothing is run here.
class TestTimedRunFiles : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void leftoversAreRemoved();
    void linksAreRemovedNotFollowed();
};

namespace {

bool write(const QString &path, const QByteArray &bytes)
{
    QFile file(path);
    return file.open(QIODevice::WriteOnly) && file.write(bytes) == bytes.size();
}

Task functionTask()
{
    Task task;
    task.id = QStringLiteral("t");
    task.entry = QStringLiteral("f");
    task.solutionFile = QStringLiteral("solution.py");
    return task;
}

} // namespace

void TestTimedRunFiles::leftoversAreRemoved()
{
    const Task task = functionTask();
    const Sandbox sandbox(Sandbox::Mode::Unisolated);
    Workspace workspace(task, sandbox, QStringLiteral("/usr/bin/python3"));
    QString error;
    QVERIFY2(workspace.prepare("def f():\n    return 1\n", &error), qPrintable(error));
    const QDir dir(workspace.dir());
    QVERIFY(write(dir.filePath(QStringLiteral("answers-cache.json")), "{}"));
    QVERIFY(write(dir.filePath(QStringLiteral(".hidden")), "x"));
    QVERIFY(dir.mkpath(QStringLiteral("cache/deeper")));
    QVERIFY(write(dir.filePath(QStringLiteral("cache/deeper/a")), "x"));
    workspace.clearLeftovers();
    QCOMPARE(dir.entryList(QDir::AllEntries | QDir::Hidden | QDir::NoDotAndDotDot),
             QStringList{QStringLiteral("solution.py")});
}

void TestTimedRunFiles::linksAreRemovedNotFollowed()
{
    QTemporaryDir outside;
    QVERIFY(write(outside.filePath(QStringLiteral("precious")), "keep me"));
    const Task task = functionTask();
    const Sandbox sandbox(Sandbox::Mode::Unisolated);
    Workspace workspace(task, sandbox, QStringLiteral("/usr/bin/python3"));
    QString error;
    QVERIFY(workspace.prepare("def f():\n    return 1\n", &error));
    const QDir dir(workspace.dir());
    QVERIFY(QFile::link(outside.path(), dir.filePath(QStringLiteral("link-to-dir"))));
    QVERIFY(QFile::link(outside.filePath(QStringLiteral("precious")),
                        dir.filePath(QStringLiteral("link-to-file"))));
    workspace.clearLeftovers();
    QCOMPARE(dir.entryList(QDir::AllEntries | QDir::Hidden | QDir::System | QDir::NoDotAndDotDot),
             QStringList{QStringLiteral("solution.py")});
    QVERIFY(QFile::exists(outside.filePath(QStringLiteral("precious"))));
}

QTEST_GUILESS_MAIN(TestTimedRunFiles)
#include "TestTimedRunFiles.moc"
