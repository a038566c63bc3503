// SPDX-License-Identifier: MIT
// Eq. 2 of Wang et al. 2021 in closed form and its Gumbel law.
#include "nucleation/yield_law.hpp"

#include <cmath>

#include "core/error.hpp"
#include "core/units.hpp"

namespace surfkmc::nucleation {

void YieldLawInputs::validate() const {
  auto positive = [](double v) { return std::isfinite(v) && v > 0.0; };
  require(positive(temperature_K), "temperature_K must be > 0");
  require(std::isfinite(sigma_ath_GPa), "sigma_ath_GPa must be finite");
  require(positive(activation_volume_A3), "activation_volume_A3 must be > 0");
  require(positive(site_count), "site_count must be > 0");
  require(positive(attempt_frequency_per_s), "attempt_frequency_per_s must be > 0");
  require(positive(youngs_modulus_GPa), "youngs_modulus_GPa must be > 0");
  require(positive(strain_rate_per_s), "strain_rate_per_s must be > 0");
}

double GumbelLaw::mean_GPa() const { return mode_GPa - units::kEulerGamma * scale_GPa; }

double GumbelLaw::stddev_GPa() const { return units::kPi / std::sqrt(6.0) * scale_GPa; }

double GumbelLaw::cdf(double stress_GPa) const { return -std::expm1(-std::exp((stress_GPa - mode_GPa) / scale_GPa)); }

double GumbelLaw::pdf(double stress_GPa) const {
  const double z = (stress_GPa - mode_GPa) / scale_GPa;
  return std::exp(z - std::exp(z)) / scale_GPa;
}

double thermalStressScale_GPa(double temperature_K, double activation_volume_A3) {
  return units::eVPerA3ToGPa(units::thermalEnergy_eV(temperature_K) / activation_volume_A3);
}

double eq2LogTerm(const YieldLawInputs& in) {
  in.validate();
  // E ε̇ Ω is a power per site: GPa·Å³ → eV, times 1/s.
  const double kt = units::thermalEnergy_eV(in.temperature_K);
  const double e_omega_eV = units::gpaVolumeToEV(in.youngs_modulus_GPa, in.activation_volume_A3);
  return std::log(kt * in.site_count * in.attempt_frequency_per_s / (e_omega_eV * in.strain_rate_per_s));
}

double modalYieldStress_GPa(const YieldLawInputs& in) {
  // Eq. 2 of Wang et al. 2021; Zhu et al. 2008: the stress at which the site rate Ñ ν_D e^{−Ω(σ_ath−σ)/k_BT}
  // equals Ω E ε̇ / k_BT, i.e. where the first-passage density peaks.
  return in.sigma_ath_GPa - thermalStressScale_GPa(in.temperature_K, in.activation_volume_A3) * eq2LogTerm(in);
}

GumbelLaw yieldStressLaw(const YieldLawInputs& in) {
  return {modalYieldStress_GPa(in), thermalStressScale_GPa(in.temperature_K, in.activation_volume_A3)};
}

}  // namespace surfkmc::nucleation
