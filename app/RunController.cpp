#include "RunController.h"

#include "RunDescription.h"

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

bool RunController::start(const QString &fileName, const QByteArray &source,
                          const GradeOptions &options, const Limits &limits)
{
    Task program;
    program.kind = TaskKind::Program;
    program.solutionFile = fileName;
    program.limits = limits;
    return start(program, source, options);
}

bool RunController::start(const Task &task, const QByteArray &source, const GradeOptions &options)
{
    if (isRunning())
        return false;
    m_cancel = false;
    m_streamed = false;
    m_limits = task.limits;
    m_outDecoder = QStringDecoder(QStringDecoder::Utf8);
    m_errDecoder = QStringDecoder(QStringDecoder::Utf8);
    // `this` outlives the worker (the destructor waits for it); events posted to it after it
    // is gone are dropped by Qt.
    auto onOutput = [this](OutputStream stream, const QByteArray &bytes) {
        QMetaObject::invokeMethod(
            this, [this, stream, bytes] { chunk(stream, bytes); }, Qt::QueuedConnection);
    };
    const std::atomic_bool *cancel = &m_cancel;
    m_recorder = std::make_shared<TimelineRecorder>();
    std::shared_ptr<TimelineRecorder> recorder = m_recorder;
    m_watcher.setFuture(QtConcurrent::run([=]() {
        return Grader(options).run(task, source, onOutput, cancel, recorder.get());
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
    if (m_recorder)
        Q_EMIT timelineRecorded(m_recorder->timeline());
    Q_EMIT finished(outcome, runSummary(outcome, m_limits));
}

} // namespace Unlocked
