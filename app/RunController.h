#pragma once

#include "sandbox/Sandbox.h"

#include <QFutureWatcher>
#include <QObject>
#include <QStringDecoder>

#include <atomic>

namespace Unlocked {

/**
 * Runs one Python file in the sandbox on a worker thread, in a fresh temporary work directory,
 * streaming its output as signals on the GUI thread. stop() sets the sandbox's cancel flag.
 */
class RunController : public QObject
{
    Q_OBJECT
public:
    explicit RunController(QObject *parent = nullptr);
    ~RunController() override;

    bool isRunning() const { return m_watcher.isRunning(); }
    /** Starts a run; false when one is already running. */
    bool start(const QString &fileName, const QByteArray &source, Sandbox::Mode mode,
               const Limits &limits = {});
    void stop();

    /** A learner-facing line on how a run ended: "Finished in 0.12 s.", "Stopped.", … */
    static QString summary(const RunOutcome &outcome, const Limits &limits);

Q_SIGNALS:
    void output(Unlocked::OutputStream stream, const QString &text);
    void finished(const Unlocked::RunOutcome &outcome, const QString &summary);

private:
    void chunk(OutputStream stream, const QByteArray &bytes);
    void done();

    QFutureWatcher<RunOutcome> m_watcher;
    std::atomic_bool m_cancel{false};
    bool m_streamed = false;
    Limits m_limits;
    QStringDecoder m_outDecoder{QStringDecoder::Utf8};
    QStringDecoder m_errDecoder{QStringDecoder::Utf8};
};

} // namespace Unlocked
