// SPDX-License-Identifier: MIT
// nlohmann::json conversions of the small records that several reports write.
#pragma once

#include <nlohmann/json.hpp>

#include "core/statistics.hpp"

namespace surfkmc {

/// {"mean", "std", "stderr"}, each null where it is undefined (NaN: no sample, or one value for std
/// and stderr). Found by argument-dependent lookup, so `json j = stats;` works.
void to_json(nlohmann::json& j, const MeanStdErr& s);

}  // namespace surfkmc
