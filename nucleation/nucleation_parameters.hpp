// SPDX-License-Identifier: MIT
// Nucleation parameters per site class, and the laws by which step height and pit size lower them.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "nucleation/barrier.hpp"
#include "nucleation/site_class.hpp"

namespace surfkmc::nucleation {

/// Parameters of one site class (for a multi-layer step and a pit: those of the smallest defect,
/// h = 1 and m = 1, before the size laws act).
struct ClassParameters {
  double sigma_ath_GPa = 0.0;         ///< athermal stress σ_ath,c [GPa]
  double activation_volume_A3 = 0.0;  ///< Ω_c [Å³] (linear form)
  double stress_concentration = 1.0;  ///< K_c
  double barrier_eV = 0.0;            ///< Q*_c [eV] (power form)
  double exponent = 1.5;              ///< α_c (power form)

  /// Throws InputError naming `name.field` for the first field out of range under `form`.
  void validate(const std::string& name, BarrierForm form) const;
};

/// A bounded, saturating lowering law in a defect size n ≥ n₀:
///   f(n) = floor + (1 − floor) · exp(−decay · (n − n₀)),
/// so f(n₀) = 1, f falls monotonically with n and never below `floor`. floor = 1 (or decay = 0)
/// switches the law off. Chosen because no fcc number exists (docs/parameters.md#steps-and-pits): the floor
/// bounds the lowering (Segall et al. 2006 found up to nearly ×10 with step height, bcc) and the
/// decay sets how many layers (vacancies) it takes to get there; both are calibrated.
struct SaturatingLaw {
  double floor_fraction = 1.0;  ///< lower bound of f, in (0, 1]
  double decay = 0.0;           ///< e-folding rate per unit of size (per layer or per vacancy), ≥ 0

  void validate(const std::string& name) const;
  /// f(n) for size n relative to the reference size n₀ (sizes below n₀ give 1).
  double factor(double size, double reference_size) const;
};

/// A law ΔG(σ) computed for one defect size by `surfkmc atomistic nucleation` (docs/atomistic.md): an edge
/// (size 1), a step of `size` (111) layers or a pit of `size` vacancies. Either the power law fitted to the
/// points (`params`) or, when `table` is set, the points themselves interpolated in ln ΔG.
struct SizedLaw {
  int size = 1;
  ClassParameters params;                     ///< power form: barrier_eV = Q*, sigma_ath_GPa, exponent = α; K = 1
  std::shared_ptr<const BarrierTable> table;  ///< the tabulated form, or null for the power law

  /// The barrier of a site with this law, seen at the applied stress plus `stress_offset_GPa`.
  Barrier barrier(double stress_offset_GPa) const;
  /// Equal sizes and parameters, and tables equal in value.
  friend bool operator==(const SizedLaw& a, const SizedLaw& b);
};

/// The computed laws of every class (`nucleation.model: computed`), each list sorted by size. A site of
/// size n takes the law of the largest computed size ≤ n (the smallest if n lies below all): a 4-layer step
/// gets the 2-layer step's law when h = 2 is the tallest computed. Nothing is extrapolated in size, and
/// there is no floor and no size law.
struct ComputedLaws {
  std::vector<SizedLaw> edge;  ///< the pristine facet edge (one law)
  std::vector<SizedLaw> step;  ///< monatomic and multi-layer steps, and slip steps, by height
  std::vector<SizedLaw> pit;   ///< pits by vacancy count
  /// Throws InputError naming the first offending list: empty, unsorted, a size < 1, or a bad law.
  void validate() const;
  friend bool operator==(const ComputedLaws&, const ComputedLaws&) = default;
};

/// Everything the hazard needs to turn a detected site into a barrier.
struct NucleationParameters {
  double temperature_K = 300.0;             ///< T [K]
  double attempt_frequency_per_s = 5.0e12;  ///< ν_D [1/s], per site (per unit of site weight)
  /// The Meyer–Neldel temperature T_MN [K] of an activation entropy ΔS = ΔG/T_MN, or 0 for none: a site's
  /// rate is then ν_D exp(ΔS/k_B) exp(−ΔG/k_BT) = ν_D exp(−ΔG (1 − T/T_MN)/k_BT). Must exceed temperature_K.
  double meyer_neldel_temperature_K = 0.0;
  BarrierForm form = BarrierForm::kLinear;

  ClassParameters facet_edge;  ///< pristine wire: (111) facet edges and corners
  ClassParameters step;        ///< monatomic step; the h = 1 base of multi-layer steps
  ClassParameters pit;         ///< single-vacancy pit; the m = 1 base of larger pits

  /// σ_ath(h) = σ_ath,step · f(h) for a step of height h (reference h = 1); Q* scales the same way.
  SaturatingLaw step_height_sigma{0.4, 0.7};
  /// Optional Ω(h) = Ω_step · f(h) (off by default): the paper's 0.24 b³ vs 1 b³ for thin vs thick Ag.
  SaturatingLaw step_height_volume{};
  /// σ_ath(m) = σ_ath,pit · f(m) for a pit of m vacancies (reference m = 1); Q* scales the same way.
  SaturatingLaw pit_size_sigma{0.5, 0.2};
  /// Optional Ω(m) = Ω_pit · f(m) (off by default).
  SaturatingLaw pit_size_volume{};

  /// When set, the computed laws replace the class parameters and size laws above (form must be kPower; each
  /// law is then a power law or a table, SizedLaw::table).
  std::optional<ComputedLaws> computed;
  /// σ_off of every computed law (Barrier::stress_offset_GPa): the computed laws are functions of the
  /// segment's nominal stress, which carries its surface-stress force; the wire's applied stress does not.
  double computed_stress_offset_GPa = 0.0;
  /// Throws InputError naming the first field out of range.
  void validate() const;
  /// The temperature at which the zero-kelvin barriers alone give the rate with the activation entropy:
  /// T/(1 − T/T_MN), or T without one [K].
  double hazardTemperature_K() const;
  /// The barrier of a site of class c and size (1 for edges and monatomic steps, h, or m).
  Barrier barrierFor(SiteClass c, int size) const;
};

}  // namespace surfkmc::nucleation
