#include "analysis/PythonAnalyzer.h"

#include <QFile>
#include <QTest>

using namespace Unlocked;

class TestPythonAnalyzer : public QObject
{
    Q_OBJECT

private:
    static QString fixture(const QString &name)
    {
        QFile file(QStringLiteral(UNLOCKED_TEST_DATA "/analysis/") + name);
        if (!file.open(QIODevice::ReadOnly))
            qFatal("missing fixture %s", qPrintable(name));
        return QString::fromUtf8(file.readAll());
    }

private Q_SLOTS:
    void syntaxError_data();
    void syntaxError();
    void facts_data();
    void facts();
    void fixtures_data();
    void fixtures();
    void cythonImports_data();
    void cythonImports();
    void emptySource();
};

void TestPythonAnalyzer::syntaxError_data()
{
    QTest::addColumn<QString>("source");
    QTest::addColumn<QString>("message");
    QTest::addColumn<int>("line");
    QTest::addColumn<int>("column");

    QTest::newRow("missing colon") << "def f(x):\n    pass\nif x > 1\n    pass\n"
                                   << "expected ':'" << 3 << 9;
    QTest::newRow("never closed") << "x = 1\nprint((1, 2)\n"
                                  << "'(' was never closed" << 2 << 6;
    QTest::newRow("bad def") << "def f(:\n    pass\n"
                             << "invalid syntax" << 1 << 7;
    QTest::newRow("unexpected indent") << "a = 1\n    b = 2\n"
                                       << "unexpected indent" << 2 << 4;
    QTest::newRow("python 2 print")
        << "print 'hi'\n"
        << "Missing parentheses in call to 'print'. Did you mean print(...)?" << 1 << 1;
    QTest::newRow("return outside function") << "x = 1\nreturn x\n"
                                             << "'return' outside function" << 2 << 1;
    QTest::newRow("await outside async") << "def f():\n    await g()\n"
                                         << "'await' outside async function" << 2 << 5;
    QTest::newRow("column counts characters") << "s = 'ééé'; if s\n"
                                              << "invalid syntax" << 1 << 12;
    QTest::newRow("crlf line endings") << "a = 1\r\nb = (\r\n"
                                       << "'(' was never closed" << 2 << 5;
}

void TestPythonAnalyzer::syntaxError()
{
    QFETCH(QString, source);
    QFETCH(QString, message);
    QFETCH(int, line);
    QFETCH(int, column);

    const SourceFacts facts = PythonAnalyzer::analyze(source, QStringLiteral("solution.py"));
    QVERIFY2(facts.failure.isEmpty(), qPrintable(facts.failure));
    QVERIFY(facts.syntaxError.has_value());
    QCOMPARE(facts.syntaxError->message, message);
    QCOMPARE(facts.syntaxError->line, line);
    QCOMPARE(facts.syntaxError->column, column);
}

void TestPythonAnalyzer::facts_data()
{
    QTest::addColumn<QString>("source");
    QTest::addColumn<QStringList>("imports");
    QTest::addColumn<QStringList>("calls");

    QTest::newRow("import as") << "import multiprocessing as mp\nmp.Process()\n"
                               << QStringList{"multiprocessing"}
                               << QStringList{"multiprocessing.Process"};
    QTest::newRow("from import") << "from multiprocessing import Process\nProcess()\n"
                                 << QStringList{"multiprocessing", "multiprocessing.Process"}
                                 << QStringList{"multiprocessing.Process"};
    QTest::newRow("from import as")
        << "from concurrent.futures import ThreadPoolExecutor as T\nT()\n"
        << QStringList{"concurrent.futures", "concurrent.futures.ThreadPoolExecutor"}
        << QStringList{"concurrent.futures.ThreadPoolExecutor"};
    QTest::newRow("dotted import") << "import os.path\nos.path.join('a')\n"
                                   << QStringList{"os.path"} << QStringList{"os.path.join"};
    QTest::newRow("dotted import as") << "import os.path as osp\nosp.join('a')\n"
                                      << QStringList{"os.path"} << QStringList{"os.path.join"};
    QTest::newRow("unknown names as written")
        << "pool.map(f, xs)\nprint(len(xs))\n"
        << QStringList{} << QStringList{"pool.map", "print", "len"};
    QTest::newRow("call before its import")
        << "def f():\n    return th.Thread()\nimport threading as th\n"
        << QStringList{"threading"} << QStringList{"threading.Thread"};
    QTest::newRow("star import stays as written")
        << "from threading import *\nThread()\n"
        << QStringList{"threading"} << QStringList{"Thread"};
    QTest::newRow("relative import ignored") << "from . import helpers\nhelpers.go()\n"
                                             << QStringList{} << QStringList{"helpers.go"};
    QTest::newRow("dynamic import")
        << "import importlib\nimportlib.import_module('threading')\n"
        << QStringList{"importlib", "threading"} << QStringList{"importlib.import_module"};
    QTest::newRow("method on a call result is skipped")
        << "import multiprocessing\nmultiprocessing.Pool(2).map(f, x)\n"
        << QStringList{"multiprocessing"} << QStringList{"multiprocessing.Pool"};
    QTest::newRow("instance of a subclass calls its bases")
        << "import multiprocessing as mp\nclass Base(mp.Process):\n    pass\nclass Worker(Base):\n"
           "    pass\nWorker().start()\n"
        << QStringList{"multiprocessing"}
        << QStringList{"Worker", "Base", "multiprocessing.Process"};
    QTest::newRow("class bases that loop stop")
        << "class A(B):\n    pass\nclass B(A):\n    pass\nA()\n"
        << QStringList{} << QStringList{"A", "B"};
    QTest::newRow("each name once, in source order") << "b()\na()\nb()\n"
                                                     << QStringList{} << QStringList{"b", "a"};
}

void TestPythonAnalyzer::facts()
{
    QFETCH(QString, source);
    QFETCH(QStringList, imports);
    QFETCH(QStringList, calls);

    const SourceFacts facts = PythonAnalyzer::analyze(source, QStringLiteral("solution.py"));
    QVERIFY(!facts.syntaxError);
    QVERIFY2(facts.failure.isEmpty(), qPrintable(facts.failure));
    QCOMPARE(facts.imports, imports);
    QCOMPARE(facts.calls, calls);
}

void TestPythonAnalyzer::fixtures_data()
{
    QTest::addColumn<QString>("file");
    QTest::addColumn<QStringList>("imports");
    QTest::addColumn<QStringList>("calls");
    QTest::addColumn<QStringList>("functions");
    QTest::addColumn<QStringList>("asyncFunctions");
    QTest::addColumn<bool>("usesAwait");

    QTest::newRow("multiprocessing program")
        << "using_multiprocessing.py" << QStringList{"multiprocessing"}
        << QStringList{"print", "multiprocessing.Process", "range", "process.start", "process.join",
                       "main"}
        << QStringList{"worker", "main"} << QStringList{} << false;
    QTest::newRow("aliases") << "aliases.py" << QStringList{"multiprocessing",
                                                            "os.path",
                                                            "concurrent.futures",
                                                            "concurrent.futures.ThreadPoolExecutor",
                                                            "multiprocessing.Process",
                                                            "multiprocessing.Queue"}
                             << QStringList{"multiprocessing.Process",
                                            "multiprocessing.Queue",
                                            "concurrent.futures.ThreadPoolExecutor",
                                            "list",
                                            "pool.map",
                                            "os.path.join",
                                            "helpers.tidy"}
                             << QStringList{"spawn", "run_all"} << QStringList{} << false;
    QTest::newRow("asyncio")
        << "async_fetch.py" << QStringList{"asyncio", "iosim"}
        << QStringList{"iosim.fetch_async", "asyncio.gather",  "fetch_one", "print",
                       "asyncio.run",       "fetch_all_async", "range"}
        << QStringList{"main"} << QStringList{"fetch_one", "fetch_all_async"} << true;
    QTest::newRow("cython: imports only")
        << "example.pyx"
        << QStringList{"numpy", "math", "collections", "collections.OrderedDict",
                       "collections.deque"}
        << QStringList{} << QStringList{} << QStringList{} << false;
}

void TestPythonAnalyzer::fixtures()
{
    QFETCH(QString, file);
    QFETCH(QStringList, imports);
    QFETCH(QStringList, calls);
    QFETCH(QStringList, functions);
    QFETCH(QStringList, asyncFunctions);
    QFETCH(bool, usesAwait);

    const SourceFacts facts = PythonAnalyzer::analyze(fixture(file), file);
    QVERIFY(!facts.syntaxError);
    QVERIFY2(facts.failure.isEmpty(), qPrintable(facts.failure));
    QCOMPARE(facts.imports, imports);
    QCOMPARE(facts.calls, calls);
    QCOMPARE(facts.functions, functions);
    QCOMPARE(facts.asyncFunctions, asyncFunctions);
    QCOMPARE(facts.usesAwait, usesAwait);
}

void TestPythonAnalyzer::cythonImports_data()
{
    QTest::addColumn<QString>("source");
    QTest::addColumn<QStringList>("imports");

    QTest::newRow("import list") << "import a.b as c, d\n" << QStringList{"a.b", "d"};
    QTest::newRow("from import") << "from a.b import (c, d as e)\n"
                                 << QStringList{"a.b", "a.b.c", "a.b.d"};
    QTest::newRow("indented") << "def f():\n    import threading\n" << QStringList{"threading"};
    QTest::newRow("cimport ignored") << "cimport numpy\nfrom libc.math cimport sqrt\n"
                                     << QStringList{};
    QTest::newRow("relative ignored") << "from . import helpers\n" << QStringList{};
    QTest::newRow("comment ignored") << "# import os\nx = 1  # import sys\n" << QStringList{};
    QTest::newRow("star") << "from math import *\n" << QStringList{"math"};
    QTest::newRow("not valid Python, no syntax error") << "cdef int x = 1\nimport os\n"
                                                       << QStringList{"os"};
}

void TestPythonAnalyzer::cythonImports()
{
    QFETCH(QString, source);
    QFETCH(QStringList, imports);

    const SourceFacts facts = PythonAnalyzer::analyze(source, QStringLiteral("example.pyx"));
    QVERIFY(!facts.syntaxError);
    QVERIFY(facts.failure.isEmpty());
    QCOMPARE(facts.imports, imports);
    QVERIFY(facts.calls.isEmpty());
}

void TestPythonAnalyzer::emptySource()
{
    const SourceFacts facts = PythonAnalyzer::analyze(QString(), QStringLiteral("solution.py"));
    QVERIFY(!facts.syntaxError);
    QVERIFY(facts.failure.isEmpty());
    QVERIFY(facts.imports.isEmpty());
    QVERIFY(facts.calls.isEmpty());
    QVERIFY(facts.functions.isEmpty());
    QVERIFY(!facts.usesAwait);
}

QTEST_GUILESS_MAIN(TestPythonAnalyzer)
#include "TestPythonAnalyzer.moc"
