// SPDX-License-Identifier: MIT
// The stress-dependent free-energy barrier of dislocation nucleation at one kind of site.
#include "nucleation/barrier.hpp"

#include <algorithm>
#include <cmath>

#include "core/error.hpp"
#include "core/units.hpp"

namespace surfkmc::nucleation {

void Barrier::validate() const {
  require(std::isfinite(stress_concentration) && stress_concentration > 0.0, "stress_concentration must be > 0");
  require(std::isfinite(stress_offset_GPa), "stress_offset_GPa must be finite");
  if (form == BarrierForm::kTabulated) {
    require(table != nullptr, "the tabulated form needs its table");
    table->validate("the barrier table");
    return;
  }
  require(std::isfinite(sigma_ath_GPa) && sigma_ath_GPa > 0.0, "sigma_ath_GPa must be > 0");
  if (form == BarrierForm::kLinear) {
    require(std::isfinite(activation_volume_A3) && activation_volume_A3 > 0.0, "activation_volume_A3 must be > 0");
  } else {
    require(std::isfinite(barrier_eV) && barrier_eV > 0.0, "barrier_eV must be > 0 for the power form");
    // Any α > 0 keeps ΔG falling monotonically to 0 at σ_ath; the computed 2-layer step of Ag fits α < 1.
    require(std::isfinite(exponent) && exponent > 0.0, "exponent must be > 0 for the power form");
  }
}

double Barrier::energy_eV(double stress_GPa) const {
  if (form == BarrierForm::kLinear) {
    // Eq. 2 of Wang et al. 2021 (linearised barrier); a negative barrier means athermal nucleation.
    return std::max(0.0, units::gpaVolumeToEV(sigma_ath_GPa - localStress_GPa(stress_GPa), activation_volume_A3));
  }
  if (form == BarrierForm::kTabulated) return table->energy_eV(localStress_GPa(stress_GPa));
  // Zhu et al. 2008: Q(σ) = Q* (1 − σ/σ_ath)^α, with the local stress K σ + σ_off.
  const double x = 1.0 - localStress_GPa(stress_GPa) / sigma_ath_GPa;
  return x <= 0.0 ? 0.0 : barrier_eV * std::pow(x, exponent);
}

bool operator==(const Barrier& a, const Barrier& b) {
  return equalTables(a.table, b.table) && a.form == b.form && a.sigma_ath_GPa == b.sigma_ath_GPa &&
         a.activation_volume_A3 == b.activation_volume_A3 && a.stress_concentration == b.stress_concentration &&
         a.barrier_eV == b.barrier_eV && a.exponent == b.exponent && a.stress_offset_GPa == b.stress_offset_GPa;
}

}  // namespace surfkmc::nucleation
