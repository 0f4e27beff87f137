#pragma once

#include "pack/Pack.h"

#include <QSet>
#include <QString>

namespace Unlocked {

/** Where a learner stands on one item of the course map. */
enum class ItemState
{
    Locked,
    Open,
    Attempted,
    Passed
};

QString itemStateName(ItemState state);

/**
 * Decides which lessons are open. A lesson opens when every lesson in its `unlockAfter` list is
 * itself open and has all its required tasks passed; a lesson with no predecessors is open.
 * Requiring predecessors to be open too keeps a task-less lesson from skipping the chain.
 */
class UnlockRules
{
public:
    UnlockRules(const Pack &pack, QSet<QString> passedTasks, bool unlockAll = false);

    bool isUnlocked(const QString &lessonId) const;
    /** Why a lesson is locked, for the learner: "Pass “Threads for waiting” in “The GIL” first". */
    QString lockReason(const QString &lessonId) const;
    /** The first task that stands between the learner and the lesson; empty when open. */
    QString firstBlockingTask(const QString &lessonId) const;

private:
    struct Missing
    {
        QString lessonTitle;
        QStringList taskIds;
        QStringList taskTitles;
    };
    QList<Missing> missing(const QString &lessonId) const;
    void collectMissing(const QString &lessonId, QSet<QString> &seen, QList<Missing> &out) const;

    const Pack &m_pack;
    QSet<QString> m_passed;
    bool m_unlockAll;
};

} // namespace Unlocked
