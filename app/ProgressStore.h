#pragma once

#include "result/GradeResult.h"

#include <QDateTime>
#include <QHash>
#include <QList>
#include <QSet>
#include <QSqlDatabase>
#include <QString>

#include <optional>

namespace Unlocked {

/** One graded attempt at a task, as kept in the progress database. */
struct Attempt
{
    qint64 id = 0;
    QString taskId;
    QString code;
    Verdict verdict = Verdict::Error;
    QString measurementsJson; // the checks' measurements, as a JSON array
    QDateTime time;
};

/** The learner's last answer to one quiz question. */
struct QuizAnswerRecord
{
    QList<int> chosen; // indices into the question's answers
    bool correct = false;
    QDateTime time;
};

/**
 * The learner's progress in SQLite: lessons read, quiz answers, task attempts, passed tasks and
 * drafts, all scoped to a pack id. WAL with synchronous=NORMAL: a commit survives the app being
 * killed (the WAL is in the OS cache); only a power cut may drop the last commits, and never
 * corrupts the file. FULL would fsync on every draft save, twice a second while typing.
 * A damaged file is moved aside (never replaced) and reported through damageReport().
 */
class ProgressStore
{
public:
    static constexpr int SchemaVersion = 2;

    /** Opens (creating when absent) the database at \a path; default: AppDataLocation. */
    explicit ProgressStore(const QString &path = defaultPath());
    ~ProgressStore();
    ProgressStore(const ProgressStore &) = delete;
    ProgressStore &operator=(const ProgressStore &) = delete;

    static QString defaultPath();

    bool isOpen() const { return m_open; }
    QString path() const { return m_path; }
    QString errorString() const { return m_error; }
    /** Non-empty when the file found was damaged: what was wrong and where it was moved. */
    QString damageReport() const { return m_damageReport; }
    QString movedAsidePath() const { return m_movedAside; }
    int schemaVersion() const;

    void setPackId(const QString &packId) { m_pack = packId; }
    QString packId() const { return m_pack; }

    void markLessonRead(const QString &lessonId);
    QSet<QString> readLessons() const;

    void recordQuizAnswer(const QString &quizId, const QString &questionId,
                          const QList<int> &chosen, bool correct);
    QHash<QString, QuizAnswerRecord> lastQuizAnswers(const QString &quizId) const;

    qint64 recordAttempt(const QString &taskId, const QString &code, const GradeResult &result);
    QList<Attempt> attempts(const QString &taskId) const;
    QSet<QString> attemptedTasks() const;
    QSet<QString> passedTasks() const;

    bool saveDraft(const QString &taskId, const QString &code);
    std::optional<QString> draft(const QString &taskId) const;

private:
    bool openFile();
    bool looksLikeSqlite() const;
    bool integrityOk(QString *problem);
    void moveAside(const QString &problem);
    bool migrate();
    bool exec(const QString &sql);
    void closeConnection();

    QString m_path;
    QString m_connection;
    QSqlDatabase m_db;
    QString m_pack;
    bool m_open = false;
    QString m_error;
    QString m_damageReport;
    QString m_movedAside;
};

} // namespace Unlocked
