#include "Paths.h"
#include "sandbox/Sandbox.h"

#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>

using namespace Unlocked;

namespace {

// Four processes printing at once, with the text and the newline of each print() written
// separately when output is unbuffered.
const char workersProgram[] = R"(import multiprocessing

def work(n):
    for i in range(400):
        print(n, "squared is", n * n)
        print("stderr of", n, file=__import__("sys").stderr)

if __name__ == "__main__":
    workers = [multiprocessing.Process(target=work, args=(n,)) for n in range(2, 6)]
    for w in workers:
        w.start()
    for w in workers:
        w.join()
    print("done")
)";

} // namespace

// Streamed output of several processes printing lines at the same time arrives as whole lines,
// on both streams, whatever buffering the program was started with.
class TestWholeLines : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void streamedLinesStayWhole_data()
    {
        QTest::addColumn<QStringList>("environment");
        QTest::newRow("default buffering") << QStringList{};
        QTest::newRow("unbuffered asked") << QStringList{QStringLiteral("PYTHONUNBUFFERED=1")};
    }

    void streamedLinesStayWhole()
    {
        QFETCH(QStringList, environment);
        const IsolationSupport isolation = Sandbox::isolationSupport();
        if (!isolation.available)
            QSKIP(qPrintable(QStringLiteral("no isolation here: ") + isolation.reason));
        QTemporaryDir work;
        QFile file(work.filePath(QStringLiteral("workers.py")));
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write(workersProgram);
        file.close();
        file.setPermissions(QFileDevice::ReadOwner | QFileDevice::WriteOwner |
                            QFileDevice::ReadOther);

        RunSpec spec;
        spec.workDir = work.path();
        spec.interpreter = Paths::defaultPython();
        spec.arguments = {QStringLiteral("workers.py")};
        spec.pythonPath = {Paths::runtimeDir()};
        spec.environment = environment + QStringList{QStringLiteral("UNLOCKED_LINE_BUFFERED=1")};
        spec.limits.wallSeconds = 60;
        QByteArray streamed[2];
        spec.onOutput = [&streamed](OutputStream stream, const QByteArray &data) {
            streamed[stream == OutputStream::Stdout ? 0 : 1] += data;
        };
        const RunOutcome outcome = Sandbox().run(spec);
        QVERIFY2(outcome.succeeded(), qPrintable(outcome.failure + QString::fromUtf8(outcome.err)));

        const QStringList out = QString::fromUtf8(streamed[0]).split(QLatin1Char('\n'));
        const QStringList err = QString::fromUtf8(streamed[1]).split(QLatin1Char('\n'));
        QCOMPARE(out.size(), 4 * 400 + 2); // the lines, "done" and the empty rest after it
        QCOMPARE(err.size(), 4 * 400 + 1);
        const QRegularExpression outLine(QStringLiteral("^([2-5]) squared is (4|9|16|25)$|^done$"));
        const QRegularExpression errLine(QStringLiteral("^stderr of [2-5]$"));
        for (const QString &line : out.mid(0, out.size() - 1))
            QVERIFY2(outLine.match(line).hasMatch(), qPrintable(line));
        for (const QString &line : err.mid(0, err.size() - 1))
            QVERIFY2(errLine.match(line).hasMatch(), qPrintable(line));
        QCOMPARE(out.last(), QString());
        QCOMPARE(err.last(), QString());
    }
};

QTEST_GUILESS_MAIN(TestWholeLines)
#include "TestWholeLines.moc"
