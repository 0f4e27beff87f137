#pragma once

#include "CodeColors.h"

#include <QSyntaxHighlighter>
#include <QTextCharFormat>

namespace Unlocked {

/**
 * Highlights Python inside a rich-text document, but only in the blocks that Qt's Markdown
 * importer marked as a fenced code block in Python (QTextFormat::BlockCodeLanguage), so that
 * the prose around the examples is left alone. With \a everything set, every block is Python.
 */
class PythonHighlighter : public QSyntaxHighlighter
{
    Q_OBJECT
public:
    explicit PythonHighlighter(QTextDocument *document, bool everything = false);
    void setColors(const CodeColors &colors);

    static bool isPythonBlock(const QTextBlock &block);

protected:
    void highlightBlock(const QString &text) override;

private:
    QTextCharFormat format(const QColor &color, bool bold = false) const;

    CodeColors m_colors;
    bool m_everything;
};

} // namespace Unlocked
