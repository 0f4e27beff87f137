#pragma once

#include "UnlockRules.h"

#include <QStandardItemModel>

#include <memory>
#include <optional>

namespace Unlocked {

class ProgressStore;

enum class CourseItemKind
{
    Lesson,
    Task,
    Quiz
};

/**
 * A place in the course, written `task:gil-io-threads` (or `lesson:ID`, `quiz:ID`): where the
 * learner was, a link in a page, the app's `--open` argument.
 */
struct CoursePlace
{
    CourseItemKind kind = CourseItemKind::Lesson;
    QString id;

    static std::optional<CoursePlace> parse(const QString &text);
    QString toString() const;
};

/** What the course map needs to know of the learner's progress, read once per refresh. */
struct ProgressSnapshot
{
    QSet<QString> passedTasks;
    QSet<QString> attemptedTasks;
    QSet<QString> readLessons;
    QSet<QString> passedQuizzes;
    QSet<QString> attemptedQuizzes;

    static ProgressSnapshot read(const ProgressStore &store, const Pack &pack);
};

/**
 * The course map: lessons, each with its tasks and quiz as children, in pack order. Column 0
 * is the title, column 1 the state; the lock reason is the tooltip and ReasonRole.
 */
class CourseModel : public QStandardItemModel
{
    Q_OBJECT
public:
    enum Role
    {
        KindRole = Qt::UserRole + 1,
        IdRole,
        StateRole,
        ReasonRole,
        LessonRole
    };

    explicit CourseModel(QObject *parent = nullptr);

    void setPack(std::shared_ptr<const Pack> pack);
    void setProgress(const ProgressSnapshot &progress);
    void setUnlockAll(bool unlockAll);
    bool unlockAll() const { return m_unlockAll; }

    QModelIndex find(CourseItemKind kind, const QString &id) const;
    ItemState state(CourseItemKind kind, const QString &id) const;
    QString lockReason(const QString &lessonId) const;
    QString firstBlockingTask(const QString &lessonId) const;

    int tasksPassed() const { return m_tasksPassed; }
    int tasksTotal() const { return m_tasksTotal; }
    QString progressText() const;
    /** The state's mark, drawn from the application palette. */
    static QIcon stateIcon(ItemState state);

private:
    void refresh();
    void apply(QStandardItem *title, ItemState state, const QString &reason);

    std::shared_ptr<const Pack> m_pack;
    ProgressSnapshot m_progress;
    bool m_unlockAll = false;
    int m_tasksPassed = 0;
    int m_tasksTotal = 0;
    int m_quizzesPassed = 0;
    int m_quizzesTotal = 0;
};

} // namespace Unlocked
