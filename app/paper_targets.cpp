// SPDX-License-Identifier: MIT
// Reading the paper's targets from the observations file.
#include "app/paper_targets.hpp"

#include "app/map_reader.hpp"
#include "app/material_loader.hpp"
#include "app/number_range.hpp"
#include "app/yaml_document.hpp"

namespace surfkmc::app {

bool ActivationVolumeTarget::covers(const std::string& m, double diameter_nm) const {
  if (m != material) return false;
  if (diameter_min_nm && diameter_nm < *diameter_min_nm) return false;
  if (diameter_max_nm && diameter_nm >= *diameter_max_nm) return false;
  return true;
}

std::filesystem::path defaultObservationsPath() {
  return materialsDirectory().parent_path() / "experiments" / "wang2021_observations.yaml";
}

PaperTargets loadPaperTargets(const std::filesystem::path& path) {
  const YamlDocument doc(SourceFile::read(path));
  MapReader root = doc.root();
  const auto version = root.integer("schema_version", 0, 1000);
  if (version != 1) root.failValue("schema_version", "1");
  PaperTargets t;
  t.path = path;
  // The three regimes of the paper's Results (Ω ≈ 0.24, 1, 1.02 b³); the file holds more keys
  // (statements, sources) that compare does not need, so no finish() here.
  MapReader omegas = root.map("activation_volume");
  for (const char* name : {"Ag_below_15nm", "Ag_above_15nm", "Pt"}) {
    MapReader m = omegas.map(name);
    ActivationVolumeTarget a;
    a.name = name;
    a.material = m.string("material");
    a.diameter_min_nm = m.optionalNumber("diameter_min_nm", NumberRange::positive(1e4));
    a.diameter_max_nm = m.optionalNumber("diameter_max_nm", NumberRange::positive(1e4));
    a.value_b3 = m.number("value_b3", NumberRange::positive(1e3));
    t.activation_volumes.push_back(a);
  }
  MapReader dc = root.map("critical_diameter").map("Ag_1e-3_per_s");
  t.critical_diameters.push_back({dc.string("material"), dc.number("strain_rate_per_s", NumberRange::positive(1e12)),
                                  dc.number("value_nm", NumberRange::positive(1e4))});
  MapReader v = root.map("step_kinetics").map("Ag_step_velocity");
  t.ag_step_velocity_min_nm_per_s = v.number("min_nm_per_s", NumberRange::positive(1e6));
  t.ag_step_velocity_max_nm_per_s = v.number("max_nm_per_s", NumberRange::positive(1e6));
  return t;
}

}  // namespace surfkmc::app
