#pragma once

#include "Internal.h"

#include <QByteArray>

namespace Unlocked {

/** The 1-based line of the first byte that is not UTF-8, or 0 when all of it decodes. */
int firstInvalidUtf8Line(const QByteArray &bytes);

} // namespace Unlocked
