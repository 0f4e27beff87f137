#include "pack/PackLoader.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonObject>
#include <QDirIterator>
#include <QRandomGenerator>
#include <QTemporaryDir>
#include <QTest>

using namespace Unlocked;

class TestPackLoader : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void goodPackManifest();
    void goodPackQuiz();
    void goodFunctionTask();
    void goodProgramTask();
    void variety();
    void missingFolder();
    void oneTaskReadsOnlyThatTask();
    void brokenCorpusIsComplete();
    void errorsInFileOrder();
    void damagedFiles_data();
    void damagedFiles();
    void broken_data();
    void broken();
};

static QString packDir(const QString &name)
{
    return QStringLiteral(UNLOCKED_TEST_DATA "/packs/") + name;
}

static Pack loadGood()
{
    const PackLoadResult result = PackLoader::load(packDir(QStringLiteral("good")));
    for (const PackError &e : result.errors)
        qWarning().noquote() << e.toString();
    if (!result.pack)
        qFatal("the good pack did not load");
    return *result.pack;
}

void TestPackLoader::goodPackManifest()
{
    const PackLoadResult result = PackLoader::load(packDir(QStringLiteral("good")));
    QVERIFY(result.errors.isEmpty());
    QVERIFY(result.pack.has_value());
    const Pack &pack = *result.pack;
    QCOMPARE(pack.dir, QDir::cleanPath(packDir(QStringLiteral("good"))));
    QCOMPARE(pack.id, QStringLiteral("good"));
    QCOMPARE(pack.title, QStringLiteral("A Good Pack"));
    QCOMPARE(pack.description, QStringLiteral("Two lessons, two tasks and a quiz."));
    QCOMPARE(pack.lessons.size(), 2);

    const Lesson &basics = pack.lessons[0];
    QCOMPARE(basics.id, QStringLiteral("basics"));
    QCOMPARE(basics.title, QStringLiteral("Processes"));
    QCOMPARE(basics.path, pack.dir + QStringLiteral("/lessons/01-basics.md"));
    QVERIFY(basics.markdown.startsWith(QStringLiteral("# Processes\n")));
    QVERIFY(basics.markdown.contains(QStringLiteral("interpreter — and"))); // UTF-8 kept
    QCOMPARE(basics.taskIds, QStringList{QStringLiteral("hello-workers")});
    QVERIFY(basics.unlockAfter.isEmpty()); // the first lesson is open
    QCOMPARE(basics.where.file, pack.dir + QStringLiteral("/course.yaml"));
    QCOMPARE(basics.where.line, 5);
    QCOMPARE(basics.where.column, 5);

    const Lesson &parallel = pack.lessons[1];
    QCOMPARE(parallel.id, QStringLiteral("parallel"));
    QCOMPARE(parallel.taskIds, QStringList{QStringLiteral("count-primes")});
    QCOMPARE(parallel.unlockAfter, QStringList{QStringLiteral("basics")}); // the default
    QVERIFY(!parallel.quiz.has_value());
    QCOMPARE(parallel.where.line, 10);

    QCOMPARE(pack.tasks.size(), 2);
    QVERIFY(pack.lesson(QStringLiteral("parallel")) == &pack.lessons[1]);
    QVERIFY(pack.task(QStringLiteral("count-primes")));
    QCOMPARE(pack.task(QStringLiteral("count-primes"))->lessonId, QStringLiteral("parallel"));
    QCOMPARE(pack.task(QStringLiteral("hello-workers"))->lessonId, QStringLiteral("basics"));
}

void TestPackLoader::goodPackQuiz()
{
    const Pack pack = loadGood();
    const Lesson &basics = pack.lessons[0];
    QVERIFY(basics.quiz.has_value());
    const Quiz &quiz = *basics.quiz;
    QCOMPARE(quiz.id, QStringLiteral("basics-quiz"));
    QCOMPARE(quiz.title, QStringLiteral("Processes quiz"));
    QCOMPARE(quiz.where.file, pack.dir + QStringLiteral("/lessons/01-basics.quiz.yaml"));
    QCOMPARE(quiz.where.line, 1);
    QCOMPARE(quiz.questions.size(), 2);

    const QuizQuestion &first = quiz.questions[0];
    QCOMPARE(first.id, QStringLiteral("own-gil"));
    QCOMPARE(first.prompt, QStringLiteral("Does each process have its own GIL?"));
    QVERIFY(!first.multiple);
    QCOMPARE(first.answers.size(), 2);
    QCOMPARE(first.answers[0].text, QStringLiteral("Yes")); // quoted: text, not a boolean
    QVERIFY(first.answers[0].correct);
    QCOMPARE(first.answers[0].explanation,
             QStringLiteral("Each process runs its own interpreter."));
    QVERIFY(!first.answers[1].correct); // `correct` defaults to false

    const QuizQuestion &second = quiz.questions[1];
    QVERIFY(second.multiple);
    QCOMPARE(second.answers.size(), 3);
    QVERIFY(second.answers[0].correct && second.answers[1].correct && !second.answers[2].correct);
}

void TestPackLoader::goodFunctionTask()
{
    const Pack pack = loadGood();
    const Task *task = pack.task(QStringLiteral("count-primes"));
    QVERIFY(task);
    const QString dir = pack.dir + QStringLiteral("/tasks/count-primes");
    QCOMPARE(task->dir, dir);
    QCOMPARE(task->title, QStringLiteral("Count primes in parallel"));
    QCOMPARE(task->kind, TaskKind::Function);
    QCOMPARE(task->entry, QStringLiteral("count_primes"));
    QCOMPARE(task->solutionFile, QStringLiteral("solution.py"));
    QCOMPARE(task->moduleName(), QStringLiteral("solution"));
    QVERIFY(!task->isCython());
    QCOMPARE(task->statement, QStringLiteral("Write `count_primes(limits)`.\n"));
    QCOMPARE(task->starterPath, dir + QStringLiteral("/starter.py"));
    QCOMPARE(task->referencePath, dir + QStringLiteral("/reference.py"));
    QCOMPARE(task->baselinePath, dir + QStringLiteral("/baseline.py")); // found by its default name
    QVERIFY(task->required);
    QCOMPARE(task->hints, (QStringList{QStringLiteral("Use a Pool."),
                                       QStringLiteral("Pool.map over the limits.")}));
    QCOMPARE(task->where.file, dir + QStringLiteral("/task.yaml"));
    QCOMPARE(task->where.line, 1);

    QCOMPARE(task->limits.cpuSeconds, 30.0);
    QCOMPARE(task->limits.wallSeconds, 12.5);
    QCOMPARE(task->limits.memoryBytes, 512ll << 20);
    QCOMPARE(task->limits.processes, 16);
    QCOMPARE(task->limits.outputBytes, 8ll << 10);
    QCOMPARE(task->limits.openFiles, Limits().openFiles); // not set: the default
    QCOMPARE(task->limits.fileSizeBytes, Limits().fileSizeBytes);

    QCOMPARE(task->cases.size(), 3);
    QCOMPARE(task->cases[0].args, (QJsonArray{QJsonArray{10, 100}}));
    QVERIFY(task->cases[0].expected.has_value());
    QCOMPARE(*task->cases[0].expected, QJsonValue(QJsonArray{4, 25}));
    QVERIFY(!task->cases[1].expected.has_value()); // computed from the reference
    QCOMPARE(task->cases[1].where.line, 3);
    // Hidden unless marked: Run calls the entry point on the visible case only.
    QVERIFY(!task->cases[0].visible);
    QVERIFY(task->cases[1].visible);
    QVERIFY(!task->cases[2].visible);
    QCOMPARE(task->visibleArguments(), (QList<QJsonArray>{QJsonArray{QJsonArray{2}}}));
    const QJsonArray mixed = task->cases[2].args;
    QCOMPARE(mixed.size(), 5);
    QCOMPARE(mixed[0].toDouble(), 3.5);
    QCOMPARE(mixed[1].toString(), QStringLiteral("text"));
    QVERIFY(mixed[2].isBool() && mixed[2].toBool());
    QVERIFY(mixed[3].isNull());
    QCOMPARE(mixed[4].toInteger(), 9007199254740993ll); // beyond a double's exact integers
    const QJsonObject expected = task->cases[2].expected->toObject();
    QCOMPARE(expected.value(QStringLiteral("total")).toDouble(), 1.25);
    QCOMPARE(expected.value(QStringLiteral("names")).toArray(),
             (QJsonArray{QStringLiteral("a"), QStringLiteral("b")}));
    QVERIFY(expected.value(QStringLiteral("flag")).isBool());
    QVERIFY(expected.value(QStringLiteral("none")).isNull());

    QCOMPARE(task->checks.size(), 2);
    const CheckSpec &cases = task->checks[0];
    QCOMPARE(cases.kind, CheckKind::Cases);
    QCOMPARE(cases.name, QStringLiteral("Hidden cases"));
    QCOMPARE(cases.tolerance, 1e-9);
    QCOMPARE(cases.where.line, 14);
    QCOMPARE(cases.where.column, 5);
    const CheckSpec &speedup = task->checks[1];
    QCOMPARE(speedup.kind, CheckKind::ParallelSpeedup);
    QCOMPARE(speedup.name, QStringLiteral("Faster on every core"));
    QCOMPARE(speedup.workload, (QJsonArray{QJsonArray{3000000, 3000000, 3000000, 3000000}}));
    QCOMPARE(speedup.target, 0.6);
    QCOMPARE(speedup.maxWorkers, 4);
    QCOMPARE(speedup.budgetSeconds, 15.0);
    QVERIFY(speedup.workload[0].toArray()[0].isDouble());
}

void TestPackLoader::goodProgramTask()
{
    const Pack pack = loadGood();
    const Task *task = pack.task(QStringLiteral("hello-workers"));
    QVERIFY(task);
    QCOMPARE(task->kind, TaskKind::Program);
    QVERIFY(task->entry.isEmpty());
    QVERIFY(!task->required);
    QVERIFY(task->baselinePath.isEmpty());
    QVERIFY(task->cases.isEmpty());
    QCOMPARE(task->limits.cpuSeconds, Limits().cpuSeconds);
    QCOMPARE(task->checks.size(), 2);

    const CheckSpec &output = task->checks[0];
    QCOMPARE(output.kind, CheckKind::Output);
    QCOMPARE(output.name, QStringLiteral("Program output"));
    QCOMPARE(output.expectedLines,
             (QStringList{QStringLiteral("Worker: 0"), QStringLiteral("Worker: 1")}));
    QVERIFY(output.anyOrder);

    const CheckSpec &stat = task->checks[1];
    QCOMPARE(stat.kind, CheckKind::Static);
    QCOMPARE(stat.name, QStringLiteral("Static checks"));
    QCOMPARE(stat.require.size(), 2);
    QCOMPARE(stat.require[0].kind, StaticRule::Kind::Call);
    QCOMPARE(stat.require[0].names, QStringList{QStringLiteral("multiprocessing.Process")});
    QCOMPARE(stat.require[0].message,
             QStringLiteral("Start each worker with multiprocessing.Process."));
    QCOMPARE(stat.require[1].kind, StaticRule::Kind::Define);
    QCOMPARE(stat.require[1].names, QStringList{QStringLiteral("main")});
    QVERIFY(stat.require[1].message.isEmpty());
    QCOMPARE(stat.forbid.size(), 2);
    QCOMPARE(stat.forbid[0].kind, StaticRule::Kind::Import);
    QCOMPARE(stat.forbid[0].names, QStringList{QStringLiteral("threading")});
    QCOMPARE(stat.forbid[1].kind, StaticRule::Kind::Await);
    QVERIFY(stat.forbid[1].names.isEmpty());
}

// The less common keys and the defaults that depend on them.
void TestPackLoader::variety()
{
    const PackLoadResult result = PackLoader::load(packDir(QStringLiteral("variety")));
    QVERIFY(result.errors.isEmpty());
    const Pack &pack = *result.pack;
    QCOMPARE(pack.lessons.size(), 3);
    QVERIFY(pack.lessons[0].unlockAfter.isEmpty());
    QVERIFY(pack.lessons[1].unlockAfter.isEmpty()); // `unlock_after: []` opens a later lesson
    QCOMPARE(pack.lessons[2].unlockAfter,
             (QStringList{QStringLiteral("native"), QStringLiteral("asyncio")}));
    QVERIFY(pack.lessons[2].taskIds.isEmpty());

    const Quiz &quiz = *pack.lessons[1].quiz;
    QCOMPARE(quiz.id, QStringLiteral("asyncio-quiz")); // defaults: the lesson's id and title
    QCOMPARE(quiz.title, QStringLiteral("asyncio"));

    const Task *cython = pack.task(QStringLiteral("cython-sum"));
    QVERIFY(cython);
    const QString cdir = pack.dir + QStringLiteral("/tasks/cython-sum");
    QCOMPARE(cython->solutionFile, QStringLiteral("example.pyx"));
    QVERIFY(cython->isCython());
    QCOMPARE(cython->moduleName(), QStringLiteral("example"));
    QCOMPARE(cython->starterPath, cdir + QStringLiteral("/starter.pyx"));
    QCOMPARE(cython->referencePath, cdir + QStringLiteral("/reference.pyx"));
    QCOMPARE(cython->baselinePath, cdir + QStringLiteral("/baseline.py"));
    QCOMPARE(cython->statement, QStringLiteral("Write `compute(n)` in Cython.\n"));
    QVERIFY(cython->cases.isEmpty());
    QCOMPARE(cython->checks.size(), 1);
    QCOMPARE(cython->checks[0].kind, CheckKind::SingleCoreSpeedup);
    QCOMPARE(cython->checks[0].name, QStringLiteral("Single-core speedup"));
    QCOMPARE(cython->checks[0].target, 5.0);
    QCOMPARE(cython->checks[0].workload, QJsonArray{10000000});
    QCOMPARE(cython->checks[0].budgetSeconds, 0.0);

    const Task *fetch = pack.task(QStringLiteral("fetch-async"));
    QVERIFY(fetch);
    QCOMPARE(fetch->baselinePath, pack.dir + QStringLiteral("/tasks/fetch-async/slow.py"));
    QCOMPARE(fetch->cases.size(), 2);
    QCOMPARE(*fetch->cases[1].expected, QJsonValue(QJsonArray{}));
    QCOMPARE(fetch->checks.size(), 3);
    QCOMPARE(fetch->checks[0].name, QStringLiteral("Same results, same order"));
    QCOMPARE(fetch->checks[0].tolerance, 0.0);
    const CheckSpec &concurrency = fetch->checks[1];
    QCOMPARE(concurrency.kind, CheckKind::Concurrency);
    QCOMPARE(concurrency.name, QStringLiteral("Concurrency"));
    QCOMPARE(concurrency.waitSeconds, 1.0);
    QCOMPARE(concurrency.target, 0.5);
    QCOMPARE(concurrency.budgetSeconds, 10.0);
    QCOMPARE(concurrency.workload[0].toArray().size(), 10);
    const CheckSpec &stat = fetch->checks[2];
    QCOMPARE(stat.require.size(), 2);
    QCOMPARE(stat.require[0].kind, StaticRule::Kind::AsyncDefine);
    QCOMPARE(stat.require[0].names, QStringList{QStringLiteral("fetch_all_async")});
    QCOMPARE(stat.require[1].kind, StaticRule::Kind::Await);
    QCOMPARE(stat.require[1].message, QStringLiteral("Await the fetches."));
    QCOMPARE(stat.forbid.size(), 2);
    QCOMPARE(stat.forbid[1].kind, StaticRule::Kind::Attribute);
    QCOMPARE(stat.forbid[1].names,
             (QStringList{QStringLiteral("to_thread"), QStringLiteral("run_in_executor")}));
}

void TestPackLoader::missingFolder()
{
    const QString dir = packDir(QStringLiteral("no-such-pack"));
    const PackLoadResult result = PackLoader::load(dir);
    QVERIFY(!result.pack.has_value());
    QCOMPARE(result.errors.size(), 1);
    QCOMPARE(result.errors[0].toString(), dir + QStringLiteral(": the pack folder does not exist"));
}

static bool copyTree(const QString &from, const QString &to)
{
    QDirIterator it(from, QDir::Files, QDirIterator::Subdirectories);
    while (it.hasNext()) {
        const QString source = it.next();
        const QString target = to + source.mid(from.size());
        if (!QDir().mkpath(QFileInfo(target).path()) || !QFile::copy(source, target))
            return false;
    }
    return true;
}

// Grading one task must not depend on (or pay for) the rest of the pack: with the other task
// and the quiz broken, that task still loads, and a broken asked-for task is still reported.
void TestPackLoader::oneTaskReadsOnlyThatTask()
{
    QTemporaryDir tmp;
    QVERIFY(tmp.isValid());
    const QString dir = QDir::cleanPath(tmp.path());
    QVERIFY(copyTree(packDir(QStringLiteral("good")), dir));
    for (const char *file : {"/tasks/count-primes/task.yaml", "/lessons/01-basics.quiz.yaml"}) {
        QFile damaged(dir + QLatin1String(file));
        QVERIFY(damaged.open(QIODevice::WriteOnly | QIODevice::Truncate));
        damaged.write("checks: [unclosed\n");
    }
    QVERIFY(!PackLoader::load(dir).pack.has_value());

    const PackLoadResult one = PackLoader::loadTask(dir, QStringLiteral("hello-workers"));
    QVERIFY(one.errors.isEmpty());
    QVERIFY(one.pack.has_value());
    QCOMPARE(one.pack->tasks.size(), 1);
    QVERIFY(one.pack->task(QStringLiteral("hello-workers")));
    QCOMPARE(one.pack->lessons.size(), 2); // the manifest, for unlock rules and lesson ids
    QCOMPARE(one.pack->task(QStringLiteral("hello-workers"))->lessonId, QStringLiteral("basics"));

    const PackLoadResult broken = PackLoader::loadTask(dir, QStringLiteral("count-primes"));
    QVERIFY(!broken.pack.has_value());
    QVERIFY(!broken.errors.isEmpty());
    for (const PackError &error : broken.errors)
        QVERIFY2(error.where.file.endsWith(QLatin1String("tasks/count-primes/task.yaml")),
                 qPrintable(error.toString()));
}

void TestPackLoader::damagedFiles_data()
{
    QTest::addColumn<QString>("file");
    for (const char *file :
         {"course.yaml", "lessons/01-basics.quiz.yaml", "tasks/count-primes/task.yaml",
          "tasks/count-primes/cases.yaml", "tasks/hello-workers/task.yaml"})
        QTest::addRow("%s", file) << QString::fromLatin1(file);
}

// Every prefix of a pack file, and random byte changes, load without a crash and either give a
// pack or errors that each name a file of the pack.
void TestPackLoader::damagedFiles()
{
    QFETCH(QString, file);
    QTemporaryDir tmp;
    QVERIFY(tmp.isValid());
    const QString dir = QDir::cleanPath(tmp.path());
    QVERIFY(copyTree(packDir(QStringLiteral("good")), dir));
    QFile original(dir + QLatin1Char('/') + file);
    QVERIFY(original.open(QIODevice::ReadOnly));
    const QByteArray bytes = original.readAll();
    original.close();

    QList<QByteArray> variants;
    for (qsizetype cut = 0; cut < bytes.size(); cut += 3)
        variants.append(bytes.left(cut));
    QRandomGenerator random(42);
    const QByteArray noise = QByteArrayLiteral(":-[]{}&*!|>'\"#\t\n ?,%@`\xff");
    for (int i = 0; i < 200; ++i) {
        QByteArray changed = bytes;
        changed[random.bounded(int(changed.size()))] = noise[random.bounded(int(noise.size()))];
        variants.append(changed);
    }
    int failures = 0;
    for (const QByteArray &variant : std::as_const(variants)) {
        QFile out(original.fileName());
        QVERIFY(out.open(QIODevice::WriteOnly | QIODevice::Truncate));
        out.write(variant);
        out.close();
        const PackLoadResult result = PackLoader::load(dir);
        QVERIFY(result.pack.has_value() != !result.errors.isEmpty());
        for (const PackError &error : result.errors) {
            QVERIFY2(error.where.file.startsWith(dir + QLatin1Char('/')),
                     qPrintable(error.toString()));
            QVERIFY(!error.message.isEmpty());
        }
        failures += result.errors.isEmpty() ? 0 : 1;
    }
    QVERIFY(failures > 0); // the damage was seen at least once
}

static QString brokenRoot()
{
    return packDir(QStringLiteral("broken"));
}

void TestPackLoader::brokenCorpusIsComplete()
{
    const QStringList names = QDir(brokenRoot()).entryList(QDir::Dirs | QDir::NoDotAndDotDot);
    QVERIFY2(names.size() >= 20, qPrintable(QString::number(names.size())));
}

// One row per folder under broken/. Its `expected-error` lists every error of the load, one a
// line in any order, with the pack folder's path and the '/' after it removed.
void TestPackLoader::errorsInFileOrder()
{
    const PackLoadResult result = PackLoader::load(brokenRoot() + QStringLiteral("/many-errors"));
    QCOMPARE(result.errors.size(), 6);
    for (qsizetype i = 1; i < result.errors.size(); ++i) {
        const SourceLocation &a = result.errors[i - 1].where;
        const SourceLocation &b = result.errors[i].where;
        QVERIFY2(a.file < b.file || (a.file == b.file && a.line <= b.line),
                 qPrintable(result.errors[i].toString()));
    }
}

void TestPackLoader::broken_data()
{
    QTest::addColumn<QString>("dir");
    const QDir root(brokenRoot());
    const QStringList names = root.entryList(QDir::Dirs | QDir::NoDotAndDotDot, QDir::Name);
    for (const QString &name : names)
        QTest::addRow("%s", qPrintable(name)) << root.filePath(name);
}

void TestPackLoader::broken()
{
    QFETCH(QString, dir);
    QFile file(dir + QStringLiteral("/expected-error"));
    QVERIFY2(file.open(QIODevice::ReadOnly), "no expected-error file");
    QStringList expected =
        QString::fromUtf8(file.readAll()).split(QLatin1Char('\n'), Qt::SkipEmptyParts);
    QVERIFY(!expected.isEmpty());

    const PackLoadResult result = PackLoader::load(dir);
    QVERIFY(!result.pack.has_value());
    QStringList actual;
    const QString prefix = QDir::cleanPath(dir) + QLatin1Char('/');
    for (const PackError &error : result.errors) {
        QVERIFY2(error.where.file.startsWith(prefix), qPrintable(error.toString()));
        actual.append(error.toString().mid(prefix.size()));
    }
    expected.sort();
    actual.sort();
    QCOMPARE(actual, expected);
}

QTEST_GUILESS_MAIN(TestPackLoader)
#include "TestPackLoader.moc"
