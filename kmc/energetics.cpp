// SPDX-License-Identifier: MIT
// Hop barriers and the precomputed rate table.
#include "kmc/energetics.hpp"

#include <algorithm>
#include <cmath>
#include <limits>

#include "core/error.hpp"
#include "core/units.hpp"

namespace surfkmc::kmc {

Energetics::Energetics(const EnergeticsParams& params) : params_(params) {
  params_.validate();
  if (!params_.environment_keys.empty()) {
    environment_index_ = std::make_shared<const HopEnvironmentIndex>(params_.environment_keys);
    environment_barrier_.resize(params_.environment_keys.size() * kEnvironmentRateStride);
    environment_rate_.resize(environment_barrier_.size());
  }
  fill();
}

double Energetics::environmentBarrier_eV(int entry, int delta_n) const {
  return environment_barrier_[static_cast<std::size_t>(entry * kEnvironmentRateStride + delta_n + 11)] -
         units::gpaVolumeToEV(params_.stress_GPa, params_.migration_volume_A3);
}

double Energetics::tableBarrier(int n_i, int n_j, int c, double strain) const {
  if (!allowed(n_i, n_j)) return std::numeric_limits<double>::infinity();
  const auto at = static_cast<std::size_t>(index(n_i, n_j, c));
  if (rimTarget(n_j)) {
    // Only the catalogue's crossings give a rim entry; a negative barrier after the strain shift is 0.
    const double e = params_.barrier_table_eV[at];
    if (!std::isfinite(e)) return std::numeric_limits<double>::infinity();
    return std::max(0.0, strainResponse() ? e + strain * params_.barrier_strain_slope_eV[at] : e);
  }
  if (catalogue()) {
    const double e = params_.barrier_table_eV[at];
    if (!std::isnan(e))
      return strainResponse() && std::isfinite(e) ? e + strain * params_.barrier_strain_slope_eV[at] : e;
  }
  // docs/model.md#surface-kinetics: E_a = E_0(c) + ε_b n_i + E_ES [c ≤ c_ES].
  const double es = (c <= params_.es_max_common) ? params_.es_barrier_eV : 0.0;
  const double bond = params_.bond_energy_eV + (strainResponse() ? strain * params_.bond_energy_strain_slope_eV : 0.0);
  return params_.e0_by_common_eV[c] + bond * n_i + es;
}

double Energetics::barrier_eV(int n_i, int n_j, int c) const {
  // The stress term −σ V_m is the same for every hop (0 with a strain response).
  return barrier_[static_cast<std::size_t>(index(n_i, n_j, c))] -
         units::gpaVolumeToEV(params_.stress_GPa, params_.migration_volume_A3);
}

bool Energetics::setStress(double stress_GPa) {
  require(std::isfinite(stress_GPa), "stress_GPa must be finite");
  const bool refill = strainResponse() && stress_GPa != params_.stress_GPa;
  params_.stress_GPa = stress_GPa;
  stress_factor_ = std::exp(units::gpaVolumeToEV(stress_GPa, params_.migration_volume_A3) /
                            units::thermalEnergy_eV(params_.temperature_K));
  if (refill) fill();
  return refill;
}

void Energetics::setTemperature(double temperature_K) {
  require(std::isfinite(temperature_K) && temperature_K > 0.0, "temperature_K must be finite and > 0");
  params_.temperature_K = temperature_K;
  fill();
}

void Energetics::fill() {
  const double strain = strainResponse() ? params_.stress_GPa * params_.axial_compliance_per_GPa : 0.0;
  for (int n_i = 0; n_i < kCoordinationValues; ++n_i)
    for (int n_j = 0; n_j < kTargetValues; ++n_j)
      for (int c = 0; c < kCommonValues; ++c) {
        const auto at = static_cast<std::size_t>(index(n_i, n_j, c));
        barrier_[at] = tableBarrier(n_i, n_j, c, strain);
        uncatalogued_[at] =
            catalogue() && allowed(n_i, n_j) && !rimTarget(n_j) && std::isnan(params_.barrier_table_eV[at]) ? 1 : 0;
      }
  if (strainResponse()) {
    // A hop and its reverse cross one saddle: where the shifted pair puts it below the higher end state
    // (K < |ΔH|/2), the barriers become max(0, ±ΔH), as kmc::buildHopTable does at zero strain. Either
    // way E(a → b) − E(b → a) = ΔH is kept, and so is detailed balance.
    for (int a = 0; a <= 11; ++a)
      for (int b = a; b <= 11; ++b)
        for (int c = 0; c < kCommonValues; ++c) {
          double& up = barrier_[static_cast<std::size_t>(index(a, b, c))];
          double& down = barrier_[static_cast<std::size_t>(index(b, a, c))];
          if (!std::isfinite(up) || !std::isfinite(down)) continue;
          const double dh = up - down, kra = 0.5 * (up + down);
          if (kra < 0.5 * std::abs(dh)) {
            up = std::max(0.0, dh);
            down = std::max(0.0, -dh);
          }
        }
  }
  const double kt = units::thermalEnergy_eV(params_.temperature_K);
  for (std::size_t at = 0; at < table_.size(); ++at) {
    // k = ν_0 exp(−E_a / k_B T); exp(−inf) = 0 for a hop that is not allowed or that the table forbids.
    const double e_a = barrier_[at];
    table_[at] = std::isinf(e_a) ? 0.0 : params_.attempt_frequency_per_s * std::exp(-e_a / kt);
  }
  stress_factor_ = std::exp(units::gpaVolumeToEV(params_.stress_GPa, params_.migration_volume_A3) / kt);
  fillEnvironments(strain, kt);
  const double pair = params_.bond_energy_eV + (strainResponse() ? strain * params_.bond_energy_strain_slope_eV : 0.0);
  for (int n = 0; n < kTargetValues; ++n)
    exit_factor_[static_cast<std::size_t>(n)] = std::exp(pair * (n - (params_.n_min - 1)) / kt);
}

void Energetics::fillEnvironments(double strain, double kt) {
  // E_a = K(e) ± ΔH/2 with ΔH = ε(e)·Δn, Δn = n_i − n_j; where K < |ΔH|/2 the pair's barriers become max(0, ±ΔH),
  // as the class table's (buildHopTable, fill): a hop and its reverse (Δn and −Δn of one entry) keep
  // E(a → b) − E(b → a) = ΔH, and so detailed balance with H = −ε(e)·bonds.
  const double pair = params_.bond_energy_eV + (strainResponse() ? strain * params_.bond_energy_strain_slope_eV : 0.0);
  for (std::size_t e = 0; e < params_.environment_keys.size(); ++e) {
    double kra = params_.environment_kra_eV[e];
    if (strainResponse() && std::isfinite(kra)) kra += strain * environmentKraSlope(e);
    for (int dn = -11; dn <= 11; ++dn) {
      const double dh = pair * dn;
      double e_a = std::numeric_limits<double>::infinity();
      if (std::isfinite(kra)) e_a = kra < 0.5 * std::abs(dh) ? std::max(0.0, dh) : kra + 0.5 * dh;
      const std::size_t at = e * kEnvironmentRateStride + static_cast<std::size_t>(dn + 11);
      environment_barrier_[at] = e_a;
      environment_rate_[at] = std::isinf(e_a) ? 0.0 : params_.attempt_frequency_per_s * std::exp(-e_a / kt);
    }
  }
}

double Energetics::environmentKraSlope(std::size_t e) const {
  const double own = params_.environment_kra_strain_slope_eV[e];
  if (!std::isnan(own)) return own;
  // The class pair's dK/de: the mean of its two entries' slopes, dK/de ± (dε/de)(a − b)/2.
  const auto [a, b, c] = HopEnvironmentIndex::classOf(params_.environment_keys[e]);
  return 0.5 * (params_.barrier_strain_slope_eV[static_cast<std::size_t>(index(a, b, c))] +
                params_.barrier_strain_slope_eV[static_cast<std::size_t>(index(b, a, c))]);
}

}  // namespace surfkmc::kmc
