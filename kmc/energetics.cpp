// SPDX-License-Identifier: MIT
// Hop barriers and the precomputed rate table.
#include "kmc/energetics.hpp"

#include <cmath>
#include <limits>

#include "core/error.hpp"
#include "core/units.hpp"

namespace surfkmc::kmc {

Energetics::Energetics(const EnergeticsParams& params) : params_(params) {
  params_.validate();
  fill();
}

double Energetics::stressFreeBarrier(int n_i, int n_j, int c) const {
  if (!allowed(n_i, n_j)) return std::numeric_limits<double>::infinity();
  if (catalogue()) {
    const double e = params_.barrier_table_eV[static_cast<std::size_t>(index(n_i, n_j, c))];
    if (!std::isnan(e)) return e;
  }
  // docs/model.md#surface-kinetics: E_a = E_0(c) + ε_b n_i + E_ES [c ≤ c_ES].
  const double es = (c <= params_.es_max_common) ? params_.es_barrier_eV : 0.0;
  return params_.e0_by_common_eV[c] + params_.bond_energy_eV * n_i + es;
}

double Energetics::barrier_eV(int n_i, int n_j, int c) const {
  // The stress term −σ V_m is the same for every hop.
  return stressFreeBarrier(n_i, n_j, c) - units::gpaVolumeToEV(params_.stress_GPa, params_.migration_volume_A3);
}

void Energetics::setStress(double stress_GPa) {
  require(std::isfinite(stress_GPa), "stress_GPa must be finite");
  params_.stress_GPa = stress_GPa;
  stress_factor_ = std::exp(units::gpaVolumeToEV(stress_GPa, params_.migration_volume_A3) /
                            units::thermalEnergy_eV(params_.temperature_K));
}

void Energetics::setTemperature(double temperature_K) {
  require(std::isfinite(temperature_K) && temperature_K > 0.0, "temperature_K must be finite and > 0");
  params_.temperature_K = temperature_K;
  fill();
}

void Energetics::fill() {
  const double kt = units::thermalEnergy_eV(params_.temperature_K);
  for (int n_i = 0; n_i < kCoordinationValues; ++n_i)
    for (int n_j = 0; n_j < kTargetValues; ++n_j)
      for (int c = 0; c < kCommonValues; ++c) {
        const double e_a = stressFreeBarrier(n_i, n_j, c);
        const auto at = static_cast<std::size_t>(index(n_i, n_j, c));
        // k = ν_0 exp(−E_a / k_B T); exp(−inf) = 0 for a hop that is not allowed or that the table forbids.
        table_[at] = std::isinf(e_a) ? 0.0 : params_.attempt_frequency_per_s * std::exp(-e_a / kt);
        uncatalogued_[at] = catalogue() && allowed(n_i, n_j) && std::isnan(params_.barrier_table_eV[at]) ? 1 : 0;
      }
  setStress(params_.stress_GPa);
}

}  // namespace surfkmc::kmc
