// SPDX-License-Identifier: MIT
// nlohmann::json conversions of the small records that several reports write.
#pragma once

#include <nlohmann/json.hpp>

#include "core/statistics.hpp"

namespace surfkmc {

/// The number, or null where it is not finite (NaN, ±inf: undefined or not determined).
nlohmann::json numberOrNull(double v);

/// {"mean", "std", "stderr"}, each null where it is undefined (NaN: no sample, or one value for std
/// and stderr). Found by argument-dependent lookup, so `json j = stats;` works.
void to_json(nlohmann::json& j, const MeanStdErr& s);

}  // namespace surfkmc
