#pragma once

#include <QString>

namespace Unlocked::Paths {

/** The built-in course pack (the folder holding course.yaml). Overridable: UNLOCKED_PACK_DIR. */
QString builtinPack();
/** Python helpers put on the sandbox's path: the grading harness and `iosim`. */
QString runtimeDir();
/** Where the `unlocked_native` extension module was built or installed; may be empty. */
QString nativeModuleDir();
/** The module that embeds CPython for static checks (unlocked_python_analyzer.so). */
QString analyzerModule();
/** The learner interpreter used when none is chosen: Debian's python3. */
QString defaultPython();
/** What the grader remembers between runs (calibrations, probe results). UNLOCKED_CACHE_DIR, else
 * the user's cache folder (XDG) + /unlocked. */
QString cacheDir();

} // namespace Unlocked::Paths
