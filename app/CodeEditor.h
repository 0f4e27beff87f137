#pragma once

#include <Qsci/qsciscintilla.h>

class QKeyEvent;
class QsciLexerPython;

namespace Unlocked {

/**
 * The learner's Python editor: QScintilla with the Python lexer, line numbers, folding, brace
 * matching, four-space indentation, palette-following colours, and a marker plus a squiggle
 * on the line of a syntax error.
 */
class CodeEditor : public QsciScintilla
{
    Q_OBJECT
public:
    explicit CodeEditor(QWidget *parent = nullptr);

    /** Marks \a line (1-based) and, from \a column (1-based, 0 = whole line), underlines it. */
    void markError(int line, int column, const QString &message);
    void clearError();
    int errorLine() const { return m_errorLine; }
    /** The font the code is shown in: Appearance's code font. */
    QFont codeFont() const;

protected:
    bool event(QEvent *event) override;
    void keyPressEvent(QKeyEvent *event) override;
    void changeEvent(QEvent *event) override;

private:
    void applyColors();
    void setCodeFont(const QFont &font);
    /** True when \a event is the shortcut of an action of this window (Ctrl+L, Ctrl+H, …). */
    bool isWindowShortcut(const QKeyEvent *event) const;

    QsciLexerPython *m_lexer;
    int m_errorLine = 0;
    int m_errorMarker = 0;
    int m_errorIndicator = 0;
};

} // namespace Unlocked
