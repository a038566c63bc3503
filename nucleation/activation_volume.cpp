// SPDX-License-Identifier: MIT
// The apparent activation volume from the strain-rate sensitivity of the yield stress.
#include "nucleation/activation_volume.hpp"

#include <cmath>

#include "core/error.hpp"
#include "core/units.hpp"

namespace surfkmc::nucleation {

ActivationVolume apparentActivationVolume(const YieldPoint& slow, const YieldPoint& fast, double temperature_K) {
  require(std::isfinite(temperature_K) && temperature_K > 0.0, "temperature_K must be > 0");
  require(slow.strain_rate_per_s > 0.0 && fast.strain_rate_per_s > 0.0, "strain_rate_per_s must be > 0");
  require(slow.strain_rate_per_s != fast.strain_rate_per_s, "the two strain rates must differ");
  require(slow.std_error_GPa >= 0.0 && fast.std_error_GPa >= 0.0, "std_error_GPa must be >= 0");
  const double d_sigma = fast.yield_stress_GPa - slow.yield_stress_GPa;
  require(d_sigma != 0.0, "the two yield stresses are equal: no rate sensitivity");
  // Ω = k_BT ∂ln ε̇/∂σ (rate-sensitivity definition; Eq. 2 of Wang et al. 2021 gives ∂σ/∂ln ε̇ = k_BT/Ω).
  const double d_ln_rate = std::log(fast.strain_rate_per_s / slow.strain_rate_per_s);
  // k_BT / Δσ in Å³: divide by the energy Δσ does through one Å³.
  const double volume = units::thermalEnergy_eV(temperature_K) * d_ln_rate / units::gpaVolumeToEV(d_sigma, 1.0);
  const double rel = std::hypot(slow.std_error_GPa, fast.std_error_GPa) / std::abs(d_sigma);
  return {volume, std::abs(volume) * rel};
}

RateSensitivity rateSensitivity(const YieldPoint& slow, const YieldPoint& fast) {
  require(slow.strain_rate_per_s > 0.0 && fast.strain_rate_per_s > 0.0, "strain_rate_per_s must be > 0");
  require(slow.strain_rate_per_s != fast.strain_rate_per_s, "the two strain rates must differ");
  require(slow.std_error_GPa >= 0.0 && fast.std_error_GPa >= 0.0, "std_error_GPa must be >= 0");
  const double d_ln_rate = std::log(fast.strain_rate_per_s / slow.strain_rate_per_s);
  return {(fast.yield_stress_GPa - slow.yield_stress_GPa) / d_ln_rate,
          std::hypot(slow.std_error_GPa, fast.std_error_GPa) / std::abs(d_ln_rate)};
}

ActivationVolume pooledActivationVolume(std::span<const RateSensitivity> pairs, double temperature_K) {
  require(!pairs.empty(), "no strain-rate pairs to pool");
  require(std::isfinite(temperature_K) && temperature_K > 0.0, "temperature_K must be > 0");
  double sum = 0.0, var = 0.0;
  for (const RateSensitivity& p : pairs) {
    sum += p.per_ln_rate_GPa;
    var += p.std_error_GPa * p.std_error_GPa;
  }
  const double n = static_cast<double>(pairs.size());
  const double m = sum / n;
  require(m > 0.0, "the pooled rate sensitivity is not positive: no apparent activation volume");
  const double volume = units::thermalEnergy_eV(temperature_K) / units::gpaVolumeToEV(m, 1.0);
  return {volume, volume * std::sqrt(var) / n / m};
}

}  // namespace surfkmc::nucleation
