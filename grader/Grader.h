#pragma once

#include "pack/Pack.h"
#include "result/GradeResult.h"
#include "sandbox/Sandbox.h"

#include <QString>

namespace Unlocked {

struct GradeOptions
{
    QString interpreter;          // learner interpreter; empty = Paths::defaultPython()
    bool unisolated = false;      // explicit opt-in to run without the sandbox
    bool measure = true;          // false: correctness checks only (quick feedback)
    int cores = 0;                // 0 = the grader's affinity mask
    double measureBudgetSeconds = 0.0;
};

/**
 * Grades one solution of one task: static checks with Python's parser, then correctness in the
 * sandbox, then (when correct) the measured checks. Never throws; problems become verdicts.
 */
class Grader
{
public:
    Grader(const Pack &pack, GradeOptions options = {});

    GradeResult grade(const Task &task, const QString &solutionPath) const;
    GradeResult gradeSource(const Task &task, const QByteArray &source,
                            const QString &displayName) const;

    /** Whether learner code may run here at all (isolation, or the explicit opt-in). */
    IsolationSupport readiness() const;

private:
    const Pack &m_pack;
    GradeOptions m_options;
};

} // namespace Unlocked
