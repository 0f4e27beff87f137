#pragma once

#include <QTextBrowser>

namespace Unlocked {

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

Q_SIGNALS:
    void runRequested(int index);
    /** A link into the course, `unlocked:task:ID` (or lesson:/quiz:), with the part after the
     * scheme. */
    void courseLinkActivated(const QString &place);

protected:
    void changeEvent(QEvent *event) override;

private:
    QString withRunLinks(const QString &markdown);
    void polishDocument();
    void render();

    PythonHighlighter *m_highlighter = nullptr;
    QString m_markdown;
    bool m_runnable = false;
    QStringList m_examples;
};

} // namespace Unlocked
