#pragma once

#include "GradeResult.h"

#include <QByteArray>
#include <QString>
#include <QStringList>

namespace Unlocked {

/**
 * The results that autograding platforms read, for one graded submission. Each scores the
 * result with scoreGrade() (the pack's points and inconclusive policy); \a task may be null
 * when the submission named no task of the pack. docs/platforms.md has a recipe for each.
 */
namespace PlatformFormats {

/** Gradescope's /autograder/results/results.json; hidden cases go to staff-only tests. */
QByteArray toGradescope(const Task *task, const GradeResult &result);
/** PrairieLearn's external grader /grade/results/results.json. */
QByteArray toPrairieLearn(const Task *task, const GradeResult &result);
/**
 * The result of one GitHub Classroom grading step, as classroom-resources/
 * autograding-grading-reporter reads it (after base64, in the step's `result` output).
 */
QByteArray toClassroom(const Task *task, const GradeResult &result);

/** "gradescope", "prairielearn", "github-classroom" (also "classroom"). */
QStringList names();
bool isPlatformFormat(const QString &format);
/** The result in \a format, one of names(). */
QByteArray render(const QString &format, const Task *task, const GradeResult &result);

} // namespace PlatformFormats
} // namespace Unlocked
