#include "Appearance.h"
#include "CodeEditor.h"
#include "FixturePack.h"
#include "GuiTestSupport.h"
#include "LessonView.h"
#include "MainWindow.h"
#include "MarkdownView.h"
#include "OutputPane.h"
#include "TaskView.h"

#include <QApplication>
#include <QFontDatabase>
#include <QPlainTextEdit>
#include <QSettings>
#include <QTest>
#include <QTextBlock>
#include <QTreeView>
#include <QWheelEvent>

using namespace Unlocked;

// One size for code everywhere: Ctrl+plus, Ctrl+minus and Ctrl+0 reach the app from any view,
// the QScintilla editor included (it has zoom keys of its own), and the editor, the output and
// the lessons' code blocks all follow.
class TestCodeZoom : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void init();
    void keysSizeEveryCodeView_data();
    void keysSizeEveryCodeView();
    void ctrlWheelOverTheEditorSizesEveryView();
    void proseKeepsItsSize();

private:
    struct Sizes
    {
        qreal editor, taskOutput, lessonOutput, lessonCode;
    };
    Sizes sizes() const;
    void verifyAll(qreal expected) const;
    std::unique_ptr<MainWindow> m_window;
    QTemporaryDir m_home;
    qreal m_base = 0;
    int m_round = 0;
};

void TestCodeZoom::initTestCase()
{
    isolateGuiTest(m_home);
    m_base = QFontDatabase::systemFont(QFontDatabase::FixedFont).pointSizeF();
}

void TestCodeZoom::init()
{
    QSettings().clear();
    Appearance::instance()->resetZoom();
    MainWindowOptions options;
    options.pack = sharedFixturePack();
    options.databasePath = m_home.filePath(QStringLiteral("p-%1.sqlite").arg(++m_round));
    options.preview = true;
    m_window = std::make_unique<MainWindow>(options);
    m_window->show();
    m_window->activateWindow();
    QVERIFY(QTest::qWaitForWindowActive(m_window.get()));
    m_window->openItem(CourseItemKind::Task, QStringLiteral("add-numbers"));
    m_window->openItem(CourseItemKind::Lesson, QStringLiteral("threads"));
}

TestCodeZoom::Sizes TestCodeZoom::sizes() const
{
    Sizes s{};
    s.editor = m_window->taskView()->editor()->codeFont().pointSizeF();
    s.taskOutput = m_window->taskView()->output()->findChild<QPlainTextEdit *>()->font().pointSizeF();
    s.lessonOutput =
        m_window->lessonView()->output()->findChild<QPlainTextEdit *>()->font().pointSizeF();
    for (QTextBlock b = m_window->lessonView()->reader()->document()->begin(); b.isValid();
         b = b.next())
        if (b.text() == QLatin1String("import threading"))
            s.lessonCode = b.begin().fragment().charFormat().font().pointSizeF();
    return s;
}

void TestCodeZoom::verifyAll(qreal expected) const
{
    const Sizes s = sizes();
    QCOMPARE(s.editor, expected);
    QCOMPARE(s.taskOutput, expected);
    QCOMPARE(s.lessonOutput, expected);
    QCOMPARE(s.lessonCode, expected);
    // QScintilla's own zoom would size the editor alone.
    QCOMPARE(m_window->taskView()->editor()->SendScintilla(QsciScintillaBase::SCI_GETZOOM), 0);
}

void TestCodeZoom::keysSizeEveryCodeView_data()
{
    QTest::addColumn<QString>("focus");
    QTest::addRow("editor") << "editor";
    QTest::addRow("task output") << "task output";
    QTest::addRow("lesson") << "lesson";
    QTest::addRow("lesson output") << "lesson output";
    QTest::addRow("course map") << "course map";
}

void TestCodeZoom::keysSizeEveryCodeView()
{
    QFETCH(QString, focus);
    QWidget *target = nullptr;
    if (focus == QLatin1String("editor") || focus == QLatin1String("task output")) {
        m_window->openItem(CourseItemKind::Task, QStringLiteral("add-numbers"));
        target = focus == QLatin1String("editor")
                     ? static_cast<QWidget *>(m_window->taskView()->editor())
                     : m_window->taskView()->output()->findChild<QPlainTextEdit *>();
    } else if (focus == QLatin1String("lesson")) {
        target = m_window->lessonView()->reader();
    } else if (focus == QLatin1String("lesson output")) {
        target = m_window->lessonView()->output()->findChild<QPlainTextEdit *>();
    } else {
        target = m_window->courseMap();
    }
    QVERIFY(target);
    QVERIFY(target->isVisible());
    target->setFocus();
    QTRY_VERIFY(target->hasFocus());
    const QString code = m_window->taskView()->editor()->text();
    verifyAll(m_base);

    QTest::keyClick(target, Qt::Key_Plus, Qt::ControlModifier);
    verifyAll(m_base + 1);
    QTest::keyClick(target, Qt::Key_Equal, Qt::ControlModifier); // + without Shift
    verifyAll(m_base + 2);
    QTest::keyClick(target, Qt::Key_Minus, Qt::ControlModifier);
    verifyAll(m_base + 1);
    QTest::keyClick(target, Qt::Key_Plus, Qt::ControlModifier);
    QTest::keyClick(target, Qt::Key_0, Qt::ControlModifier);
    verifyAll(m_base);
    QTest::keyClick(target, Qt::Key_Minus, Qt::ControlModifier);
    verifyAll(m_base - 1);
    QCOMPARE(QSettings().value(QStringLiteral("view/codeZoom")).toInt(), -1);
    QCOMPARE(m_window->taskView()->editor()->text(), code); // no key reached the code
}

void TestCodeZoom::ctrlWheelOverTheEditorSizesEveryView()
{
    m_window->openItem(CourseItemKind::Task, QStringLiteral("add-numbers"));
    QWidget *viewport = m_window->taskView()->editor()->viewport();
    const QPointF at(20, 20);
    QWheelEvent up(at, viewport->mapToGlobal(at), QPoint(), QPoint(0, 120), Qt::NoButton,
                   Qt::ControlModifier, Qt::NoScrollPhase, false);
    QApplication::sendEvent(viewport, &up);
    verifyAll(m_base + 1);
    QWheelEvent down(at, viewport->mapToGlobal(at), QPoint(), QPoint(0, -240), Qt::NoButton,
                     Qt::ControlModifier, Qt::NoScrollPhase, false);
    QApplication::sendEvent(viewport, &down);
    verifyAll(m_base - 1);
}

void TestCodeZoom::proseKeepsItsSize()
{
    MarkdownView *reader = m_window->lessonView()->reader();
    auto proseSize = [reader] {
        for (QTextBlock b = reader->document()->begin(); b.isValid(); b = b.next())
            if (b.text().startsWith(QLatin1String("A second example")))
                return b.begin().fragment().charFormat().font().pointSizeF();
        return -1.0;
    };
    const qreal before = proseSize();
    QVERIFY(before > 0);
    Appearance::instance()->zoomIn();
    Appearance::instance()->zoomIn();
    QCOMPARE(proseSize(), before);
    verifyAll(m_base + 2);
}

QTEST_MAIN(TestCodeZoom)
#include "TestCodeZoom.moc"
