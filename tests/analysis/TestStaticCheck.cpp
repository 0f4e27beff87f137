#include "analysis/PythonAnalyzer.h"
#include "analysis/StaticCheck.h"

#include <QTest>

using namespace Unlocked;

using Kind = StaticRule::Kind;

class TestStaticCheck : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void rules_data();
    void rules();
    void severalNames_data();
    void severalNames();
    void everyBrokenRuleIsNamed();
    void syntaxCheck_data();
    void syntaxCheck();
    void staticCheckOnBrokenSource();
};

void TestStaticCheck::rules_data()
{
    QTest::addColumn<QString>("source");
    QTest::addColumn<bool>("require"); // false: the rule is a forbid rule
    QTest::addColumn<int>("kind");
    QTest::addColumn<QString>("name");
    QTest::addColumn<QString>("ruleMessage");
    QTest::addColumn<bool>("passes");
    QTest::addColumn<QString>("message");

    const int import = int(Kind::Import), call = int(Kind::Call), define = int(Kind::Define),
              asyncDefine = int(Kind::AsyncDefine), await = int(Kind::Await),
              attribute = int(Kind::Attribute);
    const QString mp =
        QStringLiteral("import multiprocessing as mp\nmp.Process(target=print).start()\n");

    QTest::newRow("require call via alias") << mp << true << call << "multiprocessing.Process"
                                            << "" << true << "";
    QTest::newRow("require call missing")
        << "import multiprocessing\nprint(1)\n"
        << true << call << "multiprocessing.Process"
        << "" << false << "your solution must call multiprocessing.Process";
    QTest::newRow("rule's own message")
        << "print(1)\n"
        << true << call << "multiprocessing.Process"
        << "start five worker processes with multiprocessing.Process" << false
        << "start five worker processes with multiprocessing.Process";
    QTest::newRow("subclass of Process")
        << "import multiprocessing\nclass Worker(multiprocessing.Process):\n"
           "    pass\nWorker().start()\n"
        << true << call << "multiprocessing.Process"
        << "" << true << "";
    QTest::newRow("star import: last component as written")
        << "from multiprocessing import *\nProcess()\n"
        << true << call << "multiprocessing.Process"
        << "" << true << "";
    QTest::newRow("own function is not the library's")
        << "def Process():\n    pass\nProcess()\n"
        << true << call << "multiprocessing.Process"
        << "" << false << "your solution must call multiprocessing.Process";
    QTest::newRow("resolved call does not match by suffix")
        << "import mylib\nmylib.Process()\n"
        << true << call << "multiprocessing.Process"
        << "" << false << "your solution must call multiprocessing.Process";
    QTest::newRow("forbid import") << "import threading\n"
                                   << false << import << "threading"
                                   << "" << false << "your solution must not import threading";
    QTest::newRow("forbid import: submodule counts")
        << "from concurrent.futures import ThreadPoolExecutor\n"
        << false << import << "concurrent"
        << "" << false << "your solution must not import concurrent";
    QTest::newRow("forbid import: prefix is not a submodule") << "import threadingx\n"
                                                              << false << import << "threading"
                                                              << "" << true << "";
    QTest::newRow("forbid import absent") << mp << false << import << "threading"
                                          << "" << true << "";
    QTest::newRow("forbid call") << "from threading import Thread as T\nT()\n"
                                 << false << call << "threading.Thread"
                                 << "" << false << "your solution must not call threading.Thread";
    QTest::newRow("require define") << "def count_primes(limits):\n    return []\n"
                                    << true << define << "count_primes"
                                    << "" << true << "";
    QTest::newRow("require define missing")
        << "def count(limits):\n    return []\n"
        << true << define << "count_primes"
        << "" << false << "your solution must define a function named count_primes";
    QTest::newRow("async def needed, def given")
        << "def fetch_all_async(ids):\n    return []\n"
        << true << asyncDefine << "fetch_all_async"
        << "" << false << "your solution must define fetch_all_async with async def";
    QTest::newRow("require await") << "async def f():\n    await g()\n"
                                   << true << await << ""
                                   << "" << true << "";
    QTest::newRow("require await missing") << "async def f():\n    return 1\n"
                                           << true << await << ""
                                           << "" << false << "your solution must use await";
    QTest::newRow("forbid await") << "async def f():\n    await g()\n"
                                  << false << await << ""
                                  << "" << false << "your solution must not use await";
    // An attribute rule finds a method whatever object it is called on, which a call rule
    // cannot: the loop is a variable, or the result of another call.
    QTest::newRow("attribute of a variable")
        << "import asyncio\nasync def f():\n    loop = asyncio.get_running_loop()\n"
           "    await loop.run_in_executor(None, print)\n"
        << false << attribute << "run_in_executor"
        << "" << false << "your solution must not use run_in_executor";
    QTest::newRow("attribute of a call's result")
        << "import asyncio\nasync def f():\n"
           "    await asyncio.get_running_loop().run_in_executor(None, print)\n"
        << false << attribute << "run_in_executor"
        << "" << false << "your solution must not use run_in_executor";
    QTest::newRow("call rule misses it") << "import asyncio\nasync def f():\n"
                                            "    await asyncio.get_running_loop().run_in_executor("
                                            "None, print)\n"
                                         << false << call << "asyncio.run_in_executor"
                                         << "" << true << "";
    QTest::newRow("attribute named, not called")
        << "import asyncio\noff_loop = asyncio.to_thread\n"
        << false << attribute << "to_thread"
        << "" << false << "your solution must not use to_thread";
    QTest::newRow("attribute imported by name")
        << "from asyncio import to_thread as t\n"
        << false << attribute << "to_thread"
        << "" << false << "your solution must not use to_thread";
    QTest::newRow("attribute in getattr") << "import asyncio\nf = getattr(asyncio, 'to_thread')\n"
                                          << false << attribute << "to_thread"
                                          << "" << false << "your solution must not use to_thread";
    QTest::newRow("getattr's default is not an attribute")
        << "import asyncio\nf = getattr(asyncio, 'sleep', 'to_thread')\n"
        << false << attribute << "to_thread"
        << "" << true << "";
    QTest::newRow("a variable of that name is not an attribute")
        << "to_thread = print\nto_thread(1)\n"
        << false << attribute << "to_thread"
        << "" << true << "";
    QTest::newRow("require attribute") << "import asyncio\nasyncio.gather()\n"
                                       << true << attribute << "gather"
                                       << "" << true << "";
}

void TestStaticCheck::rules()
{
    QFETCH(QString, source);
    QFETCH(bool, require);
    QFETCH(int, kind);
    QFETCH(QString, name);
    QFETCH(QString, ruleMessage);
    QFETCH(bool, passes);
    QFETCH(QString, message);

    CheckSpec spec;
    spec.kind = CheckKind::Static;
    spec.name = QStringLiteral("uses the right tools");
    const StaticRule rule{Kind(kind), name.isEmpty() ? QStringList() : QStringList{name},
                          ruleMessage};
    (require ? spec.require : spec.forbid).append(rule);

    const SourceFacts facts = PythonAnalyzer::analyze(source, QStringLiteral("solution.py"));
    QVERIFY(!facts.syntaxError);
    const CheckResult result = runStaticCheck(spec, facts);
    QCOMPARE(result.name, spec.name);
    QCOMPARE(result.kind, CheckKind::Static);
    QCOMPARE(result.verdict, passes ? Verdict::Passed : Verdict::Failed);
    QCOMPARE(result.message,
             passes ? QStringLiteral("your code is built the way the task asks") : message);
}

// A rule that lists several names is about any of them: required, one is enough; forbidden,
// the message names the ones found.
void TestStaticCheck::severalNames_data()
{
    QTest::addColumn<QString>("source");
    QTest::addColumn<bool>("require");
    QTest::addColumn<int>("kind");
    QTest::addColumn<QStringList>("names");
    QTest::addColumn<bool>("passes");
    QTest::addColumn<QString>("message");

    const int import = int(Kind::Import), call = int(Kind::Call);
    const QStringList threads{"concurrent.futures.ThreadPoolExecutor", "threading.Thread"};
    QTest::newRow("require: the first") << "from concurrent.futures import ThreadPoolExecutor\n"
                                           "ThreadPoolExecutor()\n"
                                        << true << call << threads << true << "";
    QTest::newRow("require: the second") << "import threading\nthreading.Thread().start()\n"
                                         << true << call << threads << true << "";
    QTest::newRow("require: none of them")
        << "import iosim\niosim.fetch(1)\n"
        << true << call << threads << false
        << "your solution must call one of concurrent.futures.ThreadPoolExecutor or "
           "threading.Thread";
    QTest::newRow("require: three named") << "print(1)\n"
                                          << true << import << QStringList{"a", "b", "c"} << false
                                          << "your solution must import one of a, b or c";
    QTest::newRow("forbid: none used")
        << "import threading\n"
        << false << import << QStringList{"multiprocessing", "asyncio"} << true << "";
    QTest::newRow("forbid: only the ones found are named")
        << "import asyncio\nimport multiprocessing.pool\n"
        << false << import << QStringList{"multiprocessing", "subprocess", "asyncio"} << false
        << "your solution must not import multiprocessing or asyncio";
}

void TestStaticCheck::severalNames()
{
    QFETCH(QString, source);
    QFETCH(bool, require);
    QFETCH(int, kind);
    QFETCH(QStringList, names);
    QFETCH(bool, passes);
    QFETCH(QString, message);

    CheckSpec spec;
    spec.kind = CheckKind::Static;
    (require ? spec.require : spec.forbid).append(StaticRule{Kind(kind), names, {}});
    const CheckResult result =
        runStaticCheck(spec, PythonAnalyzer::analyze(source, QStringLiteral("solution.py")));
    QCOMPARE(result.verdict, passes ? Verdict::Passed : Verdict::Failed);
    if (!passes)
        QCOMPARE(result.message, message);
}

void TestStaticCheck::everyBrokenRuleIsNamed()
{
    CheckSpec spec;
    spec.kind = CheckKind::Static;
    spec.require = {{Kind::Call, {QStringLiteral("multiprocessing.Process")}, {}},
                    {Kind::Define, {QStringLiteral("main")}, {}}};
    spec.forbid = {{Kind::Import, {QStringLiteral("threading")}, {}}};
    const SourceFacts facts =
        PythonAnalyzer::analyze(QStringLiteral("import threading\n"), QStringLiteral("s.py"));
    const CheckResult result = runStaticCheck(spec, facts);
    QCOMPARE(result.verdict, Verdict::Failed);
    QCOMPARE(result.message, QStringLiteral("your solution must call multiprocessing.Process; "
                                            "your solution must define a function named main; "
                                            "your solution must not import threading"));
    QCOMPARE(result.detail.count(QLatin1Char('\n')), 2);
}

void TestStaticCheck::syntaxCheck_data()
{
    QTest::addColumn<QString>("source");
    QTest::addColumn<bool>("fails");
    QTest::addColumn<QString>("message");
    QTest::addColumn<int>("line");
    QTest::addColumn<int>("column");

    QTest::newRow("fine") << "x = 1\n" << false << "" << 0 << 0;
    QTest::newRow("missing colon") << "x = 1\ny = 2\nif x > y\n    pass\n"
                                   << true << "line 3, column 9: expected ':'" << 3 << 9;
    QTest::newRow("too deep") << QStringLiteral("x = ") + QString(100'000, u'-') +
                                     QStringLiteral("1")
                              << true << "your file is too deeply nested for Python to read" << 0
                              << 0;
}

void TestStaticCheck::syntaxCheck()
{
    QFETCH(QString, source);
    QFETCH(bool, fails);
    QFETCH(QString, message);
    QFETCH(int, line);
    QFETCH(int, column);

    const std::optional<CheckResult> result =
        Unlocked::syntaxCheck(PythonAnalyzer::analyze(source, QStringLiteral("solution.py")));
    QCOMPARE(result.has_value(), fails);
    if (!fails)
        return;
    QCOMPARE(result->name, QStringLiteral("Python syntax"));
    QCOMPARE(result->verdict, Verdict::Failed);
    QCOMPARE(result->message, message);
    QCOMPARE(result->line, line);
    QCOMPARE(result->column, column);
}

void TestStaticCheck::staticCheckOnBrokenSource()
{
    // Rules cannot be judged on a file Python cannot read; the learner is sent to the error.
    CheckSpec spec;
    spec.forbid = {{Kind::Import, {QStringLiteral("threading")}, {}}};
    const CheckResult result = runStaticCheck(
        spec, PythonAnalyzer::analyze(QStringLiteral("def f(:\n"), QStringLiteral("s.py")));
    QCOMPARE(result.verdict, Verdict::Failed);
    QCOMPARE(result.line, 1);
    QCOMPARE(result.message, QStringLiteral("fix this first: line 1, column 7: invalid syntax"));

    SourceFacts broken;
    broken.failure = QStringLiteral("the Python checker could not start");
    broken.internalError = true;
    QCOMPARE(runStaticCheck(spec, broken).verdict, Verdict::Error);
    QCOMPARE(Unlocked::syntaxCheck(broken)->verdict, Verdict::Error);
}

QTEST_GUILESS_MAIN(TestStaticCheck)
#include "TestStaticCheck.moc"
