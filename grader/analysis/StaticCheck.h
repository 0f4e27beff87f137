#pragma once

#include "PythonAnalyzer.h"
#include "result/GradeResult.h"

#include <optional>

namespace Unlocked {

CheckResult runStaticCheck(const CheckSpec &spec, const SourceFacts &facts);
std::optional<CheckResult> syntaxCheck(const SourceFacts &facts);

} // namespace Unlocked
