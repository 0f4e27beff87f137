#include "MarkdownView.h"
#include "PythonHighlighter.h"

#include <QSignalSpy>
#include <QTest>
#include <QTextBlock>
#include <QTextLayout>
#include <QTextTable>

using namespace Unlocked;

class TestMarkdownView : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void findsPythonExamples_data();
    void findsPythonExamples();
    void rendersTablesAndHighlightsCode();
    void runLinkEmits();
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

QTEST_MAIN(TestMarkdownView)
#include "TestMarkdownView.moc"
