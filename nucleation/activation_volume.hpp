// SPDX-License-Identifier: MIT
// The apparent activation volume from the strain-rate sensitivity of the yield stress.
#pragma once

#include <span>

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

/// The strain-rate sensitivity m = Δσ_y / Δln ε̇ [GPa] of one pair of rates, with the standard
/// error propagated from the two (independent) standard errors. Linear in the yield stresses, so
/// unbiased wherever they are; Ω_app = k_BT / m.
struct RateSensitivity {
  double per_ln_rate_GPa = 0.0;
  double std_error_GPa = 0.0;
};

/// m of one pair; throws InputError for equal rates or non-positive inputs.
RateSensitivity rateSensitivity(const YieldPoint& slow, const YieldPoint& fast);

/// Ω_app of a regime from several pairs (e.g. one per diameter): k_BT / m̄ with m̄ the plain mean of
/// the pairs' sensitivities, δm̄ = √(Σ δm_i²) / n, δΩ = Ω δm̄ / m̄.
///
/// Pooling m and inverting once, rather than averaging per-pair Ω, matters: Ω = k_BT/m is convex
/// in m, and an inverse-variance mean of per-pair Ω weights each pair by m⁴/δm², so the pairs whose
/// noise made m large (Ω small) dominate; with three replicas per point that biased Eq. 2's own
/// Ω = 1.02 b³ down to 0.77 b³ (docs/validation.md). The plain mean needs no estimated weights,
/// which three replicas give poorly. Throws InputError for no pairs, T ≤ 0 or m̄ ≤ 0 (no positive
/// rate sensitivity, Ω undefined).
ActivationVolume pooledActivationVolume(std::span<const RateSensitivity> pairs, double temperature_K);

}  // namespace surfkmc::nucleation
