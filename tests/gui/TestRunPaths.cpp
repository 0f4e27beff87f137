#include "Command.h"
#include "LessonView.h"
#include "MarkdownView.h"
#include "OutputPane.h"
#include "RunPolicy.h"
#include "pack/PackLoader.h"

#include <QFile>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>

#include <algorithm>

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

// Every line the workers program prints, whole: 60 from each of four workers, then "done".
QStringList workersLines()
{
    QStringList lines;
    for (int n = 2; n <= 5; ++n)
        for (int i = 0; i < 60; ++i)
            lines.append(QStringLiteral("%1 squared is %2").arg(n).arg(n * n));
    lines.append(QStringLiteral("done"));
    lines.sort();
    return lines;
}

QString runInPane(OutputPane &pane, const QString &fileName, const QString &source)
{
    pane.run(fileName, fileName, source);
    if (!QTest::qWaitFor([&pane] { return !pane.isRunning(); }, 60000))
        return QStringLiteral("(still running)");
    QCoreApplication::processEvents(); // the last queued chunk of output
    return pane.text();
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

    // Grade reads the program's whole output at its end; Run streams it. Both see the same lines.
    void gradeAndRunSeeTheSameLines()
    {
        Task program;
        program.id = QStringLiteral("workers");
        program.kind = TaskKind::Program;
        program.solutionFile = QStringLiteral("workers.py");
        CheckSpec output;
        output.kind = CheckKind::Output;
        output.name = QStringLiteral("Every line");
        output.expectedLines = workersLines();
        output.anyOrder = true;
        program.checks = {output};
        const GradeResult graded =
            Grader().gradeSource(program, QByteArray(workersProgram), program.solutionFile);
        QCOMPARE(graded.checks.size(), 1);
        QVERIFY2(graded.verdict == Verdict::Passed, qPrintable(graded.checks.first().message));

        RunPolicy policy;
        OutputPane pane(&policy);
        const QString shown =
            runInPane(pane, program.solutionFile, QString::fromUtf8(workersProgram));
        QCOMPARE(sortedLines(shown), workersLines());
        QCOMPARE(sortedLines(graded.checks.first().detail), sortedLines(shown));
    }

    // The multiprocessing lesson's examples run through the same path: each process's line whole.
    void lessonExampleShowsWholeLines()
    {
        const PackLoadResult loaded = PackLoader::load(QStringLiteral(UNLOCKED_SOURCE_DIR));
        QVERIFY(loaded.pack);
        const Lesson *lesson = nullptr;
        for (const Lesson &l : loaded.pack->lessons)
            if (l.path.endsWith(QLatin1String("/02-multiprocessing.md")))
                lesson = &l;
        QVERIFY(lesson);
        RunPolicy policy;
        LessonView view(&policy);
        view.showLesson(*loaded.pack, *lesson);
        const QStringList examples = view.reader()->examples();
        const auto squares = std::find_if(examples.cbegin(), examples.cend(), [](const QString &e) {
            return e.contains(QLatin1String("squared is"));
        });
        QVERIFY(squares != examples.cend());
        view.runExample(int(squares - examples.cbegin()));
        QVERIFY(QTest::qWaitFor([&view] { return !view.output()->isRunning(); }, 60000));
        QCoreApplication::processEvents();
        const QStringList expected = {QStringLiteral("0 squared is 0"),
                                      QStringLiteral("1 squared is 1"),
                                      QStringLiteral("2 squared is 4"),
                                      QStringLiteral("3 squared is 9"), QStringLiteral("all done")};
        QCOMPARE(sortedLines(view.output()->text()), expected);
        // The parent prints last: it joins every child first.
        QVERIFY(view.output()->text().endsWith(QLatin1String("all done\n")));
    }
};

QTEST_MAIN(TestRunPaths)
#include "TestRunPaths.moc"
