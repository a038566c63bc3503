// SPDX-License-Identifier: MIT
// The bias of adaptive rate scaling on mass transport, measured in the run that uses it.
#include "kmc/rate_scaling_bias.hpp"

#include <cmath>
#include <vector>

#include "core/error.hpp"
#include "core/random_stream.hpp"
#include "kmc/energetics_params.hpp"
#include "kmc/engine.hpp"
#include "kmc/step_result.hpp"
#include "kmc/transport_observer.hpp"
#include "lattice/lattice.hpp"

namespace surfkmc::kmc {

void RateScalingBiasParams::validate() const {
  if (probes < 2) throw InputError("bias_probes must be >= 2 (the standard error needs two probes)");
  if (plain_events < 1000) throw InputError("bias_probe_events must be >= 1000");
  if (!(max_time_s > 0.0)) throw InputError("the probe's time limit must be > 0");
}

namespace {

struct Probe {
  double plain_sq = 0.0, scaled_sq = 0.0, time_s = 0.0, plain_events = 0.0, scaled_events = 0.0, acceleration = 1.0;
};

Probe runProbe(const lattice::Lattice& start, const EnergeticsParams& energetics, const EngineOptions& scaled,
               const RateScalingBiasParams& params, std::uint64_t seed) {
  Probe probe;
  lattice::Lattice scaled_lattice = start;
  Engine scaled_engine(scaled_lattice, energetics, RandomStream(seed, StreamId::kBiasProbe, 0, 0), scaled);
  // Warm-up: two windows, so the scales in force are the learned ones.
  scaled_engine.run({.until_time_s = params.max_time_s, .max_events = 2 * scaled.rate_scaling.window_events});
  const double t0 = scaled_engine.time_s();
  const std::int64_t events0 = scaled_engine.events();

  EngineOptions plain_options = scaled;
  plain_options.rate_scaling.enabled = false;
  plain_options.super_moves.enabled = false;
  lattice::Lattice plain_lattice = scaled_lattice;
  Engine plain(plain_lattice, energetics, RandomStream(seed, StreamId::kBiasProbe, 0, 1), plain_options);
  // N_s cancels in the ratio: 1.
  TransportObserver plain_transport(plain_lattice.nextAtomId(), 1);
  plain.run({.until_time_s = params.max_time_s, .max_events = params.plain_events}, &plain_transport);
  probe.time_s = plain.time_s();
  probe.plain_events = static_cast<double>(plain.events());
  probe.plain_sq = plain_transport.sumSquareDisplacement();
  if (!(probe.time_s > 0.0) || !std::isfinite(probe.time_s)) return probe;

  TransportObserver scaled_transport(scaled_lattice.nextAtomId(), 1);
  scaled_engine.run({.until_time_s = t0 + probe.time_s}, &scaled_transport);
  probe.scaled_sq = scaled_transport.sumSquareDisplacement();
  probe.scaled_events = static_cast<double>(scaled_engine.events() - events0);
  probe.acceleration = scaled_engine.accelerationReport().effective_acceleration;
  return probe;
}

}  // namespace

RateScalingBias measureRateScalingBias(const lattice::Lattice& start, const EnergeticsParams& energetics,
                                       const EngineOptions& scaled, double stress_GPa,
                                       const RateScalingBiasParams& params, RandomStream& rng) {
  params.validate();
  require(scaled.rate_scaling.enabled, "the bias probe needs rate scaling on");
  EngineOptions options = scaled;
  options.strain_energy.enabled = false;
  options.checking = false;
  EnergeticsParams at_stress = energetics;
  at_stress.stress_GPa = stress_GPa;

  std::vector<Probe> probes;
  for (int k = 0; k < params.probes; ++k) {
    // Every probe's seed is drawn first, so probe k does not depend on what the others did.
    const std::uint64_t seed = rng.bits();
    const Probe p = runProbe(start, at_stress, options, params, seed);
    if (p.plain_sq > 0.0) probes.push_back(p);
  }
  RateScalingBias bias;
  if (probes.empty()) return bias;
  const double n = static_cast<double>(probes.size());
  double plain = 0.0, scaled_sum = 0.0, acceleration = 0.0;
  for (const Probe& p : probes) {
    plain += p.plain_sq;
    scaled_sum += p.scaled_sq;
    bias.probe_time_s += p.time_s / n;
    bias.plain_events += p.plain_events / n;
    bias.scaled_events += p.scaled_events / n;
    acceleration += p.acceleration;
  }
  bias.probes = static_cast<int>(probes.size());
  bias.acceleration = acceleration / n;
  bias.transport_ratio = scaled_sum / plain;
  if (probes.size() >= 2) {
    // Ratio of means: var R ≈ Σ (S_k − R P_k)² / (n (n − 1) P̄²).
    const double mean_plain = plain / n;
    double ss = 0.0;
    for (const Probe& p : probes) {
      const double r = p.scaled_sq - bias.transport_ratio * p.plain_sq;
      ss += r * r;
    }
    bias.standard_error = std::sqrt(ss / (n * (n - 1.0))) / mean_plain;
  }
  return bias;
}

RateScalingBias poolRateScalingBias(const std::vector<RateScalingBias>& replicas) {
  RateScalingBias pooled;
  double n = 0.0;
  for (const RateScalingBias& b : replicas)
    if (b.measured()) n += 1.0;
  if (n == 0.0) return pooled;
  double ratio = 0.0, variance = 0.0, time = 0.0, plain = 0.0, scaled = 0.0, acceleration = 0.0;
  for (const RateScalingBias& b : replicas) {
    if (!b.measured()) continue;
    pooled.probes += b.probes;
    ratio += b.transport_ratio;
    variance += b.standard_error * b.standard_error;
    time += b.probe_time_s;
    plain += b.plain_events;
    scaled += b.scaled_events;
    acceleration += b.acceleration;
  }
  pooled.transport_ratio = ratio / n;
  pooled.standard_error = std::sqrt(variance) / n;
  pooled.probe_time_s = time / n;
  pooled.plain_events = plain / n;
  pooled.scaled_events = scaled / n;
  pooled.acceleration = acceleration / n;
  return pooled;
}

}  // namespace surfkmc::kmc
