#include "ProgressStore.h"

#include "result/ResultFormat.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSqlError>
#include <QSqlQuery>
#include <QStandardPaths>
#include <QUuid>
#include <QVariant>

namespace Unlocked {

namespace {

// Each entry brings the schema from version i to i + 1. Never edit a released entry: add one.
const QList<QStringList> &migrations()
{
    static const QList<QStringList> steps = {
        {
            QStringLiteral("CREATE TABLE lessons_read (pack TEXT NOT NULL, lesson TEXT NOT NULL, "
                           "read_at TEXT NOT NULL, PRIMARY KEY (pack, lesson))"),
            QStringLiteral("CREATE TABLE quiz_answers (id INTEGER PRIMARY KEY, pack TEXT NOT NULL, "
                           "quiz TEXT NOT NULL, question TEXT NOT NULL, chosen TEXT NOT NULL, "
                           "correct INTEGER NOT NULL, answered_at TEXT NOT NULL)"),
            QStringLiteral("CREATE TABLE attempts (id INTEGER PRIMARY KEY, pack TEXT NOT NULL, "
                           "task TEXT NOT NULL, code TEXT NOT NULL, verdict TEXT NOT NULL, "
                           "measurements TEXT NOT NULL, attempted_at TEXT NOT NULL)"),
            QStringLiteral("CREATE TABLE passed (pack TEXT NOT NULL, task TEXT NOT NULL, "
                           "passed_at TEXT NOT NULL, PRIMARY KEY (pack, task))"),
            QStringLiteral("CREATE TABLE drafts (pack TEXT NOT NULL, task TEXT NOT NULL, "
                           "code TEXT NOT NULL, saved_at TEXT NOT NULL, PRIMARY KEY (pack, task))"),
        },
        {
            QStringLiteral("CREATE INDEX attempts_by_task ON attempts (pack, task)"),
            QStringLiteral(
                "CREATE INDEX quiz_answers_by_question ON quiz_answers (pack, quiz, question)"),
        },
        {
            QStringLiteral("CREATE TABLE hints_shown (pack TEXT NOT NULL, task TEXT NOT NULL, "
                           "shown INTEGER NOT NULL, PRIMARY KEY (pack, task))"),
        },
    };
    return steps;
}

// The checks as the grader's JSON reports write them, so a saved grade reads back with fromJson.
QString measurementsJson(const GradeResult &result)
{
    const QJsonArray checks = ResultFormat::toJson(result).value(QLatin1String("checks")).toArray();
    return QString::fromUtf8(QJsonDocument(checks).toJson(QJsonDocument::Compact));
}

} // namespace

// The reads add the writes still waiting in memory, so the learner sees what they did.
template <typename F> void ProgressStore::forPending(PendingWrite::Kind kind, F &&f) const
{
    for (const PendingWrite &w : m_pending)
        if (w.kind == kind && w.pack == m_pack)
            f(w);
}

QString ProgressStore::defaultPath()
{
    return QStandardPaths::writableLocation(QStandardPaths::AppDataLocation) +
           QLatin1String("/progress.sqlite");
}

ProgressStore::ProgressStore(const QString &path)
    : m_path(QFileInfo(path).absoluteFilePath()),
      m_connection(QStringLiteral("progress-") + QUuid::createUuid().toString(QUuid::WithoutBraces))
{
    m_retry.setInterval(5000);
    connect(&m_retry, &QTimer::timeout, this, &ProgressStore::retryUnsaved);
    QDir().mkpath(QFileInfo(m_path).absolutePath());
    const QFileInfo info(m_path);
    if (info.exists() && info.size() > 0 && !looksLikeSqlite())
        moveAside(QObject::tr("it is not a SQLite database"));
    if (!openFile())
        return;
    QString problem;
    if (!integrityOk(&problem)) {
        closeConnection();
        moveAside(problem);
        if (!openFile())
            return;
    }
    // WAL lets a killed writer lose only its open transaction; see the class comment for NORMAL.
    // None of them is needed for a write to be correct, so a refusal is only logged.
    for (const char *pragma :
         {"PRAGMA journal_mode=WAL", "PRAGMA synchronous=NORMAL", "PRAGMA busy_timeout=3000"}) {
        if (!exec(QLatin1String(pragma)))
            qWarning("Unlocked: %s failed: %s", pragma, qPrintable(m_error));
    }
    m_open = migrate();
}

ProgressStore::~ProgressStore()
{
    m_closing = true; // no one listens any more
    if (!writePending())
        qWarning("Unlocked: %d progress write(s) could not be saved: %s", int(m_pending.size()),
                 qPrintable(m_saveError));
    closeConnection();
}

void ProgressStore::closeConnection()
{
    if (!m_db.isValid())
        return;
    m_db.close();
    m_db = QSqlDatabase();
    QSqlDatabase::removeDatabase(m_connection);
}

bool ProgressStore::openFile()
{
    m_db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), m_connection);
    m_db.setDatabaseName(m_path);
    if (!m_db.open()) {
        m_error = m_db.lastError().text();
        return false;
    }
    return true;
}

bool ProgressStore::looksLikeSqlite() const
{
    QFile file(m_path);
    if (!file.open(QIODevice::ReadOnly))
        return true; // unreadable: let SQLite report it rather than moving it
    return file.read(16) == QByteArray("SQLite format 3\0", 16);
}

bool ProgressStore::integrityOk(QString *problem)
{
    QSqlQuery query(m_db);
    if (!query.exec(QStringLiteral("PRAGMA integrity_check"))) {
        *problem = query.lastError().text();
        return false;
    }
    QStringList lines;
    while (query.next())
        lines.append(query.value(0).toString());
    if (lines == QStringList{QStringLiteral("ok")})
        return true;
    *problem = QObject::tr("its integrity check failed (%1)")
                   .arg(lines.mid(0, 3).join(QLatin1String("; ")));
    return false;
}

// Keeps the damaged file (and its WAL, which belongs with it) for recovery by hand.
void ProgressStore::moveAside(const QString &problem)
{
    const QString stamp = QDateTime::currentDateTime().toString(QStringLiteral("yyyyMMdd-HHmmss"));
    QString target = m_path + QLatin1String(".damaged-") + stamp;
    for (int n = 2; QFileInfo::exists(target); ++n)
        target =
            m_path + QLatin1String(".damaged-") + stamp + QLatin1Char('-') + QString::number(n);
    QFile::rename(m_path, target);
    for (const char *suffix : {"-wal", "-shm"}) {
        const QString side = m_path + QLatin1String(suffix);
        if (QFileInfo::exists(side))
            QFile::rename(side, target + QLatin1String(suffix));
    }
    m_movedAside = target;
    m_damageReport = QObject::tr("Your progress database %1 could not be used because %2. "
                                 "It was moved to %3 and a new, empty one was started.")
                         .arg(m_path, problem, target);
}

int ProgressStore::schemaVersion() const
{
    QSqlQuery query(m_db);
    if (query.exec(QStringLiteral("PRAGMA user_version")) && query.next())
        return query.value(0).toInt();
    return -1;
}

bool ProgressStore::migrate()
{
    const int from = schemaVersion();
    if (from < 0) {
        m_error = m_db.lastError().text();
        return false;
    }
    for (int version = from; version < migrations().size(); ++version) {
        if (!m_db.transaction()) {
            m_error = m_db.lastError().text();
            return false;
        }
        bool ok = true;
        for (const QString &sql : migrations().at(version))
            ok = ok && exec(sql);
        ok = ok && exec(QStringLiteral("PRAGMA user_version=%1").arg(version + 1));
        if (ok && !m_db.commit()) {
            m_error = m_db.lastError().text();
            ok = false;
        }
        if (!ok) {
            m_db.rollback();
            return false;
        }
    }
    return true;
}

bool ProgressStore::exec(const QString &sql)
{
    QSqlQuery query(m_db);
    if (query.exec(sql))
        return true;
    m_error = query.lastError().text();
    return false;
}

void ProgressStore::markLessonRead(const QString &lessonId)
{
    PendingWrite w;
    w.kind = PendingWrite::Kind::LessonRead;
    w.item = lessonId;
    write(std::move(w));
}

QSet<QString> ProgressStore::readLessons() const
{
    QSet<QString> out;
    QSqlQuery q(m_db);
    q.prepare(QStringLiteral("SELECT lesson FROM lessons_read WHERE pack = ?"));
    q.addBindValue(m_pack);
    q.exec();
    while (q.next())
        out.insert(q.value(0).toString());
    forPending(PendingWrite::Kind::LessonRead, [&](const PendingWrite &w) { out.insert(w.item); });
    return out;
}

void ProgressStore::recordQuizAnswer(const QString &quizId, const QString &questionId,
                                     const QList<int> &chosen, bool correct)
{
    QJsonArray indices;
    for (int i : chosen)
        indices.append(i);
    PendingWrite w;
    w.kind = PendingWrite::Kind::QuizAnswer;
    w.item = quizId;
    w.question = questionId;
    w.text = QString::fromUtf8(QJsonDocument(indices).toJson(QJsonDocument::Compact));
    w.correct = correct;
    write(std::move(w));
}

QHash<QString, QuizAnswerRecord> ProgressStore::lastQuizAnswers(const QString &quizId) const
{
    QHash<QString, QuizAnswerRecord> out;
    auto add = [&](const QString &question, const QString &chosen, bool correct,
                   const QString &time) {
        QuizAnswerRecord record;
        for (const QJsonValue &v : QJsonDocument::fromJson(chosen.toUtf8()).array())
            record.chosen.append(v.toInt());
        record.correct = correct;
        record.time = QDateTime::fromString(time, Qt::ISODateWithMs);
        out.insert(question, record);
    };
    QSqlQuery q(m_db);
    q.prepare(QStringLiteral("SELECT question, chosen, correct, answered_at FROM quiz_answers "
                             "WHERE pack = ? AND quiz = ? ORDER BY id"));
    q.addBindValue(m_pack);
    q.addBindValue(quizId);
    q.exec();
    while (q.next()) // later rows overwrite earlier ones: the last answer wins
        add(q.value(0).toString(), q.value(1).toString(), q.value(2).toInt() != 0,
            q.value(3).toString());
    forPending(PendingWrite::Kind::QuizAnswer, [&](const PendingWrite &w) {
        if (w.item == quizId)
            add(w.question, w.text, w.correct, w.time);
    });
    return out;
}

qint64 ProgressStore::recordAttempt(const QString &taskId, const QString &code,
                                    const GradeResult &result)
{
    PendingWrite w;
    w.kind = PendingWrite::Kind::Attempt;
    w.item = taskId;
    w.text = code;
    w.verdict = verdictName(result.verdict);
    w.measurements = measurementsJson(result);
    qint64 id = 0;
    return write(std::move(w), &id) ? id : 0;
}

QList<Attempt> ProgressStore::attempts(const QString &taskId) const
{
    QList<Attempt> out;
    QSqlQuery q(m_db);
    q.prepare(QStringLiteral("SELECT id, code, verdict, measurements, attempted_at FROM attempts "
                             "WHERE pack = ? AND task = ? ORDER BY id"));
    q.addBindValue(m_pack);
    q.addBindValue(taskId);
    q.exec();
    auto add = [&](qint64 id, const QString &code, const QString &verdict,
                   const QString &measurements, const QString &time) {
        Attempt a;
        a.id = id;
        a.taskId = taskId;
        a.code = code;
        a.verdict = verdictFromName(verdict).value_or(Verdict::Error);
        a.measurementsJson = measurements;
        a.time = QDateTime::fromString(time, Qt::ISODateWithMs);
        out.append(a);
    };
    while (q.next())
        add(q.value(0).toLongLong(), q.value(1).toString(), q.value(2).toString(),
            q.value(3).toString(), q.value(4).toString());
    forPending(PendingWrite::Kind::Attempt, [&](const PendingWrite &w) {
        if (w.item == taskId)
            add(0, w.text, w.verdict, w.measurements, w.time);
    });
    return out;
}

QSet<QString> ProgressStore::attemptedTasks() const
{
    QSet<QString> out;
    QSqlQuery q(m_db);
    q.prepare(QStringLiteral("SELECT DISTINCT task FROM attempts WHERE pack = ?"));
    q.addBindValue(m_pack);
    q.exec();
    while (q.next())
        out.insert(q.value(0).toString());
    forPending(PendingWrite::Kind::Attempt, [&](const PendingWrite &w) { out.insert(w.item); });
    return out;
}

QSet<QString> ProgressStore::passedTasks() const
{
    QSet<QString> out;
    QSqlQuery q(m_db);
    q.prepare(QStringLiteral("SELECT task FROM passed WHERE pack = ?"));
    q.addBindValue(m_pack);
    q.exec();
    while (q.next())
        out.insert(q.value(0).toString());
    const QString passed = verdictName(Verdict::Passed);
    forPending(PendingWrite::Kind::Attempt, [&](const PendingWrite &w) {
        if (w.verdict == passed)
            out.insert(w.item);
    });
    return out;
}

bool ProgressStore::saveDraft(const QString &taskId, const QString &code)
{
    PendingWrite w;
    w.kind = PendingWrite::Kind::Draft;
    w.item = taskId;
    w.text = code;
    return write(std::move(w));
}

std::optional<QString> ProgressStore::draft(const QString &taskId) const
{
    QSqlQuery q(m_db);
    q.prepare(QStringLiteral("SELECT code FROM drafts WHERE pack = ? AND task = ?"));
    q.addBindValue(m_pack);
    q.addBindValue(taskId);
    std::optional<QString> out;
    if (q.exec() && q.next())
        out = q.value(0).toString();
    forPending(PendingWrite::Kind::Draft, [&](const PendingWrite &w) {
        if (w.item == taskId)
            out = w.text; // newer than the file's
    });
    return out;
}

int ProgressStore::hintsShown(const QString &taskId) const
{
    QSqlQuery q(m_db);
    q.prepare(QStringLiteral("SELECT shown FROM hints_shown WHERE pack = ? AND task = ?"));
    q.addBindValue(m_pack);
    q.addBindValue(taskId);
    int shown = q.exec() && q.next() ? q.value(0).toInt() : 0;
    forPending(PendingWrite::Kind::HintsShown, [&](const PendingWrite &w) {
        if (w.item == taskId)
            shown = qMax(shown, w.text.toInt());
    });
    return shown;
}

} // namespace Unlocked
