#pragma once

#include <QtGlobal>

namespace Unlocked {

/**
 * Resource limits of one sandboxed run. The sandbox owns this type; a task's `limits:` in a
 * pack are read onto it, and the defaults apply where a task sets none.
 */
struct Limits
{
    double cpuSeconds = 20.0; // CPU time of the whole process tree
    double wallSeconds = 20.0;
    qint64 memoryBytes = 1024ll << 20; // resident memory of the whole tree
    int processes = 64;                // processes and threads of the tree
    qint64 fileSizeBytes = 16ll << 20; // largest file the run may write
    qint64 diskBytes = 64ll << 20;     // work dir, /tmp and /dev/shm each
    int openFiles = 256;
    qint64 outputBytes = 64ll << 10; // captured per stream; the head is kept
};

} // namespace Unlocked
