#pragma once

#include "pack/Pack.h"
#include "result/ResultFormat.h"

#include <QList>
#include <QString>

namespace Unlocked {

/**
 * The platform formats (gradescope, prairielearn, github-classroom) of `batch` and `merge`:
 * one result file per submission, DIR/<learner>/<task-id>.json, each what `grade --format`
 * writes for that submission. One writer for both commands.
 */
namespace PlatformResults {

/**
 * \a name as one file name: letters, digits and `.-_@+` kept, anything else `_`, no leading dot,
 * at most 50 characters. A name that had to change gets `-` and 8 hex digits of its hash, so
 * two learners' names never become one.
 */
QString safeFileName(const QString &name);
/** Where \a s goes under DIR: `<learner>/<task-id>.json`, both made safe. */
QString relativePath(const Submission &s);
/** The first two submissions that would go to the same file, as a sentence; empty if none. */
QString clash(const QList<Submission> &submissions);
/**
 * Writes each submission's result in \a format under \a dir (created when missing), scored
 * against its task in \a pack. Returns how many files it wrote, or -1 with \a error set; on a
 * clash nothing is written.
 */
int write(const QString &format, const Pack &pack, const QList<Submission> &submissions,
          const QString &dir, QString *error);

} // namespace PlatformResults
} // namespace Unlocked
