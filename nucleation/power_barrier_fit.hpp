// SPDX-License-Identifier: MIT
// Least-squares fit of ΔG(σ) = Q* (1 − σ/σ_ath)^α (Zhu et al., PRL 100, 025502 (2008)) to computed barriers.
#pragma once

#include <vector>

namespace surfkmc::nucleation {

struct PowerBarrierFit {
  double barrier_eV = 0.0;     ///< Q* = ΔG(0) [eV]
  double sigma_ath_GPa = 0.0;  ///< σ_ath [GPa]
  double exponent = 0.0;       ///< α
  double rms_log = 0.0;        ///< root-mean-square residual of ln ΔG

  /// ΔG(σ) [eV] (0 beyond σ_ath).
  double energy_eV(double stress_GPa) const;
  /// Activation volume Ω(σ) = −dΔG/dσ [eV/GPa] (multiply by 160.2 for Å³).
  double activationVolume_eV_per_GPa(double stress_GPa) const;
};

/// Fits in log space, ln ΔG = ln Q* + α ln(1 − σ/σ_ath): linear least squares in (ln Q*, α) for each
/// σ_ath, and a scan plus golden-section refinement of σ_ath above the largest stress. Needs ≥ 3
/// points with distinct stresses and ΔG > 0; throws InputError otherwise.
PowerBarrierFit fitPowerBarrier(const std::vector<double>& stress_GPa, const std::vector<double>& barrier_eV);

}  // namespace surfkmc::nucleation
