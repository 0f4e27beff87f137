#pragma once

#include "sandbox/Sandbox.h"

#include <QString>

namespace Unlocked {

/**
 * Why a run did not finish normally, in a learner's words ("your program used more than 1024 MiB
 * of memory", "your program aborted …"), followed by the last lines of its errors when it exited with
 * an error; empty when it finished normally. Grade messages and run summaries both use it.
 */
QString describeRunFailure(const RunOutcome &run, const Limits &limits);

/**
 * One line on how a run ended, shown after its streamed output by the app and by
 * `unlocked-cli run`: "Finished in 0.12 s (0.20 s of CPU).", "Stopped because …".
 */
QString runSummary(const RunOutcome &run, const Limits &limits);

/** The last \a maxLines lines of a program's output, trailing blank lines dropped. */
QString outputTail(const QByteArray &bytes, int maxLines = 15);

} // namespace Unlocked
