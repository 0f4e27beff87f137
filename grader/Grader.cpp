#include "Grader.h"

namespace Unlocked {

Grader::Grader(const Pack &pack, GradeOptions options) : m_pack(pack), m_options(std::move(options))
{
}

IsolationSupport Grader::readiness() const
{
    if (m_options.unisolated)
        return {true, QStringLiteral("running without isolation, as asked")};
    return Sandbox::isolationSupport();
}

GradeResult Grader::grade(const Task &task, const QString &solutionPath) const
{
    GradeResult result;
    result.taskId = task.id;
    result.file = solutionPath;
    result.message = QStringLiteral("grading is not implemented yet");
    return result;
}

GradeResult Grader::gradeSource(const Task &task, const QByteArray &, const QString &displayName) const
{
    return grade(task, displayName);
}

} // namespace Unlocked
