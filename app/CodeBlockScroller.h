#pragma once

#include <QList>
#include <QObject>
#include <QTimer>

class QTextEdit;

namespace Unlocked {

/**
 * Gives each code block of a rich-text view that is wider than the page its own sideways
 * scroll: a read-only copy of the block, with a scroll bar, lies over it (room for the bar is
 * made below the block), while the page itself never scrolls sideways.
 */
class CodeBlockScroller : public QObject
{
    Q_OBJECT
public:
    explicit CodeBlockScroller(QTextEdit *view);

    /** Lays the copies out again soon (after a new document, a resize, a relayout). */
    void schedule() { m_timer.start(); }
    /** The copies, one per code block too wide for the page, in document order. */
    QList<QTextEdit *> overlays() const { return m_overlays; }

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    void update();

    QTextEdit *m_view;
    QList<QTextEdit *> m_overlays;
    QList<QWidget *> m_covers; // over the page's right margin, where a long line runs on beneath
    QTimer m_timer;
};

} // namespace Unlocked
