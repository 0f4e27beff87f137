#include "CodeBlockScroller.h"

#include "PythonHighlighter.h"

#include <QAbstractTextDocumentLayout>
#include <QCoreApplication>
#include <QScrollBar>
#include <QStyle>
#include <QTextBlock>
#include <QTextEdit>
#include <QWheelEvent>

namespace Unlocked {

namespace {

// How much room, below a code block, this scroller added for the block's scroll bar.
constexpr int RoomProperty = QTextFormat::UserProperty + 40;

bool isCode(const QTextBlock &block)
{
    return block.isValid() && (block.blockFormat().hasProperty(QTextFormat::BlockCodeFence) ||
                               block.blockFormat().hasProperty(QTextFormat::BlockCodeLanguage));
}

struct CodeGroup
{
    QList<QTextBlock> blocks;
    qreal left = 0;
    qreal right = 0; // where its widest line ends
};

QList<CodeGroup> codeGroups(QTextDocument *document)
{
    QList<CodeGroup> groups;
    QAbstractTextDocumentLayout *layout = document->documentLayout();
    for (QTextBlock block = document->begin(); block.isValid(); block = block.next()) {
        if (!isCode(block))
            continue;
        if (!isCode(block.previous()))
            groups.append(CodeGroup{});
        CodeGroup &group = groups.last();
        const QRectF rect = layout->blockBoundingRect(block);
        if (group.blocks.isEmpty()) // where its shading and its text begin, past the margin
            group.left = rect.left() + block.blockFormat().leftMargin();
        group.blocks.append(block);
        for (int i = 0; i < block.layout()->lineCount(); ++i)
            group.right = qMax(group.right, rect.left() + block.layout()->lineAt(i).x() +
                                                block.layout()->lineAt(i).naturalTextWidth());
    }
    return groups;
}

QFont codeFont(const QList<QTextBlock> &blocks)
{
    for (const QTextBlock &block : blocks)
        if (!block.begin().atEnd())
            return block.begin().fragment().charFormat().font();
    return blocks.first().charFormat().font();
}

void setRoom(QTextBlock block, int room)
{
    QTextBlockFormat format = block.blockFormat();
    const int had = format.intProperty(RoomProperty);
    if (had == room)
        return;
    format.setBottomMargin(format.bottomMargin() - had + room);
    format.setProperty(RoomProperty, room);
    QTextCursor(block).setBlockFormat(format);
}

} // namespace

CodeBlockScroller::CodeBlockScroller(QTextEdit *view) : QObject(view), m_view(view)
{
    m_timer.setSingleShot(true);
    m_timer.setInterval(0);
    connect(&m_timer, &QTimer::timeout, this, &CodeBlockScroller::update);
    // The page never scrolls sideways, not even to show the caret of keyboard browsing.
    m_view->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    connect(m_view->horizontalScrollBar(), &QScrollBar::valueChanged, this, [this](int value) {
        if (value != 0)
            m_view->horizontalScrollBar()->setValue(0);
    });
}

void CodeBlockScroller::update()
{
    QList<int> offsets;
    for (QTextEdit *overlay : std::as_const(m_overlays))
        offsets.append(overlay->horizontalScrollBar()->value());
    qDeleteAll(m_overlays);
    m_overlays.clear();
    qDeleteAll(m_covers);
    m_covers.clear();

    QTextDocument *document = m_view->document();
    const qreal pageRight = m_view->viewport()->width() - document->documentMargin();
    const int barHeight = m_view->style()->pixelMetric(QStyle::PM_ScrollBarExtent);
    // First the room for the bars, which moves everything below; then the copies, placed on the
    // final layout.
    QList<bool> wide;
    for (const CodeGroup &group : codeGroups(document)) {
        wide.append(group.right > pageRight + 0.5);
        setRoom(group.blocks.last(), wide.last() ? barHeight : 0);
    }
    const QList<CodeGroup> groups = codeGroups(document);
    QAbstractTextDocumentLayout *layout = document->documentLayout();
    const int scrolled = m_view->verticalScrollBar()->value();
    for (int g = 0; g < groups.size() && g < wide.size(); ++g) {
        if (!wide.at(g))
            continue;
        const CodeGroup &group = groups.at(g);
        QStringList lines;
        for (const QTextBlock &block : group.blocks)
            lines.append(block.text());
        const QRectF first = layout->blockBoundingRect(group.blocks.first());
        const QRectF last = layout->blockBoundingRect(group.blocks.last());

        auto *overlay = new QTextEdit(m_view->viewport());
        overlay->setObjectName(QStringLiteral("codeBlockScroller"));
        overlay->setAccessibleName(tr("Code example %1").arg(g + 1));
        overlay->setAccessibleDescription(tr("A code example wider than the page: it scrolls "
                                             "sideways with its scroll bar, the arrow keys or "
                                             "Shift+wheel"));
        overlay->setReadOnly(true);
        overlay->setTextInteractionFlags(Qt::TextSelectableByMouse |
                                         Qt::TextSelectableByKeyboard);
        overlay->setFrameShape(QFrame::NoFrame);
        overlay->setLineWrapMode(QTextEdit::NoWrap);
        overlay->setVerticalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
        overlay->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOn);
        QPalette palette = m_view->palette();
        palette.setBrush(QPalette::Base, group.blocks.first().blockFormat().background());
        overlay->setPalette(palette);
        overlay->document()->setDocumentMargin(0);
        const QFont font = codeFont(group.blocks);
        overlay->setFont(font);
        overlay->document()->setDefaultFont(font);
        if (PythonHighlighter::isPythonBlock(group.blocks.first()))
            new PythonHighlighter(overlay->document(), true);
        overlay->setPlainText(lines.join(QLatin1Char('\n')));
        overlay->setGeometry(int(group.left), int(first.top()) - scrolled,
                             int(pageRight - group.left),
                             int(last.bottom() - first.top()) + barHeight);
        overlay->viewport()->installEventFilter(this);
        // A plain wheel over the block's scroll bar scrolls the page too, not the block.
        overlay->horizontalScrollBar()->installEventFilter(this);
        if (m_overlays.size() < offsets.size()) // the same wide block as before the relayout
            overlay->horizontalScrollBar()->setValue(offsets.at(m_overlays.size()));
        overlay->show();
        m_overlays.append(overlay);

        // The page's own copy of a long line runs on into the right margin, beside the copy's
        // edge: covered in the page's colour, so that only the copy is read.
        auto *cover = new QWidget(m_view->viewport());
        cover->setObjectName(QStringLiteral("codeBlockCover"));
        cover->setAutoFillBackground(true);
        QPalette coverPalette = m_view->palette();
        coverPalette.setBrush(QPalette::Window, m_view->palette().brush(QPalette::Base));
        cover->setPalette(coverPalette);
        cover->setGeometry(overlay->geometry().right() + 1, overlay->geometry().top(),
                           m_view->viewport()->width() - overlay->geometry().right() - 1,
                           overlay->geometry().height());
        cover->show();
        m_covers.append(cover);
    }
}

// Shift+wheel scrolls a copy sideways; a plain wheel goes on scrolling the page.
bool CodeBlockScroller::eventFilter(QObject *watched, QEvent *event)
{
    if (event->type() != QEvent::Wheel)
        return false;
    auto *wheel = static_cast<QWheelEvent *>(event);
    QTextEdit *overlay = nullptr; // of its viewport, or of its scroll bar (inside a container)
    for (QObject *o = watched->parent(); o && !overlay; o = o->parent())
        if (auto *edit = qobject_cast<QTextEdit *>(o); edit && m_overlays.contains(edit))
            overlay = edit;
    if (!overlay || wheel->modifiers() & Qt::ControlModifier)
        return false;
    if (wheel->modifiers() & Qt::ShiftModifier || wheel->angleDelta().x() != 0) {
        const int delta =
            wheel->angleDelta().x() != 0 ? wheel->angleDelta().x() : wheel->angleDelta().y();
        QScrollBar *bar = overlay->horizontalScrollBar();
        bar->setValue(bar->value() - delta * bar->singleStep() / 40);
        return true;
    }
    QWheelEvent forwarded(m_view->viewport()->mapFromGlobal(wheel->globalPosition()),
                          wheel->globalPosition(), wheel->pixelDelta(), wheel->angleDelta(),
                          wheel->buttons(), wheel->modifiers(), wheel->phase(), wheel->inverted());
    QCoreApplication::sendEvent(m_view->viewport(), &forwarded);
    return true;
}

} // namespace Unlocked
