#include "StaticCheck.h"

namespace Unlocked {

CheckResult runStaticCheck(const CheckSpec &spec, const SourceFacts &)
{
    CheckResult result;
    result.name = spec.name;
    result.kind = spec.kind;
    result.verdict = Verdict::Error;
    result.message = QStringLiteral("static checks are not implemented yet");
    return result;
}

std::optional<CheckResult> syntaxCheck(const SourceFacts &)
{
    return std::nullopt;
}

} // namespace Unlocked
