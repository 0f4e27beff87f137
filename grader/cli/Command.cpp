#include "Command.h"

#include "BatchReport.h"
#include "Paths.h"
#include "PlatformResults.h"
#include "pack/PackLoader.h"
#include "result/PlatformFormats.h"

#include <QFile>
#include <QRegularExpression>

namespace Unlocked {

int exitCodeFor(Verdict verdict)
{
    switch (verdict) {
    case Verdict::Passed:
        return ExitPassed;
    case Verdict::Failed:
        return ExitFailed;
    case Verdict::Inconclusive:
        return ExitInconclusive;
    case Verdict::Error:
        return ExitUsage;
    }
    return ExitUsage;
}

int Command::execute(const QStringList &arguments)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(summary());
    const QCommandLineOption help({QStringLiteral("h"), QStringLiteral("help")},
                                  QStringLiteral("Show this help."));
    parser.addOption(help);
    addOptions(parser);
    m_usage = parser.helpText();
    // Qt names the program by the path it was started from; the reader needs the command.
    static const QRegularExpression programName(
        QStringLiteral("^Usage: [^\\n]*?(?= \\[options\\])"));
    m_usage.replace(programName, QStringLiteral("Usage: unlocked-cli %1").arg(name()));
    if (!parser.parse(QStringList{QStringLiteral("unlocked-cli")} + arguments))
        return usageError(parser.errorText());
    if (parser.isSet(help)) {
        m_out << m_usage;
        m_out.flush();
        return ExitPassed;
    }
    const int code = run(parser);
    m_out.flush();
    m_err.flush();
    return code;
}

void Command::addPackOption(QCommandLineParser &parser)
{
    parser.addOption({QStringLiteral("pack"),
                      QStringLiteral("The lesson pack (the folder holding course.yaml); default: "
                                     "the built-in course."),
                      QStringLiteral("DIR")});
}

void Command::addRunOptions(QCommandLineParser &parser)
{
    parser.addOption({QStringLiteral("python"),
                      QStringLiteral("The Python interpreter for learner code (default %1).")
                          .arg(Paths::defaultPython()),
                      QStringLiteral("PATH")});
    parser.addOption(
        {QStringLiteral("unisolated"),
         QStringLiteral("Run learner code WITHOUT the sandbox when isolation is "
                        "unavailable. Every result says so. Only for code you trust.")});
}

void Command::addMeasureOptions(QCommandLineParser &parser)
{
    parser.addOption({QStringLiteral("recalibrate"),
                      QStringLiteral("Size the measured checks' workloads afresh on this machine "
                                     "instead of reusing the sizes kept from an earlier grading "
                                     "(also UNLOCKED_RECALIBRATE=1).")});
    m_measures = true;
}

std::optional<Pack> Command::loadPack(const QString &dir, const QString &onlyTask)
{
    const QString packDir = dir.isEmpty() ? Paths::builtinPack() : dir;
    PackLoadResult loaded =
        onlyTask.isEmpty() ? PackLoader::load(packDir) : PackLoader::loadTask(packDir, onlyTask);
    if (!loaded.pack) {
        m_err << "unlocked-cli: the pack in " << packDir << " has " << loaded.errors.size()
              << (loaded.errors.size() == 1 ? " error" : " errors") << ":\n";
        for (const PackError &e : std::as_const(loaded.errors))
            m_err << "  " << e.toString() << '\n';
        m_err.flush();
        return std::nullopt;
    }
    return std::move(loaded.pack);
}

GradeOptions Command::gradeOptions(const QCommandLineParser &parser) const
{
    GradeOptions options;
    options.interpreter = parser.value(QStringLiteral("python"));
    options.unisolated = parser.isSet(QStringLiteral("unisolated"));
    options.recalibrate = m_measures && parser.isSet(QStringLiteral("recalibrate"));
    return options;
}

void Command::addReportOptions(QCommandLineParser &parser, const QString &outputHelp)
{
    parser.addOption({QStringLiteral("format"),
                      QStringLiteral("%1 (default: json); or an autograding platform's result "
                                     "for each submission: gradescope, prairielearn, "
                                     "github-classroom, written as DIR/<learner>/<task-id>.json "
                                     "into --output DIR.")
                          .arg(BatchFormats::names().join(QLatin1String(", "))),
                      QStringLiteral("FORMAT"), QStringLiteral("json")});
    parser.addOption({QStringLiteral("output"), outputHelp, QStringLiteral("PATH")});
}

QString Command::reportOptionsError(const QCommandLineParser &parser) const
{
    const QString format = parser.value(QStringLiteral("format"));
    if (PlatformFormats::isPlatformFormat(format))
        return parser.value(QStringLiteral("output")).isEmpty()
                   ? QStringLiteral("--format %1 writes one file per submission: give --output "
                                    "DIR, the folder to write DIR/<learner>/<task-id>.json in")
                         .arg(format)
                   : QString();
    if (!BatchFormats::names().contains(format))
        return QStringLiteral("unknown format '%1' (%2, %3)")
            .arg(format, BatchFormats::names().join(QLatin1String(", ")),
                 PlatformFormats::names().mid(0, 3).join(QLatin1String(", ")));
    return {};
}

bool Command::writePlatformResults(const QCommandLineParser &parser, const Pack &pack,
                                   const QList<Submission> &submissions)
{
    const QString dir = parser.value(QStringLiteral("output"));
    QString error;
    const int written = PlatformResults::write(parser.value(QStringLiteral("format")), pack,
                                               submissions, dir, &error);
    if (written < 0) {
        m_err << "unlocked-cli " << name() << ": " << error << '\n';
        return false;
    }
    m_err << "unlocked-cli " << name() << ": wrote " << written << ' '
          << parser.value(QStringLiteral("format")) << (written == 1 ? " result" : " results")
          << " in " << dir << '\n';
    return true;
}

int Command::usageError(const QString &message)
{
    m_err << "unlocked-cli " << name() << ": " << message << "\n\n" << m_usage;
    m_err.flush();
    return ExitUsage;
}

bool Command::writeOutput(const QCommandLineParser &parser, const QByteArray &data)
{
    const QString path = parser.value(QStringLiteral("output"));
    if (path.isEmpty()) {
        m_out << QString::fromUtf8(data);
        m_out.flush();
        return true;
    }
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate) || file.write(data) != data.size()) {
        m_err << "unlocked-cli: cannot write " << path << ": " << file.errorString() << '\n';
        return false;
    }
    return true;
}

} // namespace Unlocked
