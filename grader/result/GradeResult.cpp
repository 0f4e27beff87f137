#include "GradeResult.h"

namespace Unlocked {

QString verdictName(Verdict verdict)
{
    switch (verdict) {
    case Verdict::Passed:
        return QStringLiteral("passed");
    case Verdict::Failed:
        return QStringLiteral("failed");
    case Verdict::Inconclusive:
        return QStringLiteral("inconclusive");
    case Verdict::Error:
        return QStringLiteral("error");
    }
    return {};
}

std::optional<Verdict> verdictFromName(const QString &name)
{
    for (Verdict v : {Verdict::Passed, Verdict::Failed, Verdict::Inconclusive, Verdict::Error})
        if (verdictName(v) == name)
            return v;
    return std::nullopt;
}

Verdict combineVerdicts(const QList<Verdict> &verdicts)
{
    Verdict worst = Verdict::Passed;
    auto rank = [](Verdict v) {
        switch (v) {
        case Verdict::Passed:
            return 0;
        case Verdict::Inconclusive:
            return 1;
        case Verdict::Failed:
            return 2;
        case Verdict::Error:
            return 3;
        }
        return 3;
    };
    for (Verdict v : verdicts)
        if (rank(v) > rank(worst))
            worst = v;
    return worst;
}

CheckResult checkResultFor(const CheckSpec &spec, Verdict verdict, const QString &message)
{
    CheckResult result;
    result.name = spec.name;
    result.kind = spec.kind;
    result.verdict = verdict;
    result.message = message;
    return result;
}

void GradeResult::finish()
{
    if (checks.isEmpty()) {
        verdict = Verdict::Error;
        return;
    }
    QList<Verdict> verdicts;
    for (const CheckResult &c : checks)
        verdicts.append(c.verdict);
    verdict = combineVerdicts(verdicts);
}

QString GradeResult::firstProblem() const
{
    for (const CheckResult &c : checks)
        if (c.verdict != Verdict::Passed)
            return c.name + QLatin1String(": ") + c.message;
    return message;
}

} // namespace Unlocked
