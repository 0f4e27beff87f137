#pragma once

#include "Pack.h"

namespace Unlocked {

/** A problem in a pack, precise enough for an instructor to fix: file, line, field. */
struct PackError
{
    SourceLocation where;
    QString field; // dotted path of the offending key, e.g. `checks[2].target`
    QString message;

    QString toString() const; // "tasks/x/task.yaml:12:3: checks[2].target: must be a number"
};

struct PackLoadResult
{
    std::optional<Pack> pack; // set only when there are no errors
    QList<PackError> errors;
};

/** Loads and checks a pack directory (the folder holding course.yaml). Never throws. */
class PackLoader
{
public:
    static PackLoadResult load(const QString &dir);
    /**
     * Only what grading or running \a taskId needs: the manifest with its lessons and unlock
     * rules, and that one task. Lesson texts, quizzes and the other tasks are neither read nor
     * checked, so a command about one task does not pay for the whole pack.
     */
    static PackLoadResult loadTask(const QString &dir, const QString &taskId);
};

} // namespace Unlocked
