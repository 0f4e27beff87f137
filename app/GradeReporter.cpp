#include "GradeReporter.h"

namespace Unlocked {

std::shared_ptr<GradeReporter> GradeReporter::create()
{
    // The last owner may be the grading thread: the object itself goes on the GUI thread.
    return std::shared_ptr<GradeReporter>(new GradeReporter,
                                          [](GradeReporter *reporter) { reporter->deleteLater(); });
}

GradeProgress GradeReporter::progress()
{
    const std::shared_ptr<GradeReporter> self = shared_from_this();
    // Queued to this object's thread; each call holds the reporter until it is delivered.
    auto post = [self](auto emitter) {
        QMetaObject::invokeMethod(
            self.get(), [self, emitter] { emitter(self.get()); }, Qt::QueuedConnection);
    };
    GradeProgress progress;
    progress.cancel = &m_cancel;
    progress.checkStarted = [post](const CheckSpec &spec) {
        post([name = spec.name, kind = spec.kind](GradeReporter *r) {
            Q_EMIT r->checkStarted(name, kind);
        });
    };
    progress.checkFinished = [post](const CheckResult &result) {
        post([result](GradeReporter *r) { Q_EMIT r->checkFinished(result); });
    };
    progress.measured = [post](const CheckSpec &spec, const Measurement &measurement) {
        post([name = spec.name, kind = spec.kind, measurement](GradeReporter *r) {
            Q_EMIT r->measured(name, kind, measurement);
        });
    };
    return progress;
}

} // namespace Unlocked
