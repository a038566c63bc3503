// SPDX-License-Identifier: MIT
// Which computed nucleation points a law may use: the checks `atomistic nucleation` writes as `used_in_fit`, and
// that the material loader applies again to a stored file, so that a file made before a check cannot be run.
#pragma once

#include <nlohmann/json_fwd.hpp>

#include <vector>

namespace surfkmc::app {

/// What decides whether a point enters the fit, from a fresh result or from a nucleation.json point.
struct FitCandidate {
  bool failed = false;
  double stress_GPa = 0.0;
  double barrier_eV = 0.0;
  bool converged = false, band_intact = false, final_slipped = false, initial_lowest = false;
  long loop_pairs = 0;   ///< pairs across the slip plane slipped by more than b_p/2 at the saddle
  long plane_pairs = 0;  ///< pairs across the whole slip plane
};

/// A nucleation.json point (a failed point has `failure`). Throws nlohmann::json::exception when a field the
/// checks read is missing.
FitCandidate fitCandidate(const nlohmann::json& point);

/// A point enters the fit when its NEB converged with the band intact, the section stayed slipped, no image
/// before the saddle lies below the initial state, the barrier is positive, the saddle is a partial loop (at
/// least one pair slipped by more than b_p/2) smaller than the section (not the whole plane), and the perfect
/// segment had not yielded already: its stress is not below that of a smaller strain. `points` must come in
/// ascending strain.
std::vector<bool> usedInFit(const std::vector<FitCandidate>& points);

}  // namespace surfkmc::app
