#include "MarkdownView.h"

#include "Appearance.h"
#include "CodeBlockScroller.h"
#include "CodeColors.h"
#include "PythonHighlighter.h"

#include <QDesktopServices>
#include <QEvent>
#include <QRegularExpression>
#include <QScrollBar>
#include <QTextBlock>
#include <QTextFrame>
#include <QTextTable>

namespace Unlocked {

namespace {
const QString RunScheme = QStringLiteral("unlocked-run");

bool isRunnableLanguage(const QString &info)
{
    const QString lang = info.section(QLatin1Char(' '), 0, 0).toLower();
    return lang == QLatin1String("python") || lang == QLatin1String("py") ||
           lang == QLatin1String("python3");
}
} // namespace

MarkdownView::MarkdownView(QWidget *parent) : QTextBrowser(parent)
{
    setOpenLinks(false);
    setFrameShape(QFrame::NoFrame);
    document()->setDocumentMargin(16);
    m_highlighter = new PythonHighlighter(document());
    m_wideBlocks = new CodeBlockScroller(this);
    connect(Appearance::instance(), &Appearance::codeFontChanged, this, [this] { render(true); });
    connect(this, &QTextBrowser::anchorClicked, this, [this](const QUrl &url) {
        if (url.scheme() == RunScheme)
            Q_EMIT runRequested(url.path().toInt());
        else if (url.scheme() == QLatin1String("unlocked"))
            Q_EMIT courseLinkActivated(url.path());
        else if (url.scheme() == QLatin1String("http") || url.scheme() == QLatin1String("https"))
            QDesktopServices::openUrl(url);
    });
}

QString MarkdownView::runUrl(int index)
{
    return RunScheme + QLatin1Char(':') + QString::number(index);
}

void MarkdownView::setMarkdownSource(const QString &markdown, const QString &baseDir,
                                     bool runnableExamples)
{
    m_markdown = markdown;
    m_runnable = runnableExamples;
    setSearchPaths(baseDir.isEmpty() ? QStringList() : QStringList{baseDir});
    render();
}

void MarkdownView::render(bool keepPlace)
{
    const int place = verticalScrollBar()->value();
    m_examples.clear();
    const QString source = withRunLinks(m_markdown);
    setMarkdown(source);
    polishDocument();
    if (keepPlace)
        verticalScrollBar()->setValue(place);
    m_wideBlocks->schedule();
}

QList<QTextEdit *> MarkdownView::wideCodeBlocks() const
{
    return m_wideBlocks->overlays();
}

void MarkdownView::resizeEvent(QResizeEvent *event)
{
    QTextBrowser::resizeEvent(event);
    m_wideBlocks->schedule();
}

// A small fence scanner (CommonMark: up to three spaces, ``` or ~~~, closed by a fence of the
// same character at least as long) that collects Python examples and appends a Run link.
QString MarkdownView::withRunLinks(const QString &markdown)
{
    static const QRegularExpression open(QStringLiteral("^( {0,3})(`{3,}|~{3,})\\s*([^`]*)$"));
    const QStringList lines = markdown.split(QLatin1Char('\n'));
    QStringList out;
    QString fence;
    QString info;
    QStringList code;
    for (const QString &line : lines) {
        out.append(line);
        if (fence.isEmpty()) {
            const auto m = open.match(line);
            if (m.hasMatch()) {
                fence = m.captured(2);
                info = m.captured(3).trimmed();
                code.clear();
            }
            continue;
        }
        const QString trimmed = line.trimmed();
        if (trimmed.startsWith(fence) && trimmed.count(fence.at(0)) == trimmed.size()) {
            if (isRunnableLanguage(info)) {
                m_examples.append(code.join(QLatin1Char('\n')));
                if (m_runnable) {
                    out.append(QString());
                    out.append(tr("[▶ Run this example](%1)").arg(runUrl(m_examples.size() - 1)));
                    out.append(QString());
                }
            }
            fence.clear();
            continue;
        }
        code.append(line);
    }
    return out.join(QLatin1Char('\n'));
}

// Qt's importer gives `code` in running text the fixed font's own size, and drops a heading's
// size and weight from whatever follows the code: code takes the size of the text it stands
// in, and a heading is one size (Qt's own steps, from its level) from end to end.
void MarkdownView::sizeInlineCodeAsText(const QTextBlock &block)
{
    const int level = block.blockFormat().headingLevel();
    QList<std::pair<QTextFragment, QTextCharFormat>> spans;
    for (auto it = block.begin(); !it.atEnd(); ++it) {
        QTextCharFormat format = it.fragment().charFormat();
        if (!format.fontFixedPitch() && level == 0)
            continue;
        format.clearProperty(QTextFormat::FontPointSize);
        format.clearProperty(QTextFormat::FontPixelSize);
        if (level > 0) {
            format.setProperty(QTextFormat::FontSizeAdjustment, 4 - level);
            format.setFontWeight(QFont::Bold);
        }
        spans.append({it.fragment(), format});
    }
    QTextCursor cursor(document());
    for (const auto &[fragment, format] : spans) {
        cursor.setPosition(fragment.position());
        cursor.setPosition(fragment.position() + fragment.length(), QTextCursor::KeepAnchor);
        cursor.setCharFormat(format);
    }
}

// Qt's importer marks code blocks but gives them no background, and packs tables tightly:
// shade the one and space the other, from the palette.
void MarkdownView::polishDocument()
{
    for (QTextFrame *frame : document()->rootFrame()->childFrames()) {
        if (auto *table = qobject_cast<QTextTable *>(frame)) {
            QTextTableFormat format = table->format();
            format.setCellPadding(5);
            format.setCellSpacing(0);
            format.setBorderCollapse(true);
            format.setBorderBrush(palette().brush(QPalette::Mid));
            format.setTopMargin(8);
            format.setBottomMargin(8);
            table->setFormat(format);
        }
    }
    QTextCursor cursor(document());
    const QBrush shade = palette().brush(QPalette::AlternateBase);
    QTextCharFormat codeFormat;
    const QFont code = Appearance::instance()->codeFont();
    codeFormat.setFontFamilies(code.families());
    codeFormat.setFontPointSize(code.pointSizeF());
    codeFormat.setFontFixedPitch(true);
    for (QTextBlock block = document()->begin(); block.isValid(); block = block.next()) {
        const QTextBlockFormat bf = block.blockFormat();
        if (!bf.hasProperty(QTextFormat::BlockCodeFence) &&
            !bf.hasProperty(QTextFormat::BlockCodeLanguage)) {
            sizeInlineCodeAsText(block);
            if (bf.headingLevel() > 1 && bf.topMargin() < 14) { // air between sections
                QTextBlockFormat spaced = bf;
                spaced.setTopMargin(14);
                cursor.setPosition(block.position());
                cursor.setBlockFormat(spaced);
            }
            continue;
        }
        cursor.setPosition(block.position());
        cursor.setPosition(block.position() + block.length() - 1, QTextCursor::KeepAnchor);
        cursor.mergeCharFormat(codeFormat); // the size the reader chose for code
        cursor.mergeBlockCharFormat(codeFormat); // an empty line's height comes from here
        QTextBlockFormat shaded = bf;
        shaded.setBackground(shade);
        shaded.setLeftMargin(qMax(bf.leftMargin(), 8.0));
        // Air above the first line and below the last one of each block.
        const auto isCode = [](const QTextBlock &b) {
            return b.isValid() && b.blockFormat().hasProperty(QTextFormat::BlockCodeFence);
        };
        if (!isCode(block.previous()))
            shaded.setTopMargin(qMax(bf.topMargin(), 6.0));
        if (!isCode(block.next()))
            shaded.setBottomMargin(qMax(bf.bottomMargin(), 6.0));
        cursor.setPosition(block.position());
        cursor.setBlockFormat(shaded);
    }
}

void MarkdownView::changeEvent(QEvent *event)
{
    QTextBrowser::changeEvent(event);
    if (event->type() == QEvent::PaletteChange) {
        m_highlighter->setColors(CodeColors::forPalette(palette()));
        render(true);
    }
}

} // namespace Unlocked
