#pragma once

#include "result/GradeResult.h"

#include <QList>
#include <QString>

namespace Unlocked {

struct Timeline;

/**
 * What the grader saw of a solution's process tree from outside the sandbox while its
 * correctness checks ran: how many processes it had and the most threads one of them ran.
 * Built from the timelines of those runs (timeline/Timeline.h), never from what the program says.
 */
struct TreeObservation
{
    int runs = 0;              // runs in which the program itself was seen
    int processes = 0;         // the most processes seen in one run, the program's own included
    int mostThreads = 0;       // the most threads seen in one process, its main thread included
    bool threadsInMain = true; // whether that process was the program's own
    QStringList otherNames;    // names of the other processes, e.g. "python3", "sh"
    // The program's processes waited for a child that ended, whether or not a sample caught it.
    bool collectedChild = false;

    /**
     * Adds one run. Processes named in \a notLearners are the grader's and the sandbox's own
     * (bwrap; the grader's fork before it runs the sandbox), not the program's.
     */
    void add(const Timeline &timeline, const QStringList &notLearners);
};

/** The names under which the grader's own processes may show in a sandboxed tree. */
QStringList graderProcessNames();

/**
 * Judges an observed check's rules (threads: one/several, processes: one/several) against what
 * was seen; the message says what was seen when a rule is broken.
 */
CheckResult runObservedCheck(const CheckSpec &spec, const TreeObservation &seen);

} // namespace Unlocked
