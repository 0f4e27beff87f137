#include "CourseModel.h"

#include "ProgressStore.h"

#include <QApplication>
#include <QPainter>
#include <QPainterPath>
#include <QPalette>

namespace Unlocked {

namespace {

constexpr std::pair<CourseItemKind, const char *> placeKeys[] = {{CourseItemKind::Lesson, "lesson"},
                                                                 {CourseItemKind::Task, "task"},
                                                                 {CourseItemKind::Quiz, "quiz"}};

} // namespace

std::optional<CoursePlace> CoursePlace::parse(const QString &text)
{
    const QString key = text.section(QLatin1Char(':'), 0, 0);
    const QString id = text.section(QLatin1Char(':'), 1);
    for (const auto &[kind, name] : placeKeys)
        if (key == QLatin1String(name) && !id.isEmpty())
            return CoursePlace{kind, id};
    return std::nullopt;
}

QString CoursePlace::toString() const
{
    for (const auto &[k, name] : placeKeys)
        if (k == kind)
            return QLatin1String(name) + QLatin1Char(':') + id;
    return {};
}

// Drawn from the palette so that the marks follow light and dark themes alike.
QIcon CourseModel::stateIcon(ItemState state)
{
    const QPalette pal = QApplication::palette();
    QPixmap pixmap(64, 64); // drawn on a 32-unit grid, twice over for crisp large sizes
    pixmap.fill(Qt::transparent);
    QPainter p(&pixmap);
    p.setRenderHint(QPainter::Antialiasing);
    p.scale(2, 2);
    const QColor ink = pal.color(QPalette::Text);
    const QColor accent = pal.color(QPalette::Highlight);
    QPen pen(ink, 2.5);
    switch (state) {
    case ItemState::Locked: {
        QColor dim = ink;
        dim.setAlphaF(0.55);
        p.setPen(QPen(dim, 3));
        p.drawArc(QRectF(9, 4, 14, 16), 0, 180 * 16);
        p.drawLine(QPointF(9, 12), QPointF(9, 15));
        p.drawLine(QPointF(23, 12), QPointF(23, 15));
        p.setPen(Qt::NoPen);
        p.setBrush(dim);
        p.drawRoundedRect(QRectF(6, 14, 20, 15), 3, 3);
        break;
    }
    case ItemState::Open:
        p.setPen(pen);
        p.drawEllipse(QRectF(6, 6, 20, 20));
        break;
    case ItemState::Attempted: {
        p.setPen(pen);
        p.drawEllipse(QRectF(6, 6, 20, 20));
        QPainterPath half;
        half.moveTo(16, 6);
        half.arcTo(QRectF(6, 6, 20, 20), 90, 180);
        half.closeSubpath();
        p.fillPath(half, accent);
        break;
    }
    case ItemState::Passed:
        p.setPen(Qt::NoPen);
        p.setBrush(accent);
        p.drawEllipse(QRectF(4, 4, 24, 24));
        p.setPen(QPen(pal.color(QPalette::HighlightedText), 3.5, Qt::SolidLine, Qt::RoundCap,
                      Qt::RoundJoin));
        p.drawPolyline(QPolygonF({QPointF(10, 16.5), QPointF(14.5, 21), QPointF(22.5, 11.5)}));
        break;
    }
    return QIcon(pixmap);
}

ProgressSnapshot ProgressSnapshot::read(const ProgressStore &store, const Pack &pack)
{
    ProgressSnapshot s;
    s.passedTasks = store.passedTasks();
    s.attemptedTasks = store.attemptedTasks();
    s.readLessons = store.readLessons();
    for (const Lesson &lesson : pack.lessons) {
        if (!lesson.quiz)
            continue;
        const auto answers = store.lastQuizAnswers(lesson.quiz->id);
        if (answers.isEmpty())
            continue;
        s.attemptedQuizzes.insert(lesson.quiz->id);
        bool all = true;
        for (const QuizQuestion &q : lesson.quiz->questions)
            all = all && answers.value(q.id).correct;
        if (all)
            s.passedQuizzes.insert(lesson.quiz->id);
    }
    return s;
}

CourseModel::CourseModel(QObject *parent) : QStandardItemModel(parent)
{
    setHorizontalHeaderLabels({tr("Course"), tr("State")});
}

void CourseModel::setPack(std::shared_ptr<const Pack> pack)
{
    m_pack = std::move(pack);
    removeRows(0, rowCount());
    if (!m_pack)
        return;
    auto row = [](CourseItemKind kind, const QString &id, const QString &lessonId,
                  const QString &title) {
        auto *item = new QStandardItem(title);
        item->setEditable(false);
        item->setData(int(kind), KindRole);
        item->setData(id, IdRole);
        item->setData(lessonId, LessonRole);
        auto *stateItem = new QStandardItem;
        stateItem->setEditable(false);
        return QList<QStandardItem *>{item, stateItem};
    };
    for (const Lesson &lesson : m_pack->lessons) {
        const auto lessonRow = row(CourseItemKind::Lesson, lesson.id, lesson.id, lesson.title);
        for (const QString &taskId : lesson.taskIds) {
            const Task *task = m_pack->task(taskId);
            lessonRow[0]->appendRow(
                row(CourseItemKind::Task, taskId, lesson.id, task ? task->title : taskId));
        }
        if (lesson.quiz) {
            const QString title = lesson.quiz->title.isEmpty() ? lesson.title : lesson.quiz->title;
            lessonRow[0]->appendRow(
                row(CourseItemKind::Quiz, lesson.quiz->id, lesson.id, tr("Quiz: %1").arg(title)));
        }
        appendRow(lessonRow);
    }
    refresh();
}

void CourseModel::setProgress(const ProgressSnapshot &progress)
{
    m_progress = progress;
    refresh();
}

void CourseModel::setUnlockAll(bool unlockAll)
{
    m_unlockAll = unlockAll;
    refresh();
}

void CourseModel::apply(QStandardItem *title, ItemState state, const QString &reason)
{
    title->setData(int(state), StateRole);
    title->setData(reason, ReasonRole);
    title->setData(stateIcon(state), Qt::DecorationRole);
    title->setToolTip(reason);
    QStandardItem *stateItem = itemFromIndex(title->index().siblingAtColumn(1));
    const bool lesson = CourseItemKind(title->data(KindRole).toInt()) == CourseItemKind::Lesson;
    stateItem->setText(lesson && state == ItemState::Attempted ? tr("In progress")
                                                               : itemStateName(state));
    stateItem->setToolTip(reason);
}

void CourseModel::refresh()
{
    m_tasksPassed = m_tasksTotal = m_quizzesPassed = m_quizzesTotal = 0;
    if (!m_pack)
        return;
    const UnlockRules rules(*m_pack, m_progress.passedTasks, m_unlockAll);
    for (int r = 0; r < rowCount(); ++r) {
        QStandardItem *lessonItem = item(r, 0);
        const QString lessonId = lessonItem->data(IdRole).toString();
        const bool unlocked = rules.isUnlocked(lessonId);
        const QString reason = rules.lockReason(lessonId);
        bool allPassed = true;
        bool anyWork = m_progress.readLessons.contains(lessonId);
        for (int c = 0; c < lessonItem->rowCount(); ++c) {
            QStandardItem *child = lessonItem->child(c, 0);
            const QString id = child->data(IdRole).toString();
            const bool isTask =
                CourseItemKind(child->data(KindRole).toInt()) == CourseItemKind::Task;
            const bool passed = isTask ? m_progress.passedTasks.contains(id)
                                       : m_progress.passedQuizzes.contains(id);
            const bool attempted = isTask ? m_progress.attemptedTasks.contains(id)
                                          : m_progress.attemptedQuizzes.contains(id);
            (isTask ? m_tasksTotal : m_quizzesTotal) += 1;
            (isTask ? m_tasksPassed : m_quizzesPassed) += passed ? 1 : 0;
            allPassed = allPassed && passed;
            anyWork = anyWork || attempted || passed;
            const ItemState state = !unlocked   ? ItemState::Locked
                                    : passed    ? ItemState::Passed
                                    : attempted ? ItemState::Attempted
                                                : ItemState::Open;
            apply(child, state, reason);
        }
        const bool hasWork = lessonItem->rowCount() > 0;
        const ItemState state = !unlocked              ? ItemState::Locked
                                : hasWork && allPassed ? ItemState::Passed
                                : anyWork              ? ItemState::Attempted
                                                       : ItemState::Open;
        apply(lessonItem, state, reason);
    }
}

QModelIndex CourseModel::find(CourseItemKind kind, const QString &id) const
{
    const QModelIndexList hits =
        match(index(0, 0), IdRole, id, -1, Qt::MatchExactly | Qt::MatchRecursive);
    for (const QModelIndex &hit : hits)
        if (CourseItemKind(hit.data(KindRole).toInt()) == kind)
            return hit;
    return {};
}

ItemState CourseModel::state(CourseItemKind kind, const QString &id) const
{
    const QModelIndex index = find(kind, id);
    return index.isValid() ? ItemState(index.data(StateRole).toInt()) : ItemState::Locked;
}

QString CourseModel::lockReason(const QString &lessonId) const
{
    return m_pack ? UnlockRules(*m_pack, m_progress.passedTasks, m_unlockAll).lockReason(lessonId)
                  : QString();
}

QString CourseModel::firstBlockingTask(const QString &lessonId) const
{
    return m_pack ? UnlockRules(*m_pack, m_progress.passedTasks, m_unlockAll)
                        .firstBlockingTask(lessonId)
                  : QString();
}

QString CourseModel::progressText() const
{
    QString text = tr("%1 of %2 tasks passed").arg(m_tasksPassed).arg(m_tasksTotal);
    if (m_quizzesTotal > 0)
        text += tr(" · %1 of %2 quizzes").arg(m_quizzesPassed).arg(m_quizzesTotal);
    return text;
}

} // namespace Unlocked
