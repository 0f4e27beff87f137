#include "PackLint.h"

#include "analysis/PythonAnalyzer.h"
#include "analysis/StaticCheck.h"

#include <QFile>
#include <QFileInfo>

namespace Unlocked {

namespace {

SourceFacts factsOf(const QString &path, QString *problem)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        *problem = file.errorString();
        return {};
    }
    const SourceFacts facts =
        PythonAnalyzer::analyze(QString::fromUtf8(file.readAll()), QFileInfo(path).fileName());
    if (const std::optional<CheckResult> syntax = syntaxCheck(facts))
        *problem = syntax->message;
    return facts;
}

} // namespace

QStringList lintPack(const Pack &pack)
{
    QStringList problems;
    for (const Task &task : pack.tasks) {
        auto report = [&](const QString &path, const QString &what) {
            problems.append(
                QStringLiteral("%1: %2: %3").arg(task.id, QFileInfo(path).fileName(), what));
        };
        QString problem;
        for (const QString &path : {task.starterPath, task.baselinePath}) {
            problem.clear();
            if (!path.isEmpty())
                factsOf(path, &problem);
            if (!problem.isEmpty())
                report(path, problem);
        }
        problem.clear();
        const SourceFacts reference = factsOf(task.referencePath, &problem);
        if (!problem.isEmpty()) {
            report(task.referencePath, problem);
            continue;
        }
        if (task.kind == TaskKind::Function && !task.isCython() &&
            !reference.functions.contains(task.entry) &&
            !reference.asyncFunctions.contains(task.entry))
            report(task.referencePath,
                   QStringLiteral("does not define %1(), the task's entry point").arg(task.entry));
        for (const CheckSpec &check : task.checks) {
            if (check.kind != CheckKind::Static)
                continue;
            const CheckResult result = runStaticCheck(check, reference);
            if (result.verdict != Verdict::Passed)
                report(task.referencePath, QStringLiteral("breaks its own static check '%1': %2")
                                               .arg(check.name, result.message));
        }
    }
    return problems;
}

} // namespace Unlocked
