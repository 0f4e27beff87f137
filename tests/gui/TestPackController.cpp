#include "GuiTestSupport.h"
#include "MainWindow.h"
#include "PackController.h"

#include <QDirIterator>
#include <QFile>
#include <QMessageBox>
#include <QSettings>
#include <QSignalSpy>
#include <QTest>

using namespace Unlocked;

class TestPackController : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void init();
    void reloadsWhenAFileChanges();
    void keepsTheLastGoodPackOnErrors();
    void windowShowsErrorsByFileAndLine();

private:
    QString m_pack;
    QTemporaryDir m_home;
    std::unique_ptr<QTemporaryDir> m_dir;
};

namespace {
const QString Fixture = QStringLiteral(UNLOCKED_TEST_DATA "/gui/pack");

void copyTree(const QString &from, const QString &to)
{
    QDirIterator it(from, QDir::Files, QDirIterator::Subdirectories);
    while (it.hasNext()) {
        const QString file = it.next();
        const QString target = to + file.mid(from.size());
        QDir().mkpath(QFileInfo(target).absolutePath());
        QFile::copy(file, target);
    }
}

void append(const QString &path, const QByteArray &text)
{
    QFile file(path);
    QVERIFY(file.open(QIODevice::Append));
    file.write(text);
}
} // namespace

void TestPackController::initTestCase()
{
    isolateGuiTest(m_home);
    const PackLoadResult fixture = PackLoader::load(Fixture);
    QVERIFY2(fixture.pack, qPrintable(fixture.errors.value(0).toString()));
}

void TestPackController::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    m_pack = m_dir->filePath(QStringLiteral("pack"));
    copyTree(Fixture, m_pack);
    QSettings().clear();
}

void TestPackController::reloadsWhenAFileChanges()
{
    PackController packs;
    packs.setReloadDelay(50);
    QVERIFY(packs.open(m_pack));
    QCOMPARE(packs.pack()->lessons.size(), 3);
    QSignalSpy changed(&packs, &PackController::packChanged);
    append(m_pack + QStringLiteral("/lessons/01-threads.md"), "\nA paragraph added on disk.\n");
    QTRY_VERIFY(!changed.isEmpty());
    QVERIFY(packs.pack()->lessons.first().markdown.contains(QLatin1String("added on disk")));
}

void TestPackController::keepsTheLastGoodPackOnErrors()
{
    PackController packs;
    packs.setReloadDelay(50);
    QVERIFY(packs.open(m_pack));
    const auto good = packs.pack();
    QSignalSpy failed(&packs, &PackController::loadFailed);
    append(m_pack + QStringLiteral("/course.yaml"), "surprise: [\n");
    QTRY_VERIFY(!failed.isEmpty());
    QCOMPARE(packs.pack(), good);
    QVERIFY(!packs.errors().isEmpty());
    QVERIFY(packs.errors().first().toString().contains(QLatin1String("course.yaml:")));
}

void TestPackController::windowShowsErrorsByFileAndLine()
{
    append(m_pack + QStringLiteral("/tasks/add-numbers/task.yaml"), "colour: blue\n");
    MainWindowOptions options;
    options.packDir = m_pack;
    options.databasePath = m_dir->filePath(QStringLiteral("progress.sqlite"));
    MainWindow window(options);
    QMessageBox *box = nullptr;
    QTRY_VERIFY((box = window.findChild<QMessageBox *>(QStringLiteral("packErrors"))));
    QVERIFY2(box->text().contains(QLatin1String("task.yaml:")), qPrintable(box->text()));
}

QTEST_MAIN(TestPackController)
#include "TestPackController.moc"
