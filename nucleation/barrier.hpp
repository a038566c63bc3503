// SPDX-License-Identifier: MIT
// The stress-dependent free-energy barrier ΔG(σ) of dislocation nucleation at one kind of site.
#pragma once

#include <limits>
#include <memory>

#include "nucleation/barrier_table.hpp"

namespace surfkmc::nucleation {

/// How the barrier falls with stress.
enum class BarrierForm {
  kLinear,     ///< ΔG = Ω (σ_ath − K σ), clamped at ≥ 0 (the linearisation behind Eq. 2 of Wang et al. 2021)
  kPower,      ///< ΔG = Q* (1 − K σ/σ_ath)^α, zero beyond σ_ath/K (Zhu et al. 2008)
  kTabulated,  ///< ΔG through computed points, interpolated in ln ΔG at K σ (BarrierTable)
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
  /// The points of the tabulated form (shared by every site of the class; null for the other forms).
  std::shared_ptr<const BarrierTable> table;

  /// Throws InputError naming the first field out of range.
  void validate() const;
  /// Applied stress at which the barrier vanishes, (σ_ath − σ_off) / K [GPa]; +∞ for the tabulated form, whose
  /// barrier stays positive.
  double athermalAppliedStress_GPa() const {
    if (form == BarrierForm::kTabulated) return std::numeric_limits<double>::infinity();
    return (sigma_ath_GPa - stress_offset_GPa) / stress_concentration;
  }
  /// The stress the law sees at applied axial stress σ: K σ + σ_off [GPa].
  double localStress_GPa(double stress_GPa) const { return stress_concentration * stress_GPa + stress_offset_GPa; }
  /// ΔG(σ) [eV] at applied axial stress σ [GPa]; never negative.
  double energy_eV(double stress_GPa) const;

  /// Equal parameters, and tables equal in value (not only the same object).
  friend bool operator==(const Barrier& a, const Barrier& b);
};

}  // namespace surfkmc::nucleation
