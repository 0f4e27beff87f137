// The writing half of ProgressStore: every write goes through the queue of pending writes, so
// that one the database refuses is kept, retried in order, and reported once.
#include "ProgressStore.h"

#include "result/GradeResult.h"

#include <QDateTime>
#include <QSqlError>
#include <QSqlQuery>
#include <QVariant>

namespace Unlocked {

bool ProgressStore::write(PendingWrite w, qint64 *id)
{
    w.pack = m_pack;
    w.time = QDateTime::currentDateTimeUtc().toString(Qt::ISODateWithMs);
    if (w.kind == PendingWrite::Kind::Draft) { // only the newest draft of a task matters
        m_pending.removeIf([&](const PendingWrite &p) {
            return p.kind == PendingWrite::Kind::Draft && p.pack == w.pack && p.item == w.item;
        });
    }
    m_pending.append(std::move(w));
    return writePending(id);
}

bool ProgressStore::retryUnsaved()
{
    return writePending();
}

// Oldest first and one transaction each, so that the file never holds a later write without
// an earlier one, and a refused write leaves nothing half done.
bool ProgressStore::writePending(qint64 *lastId)
{
    auto refused = [this](bool rollback) {
        if (rollback)
            m_db.rollback();
        setSaved(false);
        return false;
    };
    while (!m_pending.isEmpty()) {
        if (!m_db.transaction()) {
            m_saveError = m_db.lastError().text();
            return refused(false);
        }
        if (!apply(m_pending.constFirst(), lastId))
            return refused(true);
        if (!m_db.commit()) {
            m_saveError = m_db.lastError().text();
            return refused(true);
        }
        m_pending.removeFirst();
    }
    setSaved(true);
    return true;
}

bool ProgressStore::apply(const PendingWrite &w, qint64 *id)
{
    QSqlQuery q(m_db);
    auto run = [&](const QString &sql, const QVariantList &values) {
        if (!q.prepare(sql)) {
            m_saveError = q.lastError().text();
            return false;
        }
        for (const QVariant &value : values)
            q.addBindValue(value);
        if (!q.exec()) {
            m_saveError = q.lastError().text();
            return false;
        }
        return true;
    };
    switch (w.kind) {
    case PendingWrite::Kind::LessonRead:
        return run(QStringLiteral("INSERT OR IGNORE INTO lessons_read VALUES (?, ?, ?)"),
                   {w.pack, w.item, w.time});
    case PendingWrite::Kind::QuizAnswer:
        return run(QStringLiteral("INSERT INTO quiz_answers (pack, quiz, question, chosen, "
                                  "correct, answered_at) VALUES (?, ?, ?, ?, ?, ?)"),
                   {w.pack, w.item, w.question, w.text, w.correct ? 1 : 0, w.time});
    case PendingWrite::Kind::Draft:
        return run(QStringLiteral("INSERT INTO drafts VALUES (?, ?, ?, ?) ON CONFLICT (pack, "
                                  "task) DO UPDATE SET code = excluded.code, "
                                  "saved_at = excluded.saved_at"),
                   {w.pack, w.item, w.text, w.time});
    case PendingWrite::Kind::HintsShown: // a hint once read stays read
        return run(QStringLiteral("INSERT INTO hints_shown VALUES (?, ?, ?) ON CONFLICT (pack, "
                                  "task) DO UPDATE SET shown = max(shown, excluded.shown)"),
                   {w.pack, w.item, w.text.toInt()});
    case PendingWrite::Kind::Attempt:
        if (!run(QStringLiteral("INSERT INTO attempts (pack, task, code, verdict, measurements, "
                                "attempted_at) VALUES (?, ?, ?, ?, ?, ?)"),
                 {w.pack, w.item, w.text, w.verdict, w.measurements, w.time}))
            return false;
        if (id)
            *id = q.lastInsertId().toLongLong();
        if (w.verdict != verdictName(Verdict::Passed))
            return true;
        return run(QStringLiteral("INSERT OR IGNORE INTO passed VALUES (?, ?, ?)"),
                   {w.pack, w.item, w.time});
    }
    return false;
}

void ProgressStore::saveHintsShown(const QString &taskId, int shown)
{
    PendingWrite w;
    w.kind = PendingWrite::Kind::HintsShown;
    w.item = taskId;
    w.text = QString::number(shown);
    write(std::move(w));
}

void ProgressStore::setSaved(bool saved)
{
    if (saved) {
        m_retry.stop();
        m_saveError.clear();
    } else if (!m_retry.isActive()) {
        m_retry.start();
    }
    if (m_saveFailing == !saved)
        return;
    m_saveFailing = !saved;
    if (!m_closing)
        Q_EMIT saveStateChanged(saved);
}

} // namespace Unlocked
