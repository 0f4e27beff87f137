#include "CodeEditor.h"

#include "Appearance.h"
#include "CodeColors.h"

#include <Qsci/qscilexerpython.h>

#include <QAction>
#include <QEvent>
#include <QKeyEvent>

namespace Unlocked {

CodeEditor::CodeEditor(QWidget *parent) : QsciScintilla(parent), m_lexer(new QsciLexerPython(this))
{
    m_lexer->setFoldComments(true);
    m_lexer->setIndentationWarning(QsciLexerPython::Inconsistent);
    setLexer(m_lexer);
    setUtf8(true);
    setMarginType(0, QsciScintilla::NumberMargin);
    setMarginLineNumbers(0, true);
    setFolding(QsciScintilla::BoxedTreeFoldStyle, 2);
    setBraceMatching(QsciScintilla::SloppyBraceMatch);
    setAutoIndent(true);
    setIndentationsUseTabs(false);
    setIndentationWidth(4);
    setTabWidth(4);
    setBackspaceUnindents(true);
    setIndentationGuides(true);
    setCaretLineVisible(true);
    setEolMode(QsciScintilla::EolUnix);
    // Grow the horizontal scroll range with the longest line instead of a fixed wide default.
    SendScintilla(SCI_SETSCROLLWIDTH, 1);
    SendScintilla(SCI_SETSCROLLWIDTHTRACKING, 1);

    // Margin 1 holds the error marker; it is clickable-free and narrow.
    setMarginType(1, QsciScintilla::SymbolMargin);
    setMarginWidth(1, 14);
    setMarginMarkerMask(1, 1 << m_errorMarker);
    markerDefine(QsciScintilla::RightTriangle, m_errorMarker);
    m_errorIndicator = indicatorDefine(QsciScintilla::SquiggleIndicator);
    applyColors();
    setCodeFont(Appearance::instance()->codeFont());
    connect(Appearance::instance(), &Appearance::codeFontChanged, this, &CodeEditor::setCodeFont);
}

// The app sizes code in one place for every view; QScintilla's own zoom stays at zero.
void CodeEditor::setCodeFont(const QFont &font)
{
    m_lexer->setDefaultFont(font);
    m_lexer->setFont(font, -1);
    setMarginsFont(font);
    setMarginWidth(0, QStringLiteral("0000"));
    zoomTo(0);
}

QFont CodeEditor::codeFont() const
{
    return m_lexer->font(QsciLexerPython::Default);
}

void CodeEditor::applyColors()
{
    const QPalette pal = palette();
    const CodeColors c = CodeColors::forPalette(pal);
    m_lexer->setDefaultPaper(c.background);
    m_lexer->setDefaultColor(c.text);
    m_lexer->setPaper(c.background, -1);
    m_lexer->setColor(c.text, -1);
    m_lexer->setColor(c.keyword, QsciLexerPython::Keyword);
    m_lexer->setColor(c.comment, QsciLexerPython::Comment);
    m_lexer->setColor(c.comment, QsciLexerPython::CommentBlock);
    m_lexer->setColor(c.number, QsciLexerPython::Number);
    for (int style :
         {QsciLexerPython::DoubleQuotedString, QsciLexerPython::SingleQuotedString,
          QsciLexerPython::TripleSingleQuotedString, QsciLexerPython::TripleDoubleQuotedString,
          QsciLexerPython::DoubleQuotedFString, QsciLexerPython::SingleQuotedFString,
          QsciLexerPython::TripleSingleQuotedFString, QsciLexerPython::TripleDoubleQuotedFString})
        m_lexer->setColor(c.string, style);
    m_lexer->setColor(c.error, QsciLexerPython::UnclosedString);
    m_lexer->setColor(c.definition, QsciLexerPython::FunctionMethodName);
    m_lexer->setColor(c.definition, QsciLexerPython::ClassName);
    m_lexer->setColor(c.builtin, QsciLexerPython::Decorator);
    m_lexer->setColor(c.builtin, QsciLexerPython::HighlightedIdentifier);

    setCaretForegroundColor(c.text);
    QColor caretLine = pal.color(QPalette::Highlight);
    caretLine.setAlpha(28);
    setCaretLineBackgroundColor(caretLine);
    setSelectionBackgroundColor(pal.color(QPalette::Highlight));
    setSelectionForegroundColor(pal.color(QPalette::HighlightedText));
    setMarginsBackgroundColor(pal.color(QPalette::Window));
    setMarginsForegroundColor(pal.color(QPalette::PlaceholderText));
    setFoldMarginColors(pal.color(QPalette::Window), pal.color(QPalette::Window));
    setMatchedBraceBackgroundColor(caretLine.darker(110));
    setMatchedBraceForegroundColor(c.definition);
    setUnmatchedBraceForegroundColor(c.error);
    setIndentationGuidesForegroundColor(pal.color(QPalette::Mid));
    setIndentationGuidesBackgroundColor(c.background);
    setMarkerBackgroundColor(c.error, m_errorMarker);
    setMarkerForegroundColor(c.error, m_errorMarker);
    setIndicatorForegroundColor(c.error, m_errorIndicator);
}

void CodeEditor::markError(int line, int column, const QString &message)
{
    clearError();
    if (line <= 0 || line > lines())
        return;
    m_errorLine = line;
    markerAdd(line - 1, m_errorMarker);
    int from = column > 0 ? qMin(column - 1, lineLength(line - 1)) : 0;
    int to = lineLength(line - 1);
    if (text(line - 1).endsWith(QLatin1Char('\n')))
        --to;
    if (to <= from) // Python points past the end (e.g. a missing ':'): underline the line
        from = 0;
    fillIndicatorRange(line - 1, from, line - 1, to, m_errorIndicator);
    setToolTip(tr("Line %1: %2").arg(line).arg(message));
}

void CodeEditor::clearError()
{
    markerDeleteAll(m_errorMarker);
    clearIndicatorRange(0, 0, qMax(0, lines() - 1), lineLength(qMax(0, lines() - 1)),
                        m_errorIndicator);
    m_errorLine = 0;
    setToolTip(QString());
}

bool CodeEditor::isWindowShortcut(const QKeyEvent *event) const
{
    if (event->key() == 0 || event->key() == Qt::Key_unknown)
        return false;
    // The keypad's Enter arrives with the keypad modifier, which no shortcut carries.
    const QKeySequence pressed(
        QKeyCombination(event->modifiers() & ~Qt::KeypadModifier, Qt::Key(event->key())));
    for (const QAction *action : window()->findChildren<QAction *>()) {
        if (action->shortcutContext() == Qt::WidgetShortcut)
            continue;
        for (const QKeySequence &shortcut : action->shortcuts())
            if (shortcut.matches(pressed) == QKeySequence::ExactMatch)
                return true;
    }
    return false;
}

bool CodeEditor::event(QEvent *event)
{
    // QScintilla claims every key it has a command for (Ctrl+L cuts a line, for one) before the
    // window sees it. The window's shortcuts are what the menus and the help promise, so they
    // win: refusing the override hands the key to the action.
    if (event->type() == QEvent::ShortcutOverride &&
        isWindowShortcut(static_cast<QKeyEvent *>(event))) {
        event->ignore();
        return true;
    }
    return QsciScintilla::event(event);
}

void CodeEditor::keyPressEvent(QKeyEvent *event)
{
    // Reached when the action is disabled (Run with no task, say): the key still must not edit.
    if (isWindowShortcut(event)) {
        event->ignore();
        return;
    }
    QsciScintilla::keyPressEvent(event);
}

void CodeEditor::changeEvent(QEvent *event)
{
    QsciScintilla::changeEvent(event);
    if (event->type() == QEvent::PaletteChange)
        applyColors();
}

} // namespace Unlocked
