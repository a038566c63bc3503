// SPDX-License-Identifier: MIT
// The scenario's `nucleation:` section.
#include "app/nucleation_section.hpp"

#include "app/map_reader.hpp"

namespace surfkmc::app {

std::string defaultNucleationModel(bool material_has_computed_barriers) {
  return material_has_computed_barriers ? "computed" : "linear";
}

NucleationSection readNucleationSection(MapReader& map, const std::string& default_model) {
  NucleationSection n;
  n.model = map.has("model") ? map.choice("model", {"linear", "power", "computed"}) : default_model;
  n.analysis_interval_s = map.numberOr("analysis_interval_s", NumberRange::positive(1.0e6), n.analysis_interval_s);
  n.activation_entropy =
      map.has("activation_entropy") ? map.choice("activation_entropy", {"none", "meyer_neldel"}) : n.activation_entropy;
  n.stress_tolerance_GPa = map.numberOr("stress_tolerance_GPa", NumberRange::positive(10.0), n.stress_tolerance_GPa);
  // Zhu et al., PRL 100, 025502 (2008), Cu: Q* ≈ 4.8 eV, α ≈ 4.1 (recalled, docs/parameters.md#nucleation-laws).
  n.power_barrier_eV = map.numberOr("power_barrier_eV", NumberRange::positive(100.0), n.power_barrier_eV);
  n.power_exponent = map.numberOr("power_exponent", NumberRange::closed(1.0, 10.0), n.power_exponent);
  map.finish();
  return n;
}

}  // namespace surfkmc::app
