#include "check/CorrectnessChecks.h"
#include "check/ValueCompare.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QTest>

using namespace Unlocked;

namespace {

QJsonValue json(const char *text)
{
    return QJsonDocument::fromJson(QByteArray("[") + text + "]").array().first();
}

} // namespace

class TestValueCompare : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void values_data();
    void values();
    void outputLines_data();
    void outputLines();
};

void TestValueCompare::values_data()
{
    QTest::addColumn<QString>("expected");
    QTest::addColumn<QString>("actual");
    QTest::addColumn<double>("tolerance");
    QTest::addColumn<QString>("difference"); // empty: equal; else a substring of the message
    QTest::newRow("equal ints") << "4"
                                << "4" << 0.0 << "";
    QTest::newRow("int vs float equal") << "4"
                                        << "4.0" << 0.0 << "";
    QTest::newRow("different ints") << "4"
                                    << "5" << 0.0 << "expected 4, got 5";
    QTest::newRow("big ints exact") << "4999950000"
                                    << "4999950000" << 0.0 << "";
    QTest::newRow("overflowed sum") << "4999950000"
                                    << "704982704" << 0.0 << "expected 4999950000";
    QTest::newRow("float within tolerance") << "1.0"
                                            << "1.0000000001" << 1e-9 << "";
    QTest::newRow("float outside tolerance") << "1.0"
                                             << "1.01" << 1e-9 << "expected 1";
    QTest::newRow("float exact when no tolerance") << "0.3"
                                                   << "0.30000000000000004" << 0.0 << "expected";
    QTest::newRow("relative tolerance on large") << "1e6"
                                                 << "1000000.0001" << 1e-9 << "";
    QTest::newRow("bool is not int") << "true"
                                     << "1" << 0.0 << "expected a bool";
    QTest::newRow("list length") << "[1, 2, 3]"
                                 << "[1, 2]" << 0.0 << "3 items";
    QTest::newRow("nested position") << "[[0, 1], [1, 0]]"
                                     << "[[0, 1], [1, 2]]" << 0.0 << "at [1][1]";
    QTest::newRow("string vs list") << "\"a\""
                                    << "[\"a\"]" << 0.0 << "expected a string, got a list";
    QTest::newRow("none") << "null"
                          << "null" << 0.0 << "";
    QTest::newRow("unjsonable") << "[1]"
                                << "{\"__unjsonable__\": \"generator\", \"repr\": \"<g>\"}" << 0.0
                                << "got a generator";
}

void TestValueCompare::values()
{
    QFETCH(QString, expected);
    QFETCH(QString, actual);
    QFETCH(double, tolerance);
    QFETCH(QString, difference);
    const QString result =
        compareValues(json(qPrintable(expected)), json(qPrintable(actual)), tolerance);
    if (difference.isEmpty())
        QVERIFY2(result.isEmpty(), qPrintable(result));
    else
        QVERIFY2(result.contains(difference), qPrintable(result));
}

void TestValueCompare::outputLines_data()
{
    QTest::addColumn<QStringList>("expected");
    QTest::addColumn<QString>("output");
    QTest::addColumn<bool>("anyOrder");
    QTest::addColumn<QString>("difference");
    const QStringList workers{"Worker: 0", "Worker: 1", "Worker: 2"};
    QTest::newRow("same order") << workers << "Worker: 0\nWorker: 1\nWorker: 2\n" << false << "";
    QTest::newRow("any order") << workers << "Worker: 2\nWorker: 0\nWorker: 1\n" << true << "";
    QTest::newRow("trailing spaces") << workers << "Worker: 0  \nWorker: 1\nWorker: 2\n\n"
                                     << false << "";
    QTest::newRow("wrong order") << workers << "Worker: 2\nWorker: 0\nWorker: 1\n"
                                 << false << "wrong order";
    QTest::newRow("missing") << workers << "Worker: 0\nWorker: 1\n"
                             << true << "\"Worker: 2\" is missing";
    QTest::newRow("extra") << workers << "Worker: 0\nWorker: 1\nWorker: 2\nhello\n"
                           << true << "unexpected line \"hello\"";
    QTest::newRow("duplicate") << workers << "Worker: 0\nWorker: 1\nWorker: 2\nWorker: 2\n"
                               << true << "expected 3 lines";
}

void TestValueCompare::outputLines()
{
    QFETCH(QStringList, expected);
    QFETCH(QString, output);
    QFETCH(bool, anyOrder);
    QFETCH(QString, difference);
    const QString result = compareOutputLines(expected, output, anyOrder);
    if (difference.isEmpty())
        QVERIFY2(result.isEmpty(), qPrintable(result));
    else
        QVERIFY2(result.contains(difference), qPrintable(result));
}

QTEST_GUILESS_MAIN(TestValueCompare)
#include "TestValueCompare.moc"
