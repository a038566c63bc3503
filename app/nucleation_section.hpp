// SPDX-License-Identifier: MIT
// The scenario's `nucleation:` section: barrier model, analysis cadence, stress tolerance of rates.
#pragma once

#include <string>

namespace surfkmc::app {

class MapReader;

/// How the coupled run looks for the first dislocation (docs/model.md#nucleation).
struct NucleationSection {
  /// "linear" (ΔG = Ω(σ_ath − Kσ), Eq. 2), "power" (Q*(1 − σ/σ_ath)^α, Zhu et al. 2008, one Q* and α for
  /// every class) or "computed" (a power law per class and defect size, fitted to the CI-NEB barriers of
  /// the material's own potential: its `nucleation_barriers` file; no floors, no size laws; evaluated at the
  /// applied stress plus the segment's surface-stress pull less the specimen's, docs/model.md#computed-stress).
  /// A scenario that names none gets defaultNucleationModel() of its material.
  std::string model = "linear";
  /// Interval between site detections and hazard steps [s].
  double analysis_interval_s = 0.5;
  /// Largest stress change over which KMC rates are held fixed [GPa].
  double stress_tolerance_GPa = 0.01;
  /// "none" (the rate is ν_D exp(−ΔG/k_BT) with the zero-kelvin ΔG) or "meyer_neldel" (an activation entropy
  /// ΔS = ΔG/T_MN with the material's `meyer_neldel_temperature_K`, docs/model.md#activation-entropy).
  std::string activation_entropy = "none";
  /// Power form only: barrier at zero stress Q* [eV] and exponent α, the same for every class.
  double power_barrier_eV = 4.8;
  double power_exponent = 4.1;
};

/// The model of a scenario that names none: "computed" for a material with barriers from its potential (a
/// `nucleation_barriers` file), else "linear", the only law a material without them may carry.
std::string defaultNucleationModel(bool material_has_computed_barriers);

/// Reads `nucleation:` with located errors; `default_model` is taken when the section names no model.
NucleationSection readNucleationSection(MapReader& map, const std::string& default_model);

}  // namespace surfkmc::app
