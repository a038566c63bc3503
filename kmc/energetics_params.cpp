// SPDX-License-Identifier: MIT
// Validation and presets of the hop-barrier parameters.
#include "kmc/energetics_params.hpp"

#include <cmath>
#include <string>

#include "core/error.hpp"

namespace surfkmc::kmc {
namespace {

bool finite(double v) { return std::isfinite(v); }

}  // namespace

void EnergeticsParams::validate() const {
  require(finite(attempt_frequency_per_s) && attempt_frequency_per_s > 0.0,
          "attempt_frequency_per_s must be finite and > 0, got " + std::to_string(attempt_frequency_per_s));
  require(finite(bond_energy_eV) && bond_energy_eV >= 0.0,
          "bond_energy_eV must be finite and >= 0, got " + std::to_string(bond_energy_eV));
  for (int c = 0; c <= kMaxCommon; ++c)
    require(finite(e0_by_common_eV[c]),
            "e0_by_common_eV[" + std::to_string(c) + "] must be finite, got " + std::to_string(e0_by_common_eV[c]));
  require(finite(es_barrier_eV), "es_barrier_eV must be finite, got " + std::to_string(es_barrier_eV));
  require(es_max_common >= -1 && es_max_common <= kMaxCommon,
          "es_max_common must be in [-1, 4] (-1 disables the ES extra), got " + std::to_string(es_max_common));
  // n_min ≥ 1 also keeps every hop attached to the solid and away from the sentinel site.
  require(n_min >= 1 && n_min <= 11, "n_min must be in [1, 11], got " + std::to_string(n_min));
  require(finite(temperature_K) && temperature_K > 0.0,
          "temperature_K must be finite and > 0, got " + std::to_string(temperature_K));
  require(finite(stress_GPa), "stress_GPa must be finite, got " + std::to_string(stress_GPa));
  require(finite(migration_volume_A3),
          "migration_volume_A3 must be finite, got " + std::to_string(migration_volume_A3));
  require(barrier_table_eV.empty() || barrier_table_eV.size() == static_cast<std::size_t>(kBarrierTableSize),
          "barrier_table_eV must be empty or hold " + std::to_string(kBarrierTableSize) + " entries, got " +
              std::to_string(barrier_table_eV.size()));
  for (double e : barrier_table_eV)
    require(std::isnan(e) || e >= 0.0, "barrier_table_eV entries must be >= 0, +inf or NaN, got " + std::to_string(e));
  require(!interlayer_transit || !barrier_table_eV.empty(),
          "interlayer_transit needs a barrier table (barrier_table_eV): rim entries come only from it");
  require(environment_kra_eV.size() == environment_keys.size() &&
              environment_kra_strain_slope_eV.size() == environment_keys.size(),
          "environment_kra_eV and environment_kra_strain_slope_eV must hold one value per environment key (" +
              std::to_string(environment_keys.size()) + "), got " + std::to_string(environment_kra_eV.size()) +
              " and " + std::to_string(environment_kra_strain_slope_eV.size()));
  require(environment_keys.empty() || !barrier_table_eV.empty(),
          "environment_keys need a barrier table (barrier_table_eV): the other hops take its class entries");
  for (std::size_t e = 0; e < environment_keys.size(); ++e) {
    require(environment_keys[e] < (1u << 18),
            "environment key " + std::to_string(environment_keys[e]) + " has bits beyond the 18 sites");
    require(!std::isnan(environment_kra_eV[e]) && environment_kra_eV[e] >= 0.0,
            "environment_kra_eV entries must be >= 0 or +inf, got " + std::to_string(environment_kra_eV[e]));
    require(std::isnan(environment_kra_strain_slope_eV[e]) || finite(environment_kra_strain_slope_eV[e]),
            "environment_kra_strain_slope_eV entries must be finite or NaN");
  }
  if (!strainResponse()) return;
  require(barrier_strain_slope_eV.size() == static_cast<std::size_t>(kBarrierTableSize),
          "barrier_strain_slope_eV must be empty or hold " + std::to_string(kBarrierTableSize) + " entries, got " +
              std::to_string(barrier_strain_slope_eV.size()));
  require(!barrier_table_eV.empty(), "barrier_strain_slope_eV needs a barrier table (barrier_table_eV)");
  for (double d : barrier_strain_slope_eV)
    require(finite(d), "barrier_strain_slope_eV entries must be finite, got " + std::to_string(d));
  require(finite(bond_energy_strain_slope_eV),
          "bond_energy_strain_slope_eV must be finite, got " + std::to_string(bond_energy_strain_slope_eV));
  require(finite(axial_compliance_per_GPa) && axial_compliance_per_GPa > 0.0,
          "axial_compliance_per_GPa must be finite and > 0 with a strain response, got " +
              std::to_string(axial_compliance_per_GPa));
  require(migration_volume_A3 == 0.0,
          "migration_volume_A3 must be 0 with a strain response (each hop carries its own), got " +
              std::to_string(migration_volume_A3));
}

std::array<double, kMaxCommon + 1> e0FromTerraceBarriers(double terrace_111_eV, double terrace_100_eV,
                                                         double bond_energy_eV) {
  const double e0_111 = terrace_111_eV - 3.0 * bond_energy_eV;
  const double e0_100 = terrace_100_eV - 4.0 * bond_energy_eV;
  return {e0_111, e0_111, e0_100, e0_100, e0_100};
}

}  // namespace surfkmc::kmc
