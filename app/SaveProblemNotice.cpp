#include "SaveProblemNotice.h"

#include "ProgressStore.h"

namespace Unlocked {

SaveProblemNotice::SaveProblemNotice(ProgressStore *store, QWidget *parent)
    : QLabel(parent), m_store(store)
{
    setObjectName(QStringLiteral("saveProblem"));
    setWordWrap(true);
    setTextFormat(Qt::RichText);
    setAccessibleName(tr("Progress not saved"));
    setStyleSheet(QStringLiteral(
        "QLabel#saveProblem { background: #fff3cd; color: #5c4400; border: 1px solid #e0b84c; "
        "border-radius: 4px; padding: 6px 10px; margin: 6px 6px 0 6px; }"));
    setText(tr("<b>Your progress could not be saved just now</b> (is the disk full?). You can "
               "keep working: what you do is kept while Unlocked is open, and saved as soon as "
               "the file can be written again. Please do not quit until this message goes "
               "away."));
    hide();
    connect(store, &ProgressStore::saveStateChanged, this, &SaveProblemNotice::saveStateChanged);
}

QString SaveProblemNotice::detail() const
{
    return tr("The progress file %1 could not be written: %2")
        .arg(m_store->path(), m_store->saveError());
}

void SaveProblemNotice::saveStateChanged(bool saved)
{
    setToolTip(saved ? QString() : detail());
    setVisible(!saved);
    if (saved)
        Q_EMIT savedAgain();
}

} // namespace Unlocked
