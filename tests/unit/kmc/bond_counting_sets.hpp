// SPDX-License-Identifier: MIT
// Test fixtures: the Ag and Pt bond-counting sets (docs/parameters.md#bond-counting-set) as plain
// structs, for tests, benchmarks and tools/ programs that build an Engine without a materials file.
#pragma once

#include "kmc/energetics_params.hpp"

namespace surfkmc::kmc {

/// Ag set of the issue (docs/parameters.md#bond-counting-set; ε_b transport-calibrated, docs/calibration.md).
inline EnergeticsParams silverParams(double temperature_K) {
  EnergeticsParams p;
  p.attempt_frequency_per_s = 1.0e12;
  p.bond_energy_eV = 0.16;
  p.e0_by_common_eV = e0FromTerraceBarriers(0.10, 0.40, p.bond_energy_eV);
  p.es_barrier_eV = 0.12;
  p.temperature_K = temperature_K;
  return p;
}

/// Pt set of the issue (docs/parameters.md#bond-counting-set).
inline EnergeticsParams platinumParams(double temperature_K) {
  EnergeticsParams p;
  p.attempt_frequency_per_s = 1.0e12;
  p.bond_energy_eV = 0.5;
  p.e0_by_common_eV = e0FromTerraceBarriers(0.26, 0.47, p.bond_energy_eV);
  p.es_barrier_eV = 0.06;
  p.temperature_K = temperature_K;
  return p;
}

}  // namespace surfkmc::kmc
