#include "RunController.h"

#include "Paths.h"

#include <QDir>
#include <QFile>
#include <QTemporaryDir>
#include <QtConcurrent>

namespace Unlocked {

RunController::RunController(QObject *parent) : QObject(parent)
{
    connect(&m_watcher, &QFutureWatcher<RunOutcome>::finished, this, &RunController::done);
}

RunController::~RunController()
{
    // The worker writes into members; it must be gone before they are.
    m_cancel = true;
    m_watcher.waitForFinished();
}

bool RunController::start(const QString &fileName, const QByteArray &source, Sandbox::Mode mode,
                          const Limits &limits)
{
    if (isRunning())
        return false;
    m_cancel = false;
    m_streamed = false;
    m_limits = limits;
    m_outDecoder = QStringDecoder(QStringDecoder::Utf8);
    m_errDecoder = QStringDecoder(QStringDecoder::Utf8);
    // `this` outlives the worker (the destructor waits for it); events posted to it after it
    // is gone are dropped by Qt.
    auto onOutput = [this](OutputStream stream, const QByteArray &bytes) {
        QMetaObject::invokeMethod(
            this, [this, stream, bytes] { chunk(stream, bytes); }, Qt::QueuedConnection);
    };
    const std::atomic_bool *cancel = &m_cancel;
    m_watcher.setFuture(QtConcurrent::run([=]() {
        RunOutcome outcome;
        QTemporaryDir work(QDir::tempPath() + QLatin1String("/unlocked-run-XXXXXX"));
        QFile file(work.filePath(fileName));
        if (!work.isValid() || !file.open(QIODevice::WriteOnly) || file.write(source) < 0) {
            outcome.failure = tr("could not prepare a work folder for your program");
            return outcome;
        }
        file.close();
        RunSpec spec;
        spec.workDir = work.path();
        spec.interpreter = Paths::defaultPython();
        spec.arguments = {fileName};
        spec.pythonPath = {Paths::runtimeDir()};
        if (!Paths::nativeModuleDir().isEmpty())
            spec.pythonPath.append(Paths::nativeModuleDir());
        spec.environment = {QStringLiteral("PYTHONUNBUFFERED=1")};
        spec.limits = limits;
        spec.onOutput = onOutput;
        spec.cancel = cancel;
        return Sandbox(mode).run(spec);
    }));
    return true;
}

void RunController::stop()
{
    m_cancel = true;
}

void RunController::chunk(OutputStream stream, const QByteArray &bytes)
{
    m_streamed = true;
    QStringDecoder &decoder = stream == OutputStream::Stdout ? m_outDecoder : m_errDecoder;
    const QString text = decoder.decode(bytes);
    if (!text.isEmpty())
        Q_EMIT output(stream, text);
}

void RunController::done()
{
    const RunOutcome outcome = m_watcher.result();
    // A sandbox that does not stream still hands over the captured head of each stream.
    if (!m_streamed) {
        if (!outcome.out.isEmpty())
            Q_EMIT output(OutputStream::Stdout, QString::fromUtf8(outcome.out));
        if (!outcome.err.isEmpty())
            Q_EMIT output(OutputStream::Stderr, QString::fromUtf8(outcome.err));
    }
    Q_EMIT finished(outcome, summary(outcome, m_limits));
}

QString RunController::summary(const RunOutcome &outcome, const Limits &limits)
{
    if (!outcome.started)
        return tr("Your program could not be started: %1").arg(outcome.failure);
    QString text;
    if (outcome.cancelled)
        text = tr("Stopped.");
    else if (outcome.limit != LimitHit::None)
        text = tr("Stopped because %1.").arg(limitMessage(outcome.limit, limits));
    else if (outcome.signal != 0)
        text = tr("Your program was killed (signal %1).").arg(outcome.signal);
    else if (outcome.exitCode != 0)
        text = tr("Your program ended with an error (exit code %1) after %2 s.")
                   .arg(outcome.exitCode)
                   .arg(outcome.wallSeconds, 0, 'f', 2);
    else
        text = tr("Finished in %1 s.").arg(outcome.wallSeconds, 0, 'f', 2);
    if (outcome.outDropped > 0 || outcome.errDropped > 0)
        text += tr(" Your program printed too much output, so we stopped showing it.");
    if (!outcome.isolated)
        text += tr(" (Ran without isolation.)");
    return text;
}

} // namespace Unlocked
