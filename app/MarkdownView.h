#pragma once

#include <QTextBrowser>

class QTextBlock;

namespace Unlocked {

class CodeBlockScroller;
class PythonHighlighter;

/**
 * Renders a lesson's or statement's Markdown with Qt's own CommonMark/GFM importer, so headings,
 * lists and tables follow the palette and font, and highlights ```python blocks in place. When
 * examples are runnable, a "Run" link follows each Python block and emits runRequested().
 */
class MarkdownView : public QTextBrowser
{
    Q_OBJECT
public:
    explicit MarkdownView(QWidget *parent = nullptr);

    void setMarkdownSource(const QString &markdown, const QString &baseDir = {},
                           bool runnableExamples = false);
    /** The Python examples found by the last setMarkdownSource(), in document order. */
    QStringList examples() const { return m_examples; }

    static QString runUrl(int index);
    /** The scrolling copies of code blocks too wide for the page (see CodeBlockScroller). */
    QList<QTextEdit *> wideCodeBlocks() const;

Q_SIGNALS:
    void runRequested(int index);
    /** A link into the course, `unlocked:task:ID` (or lesson:/quiz:), with the part after the
     * scheme. */
    void courseLinkActivated(const QString &place);

protected:
    void changeEvent(QEvent *event) override;
    void resizeEvent(QResizeEvent *event) override;

private:
    QString withRunLinks(const QString &markdown);
    void polishDocument();
    void sizeInlineCodeAsText(const QTextBlock &block);
    /** Renders the source again; \a keepPlace stays where the reader was (a new theme, say). */
    void render(bool keepPlace = false);

    PythonHighlighter *m_highlighter = nullptr;
    CodeBlockScroller *m_wideBlocks = nullptr;
    QString m_markdown;
    bool m_runnable = false;
    QStringList m_examples;
};

} // namespace Unlocked
