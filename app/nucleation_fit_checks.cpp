// SPDX-License-Identifier: MIT
#include "app/nucleation_fit_checks.hpp"

#include <nlohmann/json.hpp>

#include <algorithm>

namespace surfkmc::app {

FitCandidate fitCandidate(const nlohmann::json& p) {
  if (p.contains("failure")) return {true};
  return {false,
          p.at("stress_GPa").get<double>(),
          p.at("barrier_eV").get<double>(),
          p.at("converged").get<bool>(),
          p.at("band_intact").get<bool>(),
          p.at("final_slipped").get<bool>(),
          p.at("initial_lowest").get<bool>(),
          p.at("saddle").at("loop_pairs").get<long>(),
          p.at("saddle").at("plane_pairs").get<long>()};
}

std::vector<bool> usedInFit(const std::vector<FitCandidate>& points) {
  std::vector<bool> used;
  used.reserve(points.size());
  double highest = -1e9;
  for (const FitCandidate& r : points) {
    if (r.failed) {
      used.push_back(false);
      continue;
    }
    const bool yielded = r.stress_GPa < highest;
    highest = std::max(highest, r.stress_GPa);
    const bool loop = r.loop_pairs >= 1 && r.loop_pairs < r.plane_pairs;
    used.push_back(!yielded && r.converged && r.band_intact && r.final_slipped && r.initial_lowest &&
                   r.barrier_eV > 0.0 && loop);
  }
  return used;
}

}  // namespace surfkmc::app
