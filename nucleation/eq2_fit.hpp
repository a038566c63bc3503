// SPDX-License-Identifier: MIT
// Weighted nonlinear least-squares fit of Eq. 2 (σ_ath, Ω, ln(Ñ ν_D)) to yield stresses σ_y(ε̇, T).
#pragma once

#include <array>
#include <optional>
#include <string>
#include <vector>

namespace surfkmc::nucleation {

/// One measured (or simulated) yield stress.
struct Eq2Observation {
  double strain_rate_per_s = 0.0;  ///< ε̇ [1/s]
  double temperature_K = 300.0;    ///< T [K]
  double yield_GPa = 0.0;          ///< σ_y [GPa]
  /// One-standard-deviation error of σ_y [GPa]; 0 = not given. Either every point has one (weighted
  /// fit, weights 1/err²) or none has (unweighted).
  double err_GPa = 0.0;
};

/// What is held fixed and the material constant Eq. 2 needs.
struct Eq2FitOptions {
  /// E along the load [GPa] (Eq. 2's E ε̇ Ω term).
  double youngs_modulus_GPa = 0.0;
  /// Hold σ_ath [GPa] at this value instead of fitting it.
  std::optional<double> fixed_sigma_ath_GPa;
  /// Hold ln(Ñ ν_D · 1 s) at this value instead of fitting it (e.g. ln(100 × 4.5e12) ≈ 33.7).
  std::optional<double> fixed_ln_prefactor;
  /// Levenberg–Marquardt iteration limit.
  int max_iterations = 200;

  /// Throws InputError naming the first field out of range.
  void validate() const;
};

/// Parameter order in Eq2FitResult arrays.
enum Eq2Parameter : int { kSigmaAth = 0, kActivationVolume = 1, kLnPrefactor = 2 };
/// Names used in messages and JSON: "sigma_ath_GPa", "activation_volume_A3", "ln_prefactor".
const char* eq2ParameterName(int parameter);

/// Fitted Eq. 2 parameters with standard errors from cov = (Jᵀ W J)⁻¹ · χ²_red.
struct Eq2FitResult {
  /// σ_ath [GPa], Ω [Å³], ln(Ñ ν_D · 1 s) [-] (fixed ones hold their fixed value).
  std::array<double, 3> value{};
  /// Standard errors in the same units (0 for fixed parameters).
  std::array<double, 3> std_error{};
  /// Whether each parameter was fitted (false: held fixed).
  std::array<bool, 3> free{};
  /// Covariance matrix, rows/columns in Eq2Parameter order (zero for fixed parameters).
  std::array<std::array<double, 3>, 3> covariance{};
  double chi2 = 0.0;          ///< Σ w_i r_i² (w = 1 when unweighted) [GPa² unweighted, - weighted]
  double reduced_chi2 = 0.0;  ///< χ² / dof
  int points = 0;
  int dof = 0;  ///< points − free parameters
  int iterations = 0;
  bool weighted = false;
  int distinct_strain_rates = 0;
  int distinct_temperatures = 0;
};

/// Eq. 2 of Wang et al. 2021: σ* = σ_ath − (k_BT/Ω) [ln(k_BT/(E ε̇ Ω)) + ln(Ñ ν_D)] [GPa].
double eq2Yield_GPa(double sigma_ath_GPa, double activation_volume_A3, double ln_prefactor, double temperature_K,
                    double strain_rate_per_s, double youngs_modulus_GPa);

/// Fits Eq. 2 to `data`. Throws InputError when the data cannot constrain the free parameters (too
/// few points or distinct (T, ε̇) conditions, one temperature for both σ_ath and ln(Ñ ν_D), no positive
/// rate sensitivity), naming the parameter that is unidentifiable. Eq. 2 is the *mode* of the yield
/// stress; fitting means of Gumbel-distributed samples shifts ln(Ñ ν_D) by +γ_E ≈ 0.577.
Eq2FitResult fitEq2(const std::vector<Eq2Observation>& data, const Eq2FitOptions& options);

}  // namespace surfkmc::nucleation
