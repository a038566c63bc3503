// SPDX-License-Identifier: MIT
// Eq. 2 of Wang et al. 2021 in closed form and the Gumbel law of the yield stress it is the mode of.
#pragma once

namespace surfkmc::nucleation {

/// Inputs of Eq. 2 for one class of sites loaded at a constant stress rate σ̇ = E ε̇.
struct YieldLawInputs {
  double temperature_K = 300.0;             ///< T [K]
  double sigma_ath_GPa = 0.0;               ///< athermal nucleation stress σ_ath [GPa]
  double activation_volume_A3 = 0.0;        ///< Ω [Å³]
  double site_count = 1.0;                  ///< Ñ, number of equivalent sites (may be fractional: a weight)
  double attempt_frequency_per_s = 5.0e12;  ///< ν_D [1/s]
  double youngs_modulus_GPa = 0.0;          ///< E along the load [GPa]
  double strain_rate_per_s = 1.0e-3;        ///< ε̇ [1/s]

  /// Throws InputError naming the first field out of range.
  void validate() const;
};

/// The minimum-type Gumbel law F(σ) = 1 − exp(−exp((σ − mode)/scale)) of a first-passage stress
/// under a ramp when the barrier falls linearly with stress.
struct GumbelLaw {
  double mode_GPa = 0.0;   ///< location = mode [GPa]
  double scale_GPa = 1.0;  ///< β [GPa]

  /// Mean = mode − γ_E β [GPa].
  double mean_GPa() const;
  /// Standard deviation = π β / √6 [GPa].
  double stddev_GPa() const;
  /// Cumulative probability of yield at or below σ.
  double cdf(double stress_GPa) const;
  /// Probability density [1/GPa].
  double pdf(double stress_GPa) const;
};

/// k_BT / Ω [GPa]: the stress scale of thermal activation, and the Gumbel scale β.
double thermalStressScale_GPa(double temperature_K, double activation_volume_A3);

/// ln(k_BT Ñ ν_D / (E ε̇ Ω)), the dimensionless log term of Eq. 2.
double eq2LogTerm(const YieldLawInputs& in);

/// Eq. 2: σ* = σ_ath − (k_BT/Ω) ln(k_BT Ñ ν_D / (E ε̇ Ω)) [GPa]; the modal yield stress.
double modalYieldStress_GPa(const YieldLawInputs& in);

/// The full law of the yield stress of a fixed site set under σ = E ε̇ t (mode from Eq. 2, scale k_BT/Ω).
GumbelLaw yieldStressLaw(const YieldLawInputs& in);

}  // namespace surfkmc::nucleation
