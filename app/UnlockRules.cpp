#include "UnlockRules.h"

#include <QObject>

namespace Unlocked {

QString itemStateName(ItemState state)
{
    switch (state) {
    case ItemState::Locked:
        return QObject::tr("Locked");
    case ItemState::Open:
        return QObject::tr("Open");
    case ItemState::Attempted:
        return QObject::tr("Attempted");
    case ItemState::Passed:
        return QObject::tr("Passed");
    }
    return {};
}

UnlockRules::UnlockRules(const Pack &pack, QSet<QString> passedTasks, bool unlockAll)
    : m_pack(pack), m_passed(std::move(passedTasks)), m_unlockAll(unlockAll)
{
}

bool UnlockRules::isUnlocked(const QString &lessonId) const
{
    return m_unlockAll || missing(lessonId).isEmpty();
}

QList<UnlockRules::Missing> UnlockRules::missing(const QString &lessonId) const
{
    QList<Missing> out;
    QSet<QString> seen{lessonId};
    if (const Lesson *lesson = m_pack.lesson(lessonId)) {
        for (const QString &before : lesson->unlockAfter)
            collectMissing(before, seen, out);
    }
    return out;
}

// Walks the predecessors depth-first so that the reason names the earliest work still to do.
void UnlockRules::collectMissing(const QString &lessonId, QSet<QString> &seen,
                                 QList<Missing> &out) const
{
    if (seen.contains(lessonId))
        return; // a cycle or a shared predecessor: already counted
    seen.insert(lessonId);
    const Lesson *lesson = m_pack.lesson(lessonId);
    if (!lesson)
        return;
    for (const QString &before : lesson->unlockAfter)
        collectMissing(before, seen, out);
    Missing here{lesson->title, {}, {}};
    for (const QString &taskId : lesson->taskIds) {
        const Task *task = m_pack.task(taskId);
        if (task && task->required && !m_passed.contains(taskId)) {
            here.taskIds.append(taskId);
            here.taskTitles.append(task->title.isEmpty() ? taskId : task->title);
        }
    }
    if (!here.taskIds.isEmpty())
        out.append(here);
}

QString UnlockRules::lockReason(const QString &lessonId) const
{
    if (m_unlockAll)
        return {};
    const QList<Missing> all = missing(lessonId);
    if (all.isEmpty())
        return {};
    QStringList parts;
    for (const Missing &m : all) {
        // Learners know tasks by the titles on the course map, not by their ids.
        QStringList quoted;
        for (const QString &title : m.taskTitles)
            quoted.append(QObject::tr("“%1”").arg(title));
        QString list =
            quoted.size() == 1
                ? quoted.first()
                : QStringList(quoted.mid(0, quoted.size() - 1)).join(QLatin1String(", ")) +
                      QObject::tr(" and ") + quoted.last();
        parts.append(QObject::tr("%1 in “%2”").arg(list, m.lessonTitle));
    }
    return QObject::tr("Pass %1 first").arg(parts.join(QObject::tr(", then ")));
}

QString UnlockRules::firstBlockingTask(const QString &lessonId) const
{
    if (m_unlockAll)
        return {};
    const QList<Missing> all = missing(lessonId);
    return all.isEmpty() ? QString() : all.first().taskIds.first();
}

} // namespace Unlocked
