// SPDX-License-Identifier: MIT
// What the acceleration methods did in a run, as a plain struct for summary.json.
#pragma once

#include <cstdint>
#include <vector>

namespace surfkmc::kmc {

/// One rate-scaled reversible pair {(n_i, n_j, c), (n_j, n_i, c)} and its current factor α ∈ (0, 1).
struct ScaledPair {
  int n_i = 0;
  int n_j = 0;
  int common = 0;
  double scale = 1.0;
  bool operator==(const ScaledPair&) const = default;
};

/// What the probes found. `transport_ratio` is Σ|Δr|² of the rate-scaled arm over that of plain
/// KMC, over the same physical time from the same configuration: the factor by which rate scaling
/// multiplies the mass-transport diffusivity D_s (1 = unbiased). A ratio of means over the probes,
/// with its delta-method standard error.
struct RateScalingBias {
  /// Probes that measured something (plain KMC moved atoms); 0 = not measured.
  int probes = 0;
  double transport_ratio = 1.0;
  double standard_error = 0.0;
  /// Mean physical time per probe [s], and mean events per probe in each arm.
  double probe_time_s = 0.0;
  double plain_events = 0.0;
  double scaled_events = 0.0;
  /// Mean R_unscaled / R_scaled of the scaled arms' windows (their effective acceleration).
  double acceleration = 1.0;

  bool measured() const { return probes > 0; }
  /// |transport_ratio − 1| > limit (the run warns above 5 %).
  bool exceeds(double limit) const {
    return measured() && (transport_ratio > 1.0 + limit || transport_ratio < 1.0 - limit);
  }
  bool operator==(const RateScalingBias&) const = default;
};

/// Filled by Engine::accelerationReport(). Everything is cumulative since the engine was built.
struct AccelerationReport {
  // Rate scaling (RateScaler).
  bool rate_scaling_enabled = false;
  /// Observation windows evaluated, windows that changed a scale (each cost an O(mobile) refresh),
  /// and resets of a pair to α = 1.
  std::int64_t scaling_windows = 0;
  std::int64_t scale_refreshes = 0;
  std::int64_t scale_resets = 0;
  /// The pairs scaled now (n_i ≤ n_j listed once) and the smallest α in force.
  std::vector<ScaledPair> scaled_pairs;
  double smallest_scale = 1.0;
  /// Time-weighted mean of R_unscaled / R_scaled over the windows (trapezoid in each window between
  /// its start, after the scales were set, and its end) [dimensionless]: physical time per event
  /// relative to plain KMC in the same configurations. 1 when nothing was scaled.
  double effective_acceleration = 1.0;
  /// Largest R_unscaled / R_scaled seen at a window boundary.
  double max_acceleration = 1.0;
  /// Physical time covered by completed windows [s] (the weight of effective_acceleration).
  double accounted_time_s = 0.0;
  /// Measured by the run beside the engine (measureRateScalingBias), not by the engine itself: on
  /// the specimen as built, at the run's first stress, and on the surface the run ended with, at its
  /// last stress.
  RateScalingBias rate_scaling_bias;
  RateScalingBias rate_scaling_bias_at_end;

  // First-passage super-moves of lone (111) adatoms (Engine, SuperMoveParams).
  bool super_moves_enabled = false;
  /// Super-moves performed (each one event), those that ended in a hop of the atom out of its basin
  /// (the others ended with an event elsewhere, or at the end of a run), and basins solved.
  std::int64_t super_moves = 0;
  std::int64_t super_move_exits = 0;
  std::int64_t basin_solves = 0;
  /// Basins taken from the shape cache instead of being solved (SuperMoveParams::cache_shapes).
  std::int64_t basin_cache_hits = 0;
  /// Expected number of hops inside the basins that the super-moves replaced (from each chain).
  double super_move_hops = 0.0;
  /// Events plain KMC would have needed per event performed, (events + super_move_hops −
  /// super_moves + super_move_exits) / events: a stay that plain KMC spends in H hops and one exit
  /// event is one event here when the atom hops out, and two (the super-move and the event handed
  /// to the rest of the system) when another atom moves first, or one with H only partly spent when
  /// the run ends inside it. Physical time per event relative to plain KMC; 1 without super-moves.
  double super_move_acceleration = 1.0;

  // Strain-energy site term u_el.
  bool strain_energy_enabled = false;
  /// Full recomputations of the u_el factors (σ or the section profile moved past the tolerance).
  std::int64_t profile_refreshes = 0;
  /// Largest |ln g_exact − ln g_used| at the time of the report; the stored hop rates are off by ≤ 2× this
  /// (without super-moves the engine corrects them exactly, by rejection: Engine, "Exact u_el").
  double profile_drift = 0.0;
  /// Hops drawn with the stored factors and rejected by that correction (null events, not counted as events).
  std::int64_t profile_rejections = 0;

  bool operator==(const AccelerationReport&) const = default;
};

}  // namespace surfkmc::kmc
