// SPDX-License-Identifier: MIT
// The scenario's `acceleration:` section: adaptive rate scaling of fast quasi-equilibrated pairs and
// exact first-passage super-moves of lone adatoms.
#pragma once

#include <nlohmann/json.hpp>

#include "kmc/acceleration_report.hpp"
#include "kmc/rate_scaler.hpp"
#include "kmc/super_move_params.hpp"

namespace surfkmc::app {

class MapReader;

/// Reads `acceleration:` (rate_scaling, buffer, min_rate_per_s, window_events, min_executions,
/// balance_tolerance, max_change_per_window) into kmc::RateScalingParams, and super_moves,
/// super_move_after_hops, super_move_basin_sites, super_move_cache_shapes into `super_moves`, with located errors.
kmc::RateScalingParams readAccelerationSection(MapReader& map, kmc::SuperMoveParams& super_moves);

/// The engine's acceleration report as the `acceleration` object of summary.json.
nlohmann::json accelerationJson(const kmc::AccelerationReport& report);

}  // namespace surfkmc::app
