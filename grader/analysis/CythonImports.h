#pragma once

#include "Internal.h"

#include <QString>
#include <QStringList>

namespace Unlocked {

/**
 * Python modules a Cython (.pyx) file imports, found line by line: `import a.b, c as d` and
 * `from a import b` (giving "a" and "a.b"). `cimport` lines are C-level and not listed.
 */
QStringList cythonImports(const QString &source);

} // namespace Unlocked
