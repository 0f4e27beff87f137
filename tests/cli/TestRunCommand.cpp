#include "Command.h"

#include <QTemporaryDir>
#include <QTest>

using namespace Unlocked;

namespace {

// add-numbers has one visible case, add(1, 2), and two hidden ones: add(-5, 5), add(1.5, 2.25).
const QString packDir = QStringLiteral(UNLOCKED_TEST_DATA "/cli/pack");

struct CliRun
{
    int code = -1;
    QString out;
    QString err;
    QString shown() const { return out + QLatin1String("\n--- stderr:\n") + err; }
};

CliRun runFile(const QString &task, const QByteArray &source)
{
    CliRun run;
    QTemporaryDir dir;
    QFile file(dir.filePath(QStringLiteral("mine.py")));
    if (!dir.isValid() || !file.open(QIODevice::WriteOnly) || file.write(source) != source.size())
        return run;
    file.close();
    QTextStream out(&run.out);
    QTextStream err(&run.err);
    run.code = runCli({QStringLiteral("run"), QStringLiteral("--pack"), packDir,
                       QStringLiteral("--task"), task, file.fileName()},
                      out, err);
    out.flush();
    err.flush();
    return run;
}

bool mentionsHiddenCase(const QString &text)
{
    return text.contains(QLatin1String("-5")) || text.contains(QLatin1String("2.25"));
}

} // namespace

// `unlocked-cli run --task ID FILE` of a function task calls the entry point on the visible
// cases only, and shows each call with its result or its traceback.
class TestRunCommand : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase()
    {
        const IsolationSupport isolation = Grader::isolationSupport();
        if (!isolation.available)
            QSKIP(qPrintable(QStringLiteral("no isolation here: ") + isolation.reason));
    }

    void showsEachVisibleCallWithItsResult()
    {
        const CliRun run = runFile(QStringLiteral("add-numbers"),
                                   "def add(a, b):\n    print('adding', a, b)\n    return a + b\n");
        QVERIFY2(run.code == 0, qPrintable(run.shown()));
        QCOMPARE(run.out, QStringLiteral("adding 1 2\nadd(1, 2) → 3\n"));
    }

    void neverHandsAHiddenCaseToTheProgram()
    {
        // At import the program looks through every frame of its process for the inputs the
        // harness was given: only the visible case may be there.
        const CliRun run = runFile(QStringLiteral("add-numbers"), R"(import sys

frame = sys._getframe()
while frame is not None:
    for name, value in list(frame.f_locals.items()):
        if name == "inputs":
            print("inputs:", value)
    frame = frame.f_back


def add(a, b):
    return a + b
)");
        QVERIFY2(run.code == 0, qPrintable(run.shown()));
        QVERIFY2(run.out.contains(QLatin1String("inputs: [[1, 2]]\n")), qPrintable(run.shown()));
        QVERIFY2(!mentionsHiddenCase(run.out + run.err), qPrintable(run.shown()));
    }

    void aCallThatRaisesShowsItsTraceback()
    {
        const CliRun run =
            runFile(QStringLiteral("add-numbers"), "def add(a, b):\n    return a / (b - 2)\n");
        QVERIFY2(run.code == 1, qPrintable(run.shown()));
        QVERIFY2(run.out.startsWith(QLatin1String("add(1, 2) raised ZeroDivisionError:\n"
                                                  "Traceback (most recent call last):\n")),
                 qPrintable(run.shown()));
        QVERIFY2(run.out.contains(QLatin1String("line 2, in add\n")), qPrintable(run.shown()));
        QVERIFY2(run.out.endsWith(QLatin1String("ZeroDivisionError: division by zero\n")),
                 qPrintable(run.shown()));
        QVERIFY2(!mentionsHiddenCase(run.out + run.err), qPrintable(run.shown()));
    }

    void aFileWithoutTheEntryPointSaysSo()
    {
        const CliRun run = runFile(QStringLiteral("add-numbers"), "print('loaded')\n");
        QVERIFY2(run.code == 1, qPrintable(run.shown()));
        QCOMPARE(run.out, QStringLiteral("loaded\n"));
        QVERIFY2(run.err.contains(QLatin1String("does not define a function named add()")),
                 qPrintable(run.shown()));
    }

    void aProgramTaskStillRunsTheProgram()
    {
        const CliRun run =
            runFile(QStringLiteral("hello-workers"), "print('as a program:', __name__)\n");
        QVERIFY2(run.code == 0, qPrintable(run.shown()));
        QCOMPARE(run.out, QStringLiteral("as a program: __main__\n"));
    }
};

QTEST_GUILESS_MAIN(TestRunCommand)
#include "TestRunCommand.moc"
