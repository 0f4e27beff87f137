#pragma once

#include "pack/Pack.h"

#include <QStringList>

namespace Unlocked {

/**
 * What can be known about a loaded pack without running anything: every reference, starter and
 * baseline parses as Python, a function task's reference defines its entry point, and the
 * reference keeps its task's static rules. One line per problem, "task-id: file: what".
 */
QStringList lintPack(const Pack &pack);

} // namespace Unlocked
