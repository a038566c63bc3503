// SPDX-License-Identifier: MIT
// The bias of adaptive rate scaling on mass transport, measured in the run that uses it.
#pragma once

#include <cstdint>
#include <vector>

#include "kmc/acceleration_report.hpp"

namespace surfkmc {
class RandomStream;
}
namespace surfkmc::lattice {
class Lattice;
}

namespace surfkmc::kmc {

struct EnergeticsParams;
struct EngineOptions;

/// How the bias is probed (scenario keys acceleration.bias_probes, acceleration.bias_probe_events).
struct RateScalingBiasParams {
  /// Independent probes; the standard error needs at least 2.
  int probes = 4;
  /// Events of plain KMC per probe; the scaled arm covers the same physical time.
  std::int64_t plain_events = 1'000'000;
  /// No probe covers more physical time than this (the run's own length) [s].
  double max_time_s = 1.0e300;

  /// Throws InputError naming the first bad field.
  void validate() const;
};

/// Measures the bias of `scaled.rate_scaling` on `start` at `stress_GPa` with probes drawn from
/// `rng`. Each probe:
///   1. copies `start` and runs the rate-scaled engine for 2 scaling windows, so that its scales
///      are learned (warm-up, not measured);
///   2. copies that configuration and runs plain KMC (every acceleration off) for
///      `plain_events` events or `max_time_s`, whichever comes first: physical time τ;
///   3. continues the warmed-up scaled engine for the same τ.
/// The arms share their start, not their random numbers. The strain-energy site term is off in
/// both (the probe has no section profile). `start` is not modified.
RateScalingBias measureRateScalingBias(const lattice::Lattice& start, const EnergeticsParams& energetics,
                                       const EngineOptions& scaled, double stress_GPa,
                                       const RateScalingBiasParams& params, RandomStream& rng);

/// The biases measured in independent replicas of one point, as one: the mean of their ratios with
/// the standard error of that mean (from theirs), the probes summed, the rest averaged. Replicas
/// that measured nothing are left out.
RateScalingBias poolRateScalingBias(const std::vector<RateScalingBias>& replicas);

}  // namespace surfkmc::kmc
