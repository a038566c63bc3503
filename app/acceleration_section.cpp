// SPDX-License-Identifier: MIT
// The scenario's `acceleration:` section.
#include "app/acceleration_section.hpp"

#include <fmt/format.h>

#include <limits>

#include "app/map_reader.hpp"

namespace surfkmc::app {

kmc::RateScalingParams readAccelerationSection(MapReader& map, kmc::SuperMoveParams& super_moves,
                                               kmc::RateScalingBiasParams& bias) {
  kmc::RateScalingParams p;
  p.enabled = map.booleanOr("rate_scaling", p.enabled);
  p.buffer = map.numberOr("buffer", NumberRange::closed(1.0, std::numeric_limits<double>::infinity()), p.buffer);
  p.min_rate_per_s = map.numberOr("min_rate_per_s", NumberRange::positive(1.0e20), p.min_rate_per_s);
  p.window_events = map.optionalInteger("window_events", 100, std::int64_t{1} << 40).value_or(p.window_events);
  p.min_executions = map.optionalInteger("min_executions", 2, std::int64_t{1} << 40).value_or(p.min_executions);
  p.balance_tolerance = map.numberOr("balance_tolerance", NumberRange::closed(1.0e-6, 0.999), p.balance_tolerance);
  p.max_change_per_window =
      map.numberOr("max_change_per_window", NumberRange::closed(1.001, 1.0e6), p.max_change_per_window);
  super_moves.enabled = map.booleanOr("super_moves", super_moves.enabled);
  super_moves.after_hops =
      static_cast<int>(map.optionalInteger("super_move_after_hops", 1, 1000000).value_or(super_moves.after_hops));
  super_moves.basin_sites =
      static_cast<int>(map.optionalInteger("super_move_basin_sites", 2, 1024).value_or(super_moves.basin_sites));
  super_moves.cache_shapes =
      static_cast<int>(map.optionalInteger("super_move_cache_shapes", 0, 1000000).value_or(super_moves.cache_shapes));
  bias.probes = static_cast<int>(map.optionalInteger("bias_probes", 2, 1000).value_or(bias.probes));
  bias.plain_events = map.optionalInteger("bias_probe_events", 1000, std::int64_t{1} << 40).value_or(bias.plain_events);
  map.finish();
  map.locateErrors("", [&] {
    p.validate();
    super_moves.validate();
    bias.validate();
  });
  return p;
}

nlohmann::json accelerationJson(const kmc::AccelerationReport& r) {
  nlohmann::json pairs = nlohmann::json::array();
  for (const kmc::ScaledPair& p : r.scaled_pairs)
    pairs.push_back({{"n_i", p.n_i}, {"n_j", p.n_j}, {"common", p.common}, {"scale", p.scale}});
  nlohmann::json j = {{"rate_scaling", r.rate_scaling_enabled},
                      {"scaling_windows", r.scaling_windows},
                      {"scale_refreshes", r.scale_refreshes},
                      {"scale_resets", r.scale_resets},
                      {"scaled_pairs", pairs},
                      {"smallest_scale", r.smallest_scale},
                      {"effective_acceleration", r.effective_acceleration},
                      {"max_acceleration", r.max_acceleration},
                      {"accounted_time_s", r.accounted_time_s},
                      {"super_moves_enabled", r.super_moves_enabled},
                      {"super_moves", r.super_moves},
                      {"super_move_exits", r.super_move_exits},
                      {"basin_solves", r.basin_solves},
                      {"basin_cache_hits", r.basin_cache_hits},
                      {"super_move_hops", r.super_move_hops},
                      {"super_move_acceleration", r.super_move_acceleration},
                      {"strain_energy", r.strain_energy_enabled},
                      {"profile_refreshes", r.profile_refreshes},
                      {"profile_drift", r.profile_drift},
                      {"profile_rejections", r.profile_rejections}};
  if (r.rate_scaling_enabled) {
    j["rate_scaling_bias"] = rateScalingBiasJson(r.rate_scaling_bias);
    j["rate_scaling_bias_at_end"] = rateScalingBiasJson(r.rate_scaling_bias_at_end);
  }
  return j;
}

nlohmann::json rateScalingBiasJson(const kmc::RateScalingBias& b) {
  if (!b.measured()) return {{"measured", false}};
  return {{"measured", true},
          {"transport_ratio", b.transport_ratio},
          {"standard_error", b.standard_error},
          {"bias", b.transport_ratio - 1.0},
          {"probes", b.probes},
          {"probe_time_s", b.probe_time_s},
          {"plain_events_per_probe", b.plain_events},
          {"scaled_events_per_probe", b.scaled_events},
          {"probe_acceleration", b.acceleration}};
}

std::optional<std::string> rateScalingBiasWarning(const kmc::RateScalingBias& start, const kmc::RateScalingBias& end,
                                                  const std::string& where) {
  if (!start.exceeds(kRateScalingBiasWarnAbove) && !end.exceeds(kRateScalingBiasWarnAbove)) return std::nullopt;
  const auto text = [](const kmc::RateScalingBias& b) {
    return b.measured() ? fmt::format("{:.3g} ± {:.2g} ({} probes of {:.3g} s)", b.transport_ratio, b.standard_error,
                                      b.probes, b.probe_time_s)
                        : std::string("not measured");
  };
  return fmt::format(
      "warning: {}rate scaling multiplies the surface diffusivity D_s by {} on the starting surface and by {} on "
      "the final one (each against plain KMC over the same time; more than {:.0f} % off). Kinetic results (D_s, "
      "creep, step motion) carry this bias; without `acceleration:` the kinetics are exact (docs/validation.md, "
      "\"Acceleration on the production catalogue\")\n",
      where, text(start), text(end), 100.0 * kRateScalingBiasWarnAbove);
}

}  // namespace surfkmc::app
