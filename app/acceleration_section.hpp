// SPDX-License-Identifier: MIT
// The scenario's `acceleration:` section: adaptive rate scaling of fast quasi-equilibrated pairs and
// exact first-passage super-moves of lone adatoms.
#pragma once

#include <nlohmann/json.hpp>

#include <optional>
#include <string>

#include "kmc/acceleration_report.hpp"
#include "kmc/rate_scaler.hpp"
#include "kmc/rate_scaling_bias.hpp"
#include "kmc/super_move_params.hpp"

namespace surfkmc::app {

class MapReader;

/// Reads `acceleration:` (rate_scaling, buffer, min_rate_per_s, window_events, min_executions,
/// balance_tolerance, max_change_per_window) into kmc::RateScalingParams, and super_moves,
/// super_move_after_hops, super_move_basin_sites, super_move_cache_shapes into `super_moves`, with located errors.
/// bias_probes and bias_probe_events (the measurement of rate scaling's bias) into `bias`.
kmc::RateScalingParams readAccelerationSection(MapReader& map, kmc::SuperMoveParams& super_moves,
                                               kmc::RateScalingBiasParams& bias);

/// The engine's acceleration report as the `acceleration` object of summary.json.
/// With rate scaling on it holds `rate_scaling_bias` (rateScalingBiasJson).
nlohmann::json accelerationJson(const kmc::AccelerationReport& report);

/// The measured bias as JSON: {measured: false}, or the ratio, its standard error and how it was probed.
nlohmann::json rateScalingBiasJson(const kmc::RateScalingBias& bias);

/// Rate scaling warns on stderr when D_s is off by more than this fraction.
inline constexpr double kRateScalingBiasWarnAbove = 0.05;

/// The warning line when the bias measured at the start or at the end of a run lies beyond
/// kRateScalingBiasWarnAbove (`where` prefixes what it is about, e.g. "point 3: "); none when both lie
/// within it or were not measured.
std::optional<std::string> rateScalingBiasWarning(const kmc::RateScalingBias& start, const kmc::RateScalingBias& end,
                                                  const std::string& where);

}  // namespace surfkmc::app
