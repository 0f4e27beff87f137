#include "analysis/PythonAnalyzer.h"

#include <QList>
#include <QRandomGenerator>
#include <QTest>
#include <QThread>

#include <atomic>
#include <memory>

using namespace Unlocked;

// Sources written to break a parser. Each must come back as a syntax issue or a failure (or as
// plain facts when Python accepts it), never as a crash, and the analyzer must work afterwards.
class TestAnalyzerHostile : public QObject
{
    Q_OBJECT

public:
    enum class Expect
    {
        Facts,
        Syntax,
        Failure
    };
    Q_ENUM(Expect)

private:
    static QString repeated(const QString &head, const QString &unit, int count,
                            const QString &tail = {})
    {
        QString out = head;
        out.reserve(head.size() + unit.size() * count + tail.size());
        for (int i = 0; i < count; ++i)
            out += unit;
        return out + tail;
    }

    static void verifyStillWorks()
    {
        const SourceFacts facts =
            PythonAnalyzer::analyze(QStringLiteral("import threading\n"), QStringLiteral("a.py"));
        QVERIFY(!facts.syntaxError);
        QVERIFY(facts.failure.isEmpty());
        QCOMPARE(facts.imports, QStringList{QStringLiteral("threading")});
    }

private Q_SLOTS:
    void hostile_data();
    void hostile();
    void nulByte();
    void loneSurrogate();
    void manyThreadsAtOnce();
};

void TestAnalyzerHostile::hostile_data()
{
    QTest::addColumn<QString>("source");
    QTest::addColumn<Expect>("expect");
    QTest::addColumn<QString>("says"); // part of the syntax message or the failure
    QTest::addColumn<int>("line");     // of the syntax error

    // 2 million terms, 4 MB: refused for its size before Python sees it.
    QTest::newRow("4 MB sum") << repeated(QStringLiteral("x = 1"), QStringLiteral("+1"), 2'000'000,
                                          QStringLiteral("\n"))
                              << Expect::Failure << "too large" << 1;
    // Under the size limit, so Python's parser itself gives up.
    QTest::newRow("250k-term sum")
        << repeated(QStringLiteral("x = 1"), QStringLiteral("+1"), 250'000) << Expect::Failure
        << "too deeply nested" << 1;
    QTest::newRow("200k calls") << repeated(QStringLiteral("x = f"), QStringLiteral("()"), 200'000)
                                << Expect::Failure << "too deeply nested" << 1;
    QTest::newRow("100k not") << repeated(QStringLiteral("x = "), QStringLiteral("not "), 100'000,
                                          QStringLiteral("1"))
                              << Expect::Failure << "too deeply nested" << 1;
    QTest::newRow("100k unary minus")
        << repeated(QStringLiteral("x = "), QStringLiteral("-"), 100'000, QStringLiteral("1"))
        << Expect::Failure << "too deeply nested" << 1;
    QTest::newRow("100k parentheses")
        << repeated(QStringLiteral("x = "), QStringLiteral("("), 100'000,
                    QStringLiteral("1") + QString(100'000, u')'))
        << Expect::Syntax << "too many nested parentheses" << 1;
    QTest::newRow("100k brackets") << repeated(QStringLiteral("x = "), QStringLiteral("["), 100'000)
                                   << Expect::Syntax << "too many nested parentheses" << 1;
    QString indented;
    for (int depth = 0; depth < 120; ++depth)
        indented += QString(depth, u' ') + QStringLiteral("if x:\n");
    indented += QString(120, u' ') + QStringLiteral("pass\n");
    // Python allows 100 levels; line 101 opens the 101st.
    QTest::newRow("120 indentation levels")
        << indented << Expect::Syntax << "too many levels of indentation" << 101;
    QTest::newRow("long but valid line")
        << QStringLiteral("s = '") + QString(500'000, u'a') + QStringLiteral("'\n") << Expect::Facts
        << QString() << 1;
    QTest::newRow("huge int literal")
        << QStringLiteral("x = ") + QString(100'000, u'9') + QStringLiteral("\n") << Expect::Syntax
        << "integer string conversion" << 1;
    QString elifs = QStringLiteral("if x == 0:\n    pass\n");
    for (int i = 1; i < 1500; ++i)
        elifs += QStringLiteral("elif x == %1:\n    pass\n").arg(i);
    // python3 runs this file, so it must be analysed, not called too deep.
    QTest::newRow("1500-branch elif chain") << elifs << Expect::Facts << QString() << 1;
    // python3 refuses this one ("maximum recursion depth exceeded during compilation").
    QTest::newRow("3000-term sum") << repeated(QStringLiteral("x = 1"), QStringLiteral("+1"), 3000)
                                   << Expect::Failure << "too deeply nested" << 1;
    QTest::newRow("constant folding bomb") << "x = 'a' * 10**12\ny = 2 ** 10**10\n"
                                           << Expect::Facts << QString() << 1;
}

void TestAnalyzerHostile::hostile()
{
    QFETCH(QString, source);
    QFETCH(Expect, expect);
    QFETCH(QString, says);
    QFETCH(int, line);

    const SourceFacts facts = PythonAnalyzer::analyze(source, QStringLiteral("solution.py"));
    switch (expect) {
    case Expect::Facts:
        QVERIFY(!facts.syntaxError);
        QVERIFY2(facts.failure.isEmpty(), qPrintable(facts.failure));
        break;
    case Expect::Syntax:
        QVERIFY2(facts.failure.isEmpty(), qPrintable(facts.failure));
        QVERIFY(facts.syntaxError);
        QVERIFY2(facts.syntaxError->message.contains(says), qPrintable(facts.syntaxError->message));
        QCOMPARE(facts.syntaxError->line, line);
        break;
    case Expect::Failure:
        QVERIFY(!facts.syntaxError);
        QVERIFY2(facts.failure.contains(says), qPrintable(facts.failure));
        QVERIFY(!facts.internalError);
        break;
    }
    verifyStillWorks();
}

void TestAnalyzerHostile::nulByte()
{
    const QString source =
        QStringLiteral("a = 1\nb = 2") + QChar(u'\0') + QStringLiteral("\nc = 3\n");
    const SourceFacts facts = PythonAnalyzer::analyze(source, QStringLiteral("solution.py"));
    QVERIFY(facts.failure.isEmpty());
    QVERIFY(facts.syntaxError);
    QVERIFY2(facts.syntaxError->message.contains(QLatin1String("null bytes")),
             qPrintable(facts.syntaxError->message));
    QCOMPARE(facts.syntaxError->line, 2);
    QCOMPARE(facts.syntaxError->column, 6);
}

void TestAnalyzerHostile::loneSurrogate()
{
    // A high surrogate with no partner inside a string literal, and one in code.
    const QString inString =
        QStringLiteral("import os\ns = '") + QChar(0xD800) + QStringLiteral("'\n");
    const SourceFacts stringFacts =
        PythonAnalyzer::analyze(inString, QStringLiteral("solution.py"));
    QVERIFY(!stringFacts.syntaxError);
    QVERIFY(stringFacts.failure.isEmpty());
    QCOMPARE(stringFacts.imports, QStringList{QStringLiteral("os")});

    const QString inCode = QStringLiteral("x = 1 ") + QChar(0xDC00) + QStringLiteral("\n");
    const SourceFacts codeFacts = PythonAnalyzer::analyze(inCode, QStringLiteral("solution.py"));
    QVERIFY(codeFacts.syntaxError);
    QCOMPARE(codeFacts.syntaxError->line, 1);
    verifyStillWorks();
}

void TestAnalyzerHostile::manyThreadsAtOnce()
{
    constexpr int kThreads = 6;
    constexpr int kRounds = 25;
    std::atomic<int> wrong{0};
    std::atomic<int> done{0};
    QList<QThread *> threads;
    for (int t = 0; t < kThreads; ++t) {
        threads.append(QThread::create([t, &wrong, &done] {
            for (int round = 0; round < kRounds; ++round) {
                // Each source names its own thread and round, so a mixed-up answer shows.
                const QString name = QStringLiteral("f_%1_%2").arg(t).arg(round);
                QString source =
                    QStringLiteral("import mod_%1\ndef %2():\n    mod_%1.go()\n").arg(t).arg(name);
                if (round % 5 == 4)
                    source += QStringLiteral("x = (\n"); // a syntax error on line 4
                const SourceFacts facts = PythonAnalyzer::analyze(source, QStringLiteral("s.py"));
                const bool ok =
                    round % 5 == 4
                        ? facts.syntaxError && facts.syntaxError->line == 4
                        : !facts.syntaxError && facts.functions == QStringList{name} &&
                              facts.calls == QStringList{QStringLiteral("mod_%1.go").arg(t)};
                if (!ok)
                    ++wrong;
                ++done;
            }
        }));
    }
    for (QThread *thread : threads)
        thread->start();
    for (QThread *thread : threads) {
        QVERIFY(thread->wait(QDeadlineTimer(240'000)));
        delete thread;
    }
    QCOMPARE(done.load(), kThreads * kRounds);
    QCOMPARE(wrong.load(), 0);
}

QTEST_GUILESS_MAIN(TestAnalyzerHostile)
#include "TestAnalyzerHostile.moc"
