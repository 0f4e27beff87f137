#include "MarkdownView.h"
#include "PythonHighlighter.h"

#include <QAbstractTextDocumentLayout>
#include <QScrollBar>
#include <QStyle>

#include <QSignalSpy>
#include <QImage>
#include <QTest>
#include <QTextBlock>
#include <QTextLayout>
#include <QTextTable>
#include <QWheelEvent>

using namespace Unlocked;

class TestMarkdownView : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void findsPythonExamples_data();
    void findsPythonExamples();
    void rendersTablesAndHighlightsCode();
    void runLinkEmits();
    void headingWithCodeIsOneSize_data();
    void headingWithCodeIsOneSize();
    void wideCodeScrollsItsBlockNotThePage();
};

void TestMarkdownView::findsPythonExamples_data()
{
    QTest::addColumn<QString>("markdown");
    QTest::addColumn<QStringList>("examples");
    QTest::addRow("one") << "# T\n\n```python\nprint(1)\n```\n" << QStringList{"print(1)"};
    QTest::addRow("tilde and py") << "~~~py\na = 1\nb = 2\n~~~\n" << QStringList{"a = 1\nb = 2"};
    QTest::addRow("not python") << "```bash\nls\n```\n```\nplain\n```\n" << QStringList();
    QTest::addRow("longer fence holds a shorter one") << "````python\nx = '```'\n```\ny = 2\n````\n"
                                                      << QStringList{"x = '```'\n```\ny = 2"};
    QTest::addRow("two") << "```python\na\n```\ntext\n```python3\nb\n```\n"
                         << QStringList{"a", "b"};
}

void TestMarkdownView::findsPythonExamples()
{
    QFETCH(QString, markdown);
    QFETCH(QStringList, examples);
    MarkdownView view;
    view.setMarkdownSource(markdown, {}, true);
    QCOMPARE(view.examples(), examples);
    QCOMPARE(view.toHtml().count(QLatin1String("unlocked-run:")), examples.size());
}

void TestMarkdownView::rendersTablesAndHighlightsCode()
{
    MarkdownView view;
    view.setMarkdownSource(QStringLiteral("# Title\n\n- item\n\n| a | b |\n|---|---|\n| 1 | 2 |\n\n"
                                          "```python\ndef f():\n    return 1\n```\n\nfor prose\n"));
    QTextDocument *doc = view.document();
    bool table = false, list = false, heading = false;
    for (QTextBlock b = doc->begin(); b.isValid(); b = b.next()) {
        table = table || QTextCursor(b).currentTable();
        list = list || b.textList();
        heading = heading || b.blockFormat().headingLevel() == 1;
    }
    QVERIFY(table);
    QVERIFY(list);
    QVERIFY(heading);
    auto formatsOf = [&](const QString &text) {
        for (QTextBlock b = doc->begin(); b.isValid(); b = b.next())
            if (b.text() == text)
                return b.layout()->formats();
        return QList<QTextLayout::FormatRange>();
    };
    const auto code = formatsOf(QStringLiteral("def f():"));
    QVERIFY(!code.isEmpty());
    QVERIFY(code.first().format.fontWeight() == QFont::Bold);  // `def`
    QVERIFY(formatsOf(QStringLiteral("for prose")).isEmpty()); // prose keeps its look
}

void TestMarkdownView::runLinkEmits()
{
    MarkdownView view;
    view.setMarkdownSource(QStringLiteral("```python\na\n```\n\n```python\nb\n```\n"), {}, true);
    QSignalSpy spy(&view, &MarkdownView::runRequested);
    Q_EMIT view.anchorClicked(QUrl(MarkdownView::runUrl(1)));
    QCOMPARE(spy.size(), 1);
    QCOMPARE(spy.at(0).at(0).toInt(), 1);
}

void TestMarkdownView::headingWithCodeIsOneSize_data()
{
    QTest::addColumn<QString>("markdown");
    QTest::addRow("h1") << "# The `threading` module";
    QTest::addRow("h2") << "## One process: `multiprocessing.Process`";
    QTest::addRow("h3 starting with code") << "### `cdef`: giving variables C types";
    QTest::addRow("prose") << "Call `pool.map` on the list.";
}

// Inline code takes the size of the text around it (heading or prose); only its face changes.
void TestMarkdownView::headingWithCodeIsOneSize()
{
    QFETCH(QString, markdown);
    MarkdownView view;
    view.setMarkdownSource(markdown + QStringLiteral("\n\nAfter.\n"));
    const QTextBlock block = view.document()->begin();
    QSet<qreal> sizes;
    bool sawCode = false, sawText = false;
    for (auto it = block.begin(); !it.atEnd(); ++it) {
        const QTextCharFormat format = it.fragment().charFormat();
        const bool code = format.fontFixedPitch() ||
                          QFontInfo(format.font()).fixedPitch();
        (code ? sawCode : sawText) = true;
        sizes.insert(format.font().pointSizeF());
    }
    QVERIFY(sawCode);
    QVERIFY(sawText);
    QCOMPARE(sizes.size(), 1);
    // A heading keeps the heading's size all along, after its code too.
    if (block.blockFormat().headingLevel() > 0)
        QVERIFY(*sizes.begin() > view.font().pointSizeF());
    else
        QCOMPARE(*sizes.begin(), view.font().pointSizeF());

}

// A line too long for the page scrolls inside its code block; the page never scrolls sideways.
void TestMarkdownView::wideCodeScrollsItsBlockNotThePage()
{
    const QString longLine = QStringLiteral("x = '%1'").arg(QString(240, QLatin1Char('a')));
    MarkdownView view;
    view.resize(420, 400);
    view.setMarkdownSource(QStringLiteral("Intro.\n\n```python\n%1\nprint(x)\n```\n\n"
                                          "Then:\n\n```python\nshort = 1\n```\n\nAfter.\n")
                               .arg(longLine));
    view.show();
    QVERIFY(QTest::qWaitForWindowExposed(&view));
    QTRY_COMPARE(view.wideCodeBlocks().size(), 1); // the short block needs no scrolling
    QTextEdit *block = view.wideCodeBlocks().first();
    QVERIFY(block->isVisible());
    QCOMPARE(block->toPlainText(), longLine + QStringLiteral("\nprint(x)"));
    QVERIFY(block->horizontalScrollBar()->maximum() > 0);
    QVERIFY(!view.horizontalScrollBar()->isVisible());

    // It lies over its block, and what follows the block starts below its scroll bar.
    QAbstractTextDocumentLayout *layout = view.document()->documentLayout();
    QTextBlock first, after;
    for (QTextBlock b = view.document()->begin(); b.isValid(); b = b.next()) {
        if (b.text() == longLine)
            first = b;
        if (b.text() == QLatin1String("short = 1"))
            after = b;
    }
    QVERIFY(first.isValid() && after.isValid());
    const int scrolled = view.verticalScrollBar()->value();
    QCOMPARE(block->geometry().top(), int(layout->blockBoundingRect(first).top()) - scrolled);
    // Its text starts where the page's own lines of the block start: nothing jumps sideways.
    QCOMPARE(block->geometry().left(),
             int(layout->blockBoundingRect(first).left() + first.layout()->lineAt(0).x()));
    QVERIFY(layout->blockBoundingRect(after).top() - scrolled >= block->geometry().bottom());
    QVERIFY(block->geometry().right() < view.viewport()->width());
    // Beside it, in the page's margin, none of the page's own copy of the long line shows.
    const QImage page = view.viewport()->grab().toImage();
    const QColor base = view.palette().color(QPalette::Base);
    int inked = 0;
    for (int x = block->geometry().right() + 1; x < page.width(); ++x)
        for (int y = block->geometry().top(); y <= block->geometry().bottom(); ++y)
            inked += page.pixelColor(x, y) != base;
    QCOMPARE(inked, 0);

    // A plain wheel over the block's scroll bar is the reader scrolling down the page: the
    // block stays where it is.
    QScrollBar *bar = block->horizontalScrollBar();
    QCOMPARE(bar->value(), 0);
    QWheelEvent down(QPointF(5, 5), bar->mapToGlobal(QPointF(5, 5)), QPoint(), QPoint(0, -120),
                     Qt::NoButton, Qt::NoModifier, Qt::NoScrollPhase, false);
    QCoreApplication::sendEvent(bar, &down);
    QCOMPARE(bar->value(), 0);

    // Scrolling the block, or the caret at the end of the long line, leaves the page in place.
    block->horizontalScrollBar()->setValue(block->horizontalScrollBar()->maximum());
    QTextCursor cursor(first);
    cursor.movePosition(QTextCursor::EndOfBlock);
    view.setTextCursor(cursor);
    view.ensureCursorVisible();
    QCOMPARE(view.horizontalScrollBar()->value(), 0);

    // Wide enough for every line: nothing to scroll, and no room kept for a bar.
    const auto gap = [&] {
        return int(layout->blockBoundingRect(after).top() - layout->blockBoundingRect(first).bottom());
    };
    const int wideGap = gap();
    view.resize(3000, 400);
    QTRY_COMPARE(view.wideCodeBlocks().size(), 0);
    QTRY_COMPARE(gap(), wideGap - view.style()->pixelMetric(QStyle::PM_ScrollBarExtent));
}

QTEST_MAIN(TestMarkdownView)
#include "TestMarkdownView.moc"
