// SPDX-License-Identifier: MIT
// Adaptive scaling of fast, quasi-equilibrated hop pairs (Dybeck, Plaisance, Neurock 2017 type).
#pragma once

#include <array>
#include <cstdint>

#include "kmc/energetics.hpp"

namespace surfkmc {
class BinaryWriter;
class BinaryReader;
}  // namespace surfkmc

namespace surfkmc::kmc {

/// Parameters of rate scaling. Defaults are a conservative starting point; the buffer is the
/// accuracy knob (larger = closer to plain KMC; infinity = off) and must be converged per study.
struct RateScalingParams {
  bool enabled = false;
  /// Events per observation window.
  std::int64_t window_events = 20000;
  /// A pair is judged only once it fired this often in the window (both directions together).
  std::int64_t min_executions = 40;
  /// Quasi-equilibrated when |n_forward − n_reverse| ≤ tolerance · (n_forward + n_reverse).
  double balance_tolerance = 0.2;
  /// Scaled pairs are kept firing about `buffer` times per execution of a non-equilibrated event.
  double buffer = 100.0;
  /// Only pairs whose forward and reverse rate constants both exceed this are ever scaled [1/s],
  /// so the slow, shape-changing events (kink detachment, step crossing) keep their true rates.
  double min_rate_per_s = 1.0e5;
  /// Largest change of a scale factor in one window (both ways), for stability.
  double max_change_per_window = 10.0;

  /// Throws InputError naming the first bad field.
  void validate() const;
};

/// Watches how often each (n_i, n_j, c) table entry fires and keeps a scale factor α ∈ (0, 1] per
/// reversible pair {(n_i, n_j, c), (n_j, n_i, c)}. Forward and reverse share one α, so
/// k_ij / k_ji — and with it detailed balance and every equilibrium property — is exactly
/// unchanged; only the kinetics of the scaled, fast pairs are slowed, which is harmless while they
/// stay quasi-equilibrated on the time scale of the slow events (the buffer keeps them so).
///
/// Limits (docs/validation.md, "Acceleration"): a pair with n_i = n_j is its own reverse, so the
/// balance test holds trivially for it (kmcos's "equilibrated by default" for diffusion). And a
/// table entry lumps every hop with that (n_i, n_j, c): the round trips of a flickering atom and
/// the hops that carry mass along the surface are the same entry, so scaling the entry slows
/// transport too. On Ag at 500 K the mass-transport diffusivity is biased low as soon as the
/// scaling acts (buffer ≤ 100); only the equilibrium (and detailed balance) is exact at any buffer.
/// The engine passes stress-included rates to update(), so `min_rate_per_s` compares real rates.
class RateScaler {
 public:
  static constexpr int kEntries = kCoordinationValues * kRateRowStride;
  using Table = std::array<double, kEntries>;

  explicit RateScaler(const RateScalingParams& params);

  /// Counts one event of table entry `index` (Energetics::index(n_i, n_j, c)). Returns true when
  /// a window is complete and update() should be called.
  bool record(int index) {
    ++counts_[static_cast<std::size_t>(index)];
    return ++window_count_ >= params_.window_events;
  }

  /// Ends the window: from the counts and the unscaled rate table (`base_rates`, 1/s), updates the
  /// scale of every pair, writes them into `scales` (same layout) and clears the counts. Returns
  /// true if any scale changed (the caller must then refresh its rates).
  bool update(const double* base_rates, Table& scales);

  /// Smallest scale factor in force (1 = nothing scaled).
  double smallestScale() const;
  /// Number of pairs currently scaled (α < 1).
  int scaledPairs() const;
  /// Windows evaluated so far, and how many times any scale was reset to 1 by a non-equilibrated pair.
  std::int64_t windows() const { return windows_; }
  std::int64_t resets() const { return resets_; }
  const RateScalingParams& params() const { return params_; }
  const Table& scales() const { return alpha_; }

  /// Number of update() calls that changed some scale (each makes the caller refresh its rates).
  std::int64_t refreshes() const { return refreshes_; }

  /// The acceleration account. The engine closes each window at simulated time `time_s` with
  /// `ratio` = R_unscaled / R_scaled over the configuration then (the factor by which each event's
  /// waiting time exceeds plain KMC's there), and opens the next at the same time with the ratio
  /// under the scales now in force; the window's acceleration is the trapezoid of the two ratios.
  void closeWindow(double time_s, double ratio);
  void openWindow(double time_s, double ratio);
  /// Time average of the acceleration over the closed windows (1 before any is closed).
  double effectiveAcceleration() const { return accounted_time_s_ > 0.0 ? weighted_ratio_s_ / accounted_time_s_ : 1.0; }
  /// Largest ratio seen at any window boundary.
  double maxAcceleration() const { return max_ratio_; }
  /// Simulated time covered by closed windows [s].
  double accountedTime_s() const { return accounted_time_s_; }

  /// Writes the counts of the open window, the scales and the window totals (checkpoints).
  void saveState(BinaryWriter& out) const;
  /// Reads what saveState() wrote; the parameters stay this scaler's own.
  void restoreState(BinaryReader& in);
  /// The acceleration account and refresh count, written where the engine's state puts them
  /// (engine state layout 3, after the engine's scales).
  void saveAccount(BinaryWriter& out) const;
  void restoreAccount(BinaryReader& in);

 private:
  RateScalingParams params_;
  std::array<std::int64_t, kEntries> counts_{};
  Table alpha_{};
  std::int64_t window_count_ = 0;
  std::int64_t windows_ = 0;
  std::int64_t resets_ = 0;
  std::int64_t refreshes_ = 0;
  double window_start_time_s_ = 0.0;
  double window_start_ratio_ = 1.0;
  double weighted_ratio_s_ = 0.0;
  double accounted_time_s_ = 0.0;
  double max_ratio_ = 1.0;
};

}  // namespace surfkmc::kmc
