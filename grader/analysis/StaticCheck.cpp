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

bool nameMatches(StaticRule::Kind kind, const QString &name, const SourceFacts &facts)
{
    switch (kind) {
    case StaticRule::Kind::Import:
        for (const QString &module : facts.imports) {
            if (isSameOrSubmodule(module, name))
                return true;
        }
        return false;
    case StaticRule::Kind::Call:
        return callMatches(name, facts);
    case StaticRule::Kind::Define:
        return facts.functions.contains(name);
    case StaticRule::Kind::AsyncDefine:
        return facts.asyncFunctions.contains(name);
    case StaticRule::Kind::Attribute:
        return facts.attributes.contains(name);
    case StaticRule::Kind::Await:
        return facts.usesAwait;
    }
    return false;
}

/** "a", "a or b", "a, b or c". */
QString either(const QStringList &names)
{
    if (names.size() < 2)
        return names.value(0);
    return QStringList(names.mid(0, names.size() - 1)).join(QLatin1String(", ")) +
           QStringLiteral(" or ") + names.last();
}

/**
 * What the learner is told: a required rule names every choice ("call one of a or b"), a
 * forbidden one only the names it found (\a names).
 */
QString describe(const StaticRule &rule, bool required, const QStringList &names)
{
    if (!rule.message.isEmpty())
        return rule.message;
    const QString must = required ? QStringLiteral("your solution must ")
                                  : QStringLiteral("your solution must not ");
    const QString oneOf = required && names.size() > 1 ? QStringLiteral("one of ") : QString();
    const QString list = oneOf + either(names);
    switch (rule.kind) {
    case StaticRule::Kind::Import:
        return must + QStringLiteral("import %1").arg(list);
    case StaticRule::Kind::Call:
        return must + QStringLiteral("call %1").arg(list);
    case StaticRule::Kind::Define:
        return must + QStringLiteral("define a function named %1").arg(list);
    case StaticRule::Kind::AsyncDefine:
        return required ? must + QStringLiteral("define %1 with async def").arg(list)
                        : must + QStringLiteral("define an async function named %1").arg(list);
    case StaticRule::Kind::Attribute:
        return must + QStringLiteral("use %1").arg(list);
    case StaticRule::Kind::Await:
        return must + QStringLiteral("use await");
    }
    return must + list;
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

/** The rule's names that the source uses ("await" for an await rule), in the rule's order. */
QStringList matchingNames(const StaticRule &rule, const SourceFacts &facts)
{
    if (rule.kind == StaticRule::Kind::Await)
        return facts.usesAwait ? QStringList{QStringLiteral("await")} : QStringList{};
    QStringList found;
    for (const QString &name : rule.names) {
        if (nameMatches(rule.kind, name, facts))
            found.append(name);
    }
    return found;
}

} // namespace

bool ruleMatches(const StaticRule &rule, const SourceFacts &facts)
{
    return !matchingNames(rule, facts).isEmpty();
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
            broken.append(describe(rule, true, rule.names));
    }
    for (const StaticRule &rule : spec.forbid) {
        if (const QStringList found = matchingNames(rule, facts); !found.isEmpty())
            broken.append(describe(rule, false, found));
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
