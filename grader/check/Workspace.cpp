#include "Workspace.h"

#include "Paths.h"
#include "RunDescription.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>

#include <algorithm>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

namespace Unlocked {

namespace {

const char resultsFileName[] = ".unlocked-results.json";

QByteArray inputsJson(const QList<QJsonArray> &argumentLists)
{
    QJsonArray inputs;
    for (const QJsonArray &args : argumentLists)
        inputs.append(args);
    return QJsonDocument(inputs).toJson(QJsonDocument::Compact);
}

// Output streamed as it comes, one write per line from every process (see sitecustomize.py).
void streamTo(RunSpec &spec, const OutputHandler &onOutput, const std::atomic_bool *cancel)
{
    spec.onOutput = onOutput;
    if (cancel) // else the grade's own cancel flag, when there is one
        spec.cancel = cancel;
    if (onOutput)
        spec.environment.append(QStringLiteral("UNLOCKED_LINE_BUFFERED=1"));
}

// Reads the harness's results without following a link the program may have planted there.
QByteArray readResultsFile(const QString &path)
{
    const int fd = ::open(QFile::encodeName(path).constData(), O_RDONLY | O_NOFOLLOW | O_CLOEXEC);
    if (fd < 0)
        return {};
    QFile file;
    struct stat status;
    if (::fstat(fd, &status) != 0 || !S_ISREG(status.st_mode) || status.st_size > (64ll << 20) ||
        !file.open(fd, QIODevice::ReadOnly, QFileDevice::AutoCloseHandle)) {
        ::close(fd);
        return {};
    }
    return file.readAll();
}

} // namespace

Workspace::Workspace(const Task &task, const Sandbox &sandbox, QString interpreter)
    : m_task(task), m_sandbox(sandbox), m_interpreter(std::move(interpreter))
{
}

QString Workspace::dir() const
{
    return m_dir ? m_dir->path() : QString();
}

bool Workspace::prepare(const QByteArray &source, QString *error, const QString &fileName)
{
    m_fileName = fileName.isEmpty() ? m_task.solutionFile : fileName;
    m_dir = std::make_unique<WorkDir>();
    if (!m_dir->isValid()) {
        *error = QStringLiteral("cannot create a work directory: %1").arg(m_dir->errorString());
        return false;
    }
    QFile file(m_dir->filePath(m_fileName));
    if (!file.open(QIODevice::WriteOnly) || file.write(source) != source.size()) {
        *error = QStringLiteral("cannot write %1: %2").arg(file.fileName(), file.errorString());
        return false;
    }
    file.setPermissions(QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ReadOther);
    m_made = {m_fileName};
    return true;
}

void Workspace::clearLeftovers() const
{
    if (!m_dir)
        return;
    const QDir dir(m_dir->path());
    const QFileInfoList entries =
        dir.entryInfoList(QDir::AllEntries | QDir::Hidden | QDir::System | QDir::NoDotAndDotDot);
    for (const QFileInfo &entry : entries) {
        if (m_made.contains(entry.fileName()))
            continue;
        // A link is removed itself, never followed: it may point anywhere on the host.
        if (entry.isDir() && !entry.isSymLink())
            QDir(entry.filePath()).removeRecursively();
        else
            QFile::remove(entry.filePath());
    }
}

RunSpec Workspace::baseSpec() const
{
    RunSpec spec;
    spec.workDir = dir();
    spec.interpreter = m_interpreter;
    spec.pythonPath = {Paths::runtimeDir()};
    const QString native = Paths::nativeModuleDir();
    if (!native.isEmpty() && QFileInfo(native).isDir())
        spec.pythonPath.append(native);
    spec.limits = m_task.limits;
    spec.cancel = m_cancel;
    spec.cpus = m_cpus;
    // One thread per numeric library: a single-core check means one core, and BLAS thread
    // pools would otherwise count against the process limit.
    spec.environment = {QStringLiteral("OPENBLAS_NUM_THREADS=1"),
                        QStringLiteral("OMP_NUM_THREADS=1")};
    return spec;
}

bool Workspace::build(QString *messages, int *line)
{
    RunSpec spec = baseSpec();
    spec.arguments = {QStringLiteral("-m"), QStringLiteral("Cython.Build.Cythonize"),
                      QStringLiteral("-i"), QStringLiteral("-3"),
                      QStringLiteral("-q"), m_fileName};
    const RunOutcome run = m_sandbox.run(spec);
    if (run.succeeded()) {
        m_made = QDir(dir()).entryList(QDir::AllEntries | QDir::Hidden | QDir::System |
                                       QDir::NoDotAndDotDot);
        return true;
    }
    const QString output = QString::fromUtf8(run.err + run.out);
    // Cython reports "example.pyx:3:10: message"; keep those lines, they are what to fix.
    QStringList relevant;
    const QRegularExpression located(
        QStringLiteral("^%1:(\\d+):\\d+:").arg(QRegularExpression::escape(m_fileName)));
    for (const QString &l : output.split(QLatin1Char('\n'))) {
        const auto match = located.match(l);
        if (!match.hasMatch())
            continue;
        relevant.append(l);
        if (*line == 0)
            *line = match.captured(1).toInt();
    }
    const QString reason = describeRunFailure(run, spec.limits);
    *messages = relevant.isEmpty() ? (reason.isEmpty() ? outputTail(run.err + run.out) : reason)
                                   : relevant.join(QLatin1Char('\n'));
    return false;
}

CallsOutcome Workspace::call(const QList<QJsonArray> &argumentLists, bool summarize,
                             TimelineRecorder *timeline, int copies, double wallLimit) const
{
    CallsOutcome outcome;
    const QString resultsPath = QDir(dir()).filePath(QLatin1String(resultsFileName));
    QFile::remove(resultsPath);
    RunSpec spec = baseSpec();
    if (wallLimit > 0.0)
        spec.limits.wallSeconds = std::min(spec.limits.wallSeconds, wallLimit);
    spec.arguments = {
        QStringLiteral("-B"), QStringLiteral("-m"), QStringLiteral("unlocked_harness"),
        m_task.moduleName(),  m_task.entry,         QLatin1String(resultsFileName)};
    if (summarize)
        spec.arguments.append(QStringLiteral("--summary"));
    if (copies > 1)
        spec.arguments += {QStringLiteral("--copies"), QString::number(copies)};
    spec.stdinData = inputsJson(argumentLists);
    spec.timeline = timeline;
    outcome.run = m_sandbox.run(spec);

    const QString runFailure = describeRunFailure(outcome.run, spec.limits);
    const QJsonObject payload = QJsonDocument::fromJson(readResultsFile(resultsPath)).object();
    if (payload.contains(QLatin1String("import_error"))) {
        outcome.failure =
            QStringLiteral("your file failed while being imported:\n%1")
                .arg(payload.value(QLatin1String("import_error")).toString().trimmed());
    } else if (payload.contains(QLatin1String("missing_entry"))) {
        outcome.failure =
            QStringLiteral("your file does not define a function named %1()").arg(m_task.entry);
    } else if (!runFailure.isEmpty()) {
        outcome.failure = runFailure;
    } else {
        const QJsonArray results = payload.value(QLatin1String("results")).toArray();
        if (results.size() != argumentLists.size()) {
            outcome.failure = QStringLiteral("your program ended before all calls returned");
            return outcome;
        }
        for (const QJsonValue &r : results) {
            const QJsonObject o = r.toObject();
            CallResult call;
            call.ok = o.contains(QLatin1String("value"));
            call.value = o.value(QLatin1String("value"));
            call.error = o.value(QLatin1String("error")).toString();
            call.traceback = o.value(QLatin1String("traceback")).toString();
            outcome.results.append(call);
        }
    }
    return outcome;
}

RunOutcome Workspace::showCalls(const QList<QJsonArray> &argumentLists,
                                const OutputHandler &onOutput, const std::atomic_bool *cancel,
                                TimelineRecorder *timeline) const
{
    RunSpec spec = baseSpec();
    spec.timeline = timeline;
    spec.arguments = {
        QStringLiteral("-B"),     QStringLiteral("-m"), QStringLiteral("unlocked_harness"),
        QStringLiteral("--show"), m_task.moduleName(),  m_task.entry};
    spec.stdinData = inputsJson(argumentLists);
    streamTo(spec, onOutput, cancel);
    return m_sandbox.run(spec);
}

RunOutcome Workspace::runProgram(const OutputHandler &onOutput, const std::atomic_bool *cancel,
                                 TimelineRecorder *timeline) const
{
    RunSpec spec = baseSpec();
    spec.timeline = timeline;
    spec.arguments = {QStringLiteral("-B"), m_fileName};
    streamTo(spec, onOutput, cancel);
    return m_sandbox.run(spec);
}

} // namespace Unlocked
