#include "FixturePack.h"
#include "UnlockRules.h"

#include <QTest>

using namespace Unlocked;

class TestUnlockRules : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void unlocks_data();
    void unlocks();
    void optionalTasksDoNotBlock();
    void cycleDoesNotHang();
};

void TestUnlockRules::unlocks_data()
{
    QTest::addColumn<QStringList>("passed");
    QTest::addColumn<bool>("unlockAll");
    QTest::addColumn<QString>("lesson");
    QTest::addColumn<bool>("unlocked");
    QTest::addColumn<QString>("reason");

    const QString chain = QStringLiteral("Pass “Add two numbers” in “Threads and the GIL”, then "
                                         "“Hello from workers” in “Processes” first");
    QTest::addRow("first lesson is open") << QStringList() << false << "threads" << true << "";
    QTest::addRow("second waits for first")
        << QStringList() << false << "processes" << false
        << "Pass “Add two numbers” in “Threads and the GIL” first";
    QTest::addRow("second opens") << QStringList{"add-numbers"} << false << "processes" << true
                                  << "";
    QTest::addRow("third names the whole chain")
        << QStringList() << false << "asyncio" << false << chain;
    QTest::addRow("third waits for second")
        << QStringList{"add-numbers"} << false << "asyncio" << false
        << "Pass “Hello from workers” in “Processes” first";
    QTest::addRow("third needs the chain, not only its parent")
        << QStringList{"hello-workers"} << false << "asyncio" << false
        << "Pass “Add two numbers” in “Threads and the GIL” first";
    QTest::addRow("third opens") << QStringList{"add-numbers", "hello-workers"} << false
                                 << "asyncio" << true << "";
    QTest::addRow("preview opens everything") << QStringList() << true << "asyncio" << true << "";
}

void TestUnlockRules::unlocks()
{
    QFETCH(QStringList, passed);
    QFETCH(bool, unlockAll);
    QFETCH(QString, lesson);
    QFETCH(bool, unlocked);
    QFETCH(QString, reason);
    const Pack pack = fixturePack();
    const UnlockRules rules(pack, QSet<QString>(passed.begin(), passed.end()), unlockAll);
    QCOMPARE(rules.isUnlocked(lesson), unlocked);
    QCOMPARE(rules.lockReason(lesson), reason);
    QCOMPARE(rules.firstBlockingTask(lesson).isEmpty(), unlocked);
}

void TestUnlockRules::optionalTasksDoNotBlock()
{
    Pack pack = fixturePack();
    pack.tasks[0].required = false;
    const UnlockRules rules(pack, {});
    QVERIFY(rules.isUnlocked(QStringLiteral("processes")));
    QVERIFY(!rules.isUnlocked(QStringLiteral("asyncio")));
}

void TestUnlockRules::cycleDoesNotHang()
{
    Pack pack = fixturePack();
    pack.lessons[0].unlockAfter = {QStringLiteral("asyncio")};
    const UnlockRules rules(pack, {});
    QVERIFY(!rules.isUnlocked(QStringLiteral("threads")));
    QVERIFY(rules.lockReason(QStringLiteral("threads"))
                .contains(QStringLiteral("“Hello from workers”")));
}

QTEST_GUILESS_MAIN(TestUnlockRules)
#include "TestUnlockRules.moc"
