// SPDX-License-Identifier: MIT
// Validation of material parameters.
#include "app/material.hpp"

#include <cmath>

#include "app/loading_section.hpp"
#include "core/error.hpp"

namespace surfkmc::app {
namespace {

void positive(double v, const char* what) {
  require(std::isfinite(v) && v > 0.0, std::string(what) + " must be a positive finite number");
}

bool within(double value, double expected, double tolerance) {
  return std::abs(value - expected) <= tolerance * std::abs(expected);
}

}  // namespace

void Material::validate() const {
  require(!name.empty(), "material name must not be empty");
  require(!species.empty(), "species must not be empty");
  positive(lattice_constant_A, "lattice_constant_A");
  positive(youngs_modulus_112_GPa, "youngs_modulus_112_GPa");
  positive(burgers_vector_A, "burgers_vector_A");
  positive(atomic_volume_A3, "atomic_volume_A3");
  positive(attempt_frequency_per_s, "attempt_frequency_per_s");
  positive(bond_energy_eV, "bond_energy_eV");
  positive(debye_frequency_per_s, "debye_frequency_per_s");
  require(std::isfinite(terrace_barrier_111_eV) && terrace_barrier_111_eV >= 0.0, "terrace_barrier_111_eV must be ≥ 0");
  require(std::isfinite(terrace_barrier_100_eV) && terrace_barrier_100_eV >= 0.0, "terrace_barrier_100_eV must be ≥ 0");
  require(std::isfinite(ehrlich_schwoebel_eV), "ehrlich_schwoebel_eV must be finite");
  require(std::isfinite(migration_activation_volume_A3), "migration activation volume must be finite");
  // b and Ω_at are derived from a in FCC; a mismatch means one of them was mistyped.
  const double a = lattice_constant_A;
  require(within(burgers_vector_A, a / std::sqrt(2.0), 0.01),
          "burgers_vector_A " + std::to_string(burgers_vector_A) +
              " Å differs from a/√2 = " + std::to_string(a / std::sqrt(2.0)) + " Å by more than 1 %");
  require(within(atomic_volume_A3, a * a * a / 4.0, 0.01),
          "atomic_volume_A3 " + std::to_string(atomic_volume_A3) +
              " Å³ differs from a³/4 = " + std::to_string(a * a * a / 4.0) + " Å³ by more than 1 %");
}

std::string stressResponseName(const Material& m) {
  return m.hop_table && !m.hop_table->strain_slope_eV.empty() ? "per_hop" : "migration_volume";
}

kmc::StrainEnergyParams strainEnergyFor(const Material& m, const LoadingSection& loading) {
  kmc::StrainEnergyParams p;
  p.enabled = loading.strain_energy;
  p.youngs_modulus_GPa = m.youngs_modulus_112_GPa;
  p.atomic_volume_A3 = m.atomic_volume_A3;
  p.stress_refresh_tolerance = loading.stress_refresh_tolerance;
  return p;
}

kmc::EnergeticsParams energeticsFor(const Material& m, double temperature_K) {
  kmc::EnergeticsParams e;
  e.attempt_frequency_per_s = m.attempt_frequency_per_s;
  e.bond_energy_eV = m.bond_energy_eV;
  if (m.saddle_model == "uniform") {
    e.e0_by_common_eV.fill(m.terrace_barrier_111_eV - 3.0 * m.bond_energy_eV);
  } else {
    e.e0_by_common_eV =
        kmc::e0FromTerraceBarriers(m.terrace_barrier_111_eV, m.terrace_barrier_100_eV, m.bond_energy_eV);
  }
  e.es_barrier_eV = m.ehrlich_schwoebel_eV;
  e.temperature_K = temperature_K;
  e.migration_volume_A3 = m.migration_activation_volume_A3;
  if (m.hop_table) {
    // The catalogue's barriers, with its pair energy as ε_b: the fallback for the hops it does not hold is
    // then bond counting in detailed balance with the same H, and keeps the measured terrace barriers.
    e.barrier_table_eV = m.hop_table->barrier_eV;
    e.interlayer_transit = m.hop_table->rim_entries > 0;
    e.bond_energy_eV = m.hop_table->pair_energy_eV;
    e.environment_keys = m.hop_table->environment_keys;
    e.environment_kra_eV = m.hop_table->environment_kra_eV;
    e.environment_kra_strain_slope_eV = m.hop_table->environment_kra_strain_slope_eV;
    e.e0_by_common_eV =
        kmc::e0FromTerraceBarriers(m.terrace_barrier_111_eV, m.terrace_barrier_100_eV, e.bond_energy_eV);
    if (!m.hop_table->strain_slope_eV.empty()) {
      // Each hop class answers to the axial strain σ/E<112> with its computed slope; the global V_m goes.
      e.barrier_strain_slope_eV = m.hop_table->strain_slope_eV;
      e.bond_energy_strain_slope_eV = m.hop_table->pair_energy_strain_slope_eV;
      e.axial_compliance_per_GPa = 1.0 / m.youngs_modulus_112_GPa;
      e.migration_volume_A3 = 0.0;
    }
  }
  return e;
}

}  // namespace surfkmc::app
