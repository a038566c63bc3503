// SPDX-License-Identifier: MIT
#include "app/json_records.hpp"

#include <cmath>

namespace surfkmc {

nlohmann::json numberOrNull(double v) { return std::isfinite(v) ? nlohmann::json(v) : nlohmann::json(nullptr); }

void to_json(nlohmann::json& j, const MeanStdErr& s) {
  j = {{"mean", numberOrNull(s.mean)}, {"std", numberOrNull(s.sd)}, {"stderr", numberOrNull(s.se)}};
}

}  // namespace surfkmc
