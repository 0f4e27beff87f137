#include <QDir>
#include <QFile>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

// `cmake --install` into a fresh prefix, as the Debian package does into /usr: the installed
// binaries must find the installed course and native module, not the build tree's.
class TestInstalledLayout : public QObject
{
    Q_OBJECT

private:
    QString installed(const QString &relative) const { return m_prefix.filePath(relative); }

    // The installed CLI with none of the variables that would point it elsewhere.
    QProcess *cli(const QStringList &args)
    {
        auto *process = new QProcess(this);
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        for (const char *name :
             {"UNLOCKED_PACK_DIR", "UNLOCKED_RUNTIME_DIR", "UNLOCKED_NATIVE_DIR"})
            env.remove(QString::fromLatin1(name));
        process->setProcessEnvironment(env);
        process->start(installed("bin/unlocked-cli"), args);
        return process;
    }

    QTemporaryDir m_prefix;

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_prefix.isValid());
        // The sandbox's user must reach the installed runtime, as it reaches /usr.
        QFile::setPermissions(m_prefix.path(), QFile::ReadOwner | QFile::WriteOwner |
                                                   QFile::ExeOwner | QFile::ReadOther |
                                                   QFile::ExeOther);
        QProcess install;
        install.setProcessChannelMode(QProcess::MergedChannels);
        install.start(QStringLiteral(UNLOCKED_CMAKE),
                      {"--install", UNLOCKED_BUILD_DIR, "--prefix", m_prefix.path(), "--strip"});
        QVERIFY(install.waitForFinished(240000));
        QVERIFY2(install.exitCode() == 0, install.readAll().constData());
    }

    void filesAreInTheirPlaces_data()
    {
        QTest::addColumn<QString>("path");
        for (const char *path :
             {"bin/unlocked", "bin/unlocked-cli", "share/unlocked/pack/course.yaml",
              "share/unlocked/pack/tasks/using-multiprocessing/task.yaml",
              "share/unlocked/runtime/iosim.py", "share/applications/unlocked.desktop",
              "share/icons/hicolor/scalable/apps/unlocked.svg"})
            QTest::addRow("%s", path) << QString(path);
    }

    void filesAreInTheirPlaces()
    {
        QFETCH(QString, path);
        QVERIFY2(QFile::exists(installed(path)), qPrintable(path));
    }

    void cliReadsTheInstalledPack()
    {
        QProcess *list = cli({"list"});
        QVERIFY(list->waitForFinished(60000));
        QCOMPARE(list->exitCode(), 0);
        QVERIFY2(list->readAllStandardOutput().contains(
                     QDir::cleanPath(installed("share/unlocked/pack")).toUtf8()),
                 "the installed CLI did not read the installed pack");
    }

    // The installed module is stripped, so its size tells it from the build tree's.
    void sandboxGetsTheInstalledNativeModule()
    {
        const QStringList modules = QDir(installed(UNLOCKED_INSTALL_LIBDIR "/unlocked/native"))
                                        .entryList({"unlocked_native*.so"});
        QCOMPARE(modules.size(), 1);
        const qint64 size =
            QFileInfo(installed(UNLOCKED_INSTALL_LIBDIR "/unlocked/native/" + modules[0])).size();
        const QString program = m_prefix.filePath("size.py");
        QFile file(program);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write(
            "import os, unlocked_native\nprint(os.stat(unlocked_native.__file__).st_size)\n");
        file.close();
        QProcess *run = cli({"run", program});
        QVERIFY(run->waitForFinished(60000));
        const QByteArray out = run->readAllStandardOutput();
        QVERIFY2(run->exitCode() == 0, (out + run->readAllStandardError()).constData());
        QCOMPARE(out.trimmed().split('\n').first().trimmed(), QByteArray::number(size));
    }
};

QTEST_GUILESS_MAIN(TestInstalledLayout)
#include "TestInstalledLayout.moc"
