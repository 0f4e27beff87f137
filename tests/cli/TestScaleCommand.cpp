#include "Command.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTest>

using namespace Unlocked;

// `unlocked-cli scale` refuses what it cannot measure with a usage error, and on the built-in
// parallel-primes reference prints one row per core count asked for, in text and in JSON
// (figures not judged: they depend on the machine).
class TestScaleCommand : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void refusesWhatItCannotMeasure_data();
    void refusesWhatItCannotMeasure();
    void measuresTheReferenceOnEachCount();
};

namespace {

struct CliRun
{
    int code = -1;
    QString out;
    QString err;
};

CliRun scale(const QStringList &arguments)
{
    CliRun run;
    QTextStream out(&run.out);
    QTextStream err(&run.err);
    run.code = runCli(QStringList{QStringLiteral("scale")} + arguments, out, err);
    out.flush();
    err.flush();
    return run;
}

const QString reference = QStringLiteral(UNLOCKED_SOURCE_DIR "/tasks/parallel-primes/reference.py");

} // namespace

void TestScaleCommand::refusesWhatItCannotMeasure_data()
{
    QTest::addColumn<QStringList>("arguments");
    QTest::addColumn<QString>("says");
    QTest::addRow("no task") << QStringList{reference} << "--task";
    QTest::addRow("bad cores") << QStringList{"--task", "parallel-primes", "--cores", "1,x",
                                              reference}
                               << "--cores";
    QTest::addRow("bad format") << QStringList{"--task", "parallel-primes", "--format", "xml",
                                               reference}
                                << "unknown format";
    QTest::addRow("no parallel check")
        << QStringList{"--task", "gil-io-threads", "--cores", "1", reference}
        << "no parallel speedup check";
}

void TestScaleCommand::refusesWhatItCannotMeasure()
{
    QFETCH(QStringList, arguments);
    QFETCH(QString, says);
    if (says.startsWith(QLatin1String("no parallel")) && !Grader::isolationSupport().available)
        QSKIP("no isolation here");
    const CliRun run = scale(arguments);
    QCOMPARE(run.code, int(ExitUsage));
    QVERIFY2((run.out + run.err).contains(says), qPrintable(run.out + run.err));
}

void TestScaleCommand::measuresTheReferenceOnEachCount()
{
    const IsolationSupport isolation = Grader::isolationSupport();
    if (!isolation.available)
        QSKIP(qPrintable(QStringLiteral("no isolation here: ") + isolation.reason));
    // The real binary, in JSON: one point per count, each with its ideal and its figures.
    QProcess cli;
    cli.start(QStringLiteral(UNLOCKED_CLI_BINARY),
              {"scale", "--task", "parallel-primes", "--cores", "1,2", "--pairs", "1", "--format",
               "json", reference});
    QVERIFY(cli.waitForFinished(300000));
    const QByteArray out = cli.readAllStandardOutput();
    QVERIFY2(cli.exitCode() == 0, (out + cli.readAllStandardError()).constData());
    const QJsonObject json = QJsonDocument::fromJson(out).object();
    QCOMPARE(json.value(QLatin1String("task")).toString(), QStringLiteral("parallel-primes"));
    const int cores = json.value(QLatin1String("maxCores")).toInt();
    QVERIFY(cores >= 1);
    const QJsonArray points = json.value(QLatin1String("points")).toArray();
    QCOMPARE(points.size(), std::min(cores, 2)); // a count above the CPUs is left out
    for (int i = 0; i < points.size(); ++i) {
        const QJsonObject p = points[i].toObject();
        QCOMPARE(p.value(QLatin1String("cores")).toInt(), i + 1);
        QCOMPARE(p.value(QLatin1String("ideal")).toDouble(), double(i + 1));
        QVERIFY2(p.value(QLatin1String("speedup")).toDouble() > 0.0,
                 QJsonDocument(p).toJson().constData());
        QCOMPARE(p.value(QLatin1String("pairs")).toInt(), 1);
    }
    // Two counts give a fit; one does not, and says why.
    const QJsonObject fit = json.value(QLatin1String("amdahl")).toObject();
    QCOMPARE(fit.value(QLatin1String("ok")).toBool(), points.size() >= 2);
    if (points.size() >= 2) {
        const double s = fit.value(QLatin1String("serialFraction")).toDouble(-1);
        QVERIFY(s >= 0.0 && s <= 1.0);
    }
}

QTEST_GUILESS_MAIN(TestScaleCommand)
#include "TestScaleCommand.moc"
