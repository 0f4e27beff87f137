#pragma once

#include "pack/Pack.h"

#include <QFile>

#include <memory>

// The fixture course of tests/data/gui/pack, built in code so that the app's tests do not
// depend on the pack loader: three lessons in a chain, one quiz, two required tasks.
inline Unlocked::Pack fixturePack()
{
    using namespace Unlocked;
    const QString dir = QStringLiteral(UNLOCKED_TEST_DATA "/gui/pack");
    auto text = [&](const QString &relative) {
        QFile file(dir + QLatin1Char('/') + relative);
        return file.open(QIODevice::ReadOnly) ? QString::fromUtf8(file.readAll()) : QString();
    };
    Pack pack;
    pack.dir = dir;
    pack.id = QStringLiteral("gui-fixture");
    pack.title = QStringLiteral("Fixture course");
    pack.description = QStringLiteral("A small pack for the desktop app's tests.");

    Lesson threads;
    threads.id = QStringLiteral("threads");
    threads.title = QStringLiteral("Threads and the GIL");
    threads.path = dir + QStringLiteral("/lessons/01-threads.md");
    threads.markdown = text(QStringLiteral("lessons/01-threads.md"));
    threads.taskIds = {QStringLiteral("add-numbers")};
    Quiz quiz;
    quiz.id = QStringLiteral("threads-quiz");
    quiz.title = QStringLiteral("The GIL");
    quiz.questions = {
        {QStringLiteral("what-gil"),
         QStringLiteral("What does the GIL protect?"),
         false,
         {{QStringLiteral("The interpreter's own state"), true,
           QStringLiteral("Reference counts.")},
          {QStringLiteral("Your program's data"), false, QStringLiteral("Updates can be lost.")}}},
        {QStringLiteral("when-threads"),
         QStringLiteral("Which work do threads speed up?"),
         true,
         {{QStringLiteral("Waiting for the network"), true,
           QStringLiteral("Released while waiting.")},
          {QStringLiteral("Pure-Python crunching"), false, QStringLiteral("One at a time.")},
          {QStringLiteral("NumPy calls"), true, QStringLiteral("Native code runs in parallel.")}}},
    };
    threads.quiz = quiz;

    Lesson processes;
    processes.id = QStringLiteral("processes");
    processes.title = QStringLiteral("Processes");
    processes.path = dir + QStringLiteral("/lessons/02-processes.md");
    processes.markdown = text(QStringLiteral("lessons/02-processes.md"));
    processes.taskIds = {QStringLiteral("hello-workers")};
    processes.unlockAfter = {QStringLiteral("threads")};

    Lesson asyncio;
    asyncio.id = QStringLiteral("asyncio");
    asyncio.title = QStringLiteral("Asyncio");
    asyncio.path = dir + QStringLiteral("/lessons/03-asyncio.md");
    asyncio.markdown = text(QStringLiteral("lessons/03-asyncio.md"));
    asyncio.unlockAfter = {QStringLiteral("processes")};
    pack.lessons = {threads, processes, asyncio};

    Task add;
    add.id = QStringLiteral("add-numbers");
    add.title = QStringLiteral("Add two numbers");
    add.lessonId = QStringLiteral("threads");
    add.entry = QStringLiteral("add");
    add.solutionFile = QStringLiteral("solution.py");
    add.dir = dir + QStringLiteral("/tasks/add-numbers");
    add.statement = text(QStringLiteral("tasks/add-numbers/statement.md"));
    add.starterPath = add.dir + QStringLiteral("/starter.py");
    add.referencePath = add.dir + QStringLiteral("/reference.py");
    add.hints = {QStringLiteral("Python has an operator for this."),
                 QStringLiteral("`return a + b`")};
    // Run shows add(1, 2), the visible case; add(-5, 5) stays hidden.
    add.cases = {{QJsonArray{1, 2}, QJsonValue(3), {}, true},
                 {QJsonArray{-5, 5}, std::nullopt, {}, false}};
    CheckSpec cases;
    cases.kind = CheckKind::Cases;
    cases.name = QStringLiteral("cases");
    add.checks = {cases};

    Task hello = add;
    hello.id = QStringLiteral("hello-workers");
    hello.title = QStringLiteral("Hello from workers");
    hello.lessonId = QStringLiteral("processes");
    hello.kind = TaskKind::Program;
    hello.entry.clear();
    hello.dir = dir + QStringLiteral("/tasks/hello-workers");
    hello.statement = text(QStringLiteral("tasks/hello-workers/statement.md"));
    hello.starterPath = hello.dir + QStringLiteral("/starter.py");
    hello.referencePath = hello.dir + QStringLiteral("/reference.py");
    hello.hints = {QStringLiteral("Start each worker with multiprocessing.Process.")};
    hello.cases.clear();
    CheckSpec output;
    output.kind = CheckKind::Output;
    output.name = QStringLiteral("output");
    output.expectedLines = {QStringLiteral("Worker: 0"), QStringLiteral("Worker: 1")};
    output.anyOrder = true;
    hello.checks = {output};
    pack.tasks = {add, hello};
    return pack;
}

inline std::shared_ptr<const Unlocked::Pack> sharedFixturePack()
{
    return std::make_shared<const Unlocked::Pack>(fixturePack());
}
