// SPDX-License-Identifier: MIT
// Hop barriers and the precomputed rate table indexed by (n_i, n_j, c); no exp() in the event loop.
#pragma once

#include <array>
#include <cstdint>
#include <memory>
#include <vector>

#include "kmc/energetics_params.hpp"
#include "kmc/hop_environment_index.hpp"

namespace surfkmc::kmc {

/// Number of values n_i (0..12) and n_j (0..11) can take, and c (0..4).
inline constexpr int kCoordinationValues = 13;
inline constexpr int kTargetValues = 12;
inline constexpr int kCommonValues = kMaxCommon + 1;
/// Table stride per n_i.
inline constexpr int kRateRowStride = kTargetValues * kCommonValues;
/// Rates per environment entry: one per n_i − n_j = −11..11.
inline constexpr int kEnvironmentRateStride = 23;
static_assert(kCoordinationValues * kRateRowStride == kBarrierTableSize);

/// The rate table of docs/model.md#surface-kinetics. The stress term −σ·V_m is the same for every hop, so it
/// factors out of all rates as exp(σ·V_m / k_B T): the table holds the stress-free rates and
/// stressFactor() carries the stress. Raising σ is then O(1) and cannot change which event is
/// selected, only how fast time runs; it stays exact for any σ step (no tolerance needed).
/// With a strain response (EnergeticsParams::barrier_strain_slope_eV) each hop class answers to stress
/// with its own slope instead: V_m is 0, and a new σ refills the table (setStress returns true), after
/// which the caller must refresh the rates it stores.
class Energetics {
 public:
  /// Validates `params` (InputError) and fills the table.
  explicit Energetics(const EnergeticsParams& params);

  const EnergeticsParams& params() const { return params_; }

  /// Barrier E_a [eV] of a hop with (n_i, n_j, c), stress included; +inf if not allowed.
  double barrier_eV(int n_i, int n_j, int c) const;
  /// Whether each hop class answers to stress with its own slope (the table then depends on σ).
  bool strainResponse() const { return params_.strainResponse(); }
  /// Rate [1/s] of a hop with (n_i, n_j, c), stress included; 0 if not allowed.
  double rate(int n_i, int n_j, int c) const { return baseRate(n_i, n_j, c) * stress_factor_; }
  /// Stress-free rate [1/s] from the table; what the engine sums.
  double baseRate(int n_i, int n_j, int c) const { return table_[index(n_i, n_j, c)]; }
  /// Whether the hop rule lets the hop happen (n_i ≥ n_min, n_j ≥ n_min, n_i < 12); a barrier table can
  /// still forbid it (barrier +inf, rate 0).
  bool allowed(int n_i, int n_j) const {
    return n_i < 12 && n_i >= params_.n_min && (n_j >= params_.n_min || rimTarget(n_j));
  }
  /// Whether a hop into a site with n_j occupied neighbours (besides the mover) enters a rim site, the first
  /// half of an interlayer transit (EnergeticsParams::interlayer_transit).
  bool rimTarget(int n_j) const { return params_.interlayer_transit && n_j == params_.n_min - 1; }
  /// exp(ε(e)·(n − n_rim)/k_B T), n_rim = n_min − 1, for n = 0..11: the factor by which the rate out of a
  /// rim site into a site with n occupied neighbours exceeds the table's rate of the hop back in, so that
  /// the rim carries the pair Hamiltonian's energy −ε·n_rim (docs/model.md#interlayer).
  double transitExitFactor(int n) const { return exit_factor_[static_cast<std::size_t>(n)]; }
  /// Whether entry `index` (index()) takes its barrier from the bond-counting formula although a barrier
  /// table is in use: a hop the catalogue does not hold (summary.json's uncatalogued_event_fraction).
  bool uncatalogued(int index) const { return uncatalogued_[static_cast<std::size_t>(index)] != 0; }
  /// Whether a barrier table (EnergeticsParams::barrier_table_eV) is in use.
  bool catalogue() const { return !params_.barrier_table_eV.empty(); }
  /// exp(σ·V_m / k_B T): multiplies every base rate.
  double stressFactor() const { return stress_factor_; }
  /// The stress-free table, row n_i at offset n_i · kRateRowStride, entry n_j · kCommonValues + c.
  const double* table() const { return table_.data(); }
  /// With environment entries (EnergeticsParams::environment_keys): their index, else null.
  const HopEnvironmentIndex* environmentIndex() const { return environment_index_.get(); }
  /// Stress-free rate of entry e's hops at n_i − n_j = Δn: environmentRates()[e · kEnvironmentRateStride + Δn + 11].
  const double* environmentRates() const { return environment_rate_.data(); }
  /// Barrier E_a [eV] of entry e's hop at n_i − n_j = Δn, stress included (+inf if forbidden).
  double environmentBarrier_eV(int entry, int delta_n) const;

  /// New axial stress σ [GPa]: O(1), recomputes only the stress factor; with a strain response a σ that
  /// differs from the current one refills the 780-entry table (~10 µs) and returns true: the caller must
  /// then refresh the rates it holds.
  bool setStress(double stress_GPa);
  /// New temperature [K]: refills the 780-entry table (~10 µs); callers must then refresh rates.
  void setTemperature(double temperature_K);

  static constexpr int index(int n_i, int n_j, int c) { return n_i * kRateRowStride + n_j * kCommonValues + c; }

 private:
  /// Fills barrier_ and table_ at the current σ and T.
  void fill();
  /// E_a(n_i, n_j, c) at axial strain `strain` without the V_m term: the table's entry plus its strain
  /// slope, or the formula where it has none (+inf if not allowed); before the pairwise clamp.
  double tableBarrier(int n_i, int n_j, int c, double strain) const;
  /// Fills the environment entries' barriers and rates at strain `strain` and k_B T = kt.
  void fillEnvironments(double strain, double kt);
  /// dK/de of environment entry e: its own, or its class pair's.
  double environmentKraSlope(std::size_t e) const;

  EnergeticsParams params_;
  double stress_factor_ = 1.0;
  /// E_a without the V_m term [eV], as tableBarrier after the pairwise clamp.
  std::array<double, kCoordinationValues * kRateRowStride> barrier_{};
  std::array<double, kCoordinationValues * kRateRowStride> table_{};
  std::array<std::uint8_t, kCoordinationValues * kRateRowStride> uncatalogued_{};
  std::array<double, kTargetValues> exit_factor_{};
  std::shared_ptr<const HopEnvironmentIndex> environment_index_;
  std::vector<double> environment_barrier_;  ///< per entry and Δn, as environment_rate_ (without the V_m term)
  std::vector<double> environment_rate_;
};

}  // namespace surfkmc::kmc
