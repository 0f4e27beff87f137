#include "OutputPane.h"

#include "Appearance.h"
#include "CodeColors.h"
#include "RunController.h"
#include "RunPolicy.h"
#include "TimelineView.h"

#include <QEvent>
#include <QHBoxLayout>
#include <QLabel>
#include <QPlainTextDocumentLayout>
#include <QPlainTextEdit>
#include <QTextBlock>
#include <QPushButton>
#include <QScrollArea>
#include <QSplitter>
#include <QVBoxLayout>

#include <utility>

namespace Unlocked {

namespace {
constexpr int ErrorTextProperty = QTextFormat::UserProperty + 1;
} // namespace

OutputPane::OutputPane(RunPolicy *policy, QWidget *parent)
    : QWidget(parent), m_policy(policy), m_runner(new RunController(this)),
      m_title(new QLabel(tr("Output"))), m_stop(new QPushButton(tr("Stop"))), m_offer(new QFrame),
      m_offerText(new QLabel), m_text(new QPlainTextEdit), m_status(new QLabel),
      m_timelineToggle(new QPushButton(tr("Timeline"))), m_split(new QSplitter(Qt::Vertical)),
      m_timelineArea(new QScrollArea), m_timeline(new TimelineView)
{
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(6, 6, 6, 6);
    auto *header = new QHBoxLayout;
    QFont bold = m_title->font();
    bold.setBold(true);
    m_title->setFont(bold);
    header->addWidget(m_title, 1);
    m_timelineToggle->setObjectName(QStringLiteral("timelineToggle"));
    m_timelineToggle->setCheckable(true);
    m_timelineToggle->setChecked(true);
    m_timelineToggle->setEnabled(false);
    m_timelineToggle->setToolTip(tr("Show or hide what each thread of the last run did"));
    header->addWidget(m_timelineToggle);
    m_stop->setEnabled(false);
    m_stop->setToolTip(tr("Stop the running program"));
    header->addWidget(m_stop);
    layout->addLayout(header);

    m_offer->setFrameShape(QFrame::StyledPanel);
    m_offer->setAutoFillBackground(true);
    m_offer->setBackgroundRole(QPalette::ToolTipBase);
    m_offer->setForegroundRole(QPalette::ToolTipText);
    auto *offerLayout = new QVBoxLayout(m_offer);
    m_offerText->setWordWrap(true);
    m_offerText->setForegroundRole(QPalette::ToolTipText);
    offerLayout->addWidget(m_offerText);
    auto *optIn = new QPushButton(tr("Run without isolation"));
    optIn->setObjectName(QStringLiteral("optInUnisolated"));
    offerLayout->addWidget(optIn, 0, Qt::AlignLeft);
    m_offer->hide();
    layout->addWidget(m_offer);

    m_text->setReadOnly(true);
    m_text->setFont(Appearance::instance()->codeFont());
    m_text->setAccessibleName(tr("Program output"));
    m_text->setAccessibleDescription(tr("What your program printed; errors in a contrasting "
                                        "colour"));
    m_text->setPlaceholderText(tr("Your program's output appears here."));
    m_text->setLineWrapMode(QPlainTextEdit::NoWrap);
    m_text->setDocument(page(m_owner).document);
    m_split->addWidget(m_text);
    m_timelineArea->setWidget(m_timeline);
    m_timelineArea->setWidgetResizable(true);
    m_timelineArea->setFrameShape(QFrame::NoFrame);
    m_split->addWidget(m_timelineArea);
    m_split->setStretchFactor(0, 1);
    m_split->setStretchFactor(1, 1);
    m_split->setChildrenCollapsible(false);
    m_timelineArea->hide();
    layout->addWidget(m_split, 1);
    m_status->setWordWrap(true);
    layout->addWidget(m_status);

    m_stop->setAccessibleDescription(tr("Stops the running program (Ctrl+F2)"));
    optIn->setAccessibleDescription(tr("Runs your code with your own rights, outside the "
                                       "sandbox"));
    connect(Appearance::instance(), &Appearance::codeFontChanged, this, [this](const QFont &font) {
        m_text->setFont(font);
        for (const Page &p : std::as_const(m_pages))
            p.document->setDefaultFont(font);
    });
    connect(m_stop, &QPushButton::clicked, this, &OutputPane::stop);
    connect(optIn, &QPushButton::clicked, this, [this] {
        m_policy->setUnisolatedAllowed(true);
        m_offer->hide();
        startNow();
    });
    m_timelineToggle->setAccessibleDescription(tr("Shows or hides the timeline of the last run: "
                                                  "how much of a core each thread used over "
                                                  "time"));
    connect(m_timelineToggle, &QPushButton::toggled, this,
            [this] { showTimeline(page(m_owner).timeline); });
    connect(m_runner, &RunController::timelineRecorded, this, [this](const Timeline &timeline) {
        page(m_runOwner).timeline = timeline;
        if (m_runOwner == m_owner)
            showTimeline(timeline);
    });
    connect(m_runner, &RunController::output, this, &OutputPane::append);
    connect(m_runner, &RunController::finished, this,
            [this](const RunOutcome &outcome, const QString &summary) {
                m_stop->setEnabled(false);
                setStatus(m_runOwner, summary);
                Q_EMIT runFinished(outcome.succeeded());
            });
}

void OutputPane::run(const QString &title, const QString &fileName, const QString &source,
                     const Limits &limits)
{
    Task program;
    program.kind = TaskKind::Program;
    program.solutionFile = fileName;
    program.limits = limits;
    run(title, program, source);
}

void OutputPane::run(const QString &title, const Task &task, const QString &source)
{
    if (m_runner->isRunning())
        return;
    auto action = [=, this] {
        const bool isolated = m_policy->isolated();
        m_title->setText(isolated ? title : tr("%1 — not isolated").arg(title));
        m_runOwner = m_owner;
        m_text->clear();
        page(m_owner).timeline = {};
        showTimeline({});
        m_status->setText(isolated ? tr("Running…")
                                   : tr("Running without isolation: your code has your own "
                                        "rights on this computer."));
        m_stop->setEnabled(true);
        if (m_runner->start(task, source.toUtf8(), m_policy->options()))
            Q_EMIT runStarted();
    };
    whenAllowed(title, action);
}

void OutputPane::whenAllowed(const QString &title, std::function<void()> action)
{
    m_pending = std::move(action);
    if (m_policy->canRun()) {
        startNow();
        return;
    }
    m_title->setText(title);
    m_offerText->setText(tr("<b>Your code cannot be isolated on this computer</b> (%1).<br>"
                            "Unlocked normally runs learner code in a sandbox with no network "
                            "and no access to your files. You can run it anyway, with your own "
                            "rights, if you trust the code.")
                             .arg(m_policy->isolation().reason.toHtmlEscaped()));
    m_offer->show();
}

void OutputPane::startNow()
{
    if (auto action = std::exchange(m_pending, nullptr))
        action();
}

void OutputPane::stop()
{
    m_runner->stop();
    if (m_runner->isRunning())
        setStatus(m_runOwner, tr("Stopping…"));
}

OutputPane::Page &OutputPane::page(const QString &owner)
{
    Page &p = m_pages[owner];
    if (!p.document) {
        p.document = new QTextDocument(this);
        p.document->setDocumentLayout(new QPlainTextDocumentLayout(p.document));
        p.document->setDefaultFont(m_text->font());
        p.title = tr("Output");
    }
    return p;
}

void OutputPane::setOwner(const QString &owner)
{
    if (owner == m_owner)
        return;
    Page &old = page(m_owner);
    old.title = m_title->text();
    old.status = m_status->text();
    m_owner = owner;
    const Page &shown = page(owner);
    m_text->setDocument(shown.document);
    m_title->setText(shown.title);
    m_status->setText(shown.status);
    showTimeline(shown.timeline);
    m_offer->hide(); // an offer waiting for an answer was made for the other owner's run
    m_pending = nullptr;
    m_stop->setEnabled(isRunning() && m_runOwner == m_owner);
    m_text->moveCursor(QTextCursor::End);
}

void OutputPane::setStatus(const QString &owner, const QString &text)
{
    if (owner == m_owner)
        m_status->setText(text);
    else
        page(owner).status = text;
}

void OutputPane::showTimeline(const Timeline &timeline)
{
    m_timeline->setTimeline(timeline);
    m_timelineToggle->setEnabled(!timeline.lanes.isEmpty());
    m_timelineArea->setVisible(!timeline.lanes.isEmpty() && m_timelineToggle->isChecked());
}

bool OutputPane::isTimelineShown() const
{
    return !m_timelineArea->isHidden();
}

bool OutputPane::isRunning() const
{
    return m_runner->isRunning();
}

QString OutputPane::text() const
{
    return m_text->toPlainText();
}

QString OutputPane::status() const
{
    return m_status->text();
}

void OutputPane::append(OutputStream stream, const QString &text)
{
    // Plain output takes the palette's text colour as it is painted; errors are marked, so that
    // a change of theme can give them the new theme's error colour.
    QTextCharFormat format;
    if (stream == OutputStream::Stderr) {
        format.setForeground(CodeColors::forPalette(palette()).error);
        format.setProperty(ErrorTextProperty, true);
    }
    QTextCursor cursor(page(m_runOwner).document);
    cursor.movePosition(QTextCursor::End);
    cursor.insertText(text, format);
    if (m_runOwner != m_owner)
        return;
    m_text->moveCursor(QTextCursor::End);
    m_text->ensureCursorVisible();
}

void OutputPane::changeEvent(QEvent *event)
{
    QWidget::changeEvent(event);
    if (event->type() != QEvent::PaletteChange)
        return;
    QTextCharFormat recoloured;
    recoloured.setForeground(CodeColors::forPalette(palette()).error);
    for (const Page &p : std::as_const(m_pages)) {
        QList<std::pair<int, int>> errors; // collected first: recolouring merges fragments
        for (QTextBlock block = p.document->begin(); block.isValid(); block = block.next())
            for (auto it = block.begin(); !it.atEnd(); ++it)
                if (it.fragment().charFormat().boolProperty(ErrorTextProperty))
                    errors.append({it.fragment().position(), it.fragment().length()});
        QTextCursor cursor(p.document);
        for (const auto &[position, length] : errors) {
            cursor.setPosition(position);
            cursor.setPosition(position + length, QTextCursor::KeepAnchor);
            cursor.mergeCharFormat(recoloured);
        }
    }
}

} // namespace Unlocked
