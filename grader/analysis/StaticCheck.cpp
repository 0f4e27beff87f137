#include "StaticCheck.h"

#include <QSet>

namespace Unlocked {

namespace {

bool isSameOrSubmodule(const QString &name, const QString &module)
{
    return name == module || (name.startsWith(module) && name.size() > module.size() &&
                              name.at(module.size()) == QLatin1Char('.'));
}

QString head(const QString &dotted)
{
    return dotted.section(QLatin1Char('.'), 0, 0);
}

bool callMatches(const QString &rule, const SourceFacts &facts)
{
    if (facts.calls.contains(rule))
        return true;
    if (!rule.contains(QLatin1Char('.')))
        return false;
    // A call the analyzer could not resolve (`from multiprocessing import *; Process()`) still
    // counts when it is written as the rule's last components. A call whose first name is an
    // import was resolved already, and a call of the learner's own function is not the library's.
    QSet<QString> importedHeads;
    for (const QString &module : facts.imports)
        importedHeads.insert(head(module));
    for (const QString &call : facts.calls) {
        if (importedHeads.contains(head(call)) || facts.functions.contains(call))
            continue;
        if (rule.endsWith(call) && rule.at(rule.size() - call.size() - 1) == QLatin1Char('.'))
            return true;
    }
    return false;
}

QString describe(const StaticRule &rule, bool required)
{
    if (!rule.message.isEmpty())
        return rule.message;
    const QString must = required ? QStringLiteral("your solution must ")
                                  : QStringLiteral("your solution must not ");
    switch (rule.kind) {
    case StaticRule::Kind::Import:
        return must + QStringLiteral("import %1").arg(rule.name);
    case StaticRule::Kind::Call:
        return must + QStringLiteral("call %1").arg(rule.name);
    case StaticRule::Kind::Define:
        return must + QStringLiteral("define a function named %1").arg(rule.name);
    case StaticRule::Kind::AsyncDefine:
        return required ? must + QStringLiteral("define %1 with async def").arg(rule.name)
                        : must + QStringLiteral("define an async function named %1").arg(rule.name);
    case StaticRule::Kind::Await:
        return must + QStringLiteral("use await");
    }
    return must + rule.name;
}

QString syntaxMessage(const SyntaxIssue &issue)
{
    if (issue.line <= 0)
        return issue.message;
    if (issue.column <= 0)
        return QStringLiteral("line %1: %2").arg(issue.line).arg(issue.message);
    return QStringLiteral("line %1, column %2: %3")
        .arg(issue.line)
        .arg(issue.column)
        .arg(issue.message);
}

} // namespace

bool ruleMatches(const StaticRule &rule, const SourceFacts &facts)
{
    switch (rule.kind) {
    case StaticRule::Kind::Import:
        for (const QString &module : facts.imports) {
            if (isSameOrSubmodule(module, rule.name))
                return true;
        }
        return false;
    case StaticRule::Kind::Call:
        return callMatches(rule.name, facts);
    case StaticRule::Kind::Define:
        return facts.functions.contains(rule.name);
    case StaticRule::Kind::AsyncDefine:
        return facts.asyncFunctions.contains(rule.name);
    case StaticRule::Kind::Await:
        return facts.usesAwait;
    }
    return false;
}

CheckResult runStaticCheck(const CheckSpec &spec, const SourceFacts &facts)
{
    CheckResult result;
    result.name = spec.name.isEmpty() ? QStringLiteral("Static check") : spec.name;
    result.kind = CheckKind::Static;

    if (const std::optional<CheckResult> syntax = syntaxCheck(facts)) {
        result.verdict = syntax->verdict;
        result.line = syntax->line;
        result.column = syntax->column;
        result.message = syntax->verdict == Verdict::Error
                             ? syntax->message
                             : QStringLiteral("fix this first: %1").arg(syntax->message);
        return result;
    }

    QStringList broken;
    for (const StaticRule &rule : spec.require) {
        if (!ruleMatches(rule, facts))
            broken.append(describe(rule, true));
    }
    for (const StaticRule &rule : spec.forbid) {
        if (ruleMatches(rule, facts))
            broken.append(describe(rule, false));
    }
    if (!broken.isEmpty()) {
        result.verdict = Verdict::Failed;
        result.message = broken.join(QLatin1String("; "));
        if (broken.size() > 1)
            result.detail = broken.join(QLatin1Char('\n'));
    } else {
        result.verdict = Verdict::Passed;
        result.message = QStringLiteral("your code is built the way the task asks");
    }
    return result;
}

std::optional<CheckResult> syntaxCheck(const SourceFacts &facts)
{
    if (!facts.syntaxError && facts.failure.isEmpty())
        return std::nullopt;
    CheckResult result;
    result.name = QStringLiteral("Python syntax");
    result.kind = CheckKind::Static;
    result.verdict = Verdict::Failed;
    if (facts.syntaxError) {
        result.line = facts.syntaxError->line;
        result.column = facts.syntaxError->column;
        result.message = syntaxMessage(*facts.syntaxError);
    } else {
        result.message = facts.failure;
        if (facts.internalError)
            result.verdict = Verdict::Error;
    }
    return result;
}

} // namespace Unlocked
