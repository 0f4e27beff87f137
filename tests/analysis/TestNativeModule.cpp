#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QProcessEnvironment>
#include <QTest>

// Imports the built unlocked_native with the course's Python, the way a learner's solution does.
class TestNativeModule : public QObject
{
    Q_OBJECT

private:
    // Runs `code` with unlocked_native importable; the script prints one JSON object.
    static QJsonObject runPython(const QString &code)
    {
        QProcess python;
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert(QStringLiteral("PYTHONPATH"), QStringLiteral(UNLOCKED_NATIVE_DIR));
        python.setProcessEnvironment(env);
        python.start(QStringLiteral(UNLOCKED_PYTHON), {QStringLiteral("-c"), code});
        if (!python.waitForFinished(60'000) || python.exitCode() != 0) {
            qWarning("%s", python.readAllStandardError().constData());
            return {};
        }
        return QJsonDocument::fromJson(python.readAllStandardOutput()).object();
    }

private Q_SLOTS:
    void bothAgree_data();
    void bothAgree();
    void negativeRaises_data();
    void negativeRaises();
    void documented();
};

void TestNativeModule::bothAgree_data()
{
    QTest::addColumn<qint64>("n");
    QTest::addColumn<QString>("expected"); // as a decimal string: results use all 64 bits

    // Fixed values: the native-threads task compares learners' results across builds.
    QTest::newRow("0") << qint64(0) << "0";
    QTest::newRow("1") << qint64(1) << "3299529292682310743";
    QTest::newRow("10") << qint64(10) << "13443303243031977784";
    QTest::newRow("100000") << qint64(100'000) << "";
}

void TestNativeModule::bothAgree()
{
    QFETCH(qint64, n);
    QFETCH(QString, expected);

    const QJsonObject out = runPython(
        QStringLiteral("import json, unlocked_native as u\n"
                       "a, b, c = u.crunch(%1), u.crunch_holding_gil(%1), u.crunch(n=%1)\n"
                       "print(json.dumps({'released': str(a), 'holding': str(b), 'again': str(c), "
                       "'int': type(a) is int}))\n")
            .arg(n));
    QVERIFY(!out.isEmpty());
    QVERIFY(out.value(QLatin1String("int")).toBool());
    const QString released = out.value(QLatin1String("released")).toString();
    QVERIFY(!released.isEmpty());
    QCOMPARE(out.value(QLatin1String("holding")).toString(), released);
    QCOMPARE(out.value(QLatin1String("again")).toString(), released);
    if (!expected.isEmpty())
        QCOMPARE(released, expected);
}

void TestNativeModule::negativeRaises_data()
{
    QTest::addColumn<QString>("call");
    QTest::addColumn<QString>("error");

    QTest::newRow("crunch(-1)") << "u.crunch(-1)"
                                << "ValueError";
    QTest::newRow("crunch_holding_gil(-1)") << "u.crunch_holding_gil(-1)"
                                            << "ValueError";
    QTest::newRow("crunch(-2**40)") << "u.crunch(-2**40)"
                                    << "ValueError";
    QTest::newRow("crunch(1.5)") << "u.crunch(1.5)"
                                 << "TypeError";
    QTest::newRow("crunch('3')") << "u.crunch('3')"
                                 << "TypeError";
}

void TestNativeModule::negativeRaises()
{
    QFETCH(QString, call);
    QFETCH(QString, error);

    const QJsonObject out = runPython(QStringLiteral("import json, unlocked_native as u\n"
                                                     "try:\n"
                                                     "    %1\n"
                                                     "    raised = None\n"
                                                     "except Exception as e:\n"
                                                     "    raised = type(e).__name__\n"
                                                     "print(json.dumps({'raised': raised}))\n")
                                          .arg(call));
    QCOMPARE(out.value(QLatin1String("raised")).toString(), error);
}

void TestNativeModule::documented()
{
    const QJsonObject out = runPython(QStringLiteral(
        "import json, unlocked_native as u\n"
        "print(json.dumps({'module': u.__doc__ or '', 'crunch': u.crunch.__doc__ or '',"
        " 'holding': u.crunch_holding_gil.__doc__ or ''}))\n"));
    QVERIFY(out.value(QLatin1String("module")).toString().contains(QLatin1String("GIL")));
    QVERIFY(out.value(QLatin1String("crunch")).toString().contains(QLatin1String("released")));
    QVERIFY(out.value(QLatin1String("holding")).toString().contains(QLatin1String("held")));
}

QTEST_GUILESS_MAIN(TestNativeModule)
#include "TestNativeModule.moc"
