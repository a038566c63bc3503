// SPDX-License-Identifier: MIT
// The loading law (Eq. 1 of Wang et al. 2021), exactly integrated over each step.
#include "coupling/loading.hpp"

#include <cmath>

#include "core/binary_reader.hpp"
#include "core/binary_writer.hpp"
#include "core/error.hpp"
#include "core/units.hpp"

namespace surfkmc::coupling {

void LoadingParams::validate() const {
  auto finite_nonneg = [](double v) { return std::isfinite(v) && v >= 0.0; };
  require(std::isfinite(youngs_modulus_GPa) && youngs_modulus_GPa > 0.0, "youngs_modulus_GPa must be > 0");
  require(finite_nonneg(strain_rate_per_s), "strain_rate_per_s must be ≥ 0");
  if (constant_stress_GPa) {
    require(std::isfinite(*constant_stress_GPa), "stress_GPa must be finite");
    require(strain_rate_per_s == 0.0, "give either stress_GPa or strain_rate_per_s, not both");
  } else {
    require(strain_rate_per_s > 0.0, "strain_rate_per_s must be > 0 (or give stress_GPa)");
  }
  require(std::isfinite(max_strain) && max_strain > 0.0 && max_strain < 1.0, "max_strain must be in (0, 1)");
  require(finite_nonneg(coble_constant), "coble_constant must be ≥ 0");
  if (coble_constant > 0.0) {
    require(std::isfinite(diameter_A) && diameter_A > 0.0, "creep needs a diameter > 0");
    require(std::isfinite(atomic_volume_A3) && atomic_volume_A3 > 0.0, "creep needs an atomic volume > 0");
    require(std::isfinite(surface_site_density_per_A2) && surface_site_density_per_A2 > 0.0,
            "creep needs a surface site density > 0");
    require(std::isfinite(temperature_K) && temperature_K > 0.0, "creep needs a temperature > 0");
  }
  require(finite_nonneg(gauge_length_A), "gauge_length_A must be ≥ 0");
}

Loading::Loading(const LoadingParams& params) : params_(params) {
  params_.validate();
  updateStress();
}

double Loading::creepCoefficient(double surface_diffusivity_A2_per_s) const {
  if (params_.coble_constant == 0.0 || surface_diffusivity_A2_per_s <= 0.0) return 0.0;
  const double kT = units::thermalEnergy_eV(params_.temperature_K);
  const double d3 = params_.diameter_A * params_.diameter_A * params_.diameter_A;
  // C Ω² ν_s D_s / (k_B T D³): [Å⁶ Å⁻² Å² s⁻¹ / (eV Å³)] = Å³/(eV s); × (eV per GPa Å³) → 1/(GPa s).
  return params_.coble_constant * params_.atomic_volume_A3 * params_.atomic_volume_A3 *
         params_.surface_site_density_per_A2 * surface_diffusivity_A2_per_s * units::kGPaCubicAngstrom_eV / (kT * d3);
}

void Loading::advance(double dt_s, double surface_diffusivity_A2_per_s) {
  time_s_ += dt_s;
  if (constantStress()) return;
  const double rate = params_.strain_rate_per_s;
  const double E = params_.youngs_modulus_GPa;
  const double A = creepCoefficient(surface_diffusivity_A2_per_s);
  applied_ += rate * dt_s;
  if (A > 0.0) {
    // dσ/dt = E(ε̇ − Aσ) over dt: σ1 = σ0 e^(−x) + E ε̇ dt (1 − e^(−x))/x with x = E A dt. Written with
    // expm1, so a vanishing A gives the elastic step (the form σ∞ + (σ0 − σ∞)e^(−x), σ∞ = ε̇/A, loses
    // σ0 to rounding once σ∞ ≳ 1e16 σ0 and relaxed the stress to 0 on an almost frozen surface).
    const double sigma0 = stress_GPa_;
    const double x = E * A * dt_s;
    const double relaxed = -std::expm1(-x);             // 1 − e^(−x), exact for small x
    const double loaded = x > 0.0 ? relaxed / x : 1.0;  // (1 − e^(−x))/x
    // Creep strain is what the applied strain gained but the elastic strain did not,
    // ε̇ dt − (σ1 − σ0)/E, written so that nothing large cancels.
    diffusion_ += rate * dt_s * (1.0 - loaded) + sigma0 * relaxed / E;
  }
  updateStress();
}

void Loading::slip(double axial_slip_A) {
  if (!(params_.gauge_length_A > 0.0)) throw InvariantError("a slip event needs a gauge length");
  slip_ += axial_slip_A / params_.gauge_length_A;
  updateStress();
}

double Loading::elasticStressRate() const {
  return constantStress() ? 0.0 : params_.youngs_modulus_GPa * params_.strain_rate_per_s;
}

bool Loading::finished() const { return !constantStress() && applied_ >= params_.max_strain; }

void Loading::restore(double time_s, double applied, double diffusion, double slip) {
  time_s_ = time_s;
  applied_ = applied;
  diffusion_ = diffusion;
  slip_ = slip;
  updateStress();
}

void Loading::saveState(BinaryWriter& out) const {
  out.writeTag("LOAD");
  out.write(time_s_);
  out.write(applied_);
  out.write(diffusion_);
  out.write(slip_);
}

void Loading::restoreState(BinaryReader& in) {
  in.expectTag("LOAD");
  const auto time_s = in.read<double>();
  const auto applied = in.read<double>();
  const auto diffusion = in.read<double>();
  const auto slip = in.read<double>();
  if (!std::isfinite(time_s) || !std::isfinite(applied) || !std::isfinite(diffusion) || !std::isfinite(slip))
    in.fail("bad loading state");
  restore(time_s, applied, diffusion, slip);
}

void Loading::updateStress() {
  stress_GPa_ =
      constantStress() ? *params_.constant_stress_GPa : params_.youngs_modulus_GPa * (applied_ - diffusion_ - slip_);
}

}  // namespace surfkmc::coupling
