#include "MeasuredCheck.h"

namespace Unlocked {

CheckResult runMeasuredCheck(const CheckSpec &spec, const RunTimer &, const RunTimer &,
                             const MeasureOptions &)
{
    CheckResult result;
    result.name = spec.name;
    result.kind = spec.kind;
    result.verdict = Verdict::Inconclusive;
    result.message = QStringLiteral("measured checks are not implemented yet");
    return result;
}

} // namespace Unlocked
