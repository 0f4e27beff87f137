#include "PackLoader.h"

#include "PackReaders.h"

#include <QDir>
#include <QFileInfo>
#include <QHash>
#include <QSet>

#include <algorithm>
#include <tuple>

namespace Unlocked {

QString PackError::toString() const
{
    QString s = where.file;
    if (where.line > 0)
        s += QLatin1Char(':') + QString::number(where.line);
    if (where.column > 0)
        s += QLatin1Char(':') + QString::number(where.column);
    s += QLatin1String(": ");
    if (!field.isEmpty())
        s += field + QLatin1String(": ");
    return s + message;
}

namespace {

const QStringList courseKeys = {QStringLiteral("id"), QStringLiteral("title"),
                                QStringLiteral("version"), QStringLiteral("description"),
                                QStringLiteral("grading"),
                                QStringLiteral("lessons")};
const QStringList lessonKeys = {QStringLiteral("id"),    QStringLiteral("title"),
                                QStringLiteral("file"),  QStringLiteral("quiz"),
                                QStringLiteral("tasks"), QStringLiteral("unlock_after")};

/** An unlock_after entry, kept with its place so that a bad one can be pointed at. */
struct UnlockRef
{
    QString lessonId;
    Reference ref;
};

class CourseReader
{
public:
    CourseReader(const QString &dir, const QString &onlyTask, PackErrors &errors)
        : m_onlyTask(onlyTask), m_errors(errors)
    {
        m_pack.dir = dir;
    }

    void read();
    Pack take() { return std::move(m_pack); }

private:
    void readLesson(YamlFile &file, const YAML::Node &node, qsizetype index);
    void readLessonTasks(YamlMap &map, Lesson &lesson);
    void readUnlock(YamlMap &map, Lesson &lesson, qsizetype index);
    std::optional<QString> packFile(YamlMap &map, const QString &key, bool required,
                                    QString *relative);
    void checkUnlockRules();
    const Lesson *lessonWithQuiz(const QString &quizId) const;
    void reportCycles(const QString &id, QStringList &path, QSet<QString> &done);

    bool wanted(const QString &taskId) const
    {
        return m_onlyTask.isEmpty() || taskId == m_onlyTask;
    }

    Pack m_pack;
    const QString m_onlyTask; // empty: the whole pack
    PackErrors &m_errors;
    QHash<QString, Reference> m_taskListedAt;      // task id -> where a lesson listed it
    QHash<QString, QList<UnlockRef>> m_unlockRefs; // lesson id -> its unlock_after entries
    QHash<QString, Reference> m_unlockKey;         // lesson id -> its unlock_after key
};

void CourseReader::read()
{
    const QString path = m_pack.dir + QStringLiteral("/course.yaml");
    if (!QFileInfo::exists(path)) {
        m_errors.add({path, 0, 0}, {},
                     QStringLiteral("not found: a pack folder holds course.yaml, the manifest "
                                    "that lists its lessons"));
        return;
    }
    YamlFile file(path, m_errors);
    if (!file.load(QStringLiteral("course.yaml"), {path, 0, 0}, {}))
        return;
    if (file.root().IsNull()) {
        m_errors.add({path, 0, 0}, {},
                     QStringLiteral("the file is empty: it needs id, title and lessons"));
        return;
    }
    YamlMap map(file, file.root(), {}, QStringLiteral("course.yaml"), courseKeys);
    if (!map.isValid())
        return;
    if (const auto id = map.string(QStringLiteral("id"), true)) {
        if (isValidId(*id))
            m_pack.id = *id;
        else
            map.error(
                QStringLiteral("id"),
                QStringLiteral("'%1' is not a valid id (letters, digits, '-' and '_')").arg(*id));
    }
    m_pack.title = map.string(QStringLiteral("title"), true).value_or(QString());
    m_pack.version = map.string(QStringLiteral("version"), false).value_or(QString());
    m_pack.description = map.string(QStringLiteral("description"), false).value_or(QString());
    if (map.has(QStringLiteral("grading"))) {
        YamlMap grading(file, map.value(QStringLiteral("grading")), QStringLiteral("grading"),
                        QStringLiteral("grading"), {QStringLiteral("inconclusive")});
        if (grading.isValid())
            m_pack.inconclusive = readInconclusive(grading).value_or(InconclusivePolicy::Regrade);
    }
    const auto lessons = map.list(QStringLiteral("lessons"), true);
    if (!lessons)
        return;
    if (lessons->size() == 0) {
        map.error(QStringLiteral("lessons"), QStringLiteral("a course needs at least one lesson"));
        return;
    }
    for (std::size_t i = 0; i < lessons->size(); ++i)
        readLesson(file, (*lessons)[i], qsizetype(i));
    checkUnlockRules();
}

void CourseReader::readLesson(YamlFile &file, const YAML::Node &node, qsizetype index)
{
    const QString field = indexField(QStringLiteral("lessons"), index);
    YamlMap map(file, node, field, QStringLiteral("a lesson"), lessonKeys);
    if (!map.isValid())
        return;
    Lesson lesson;
    lesson.where = map.at();
    if (const auto id = map.string(QStringLiteral("id"), true)) {
        if (!isValidId(*id))
            map.error(
                QStringLiteral("id"),
                QStringLiteral("'%1' is not a valid id (letters, digits, '-' and '_')").arg(*id));
        else if (m_pack.lesson(*id))
            map.error(QStringLiteral("id"),
                      QStringLiteral("lesson id '%1' is used twice").arg(*id));
        else
            lesson.id = *id;
    }
    lesson.title = map.string(QStringLiteral("title"), true).value_or(QString());

    QString relative;
    if (const auto path = packFile(map, QStringLiteral("file"), true, &relative);
        path && m_onlyTask.isEmpty()) {
        lesson.path = *path;
        const Reference ref{map.at(QStringLiteral("file")), map.field(QStringLiteral("file"))};
        lesson.markdown =
            readPackText(*path, relative, ref.at, ref.field, m_errors).value_or(QString());
    }
    if (const auto path = packFile(map, QStringLiteral("quiz"), false, &relative);
        path && m_onlyTask.isEmpty()) {
        const Reference ref{map.at(QStringLiteral("quiz")), map.field(QStringLiteral("quiz"))};
        const QString defaultId =
            (lesson.id.isEmpty() ? QStringLiteral("lesson") : lesson.id) + QStringLiteral("-quiz");
        lesson.quiz = readQuiz(*path, relative, ref, defaultId, lesson.title, m_errors);
        if (lesson.quiz) {
            // Quiz ids key the learner's answers, so two quizzes must not share one.
            if (const Lesson *other = lessonWithQuiz(lesson.quiz->id))
                m_errors.add(lesson.quiz->where, QStringLiteral("id"),
                             QStringLiteral("quiz id '%1' is already used by the quiz of lesson "
                                            "'%2'")
                                 .arg(lesson.quiz->id, other->id));
        }
    }
    readLessonTasks(map, lesson);
    readUnlock(map, lesson, index);
    m_pack.lessons.append(lesson);
}

const Lesson *CourseReader::lessonWithQuiz(const QString &quizId) const
{
    for (const Lesson &l : m_pack.lessons)
        if (l.quiz && l.quiz->id == quizId)
            return &l;
    return nullptr;
}

// A path named by \a key, relative to the pack; \a relative receives it as written.
std::optional<QString> CourseReader::packFile(YamlMap &map, const QString &key, bool required,
                                              QString *relative)
{
    const auto value = map.string(key, required);
    if (!value || value->isEmpty())
        return std::nullopt;
    *relative = *value;
    const auto path = resolvePackPath(m_pack.dir, m_pack.dir, *value);
    if (!path)
        map.error(key, QStringLiteral("'%1' must be a relative path inside the pack").arg(*value));
    return path;
}

void CourseReader::readLessonTasks(YamlMap &map, Lesson &lesson)
{
    const auto list = map.list(QStringLiteral("tasks"), false);
    if (!list)
        return;
    for (std::size_t i = 0; i < list->size(); ++i) {
        const YAML::Node item = (*list)[i];
        const Reference ref{map.file().at(item),
                            indexField(map.field(QStringLiteral("tasks")), qsizetype(i))};
        const QString id = scalarText(item);
        if (!item.IsScalar() || !isValidId(id)) {
            m_errors.add(ref.at, ref.field,
                         QStringLiteral("%1 is not a task id (the name of a folder under tasks/)")
                             .arg(describeNode(item)));
            continue;
        }
        if (const auto it = m_taskListedAt.constFind(id); it != m_taskListedAt.cend()) {
            const Task *task = m_pack.task(id);
            m_errors.add(ref.at, ref.field,
                         QStringLiteral("task '%1' is already listed at %2:%3%4; a task belongs "
                                        "to one lesson")
                             .arg(id, QFileInfo(it->at.file).fileName())
                             .arg(it->at.line)
                             .arg(task && !task->lessonId.isEmpty()
                                      ? QStringLiteral(" (lesson '%1')").arg(task->lessonId)
                                      : QString()));
            continue;
        }
        m_taskListedAt.insert(id, ref);
        lesson.taskIds.append(id);
        if (!wanted(id))
            continue;
        if (auto task = readTask(m_pack.dir, id, ref, m_pack.inconclusive, m_errors)) {
            task->lessonId = lesson.id;
            m_pack.tasks.append(*task);
        }
    }
}

void CourseReader::readUnlock(YamlMap &map, Lesson &lesson, qsizetype index)
{
    const QString key = QStringLiteral("unlock_after");
    if (!map.has(key)) {
        // By default lessons open in order: each after the one before it.
        if (index > 0 && !m_pack.lessons.isEmpty() && !m_pack.lessons.last().id.isEmpty())
            lesson.unlockAfter = {m_pack.lessons.last().id};
        return;
    }
    m_unlockKey.insert(lesson.id, {map.at(key), map.field(key)});
    const auto list = map.list(key, false);
    if (!list)
        return;
    for (std::size_t i = 0; i < list->size(); ++i) {
        const YAML::Node item = (*list)[i];
        const Reference ref{map.file().at(item), indexField(map.field(key), qsizetype(i))};
        if (!item.IsScalar()) {
            m_errors.add(ref.at, ref.field,
                         QStringLiteral("must be a lesson id, not %1").arg(describeNode(item)));
            continue;
        }
        const QString id = scalarText(item);
        lesson.unlockAfter.append(id);
        m_unlockRefs[lesson.id].append({id, ref});
    }
}

void CourseReader::checkUnlockRules()
{
    QStringList lessonIds;
    for (const Lesson &l : std::as_const(m_pack.lessons))
        lessonIds.append(l.id);
    bool known = true;
    for (const Lesson &lesson : std::as_const(m_pack.lessons)) {
        for (const UnlockRef &u : m_unlockRefs.value(lesson.id)) {
            if (u.lessonId == lesson.id) {
                m_errors.add(
                    u.ref.at, u.ref.field,
                    QStringLiteral("lesson '%1' cannot unlock after itself").arg(lesson.id));
                known = false;
            } else if (!m_pack.lesson(u.lessonId)) {
                const QString guess = closestMatch(u.lessonId, lessonIds);
                m_errors.add(
                    u.ref.at, u.ref.field,
                    QStringLiteral("unknown lesson '%1'%2")
                        .arg(u.lessonId, guess.isEmpty()
                                             ? QString()
                                             : QStringLiteral(" (did you mean '%1'?)").arg(guess)));
                known = false;
            }
        }
    }
    if (!known)
        return;
    QSet<QString> done;
    for (const Lesson &lesson : std::as_const(m_pack.lessons)) {
        QStringList path;
        reportCycles(lesson.id, path, done);
    }
}

// Depth-first search; a lesson met again on the current path closes a cycle, which is reported
// once, at the unlock_after of the lesson that closes it.
void CourseReader::reportCycles(const QString &id, QStringList &path, QSet<QString> &done)
{
    if (done.contains(id))
        return;
    const Lesson *lesson = m_pack.lesson(id);
    if (!lesson)
        return;
    path.append(id);
    for (const QString &next : lesson->unlockAfter) {
        if (const qsizetype start = path.indexOf(next); start >= 0) {
            const QStringList cycle = path.mid(start) + QStringList{next};
            // Point at a rule the instructor wrote, not at a default, when the cycle has one.
            QString blamed = id;
            for (const QString &member : cycle)
                if (m_unlockKey.contains(member) && !m_unlockKey.contains(blamed))
                    blamed = member;
            const Lesson *at = m_pack.lesson(blamed);
            const qsizetype index = at - m_pack.lessons.constData();
            const Reference ref =
                m_unlockKey.value(blamed, {at->where, indexField(QStringLiteral("lessons"), index) +
                                                          QStringLiteral(".unlock_after")});
            m_errors.add(ref.at, ref.field,
                         QStringLiteral("unlock rules form a cycle (%1), so none of these "
                                        "lessons can ever open")
                             .arg(cycle.join(QLatin1String(" -> "))));
            continue;
        }
        reportCycles(next, path, done);
    }
    path.removeLast();
    done.insert(id);
}

PackLoadResult loadPack(const QString &dir, const QString &onlyTask)
{
    PackLoadResult result;
    PackErrors errors;
    const QString absolute = QDir::cleanPath(QFileInfo(dir).absoluteFilePath());
    if (!QFileInfo(absolute).isDir()) {
        errors.add({absolute, 0, 0}, {},
                   QFileInfo::exists(absolute)
                       ? QStringLiteral("not a folder: a pack is a folder holding course.yaml")
                       : QStringLiteral("the pack folder does not exist"));
        result.errors = errors.list();
        return result;
    }
    try {
        CourseReader reader(absolute, onlyTask, errors);
        reader.read();
        if (errors.isEmpty())
            result.pack = reader.take();
    } catch (const std::exception &e) {
        // yaml-cpp throws on nodes it cannot convert; none is expected, but load() never throws.
        errors.add({absolute, 0, 0}, {},
                   QStringLiteral("internal error while loading the pack: %1")
                       .arg(QString::fromLocal8Bit(e.what())));
    }
    result.errors = errors.list();
    // By file and place, as an editor would list them, rather than in the order of discovery.
    std::stable_sort(result.errors.begin(), result.errors.end(),
                     [](const PackError &a, const PackError &b) {
                         return std::tie(a.where.file, a.where.line, a.where.column) <
                                std::tie(b.where.file, b.where.line, b.where.column);
                     });
    return result;
}

} // namespace

PackLoadResult PackLoader::load(const QString &dir)
{
    return loadPack(dir, QString());
}

PackLoadResult PackLoader::loadTask(const QString &dir, const QString &taskId)
{
    return loadPack(dir, taskId);
}

} // namespace Unlocked
