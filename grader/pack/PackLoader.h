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
};

} // namespace Unlocked
