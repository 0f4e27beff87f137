#pragma once

#include "Internal.h"

#include <QString>

namespace Unlocked {

/** What a run has written below its work directory, measured from outside while it runs. */
class DiskUsage
{
public:
    /**
     * Whether the files below \a dir take more than \a limit bytes (allocated or apparent size,
     * whichever is larger; symlinks not followed), or are absurdly many or deep
     * (over 100 000 entries, 64 levels).
     */
    static bool exceeds(const QString &dir, qint64 limit);
};

} // namespace Unlocked
