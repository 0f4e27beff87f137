#include "PythonHighlighter.h"

#include <QApplication>
#include <QRegularExpression>
#include <QTextBlock>

namespace Unlocked {

namespace {

enum BlockState
{
    Normal = 0,
    InTripleDouble = 1,
    InTripleSingle = 2
};

const QRegularExpression &keywords()
{
    static const QRegularExpression re(QStringLiteral(
        "\\b(and|as|assert|async|await|break|class|continue|def|del|elif|else|except|finally|for|"
        "from|global|if|import|in|is|lambda|nonlocal|not|or|pass|raise|return|try|while|with|"
        "yield|None|True|False)\\b"));
    return re;
}

const QRegularExpression &builtins()
{
    static const QRegularExpression re(QStringLiteral(
        "\\b(print|range|len|list|dict|set|tuple|int|float|str|sum|min|max|sorted|enumerate|zip|"
        "map|open|super|isinstance|self)\\b"));
    return re;
}

} // namespace

PythonHighlighter::PythonHighlighter(QTextDocument *document, bool everything)
    : QSyntaxHighlighter(document), m_colors(CodeColors::forPalette(QApplication::palette())),
      m_everything(everything)
{
}

void PythonHighlighter::setColors(const CodeColors &colors)
{
    m_colors = colors;
    rehighlight();
}

bool PythonHighlighter::isPythonBlock(const QTextBlock &block)
{
    const QString lang = block.blockFormat().stringProperty(QTextFormat::BlockCodeLanguage);
    // Cython and fragments read well enough with Python's rules; only full programs run.
    return lang.startsWith(QLatin1String("python")) || lang == QLatin1String("py") ||
           lang == QLatin1String("pycon") || lang == QLatin1String("cython") ||
           lang == QLatin1String("pyx");
}

QTextCharFormat PythonHighlighter::format(const QColor &color, bool bold) const
{
    QTextCharFormat f;
    f.setForeground(color);
    if (bold)
        f.setFontWeight(QFont::Bold);
    return f;
}

void PythonHighlighter::highlightBlock(const QString &text)
{
    setCurrentBlockState(Normal);
    if (!m_everything && !isPythonBlock(currentBlock()))
        return;

    auto applyAll = [&](const QRegularExpression &re, const QTextCharFormat &f, int group = 0) {
        for (auto it = re.globalMatch(text); it.hasNext();) {
            const auto m = it.next();
            setFormat(m.capturedStart(group), m.capturedLength(group), f);
        }
    };
    applyAll(builtins(), format(m_colors.builtin));
    applyAll(keywords(), format(m_colors.keyword, true));
    static const QRegularExpression numbers(
        QStringLiteral("\\b\\d[\\d_]*(\\.\\d+)?([eE][-+]?\\d+)?\\b"));
    applyAll(numbers, format(m_colors.number));
    static const QRegularExpression defs(QStringLiteral("\\b(?:def|class)\\s+(\\w+)"));
    applyAll(defs, format(m_colors.definition, true), 1);
    static const QRegularExpression decorators(QStringLiteral("^\\s*@[\\w.]+"));
    applyAll(decorators, format(m_colors.definition));

    // Strings and comments last, scanning left to right so that `#` inside a string and quotes
    // inside a comment are left alone.
    const QTextCharFormat stringFormat = format(m_colors.string);
    int i = 0;
    const int prev = previousBlockState();
    if (prev == InTripleDouble || prev == InTripleSingle) {
        const QString close =
            prev == InTripleDouble ? QStringLiteral("\"\"\"") : QStringLiteral("'''");
        const int end = text.indexOf(close);
        if (end < 0) {
            setFormat(0, text.size(), stringFormat);
            setCurrentBlockState(prev);
            return;
        }
        setFormat(0, end + 3, stringFormat);
        i = end + 3;
    }
    while (i < text.size()) {
        const QChar c = text.at(i);
        if (c == QLatin1Char('#')) {
            setFormat(i, text.size() - i, format(m_colors.comment));
            return;
        }
        if (c != QLatin1Char('"') && c != QLatin1Char('\'')) {
            ++i;
            continue;
        }
        const QString triple(3, c);
        if (text.mid(i, 3) == triple) {
            const int end = text.indexOf(triple, i + 3);
            if (end < 0) {
                setFormat(i, text.size() - i, stringFormat);
                setCurrentBlockState(c == QLatin1Char('"') ? InTripleDouble : InTripleSingle);
                return;
            }
            setFormat(i, end + 3 - i, stringFormat);
            i = end + 3;
            continue;
        }
        int j = i + 1;
        while (j < text.size() && text.at(j) != c)
            j += text.at(j) == QLatin1Char('\\') ? 2 : 1;
        setFormat(i, qMin(j + 1, int(text.size())) - i, stringFormat);
        i = j + 1;
    }
}

} // namespace Unlocked
