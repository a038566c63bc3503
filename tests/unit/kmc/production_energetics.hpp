// SPDX-License-Identifier: MIT
// The shipped materials' KMC energetics as the production scenarios build them (`kmc.energetics: catalogue`:
// the potential's hop barriers, each answering to stress with its own slope), for the validations,
// benchmarks and tools that must run on the production physics rather than on a test set.
#pragma once

#include <string>

#include "app/material.hpp"
#include "app/material_loader.hpp"
#include "kmc/energetics_params.hpp"

namespace surfkmc::kmc::testing {

/// data/materials/<name>.yaml; with `catalogue`, its hop catalogue and strain response read as the scenario
/// loader reads them for `kmc.energetics: catalogue`.
/// With `environments`, the table also holds its environment entries (`kmc.hop_key: environment`).
inline app::Material shippedMaterial(const std::string& name, bool catalogue = true, bool environments = false) {
  app::Material m = app::loadMaterialFile(app::materialsDirectory() / (name + ".yaml"));
  if (catalogue) m.hop_table = app::loadHopCatalogue(m, EnergeticsParams{}.n_min, environments).table;
  return m;
}

/// The production energetics of `name` at `temperature_K` under the axial stress `stress_GPa`; with `environments`,
/// keyed by environment (`kmc.hop_key: environment`).
inline EnergeticsParams productionEnergetics(const std::string& name, double temperature_K, double stress_GPa = 0.0,
                                             bool environments = false) {
  EnergeticsParams p = app::energeticsFor(shippedMaterial(name, true, environments), temperature_K);
  p.stress_GPa = stress_GPa;
  return p;
}

}  // namespace surfkmc::kmc::testing
