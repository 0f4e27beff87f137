#include <QFile>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

// The README's two commands start with scripts/setup-debian.sh; this proves that script installs
// every Debian package the build in front of us read, and that the proof can fail.
class TestSetupScript : public QObject
{
    Q_OBJECT

private:
    struct Check
    {
        int exitCode = -1; // -1: did not finish
        QString output;
    };

    static Check check(const QString &setupScript)
    {
        QProcess process;
        process.setProcessChannelMode(QProcess::MergedChannels);
        process.start(QStringLiteral("bash"),
                      {QStringLiteral(UNLOCKED_SOURCE_DIR "/scripts/check-setup-packages.sh"),
                       QStringLiteral(UNLOCKED_BUILD_DIR), setupScript});
        const bool finished = process.waitForFinished(240000);
        return {finished && process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1,
                QString::fromUtf8(process.readAll())};
    }

private Q_SLOTS:
    void initTestCase()
    {
        if (!QFile::exists(QStringLiteral(UNLOCKED_BUILD_DIR "/build.ninja")))
            QSKIP("the check reads a Ninja build's dependency log");
    }

    void setupScriptCoversTheBuild()
    {
        const Check result = check(QStringLiteral(UNLOCKED_SOURCE_DIR "/scripts/setup-debian.sh"));
        QVERIFY2(result.exitCode == 0, qPrintable(result.output));
    }

    void missingPackageIsNamed()
    {
        QFile original(QStringLiteral(UNLOCKED_SOURCE_DIR "/scripts/setup-debian.sh"));
        QVERIFY(original.open(QIODevice::ReadOnly));
        QByteArray script = original.readAll();
        QVERIFY(script.contains(" libcmark-dev"));
        script.replace(" libcmark-dev", "");
        QTemporaryDir dir;
        QFile copy(dir.filePath(QStringLiteral("setup-debian.sh")));
        QVERIFY(copy.open(QIODevice::WriteOnly));
        copy.write(script);
        copy.close();

        const Check result = check(copy.fileName());
        QCOMPARE(result.exitCode, 1);
        QVERIFY2(result.output.contains(QLatin1String("libcmark-dev")), qPrintable(result.output));
    }
};

QTEST_GUILESS_MAIN(TestSetupScript)
#include "TestSetupScript.moc"
