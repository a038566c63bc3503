// SPDX-License-Identifier: MIT
// The stress-dependent free-energy barrier ΔG(σ) of dislocation nucleation at one kind of site.
#pragma once

namespace surfkmc::nucleation {

/// How the barrier falls with stress.
enum class BarrierForm {
  kLinear,  ///< ΔG = Ω (σ_ath − K σ), clamped at ≥ 0 (the linearisation behind Eq. 2 of Wang et al. 2021)
  kPower,   ///< ΔG = Q* (1 − K σ/σ_ath)^α, zero beyond σ_ath/K (Zhu et al. 2008)
};

/// Barrier parameters of one site (already lowered for its step height or pit size).
struct Barrier {
  BarrierForm form = BarrierForm::kLinear;
  double sigma_ath_GPa = 0.0;         ///< athermal stress σ_ath [GPa] (> 0)
  double activation_volume_A3 = 0.0;  ///< Ω [Å³] (linear form)
  double stress_concentration = 1.0;  ///< K: local stress / applied axial stress (> 0)
  double barrier_eV = 0.0;            ///< Q*, barrier at zero stress [eV] (power form)
  double exponent = 1.5;              ///< α (power form, > 0)
  /// σ_off: the law is evaluated at the local stress K σ + σ_off. Zero for the calibrated laws; for laws
  /// computed on an atomistic segment, the segment's surface-stress force per area minus the wire's
  /// (docs/model.md#nucleation, "Which stress the computed laws see").
  double stress_offset_GPa = 0.0;

  /// Throws InputError naming the first field out of range.
  void validate() const;
  /// Applied stress at which the barrier vanishes, (σ_ath − σ_off) / K [GPa].
  double athermalAppliedStress_GPa() const { return (sigma_ath_GPa - stress_offset_GPa) / stress_concentration; }
  /// The stress the law sees at applied axial stress σ: K σ + σ_off [GPa].
  double localStress_GPa(double stress_GPa) const { return stress_concentration * stress_GPa + stress_offset_GPa; }
  /// ΔG(σ) [eV] at applied axial stress σ [GPa]; never negative.
  double energy_eV(double stress_GPa) const;

  friend bool operator==(const Barrier&, const Barrier&) = default;
};

}  // namespace surfkmc::nucleation
