#pragma once

#include "result/GradeResult.h"

#include <QDateTime>
#include <QHash>
#include <QList>
#include <QObject>
#include <QSet>
#include <QSqlDatabase>
#include <QString>
#include <QTimer>

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
 *
 * A write that the database refuses (a read-only file, a full disk) is rolled back and kept in
 * memory, in order; the reads below include it, and it is written again before the next write
 * and every few seconds until the file takes it. saveStateChanged() tells when that starts and
 * when everything is saved again.
 */
class ProgressStore : public QObject
{
    Q_OBJECT
public:
    static constexpr int SchemaVersion = 3;

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

    /** Returns the attempt's row id, or 0 while it waits in memory to be written. */
    qint64 recordAttempt(const QString &taskId, const QString &code, const GradeResult &result);
    QList<Attempt> attempts(const QString &taskId) const;
    QSet<QString> attemptedTasks() const;
    QSet<QString> passedTasks() const;

    /** Returns whether the draft reached the file; if not, it is kept until it does. */
    bool saveDraft(const QString &taskId, const QString &code);
    std::optional<QString> draft(const QString &taskId) const;

    /** How many of a task's hints the learner has revealed, kept across sessions. */
    void saveHintsShown(const QString &taskId, int shown);
    int hintsShown(const QString &taskId) const;

    /** Whether some writes are still only in memory because the database refused them. */
    bool hasUnsavedWrites() const { return !m_pending.isEmpty(); }
    /** Why the last write was refused, as the database put it; empty once all is saved. */
    QString saveError() const { return m_saveError; }
    /** Tries the writes kept in memory again; returns whether everything is saved now. */
    bool retryUnsaved();

Q_SIGNALS:
    /** \a saved is false when a write was first refused, true once all of them are written. */
    void saveStateChanged(bool saved);

private:
    // A write the database has not taken yet; the fields each kind uses are noted.
    struct PendingWrite
    {
        enum class Kind
        {
            LessonRead,
            QuizAnswer,
            Attempt,
            Draft,
            HintsShown
        };
        Kind kind = Kind::Draft;
        QString pack;
        QString item;     // the lesson, quiz or task
        QString question; // quiz answers
        QString text;     // the chosen answers as JSON (quiz), or the code
        QString verdict;  // attempts
        QString measurements;
        bool correct = false; // quiz answers
        QString time;
    };

    bool write(PendingWrite write, qint64 *id = nullptr);
    bool writePending(qint64 *lastId = nullptr);
    bool apply(const PendingWrite &write, qint64 *id);
    void setSaved(bool saved);
    template <typename F> void forPending(PendingWrite::Kind kind, F &&f) const;

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
    QList<PendingWrite> m_pending;
    QString m_saveError;
    bool m_saveFailing = false;
    bool m_closing = false;
    QTimer m_retry;
};

} // namespace Unlocked
