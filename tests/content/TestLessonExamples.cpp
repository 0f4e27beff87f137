// Every ```python block of every built-in lesson is a complete program that must run as printed.
// Blocks meant as fragments use another fence info string (```python-fragment, ```cython, ...).

#include "Paths.h"

#include <cmark.h>

#include <QDir>
#include <QFile>
#include <QProcess>
#include <QProcessEnvironment>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>

using namespace Unlocked;

namespace {

struct Example
{
    QString lesson; // file name, e.g. 01-gil.md
    int index = 0;  // 1-based among the lesson's python blocks
    int line = 0;   // where the fence starts
    QString code;
};

// The lessons are CommonMark, so the fences are found with the same parser the app renders with.
QList<Example> pythonBlocks(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return {};
    const QByteArray markdown = file.readAll();
    cmark_node *document =
        cmark_parse_document(markdown.constData(), size_t(markdown.size()), CMARK_OPT_DEFAULT);
    QList<Example> examples;
    cmark_iter *iter = cmark_iter_new(document);
    cmark_event_type event;
    while ((event = cmark_iter_next(iter)) != CMARK_EVENT_DONE) {
        cmark_node *node = cmark_iter_get_node(iter);
        if (event != CMARK_EVENT_ENTER || cmark_node_get_type(node) != CMARK_NODE_CODE_BLOCK)
            continue;
        const QString info = QString::fromUtf8(cmark_node_get_fence_info(node)).trimmed();
        if (info.section(QLatin1Char(' '), 0, 0) != QLatin1String("python"))
            continue;
        Example example;
        example.lesson = QFileInfo(path).fileName();
        example.index = int(examples.size()) + 1;
        example.line = cmark_node_get_start_line(node);
        example.code = QString::fromUtf8(cmark_node_get_literal(node));
        examples.append(example);
    }
    cmark_iter_free(iter);
    cmark_node_free(document);
    return examples;
}

QStringList lessonFiles()
{
    const QDir dir(QStringLiteral(UNLOCKED_SOURCE_DIR "/lessons"));
    QStringList files;
    for (const QString &name : dir.entryList({QStringLiteral("*.md")}, QDir::Files, QDir::Name))
        files.append(dir.filePath(name));
    return files;
}

QProcessEnvironment exampleEnvironment()
{
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    QStringList path{Paths::runtimeDir()};
    if (!Paths::nativeModuleDir().isEmpty())
        path.append(Paths::nativeModuleDir());
    env.insert(QStringLiteral("PYTHONPATH"), path.join(QLatin1Char(':')));
    // Learners run the examples with ordinary buffered output; so do we.
    env.remove(QStringLiteral("PYTHONUNBUFFERED"));
    return env;
}

struct RunOutcome
{
    bool finished = false;
    int exitCode = -1;
    QString stderrText;
};

// A real file, not `python3 -c`: spawn and forkserver children re-import the main module.
RunOutcome runExample(const QString &code)
{
    RunOutcome outcome;
    QTemporaryDir work;
    QFile script(work.filePath(QStringLiteral("example.py")));
    if (!work.isValid() || !script.open(QIODevice::WriteOnly))
        return outcome;
    script.write(code.toUtf8());
    script.close();

    QProcess python;
    python.setWorkingDirectory(work.path());
    python.setProcessEnvironment(exampleEnvironment());
    python.start(Paths::defaultPython(), {script.fileName()});
    if (!python.waitForFinished(60000)) {
        python.kill();
        python.waitForFinished();
        outcome.stderrText = QStringLiteral("the example did not finish within 60 s");
        return outcome;
    }
    outcome.finished = python.exitStatus() == QProcess::NormalExit;
    outcome.exitCode = python.exitCode();
    outcome.stderrText = QString::fromUtf8(python.readAllStandardError());
    return outcome;
}

} // namespace

class TestLessonExamples : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void onlyPythonFencesAreExamples();
    void failingExampleIsReported();
    void everyLessonHasExamples();
    void exampleRuns_data();
    void exampleRuns();

private:
    bool m_nativeAvailable = false;
};

void TestLessonExamples::initTestCase()
{
    QVERIFY2(QFileInfo::exists(Paths::defaultPython()), qPrintable(Paths::defaultPython()));
    QVERIFY(QFileInfo::exists(Paths::runtimeDir() + QLatin1String("/iosim.py")));
    QProcess probe;
    probe.setProcessEnvironment(exampleEnvironment());
    probe.start(Paths::defaultPython(),
                {QStringLiteral("-c"), QStringLiteral("import unlocked_native")});
    m_nativeAvailable = probe.waitForFinished(30000) &&
                        probe.exitStatus() == QProcess::NormalExit && probe.exitCode() == 0;
}

void TestLessonExamples::onlyPythonFencesAreExamples()
{
    const QList<Example> examples =
        pythonBlocks(QStringLiteral(UNLOCKED_TEST_DATA "/content/fences.md"));
    QCOMPARE(examples.size(), 2);
    QCOMPARE(examples[0].code, QStringLiteral("print(\"ok\")\n"));
    QCOMPARE(examples[0].line, 5);
    QVERIFY(examples[1].code.contains(QLatin1String("fails on purpose")));
}

void TestLessonExamples::failingExampleIsReported()
{
    const QList<Example> examples =
        pythonBlocks(QStringLiteral(UNLOCKED_TEST_DATA "/content/fences.md"));
    QCOMPARE(examples.size(), 2);
    const RunOutcome good = runExample(examples[0].code);
    QVERIFY(good.finished);
    QCOMPARE(good.exitCode, 0);
    const RunOutcome bad = runExample(examples[1].code);
    QVERIFY(bad.finished);
    QCOMPARE(bad.exitCode, 1);
    QVERIFY(bad.stderrText.contains(QLatin1String("fails on purpose")));
}

void TestLessonExamples::everyLessonHasExamples()
{
    const QStringList files = lessonFiles();
    QVERIFY2(files.size() >= 5, "the built-in course has five lessons");
    for (const QString &file : files)
        QVERIFY2(!pythonBlocks(file).isEmpty(), qPrintable(file + QLatin1String(": no examples")));
}

void TestLessonExamples::exampleRuns_data()
{
    QTest::addColumn<QString>("code");
    for (const QString &file : lessonFiles()) {
        for (const Example &example : pythonBlocks(file))
            QTest::addRow("%s #%d (line %d)", qPrintable(example.lesson), example.index,
                          example.line)
                << example.code;
    }
}

void TestLessonExamples::exampleRuns()
{
    QFETCH(QString, code);
    static const QRegularExpression importsNative(
        QStringLiteral("^\\s*(import|from)\\s+unlocked_native\\b"),
        QRegularExpression::MultilineOption);
#ifndef UNLOCKED_NATIVE_BUILT
    if (!m_nativeAvailable && importsNative.match(code).hasMatch())
        QSKIP("unlocked_native is not built, so this example cannot run");
#else
    // Built with the tests: an example that cannot import it must fail, not be skipped.
    Q_UNUSED(importsNative);
#endif

    const RunOutcome outcome = runExample(code);
    QVERIFY2(outcome.finished, qPrintable(outcome.stderrText));
    QVERIFY2(outcome.exitCode == 0, qPrintable(outcome.stderrText));
}

QTEST_GUILESS_MAIN(TestLessonExamples)
#include "TestLessonExamples.moc"
