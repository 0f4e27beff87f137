#pragma once

#include "Grader.h"
#include "pack/Pack.h"
#include "result/ResultFormat.h"

#include <QCommandLineParser>
#include <QStringList>
#include <QTextStream>

#include <optional>

namespace Unlocked {

/** Exit codes of unlocked-cli, as CI systems read them. */
enum ExitCode
{
    ExitPassed = 0,
    ExitFailed = 1,
    ExitUsage = 2, // also a broken pack, and a grade whose verdict is error (not the learner's)
    ExitInconclusive = 3
};

/** The exit code of a grade or a batch whose (worst) verdict is \a verdict. */
int exitCodeFor(Verdict verdict);

/**
 * One sub-command of unlocked-cli. Output goes to swappable streams so tests can run commands
 * in-process and read what they printed.
 */
class Command
{
public:
    Command(QTextStream &out, QTextStream &err) : m_out(out), m_err(err) {}
    virtual ~Command() = default;

    virtual QString name() const = 0;
    virtual QString summary() const = 0;
    /** Parses the arguments (without the command's own name), answers --help, then runs. */
    int execute(const QStringList &arguments);

protected:
    virtual void addOptions(QCommandLineParser &parser) = 0;
    virtual int run(const QCommandLineParser &parser) = 0;

    void addPackOption(QCommandLineParser &parser);
    void addRunOptions(QCommandLineParser &parser);
    /** --recalibrate, for the commands that grade measured checks. */
    void addMeasureOptions(QCommandLineParser &parser);
    /**
     * The pack named by --pack (or the built-in one); prints its errors when it is broken.
     * With \a onlyTask, only what that task needs is read (PackLoader::loadTask).
     */
    std::optional<Pack> loadPack(const QString &dir, const QString &onlyTask = {});
    GradeOptions gradeOptions(const QCommandLineParser &parser) const;
    /** --format and --output of batch and merge: a report of many, or a platform's per file. */
    void addReportOptions(QCommandLineParser &parser, const QString &outputHelp);
    /** Why those options cannot be used together, for usageError(); empty when they can. */
    QString reportOptionsError(const QCommandLineParser &parser) const;
    /** Writes one platform result per submission into --output DIR (PlatformResults). */
    bool writePlatformResults(const QCommandLineParser &parser, const Pack &pack,
                              const QList<Submission> &submissions);
    int usageError(const QString &message);
    /** Writes to --output when given, else to stdout. */
    bool writeOutput(const QCommandLineParser &parser, const QByteArray &data);

    QTextStream &m_out;
    QTextStream &m_err;
    QString m_usage;
    bool m_measures = false;
};

/** Runs unlocked-cli with `arguments` (without the program name). */
int runCli(const QStringList &arguments, QTextStream &out, QTextStream &err);

} // namespace Unlocked
