#pragma once

#include "BatchReport.h"

#include <optional>

namespace Unlocked {

/**
 * A JSON report of `unlocked-cli batch` read back, or why it cannot be: not JSON, not a batch
 * report, or one written before reports recorded their pack and class.
 */
std::optional<BatchReport> readBatchReport(const QString &path, QString *error);

} // namespace Unlocked
