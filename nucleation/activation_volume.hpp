// SPDX-License-Identifier: MIT
// The apparent activation volume from the strain-rate sensitivity of the yield stress.
#pragma once

namespace surfkmc::nucleation {

/// A measured (or simulated) yield stress at one strain rate, with the standard error of its estimate.
struct YieldPoint {
  double strain_rate_per_s = 0.0;  ///< ε̇ [1/s]
  double yield_stress_GPa = 0.0;   ///< σ_y, e.g. the mean over replicas [GPa]
  double std_error_GPa = 0.0;      ///< standard error of σ_y [GPa] (0 for exact values)
};

/// An activation volume with its propagated standard error [Å³].
struct ActivationVolume {
  double volume_A3 = 0.0;
  double std_error_A3 = 0.0;
};

/// Ω_app = k_BT Δln ε̇ / Δσ_y between two strain rates, with the error propagated from the two
/// (independent) standard errors: δΩ = Ω √(δσ₁² + δσ₂²) / |Δσ|. Throws InputError for equal rates,
/// equal stresses or non-positive inputs.
ActivationVolume apparentActivationVolume(const YieldPoint& slow, const YieldPoint& fast, double temperature_K);

}  // namespace surfkmc::nucleation
