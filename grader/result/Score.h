#pragma once

#include "GradeResult.h"

#include <QList>
#include <QString>

#include <optional>

namespace Unlocked {

/** One declared check of a task as a grading platform scores it. */
struct CheckScore
{
    QString name;
    CheckKind kind = CheckKind::Cases;
    Verdict verdict = Verdict::Error;
    double points = 0.0; // earned
    double maxPoints = 0.0;
    bool earned = false;       // counts as passed: passed, or inconclusive under `full`
    bool needsRegrade = false; // not decided: the score is provisional until staff regrade
    bool needsCpus = false;    // a parallel check that found fewer than 2 CPUs to run on
    QString shown;             // for the learner: never names a hidden case
    QString staffOnly;         // what the learner may not see (hidden cases); often empty
    int line = 0;
    double seconds = 0.0;
    std::optional<Measurement> measurement;
};

/**
 * A grade in points. `gradable` is false when the submission could not be graded at all (a
 * syntax error, an unreadable file, an unknown task, a grader fault): its points say nothing.
 */
struct TaskScore
{
    double points = 0.0;
    double maxPoints = 0.0;
    bool gradable = true;
    bool learnersFault = false; // not gradable because of the file (syntax, build), not the grader
    bool needsRegrade = false;
    QString summary; // one paragraph for the learner
    QList<CheckScore> checks;

    /** points / maxPoints in [0, 1]; with no points declared, 1 for a pass and 0 otherwise. */
    double fraction(Verdict verdict) const;
};

/**
 * Scores \a result against the checks \a task declares: each check's `points`, and its
 * `inconclusive` policy for a measured check that did not decide. \a task may be null (the
 * submission named no task of the pack): the score is then not gradable.
 */
TaskScore scoreGrade(const Task *task, const GradeResult &result);

/** The sentence a platform adds when a parallel check had fewer than 2 CPUs; \a how raises them. */
QString needsCpusMessage(const CheckScore &check, const QString &how);

} // namespace Unlocked
