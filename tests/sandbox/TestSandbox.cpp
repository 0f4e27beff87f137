#include "sandbox/CgroupTree.h"
#include "sandbox/Sandbox.h"

#include <QDir>
#include <QFile>
#include <QTemporaryDir>
#include <QTest>

#include <thread>
#include <unistd.h>

using namespace Unlocked;

/** Normal behaviour of the sandbox: exit codes, capture, stdin, streaming, cancel, CPU time. */
class TestSandbox : public QObject
{
    Q_OBJECT

private:
    RunOutcome runPython(const QByteArray &source, Limits limits = smallLimits(),
                         const QByteArray &stdinData = {},
                         Sandbox::Mode mode = Sandbox::Mode::Isolated, QStringList pythonPath = {})
    {
        QTemporaryDir dir;
        QFile file(dir.filePath(QStringLiteral("main.py")));
        if (!file.open(QIODevice::WriteOnly))
            qFatal("cannot write the program");
        file.write(source);
        file.close();
        RunSpec spec;
        spec.workDir = dir.path();
        spec.interpreter = QStringLiteral("/usr/bin/python3");
        spec.arguments = {QStringLiteral("main.py")};
        spec.limits = limits;
        spec.stdinData = stdinData;
        spec.pythonPath = pythonPath;
        return Sandbox(mode).run(spec);
    }

    static Limits smallLimits()
    {
        Limits limits;
        limits.wallSeconds = 20;
        limits.cpuSeconds = 20;
        limits.memoryBytes = 512ll << 20;
        return limits;
    }

private Q_SLOTS:
    void isolationIsAvailable()
    {
        const IsolationSupport support = Sandbox::isolationSupport();
        QVERIFY2(support.available, qPrintable(support.reason));
        const RunOutcome outcome = runPython("print('hi')");
        QVERIFY2(outcome.started, qPrintable(outcome.failure));
        QVERIFY(outcome.isolated);
        QCOMPARE(outcome.out, QByteArray("hi\n"));
        QVERIFY(outcome.succeeded());
    }

    void exitStatus_data()
    {
        QTest::addColumn<QByteArray>("source");
        QTest::addColumn<int>("exitCode");
        QTest::addColumn<int>("signal");
        QTest::newRow("clean") << QByteArray("pass") << 0 << 0;
        QTest::newRow("exit 3") << QByteArray("import sys; sys.exit(3)") << 3 << 0;
        QTest::newRow("exception") << QByteArray("raise ValueError('x')") << 1 << 0;
        QTest::newRow("killed") << QByteArray("import os; os.kill(os.getpid(), 9)") << -1 << 9;
        QTest::newRow("aborted") << QByteArray("import os; os.abort()") << -1 << 6;
    }

    void exitStatus()
    {
        QFETCH(QByteArray, source);
        QFETCH(int, exitCode);
        QFETCH(int, signal);
        const RunOutcome outcome = runPython(source);
        QVERIFY2(outcome.started, qPrintable(outcome.failure));
        QCOMPARE(outcome.exitCode, exitCode);
        QCOMPARE(outcome.signal, signal);
        QCOMPARE(outcome.limit, LimitHit::None);
        QCOMPARE(outcome.succeeded(), exitCode == 0);
    }

    void captureKeepsTheHead()
    {
        Limits limits = smallLimits();
        limits.outputBytes = 1000;
        const RunOutcome outcome = runPython(
            "import sys\nsys.stdout.write('a' * 5000)\nsys.stderr.write('b' * 3000)\n", limits);
        QVERIFY(outcome.succeeded());
        QCOMPARE(outcome.out, QByteArray(1000, 'a'));
        QCOMPARE(outcome.outDropped, 4000);
        QCOMPARE(outcome.err, QByteArray(1000, 'b'));
        QCOMPARE(outcome.errDropped, 2000);
        QCOMPARE(outcome.limit, LimitHit::None);
    }

    void stdinIsFed()
    {
        QByteArray input;
        for (int i = 0; i < 20000; ++i)
            input += QByteArray::number(i) + '\n';
        const RunOutcome outcome =
            runPython("import sys\nprint(sum(int(l) for l in sys.stdin))\n", smallLimits(), input);
        QVERIFY(outcome.succeeded());
        QCOMPARE(outcome.out.trimmed(), QByteArray::number(19999ll * 20000 / 2));
    }

    void noStdinMeansEof()
    {
        const RunOutcome outcome = runPython("import sys\nprint(repr(sys.stdin.read()))\n");
        QVERIFY(outcome.succeeded());
        QCOMPARE(outcome.out, QByteArray("''\n"));
    }

    void streamingDeliversOutputAsItArrives()
    {
        QTemporaryDir dir;
        QFile file(dir.filePath(QStringLiteral("main.py")));
        QVERIFY(file.open(QIODevice::WriteOnly));
        // The program waits for a reply to each line it prints, which the test gives only once
        // the line has arrived: output held back until the end would stall it to the wall limit.
        file.write("import os, sys, time\n"
                   "for i in range(3):\n"
                   "    print(i, flush=True)\n"
                   "    while not os.path.exists(f'seen-{i}'):\n"
                   "        time.sleep(0.01)\n"
                   "print('e', file=sys.stderr)\n");
        file.close();
        RunSpec spec;
        spec.workDir = dir.path();
        spec.interpreter = QStringLiteral("/usr/bin/python3");
        spec.arguments = {QStringLiteral("main.py")};
        spec.limits.wallSeconds = 15;
        QByteArray streamedOut, streamedErr;
        spec.onOutput = [&](OutputStream stream, const QByteArray &data) {
            QByteArray &streamed = stream == OutputStream::Stdout ? streamedOut : streamedErr;
            streamed += data;
            if (stream != OutputStream::Stdout)
                return;
            for (const QByteArray &line : streamed.split('\n'))
                if (!line.isEmpty())
                    QFile(dir.filePath(QStringLiteral("seen-") + QString::fromLatin1(line)))
                        .open(QIODevice::WriteOnly);
        };
        const RunOutcome outcome = Sandbox().run(spec);
        QVERIFY2(outcome.succeeded(), outcome.err.constData());
        QCOMPARE(streamedOut, QByteArray("0\n1\n2\n"));
        QCOMPARE(streamedErr, QByteArray("e\n"));
    }

    void cancelStopsTheTree()
    {
        QTemporaryDir dir;
        QFile file(dir.filePath(QStringLiteral("main.py")));
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write("import os, time\nos.fork()\ntime.sleep(1000)\n");
        file.close();
        RunSpec spec;
        spec.workDir = dir.path();
        spec.interpreter = QStringLiteral("/usr/bin/python3");
        spec.arguments = {QStringLiteral("main.py")};
        std::atomic_bool cancel{false};
        spec.cancel = &cancel;
        std::thread canceller([&] {
            std::this_thread::sleep_for(std::chrono::milliseconds(500));
            cancel = true;
        });
        const RunOutcome outcome = Sandbox().run(spec);
        canceller.join();
        QVERIFY(outcome.started);
        QVERIFY(outcome.cancelled);
        QCOMPARE(outcome.limit, LimitHit::None);
        QVERIFY(!outcome.succeeded()); // and no limit: the cancel, not the wall clock, ended it
    }

    void cpuTimeCountsTheWholeTree()
    {
        const RunOutcome outcome =
            runPython("import multiprocessing as mp, time\n"
                      "def spin(_):\n"
                      "    end = time.process_time() + 0.6\n"
                      "    while time.process_time() < end: pass\n"
                      "if __name__ == '__main__':\n"
                      "    with mp.Pool(2) as pool: pool.map(spin, range(2))\n");
        QVERIFY2(outcome.succeeded(), outcome.err.constData());
        QVERIFY2(outcome.cpuSeconds >= 1.1, qPrintable(QString::number(outcome.cpuSeconds)));
        QVERIFY(outcome.wallSeconds > 0.0);
    }

    void multiprocessingWorks_data()
    {
        QTest::addColumn<QByteArray>("method");
        QTest::newRow("fork") << QByteArray("fork");
        QTest::newRow("forkserver") << QByteArray("forkserver");
        QTest::newRow("spawn") << QByteArray("spawn");
    }

    void multiprocessingWorks()
    {
        QFETCH(QByteArray, method);
        const RunOutcome outcome =
            runPython("import multiprocessing as mp\n"
                      "from concurrent.futures import ProcessPoolExecutor\n"
                      "def square(x): return x * x\n"
                      "if __name__ == '__main__':\n"
                      "    mp.set_start_method('" +
                      method +
                      "')\n"
                      "    with mp.Pool(2) as pool: a = pool.map(square, range(10))\n"
                      "    with ProcessPoolExecutor(2) as ex: b = list(ex.map(square, range(10)))\n"
                      "    q = mp.Queue(); p = mp.Process(target=q.put, args=(7,)); p.start(); c = "
                      "q.get(); p.join()\n"
                      "    print(sum(a), sum(b), c)\n");
        QVERIFY2(outcome.succeeded(), outcome.err.constData());
        QCOMPARE(outcome.out, QByteArray("285 285 7\n"));
    }

    void numpyImports()
    {
        const RunOutcome outcome =
            runPython("import numpy as np\nprint(int(np.arange(10).sum()))\n");
        QVERIFY2(outcome.succeeded(), outcome.err.constData());
        QCOMPARE(outcome.out, QByteArray("45\n"));
    }

    void cythonBuildsInside()
    {
        Limits limits = smallLimits();
        limits.wallSeconds = 60;
        limits.cpuSeconds = 60;
        const RunOutcome outcome = runPython(
            "import subprocess, sys\n"
            "open('example.pyx', 'w').write('def compute(long n):\\n    cdef long s = 0, i\\n"
            "    for i in range(n):\\n        s += i\\n    return s\\n')\n"
            "subprocess.run([sys.executable, '-m', 'Cython.Build.Cythonize', '-3', '-i', "
            "'example.pyx'],"
            " check=True, capture_output=True)\n"
            "import example\nprint(example.compute(10))\n",
            limits);
        QVERIFY2(outcome.succeeded(), outcome.err.constData());
        QCOMPARE(outcome.out, QByteArray("45\n"));
    }

    void viewIsMinimal()
    {
        qputenv("UNLOCKED_TEST_LEAK", "visible");
        const RunOutcome outcome = runPython(
            "import os, socket\n"
            "print(os.getcwd(), os.environ.get('HOME'), os.environ.get('UNLOCKED_TEST_LEAK'))\n"
            "print(os.getuid() != 0 or os.geteuid() != 0)\n"
            "print(sorted(os.listdir('/work')))\n"
            "print(os.path.exists('/root'), os.path.exists('/home'))\n"
            "print(socket.if_nameindex())\n");
        QVERIFY2(outcome.succeeded(), outcome.err.constData());
        const QList<QByteArray> lines = outcome.out.split('\n');
        QCOMPARE(lines.value(0), QByteArray("/work /work None"));
        QCOMPARE(lines.value(1), QByteArray("True"));
        QCOMPARE(lines.value(2), QByteArray("['main.py']"));
        QCOMPARE(lines.value(3), QByteArray("False False"));
        QCOMPARE(lines.value(4), QByteArray("[(1, 'lo')]"));
    }

    void pythonPathIsReadOnlyAndImportable()
    {
        QTemporaryDir parent;
        QVERIFY(QDir(parent.path()).mkdir(QStringLiteral("lib")));
        const QString lib = parent.filePath(QStringLiteral("lib"));
        QFile module(lib + QStringLiteral("/helper.py"));
        QVERIFY(module.open(QIODevice::WriteOnly));
        module.write("VALUE = 42\n");
        module.close();
        QVERIFY(QFile::setPermissions(parent.path(), QFile::ReadOwner | QFile::WriteOwner |
                                                         QFile::ExeOwner | QFile::ExeOther));
        const RunOutcome outcome =
            runPython("import helper, os\nprint(helper.VALUE)\n"
                      "try:\n    open(os.path.join(os.path.dirname(helper.__file__), 'x'), 'w')\n  "
                      "  print('wrote')\n"
                      "except OSError:\n    print('read-only')\n",
                      smallLimits(), {}, Sandbox::Mode::Isolated, {lib});
        QVERIFY2(outcome.succeeded(), outcome.err.constData());
        QCOMPARE(outcome.out, QByteArray("42\nread-only\n"));
        QVERIFY(!QFile::exists(lib + QStringLiteral("/x")));
    }

    void cgroupsLiveExactlyAsLongAsTheRun()
    {
        QStringList parents;
        for (const QString &controller : {QStringLiteral("memory"), QStringLiteral("pids"),
                                          QStringLiteral("cpuacct"), QString()})
            if (!CgroupTree::ownGroup(controller).isEmpty())
                parents.append(CgroupTree::ownGroup(controller));
        const QString prefix = QStringLiteral("unlocked-%1-*").arg(::getpid());
        auto groups = [&] {
            QStringList found;
            for (const QString &parent : parents)
                for (const QString &name : QDir(parent).entryList({prefix}, QDir::Dirs))
                    found.append(parent + QLatin1Char('/') + name);
            return found;
        };
        QTemporaryDir dir;
        RunSpec spec;
        spec.workDir = dir.path();
        spec.interpreter = QStringLiteral("/usr/bin/python3");
        spec.arguments = {QStringLiteral("-c"), QStringLiteral("print('x', flush=True)")};
        QStringList during;
        spec.onOutput = [&](OutputStream, const QByteArray &) { during = groups(); };
        const RunOutcome outcome = Sandbox().run(spec);
        QVERIFY(outcome.succeeded());
        if (::geteuid() != 0 && during.isEmpty())
            QSKIP("no cgroup hierarchy accepts groups from an ordinary user here");
        QVERIFY(!during.isEmpty());
        QVERIFY2(groups().isEmpty(), qPrintable(groups().join(QLatin1Char(' '))));
    }

    void parallelRunsStayApart()
    {
        // Each run sees only its own work directory and its own exit code.
        constexpr int kRuns = 4;
        RunOutcome outcomes[kRuns];
        std::thread threads[kRuns];
        for (int i = 0; i < kRuns; ++i)
            threads[i] = std::thread([this, i, &outcomes] {
                outcomes[i] = runPython(
                    "import os, sys, time\ntime.sleep(0.3)\nprint(os.listdir('.'))\nsys.exit(" +
                    QByteArray::number(10 + i) + ")\n");
            });
        for (std::thread &thread : threads)
            thread.join();
        for (int i = 0; i < kRuns; ++i) {
            QVERIFY2(outcomes[i].started, qPrintable(outcomes[i].failure));
            QCOMPARE(outcomes[i].exitCode, 10 + i);
            QCOMPARE(outcomes[i].out, QByteArray("['main.py']\n"));
        }
    }

    void unisolatedSaysSo()
    {
        const RunOutcome outcome =
            runPython("print(6 * 7)", smallLimits(), {}, Sandbox::Mode::Unisolated);
        QVERIFY2(outcome.succeeded(), qPrintable(outcome.failure + QString::fromUtf8(outcome.err)));
        QVERIFY(!outcome.isolated);
        QCOMPARE(outcome.out, QByteArray("42\n"));
    }

    void unisolatedStillKillsTheTree()
    {
        // Without namespaces only the reaper sees a double-forked daemon; it must not survive.
        QTemporaryDir dir;
        QFile file(dir.filePath(QStringLiteral("main.py")));
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write("import os, signal, time\n"
                   "if os.fork() == 0:\n"
                   "    os.setsid()\n"
                   "    if os.fork() == 0:\n"
                   "        signal.signal(signal.SIGTERM, signal.SIG_IGN)\n"
                   "        open('daemon.pid', 'w').write(str(os.getpid()))\n"
                   "        while True: time.sleep(0.1)\n"
                   "    os._exit(0)\n"
                   "while not os.path.exists('daemon.pid'): time.sleep(0.01)\n");
        file.close();
        RunSpec spec;
        spec.workDir = dir.path();
        spec.interpreter = QStringLiteral("/usr/bin/python3");
        spec.arguments = {QStringLiteral("main.py")};
        const RunOutcome outcome = Sandbox(Sandbox::Mode::Unisolated).run(spec);
        QVERIFY2(outcome.succeeded(), outcome.err.constData());
        QFile pidFile(dir.filePath(QStringLiteral("daemon.pid")));
        QVERIFY(pidFile.open(QIODevice::ReadOnly));
        const QByteArray pid = pidFile.readAll();
        QVERIFY(pid.toInt() > 0);
        QVERIFY2(!QFile::exists(QStringLiteral("/proc/") + QString::fromLatin1(pid)),
                 pid.constData());
    }

    void missingInterpreterDoesNotStart()
    {
        QTemporaryDir dir;
        RunSpec spec;
        spec.workDir = dir.path();
        spec.interpreter = QStringLiteral("/nonexistent/python3");
        const RunOutcome outcome = Sandbox().run(spec);
        QVERIFY(!outcome.started);
        QVERIFY(!outcome.failure.isEmpty());
        QVERIFY(!outcome.succeeded());
    }

    void limitMessagesNameTheLimit_data()
    {
        QTest::addColumn<int>("hit");
        QTest::addColumn<QString>("fragment");
        QTest::newRow("cpu") << int(LimitHit::CpuTime) << QStringLiteral("CPU time");
        QTest::newRow("wall") << int(LimitHit::WallTime) << QStringLiteral("ran for more than");
        QTest::newRow("memory") << int(LimitHit::Memory) << QStringLiteral("1024 MiB of memory");
        QTest::newRow("processes") << int(LimitHit::Processes) << QStringLiteral("64 processes");
        QTest::newRow("file") << int(LimitHit::FileSize) << QStringLiteral("16 MiB");
        QTest::newRow("disk") << int(LimitHit::Disk) << QStringLiteral("64 MiB to disk");
        QTest::newRow("files") << int(LimitHit::OpenFiles) << QStringLiteral("256 files");
        QTest::newRow("output") << int(LimitHit::Output) << QStringLiteral("64 KiB");
    }

    void limitMessagesNameTheLimit()
    {
        QFETCH(int, hit);
        QFETCH(QString, fragment);
        const QString message = limitMessage(LimitHit(hit), Limits());
        QVERIFY2(message.contains(fragment), qPrintable(message));
        QVERIFY(limitMessage(LimitHit::None, Limits()).isEmpty());
    }
};

QTEST_GUILESS_MAIN(TestSandbox)
#include "TestSandbox.moc"
