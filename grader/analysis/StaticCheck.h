#pragma once

#include "analysis/PythonAnalyzer.h"
#include "pack/Pack.h"
#include "result/GradeResult.h"

#include <optional>

namespace Unlocked {

/**
 * Judges a static check (require/forbid rules) against what the analyzer found. Passed when
 * every rule holds; otherwise Failed, naming each broken rule in the learner's words.
 * Facts with a syntax error or a failure give Failed: there is nothing to check yet.
 */
CheckResult runStaticCheck(const CheckSpec &spec, const SourceFacts &facts);

/**
 * The "Python syntax" check: Failed at the error's line and column ("line 3, column 9: expected
 * ':'"), Failed with the reason when the file could not be analysed (Error when the checker
 * itself broke), nullopt when the source parses.
 */
std::optional<CheckResult> syntaxCheck(const SourceFacts &facts);

/**
 * True when the source does what `rule` names (any of its names, when it lists several); a
 * required rule needs a match, a forbidden one must have none. Import: the module or any
 * submodule of it ("concurrent" matches "concurrent.futures"). Call: the call resolved through
 * imports ("mp.Process" with `import multiprocessing as mp` is "multiprocessing.Process"), or,
 * for a dotted rule, an unresolved call written as the rule's last components (`Process()` after
 * `from multiprocessing import *`); creating an instance of a class derived from it counts as
 * calling it. Attribute: the name used as an attribute of anything, called or not
 * (`loop.run_in_executor`, `f().to_thread`), imported by name, or written out in `getattr`.
 * Define / AsyncDefine: a function of that name defined with def / async def. Await: any await,
 * async for or async with.
 */
bool ruleMatches(const StaticRule &rule, const SourceFacts &facts);

} // namespace Unlocked
