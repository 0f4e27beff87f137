#pragma once

#include "Grader.h"
#include "timeline/Timeline.h"

#include <QFutureWatcher>
#include <QObject>
#include <QStringDecoder>

#include <atomic>
#include <memory>

namespace Unlocked {

/**
 * Runs one learner program through the grader's run API on a worker thread, streaming its
 * output as signals on the GUI thread. stop() cancels the run. Every run's threads are sampled
 * from outside the sandbox into a timeline, handed over just before finished().
 */
class RunController : public QObject
{
    Q_OBJECT
public:
    explicit RunController(QObject *parent = nullptr);
    ~RunController() override;

    bool isRunning() const { return m_watcher.isRunning(); }
    /** Starts running \a source as \a fileName; false when a run is already going. */
    bool start(const QString &fileName, const QByteArray &source, const GradeOptions &options,
               const Limits &limits = {});
    /** Starts \a task's Run of \a source (a function task calls its visible cases). */
    bool start(const Task &task, const QByteArray &source, const GradeOptions &options);
    void stop();

Q_SIGNALS:
    void output(Unlocked::OutputStream stream, const QString &text);
    /** What each thread of the run did, sampled every 10 ms; emitted right before finished(). */
    void timelineRecorded(const Unlocked::Timeline &timeline);
    /** \a summary is the grader's one line on how the run ended (runSummary()). */
    void finished(const Unlocked::RunOutcome &outcome, const QString &summary);

private:
    void chunk(OutputStream stream, const QByteArray &bytes);
    void done();

    QFutureWatcher<RunOutcome> m_watcher;
    std::atomic_bool m_cancel{false};
    bool m_streamed = false;
    Limits m_limits;
    std::shared_ptr<TimelineRecorder> m_recorder; // written by the worker until it is done
    QStringDecoder m_outDecoder{QStringDecoder::Utf8};
    QStringDecoder m_errDecoder{QStringDecoder::Utf8};
};

} // namespace Unlocked
