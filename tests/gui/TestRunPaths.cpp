#include "Command.h"
#include "OutputPane.h"
#include "RunPolicy.h"

#include <QFile>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>

using namespace Unlocked;

namespace {

// Four worker processes printing at once: lines stay whole only if each is written in one piece.
const char workersProgram[] = R"(import multiprocessing

def work(n):
    for i in range(60):
        print(n, "squared is", n * n)

if __name__ == "__main__":
    workers = [multiprocessing.Process(target=work, args=(n,)) for n in range(2, 6)]
    for w in workers:
        w.start()
    for w in workers:
        w.join()
    print("done")
)";

QStringList sortedLines(const QString &text)
{
    QStringList lines = text.split(QLatin1Char('\n'), Qt::SkipEmptyParts);
    lines.sort();
    return lines;
}

QString withoutFigures(QString summary)
{
    return summary.replace(QRegularExpression(QStringLiteral("\\d+\\.\\d+")), QStringLiteral("N"));
}

} // namespace

// The app's Run and `unlocked-cli run` go through the grader's one run path, so the same program
// shows the same whole lines and the same summary in both.
class TestRunPaths : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase()
    {
        const IsolationSupport isolation = Grader::isolationSupport();
        if (!isolation.available)
            QSKIP(qPrintable(QStringLiteral("no isolation here: ") + isolation.reason));
    }

    void appAndCliShowTheSameWholeLines()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("workers.py"));
        QFile file(path);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write(workersProgram);
        file.close();

        QString cliOut, cliErr;
        QTextStream out(&cliOut), err(&cliErr);
        QCOMPARE(runCli({QStringLiteral("run"), path}, out, err), 0);
        out.flush();
        err.flush();

        RunPolicy policy;
        OutputPane pane(&policy);
        pane.run(QStringLiteral("workers"), QStringLiteral("workers.py"),
                 QString::fromUtf8(workersProgram));
        QTRY_VERIFY_WITH_TIMEOUT(!pane.isRunning(), 60000);
        QTRY_VERIFY(!pane.status().startsWith(QLatin1String("Running")));

        const QStringList appLines = sortedLines(pane.text());
        const QStringList cliLines = sortedLines(cliOut);
        QCOMPARE(appLines.size(), 4 * 60 + 1);
        const QRegularExpression whole(QStringLiteral("^([2-5]) squared is (4|9|16|25)$|^done$"));
        for (const QString &line : appLines)
            QVERIFY2(whole.match(line).hasMatch(), qPrintable(line));
        QCOMPARE(appLines, cliLines);

        const QString cliSummary = cliErr.trimmed().split(QLatin1Char('\n')).last();
        QVERIFY2(cliSummary.startsWith(QLatin1String("Finished in")), qPrintable(cliErr));
        QCOMPARE(withoutFigures(pane.status()), withoutFigures(cliSummary));
    }
};

QTEST_MAIN(TestRunPaths)
#include "TestRunPaths.moc"
