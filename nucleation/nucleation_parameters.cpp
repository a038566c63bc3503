// SPDX-License-Identifier: MIT
// Nucleation parameters per site class and the defect-size lowering laws.
#include "nucleation/nucleation_parameters.hpp"

#include <cmath>

#include "core/error.hpp"

namespace surfkmc::nucleation {

void ClassParameters::validate(const std::string& name, BarrierForm form) const {
  require(std::isfinite(sigma_ath_GPa) && sigma_ath_GPa > 0.0, name + ".sigma_ath_GPa must be > 0");
  require(std::isfinite(stress_concentration) && stress_concentration > 0.0,
          name + ".stress_concentration must be > 0");
  if (form == BarrierForm::kLinear) {
    require(std::isfinite(activation_volume_A3) && activation_volume_A3 > 0.0,
            name + ".activation_volume_A3 must be > 0");
  } else {
    require(std::isfinite(barrier_eV) && barrier_eV > 0.0, name + ".barrier_eV must be > 0 for the power form");
    require(std::isfinite(exponent) && exponent > 0.0, name + ".exponent must be > 0 for the power form");
  }
}

void SaturatingLaw::validate(const std::string& name) const {
  require(std::isfinite(floor_fraction) && floor_fraction > 0.0 && floor_fraction <= 1.0,
          name + ".floor_fraction must be in (0, 1]");
  require(std::isfinite(decay) && decay >= 0.0, name + ".decay must be >= 0");
}

double SaturatingLaw::factor(double size, double reference_size) const {
  if (size <= reference_size) return 1.0;
  return floor_fraction + (1.0 - floor_fraction) * std::exp(-decay * (size - reference_size));
}

void ComputedLaws::validate() const {
  const auto check = [](const std::vector<SizedLaw>& laws, const std::string& name) {
    require(!laws.empty(), "computed." + name + " has no law");
    for (std::size_t i = 0; i < laws.size(); ++i) {
      const std::string at = "computed." + name + "[" + std::to_string(i) + "]";
      require(laws[i].size >= 1, at + ".size must be >= 1");
      require(i == 0 || laws[i].size > laws[i - 1].size, at + ".size must be larger than the one before");
      if (laws[i].table)
        laws[i].table->validate(at + ".table");
      else
        laws[i].params.validate(at, BarrierForm::kPower);
    }
  };
  check(edge, "edge");
  check(step, "step");
  check(pit, "pit");
}

void NucleationParameters::validate() const {
  require(std::isfinite(temperature_K) && temperature_K > 0.0, "temperature_K must be > 0");
  require(std::isfinite(attempt_frequency_per_s) && attempt_frequency_per_s > 0.0,
          "attempt_frequency_per_s must be > 0");
  require(meyer_neldel_temperature_K == 0.0 ||
              (std::isfinite(meyer_neldel_temperature_K) && meyer_neldel_temperature_K > temperature_K),
          "meyer_neldel_temperature_K must be 0 (no activation entropy) or above temperature_K");
  if (computed) {
    // The computed laws replace the class parameters and size laws, which are then not read.
    require(form == BarrierForm::kPower, "computed laws need the power form");
    computed->validate();
    require(std::isfinite(computed_stress_offset_GPa), "computed_stress_offset_GPa must be finite");
    return;
  }
  facet_edge.validate("facet_edge", form);
  step.validate("step", form);
  pit.validate("pit", form);
  step_height_sigma.validate("step_height_sigma");
  step_height_volume.validate("step_height_volume");
  pit_size_sigma.validate("pit_size_sigma");
  pit_size_volume.validate("pit_size_volume");
}

double NucleationParameters::hazardTemperature_K() const {
  if (meyer_neldel_temperature_K == 0.0) return temperature_K;
  return temperature_K / (1.0 - temperature_K / meyer_neldel_temperature_K);
}

namespace {

/// The law of the largest computed size ≤ `size`, or the smallest one.
const SizedLaw& lawFor(const std::vector<SizedLaw>& laws, int size) {
  const SizedLaw* chosen = &laws.front();
  for (const SizedLaw& l : laws)
    if (l.size <= size) chosen = &l;
  return *chosen;
}

}  // namespace

Barrier SizedLaw::barrier(double stress_offset_GPa) const {
  Barrier b;
  b.form = table ? BarrierForm::kTabulated : BarrierForm::kPower;
  b.table = table;
  b.sigma_ath_GPa = params.sigma_ath_GPa;
  b.stress_concentration = params.stress_concentration;
  b.barrier_eV = params.barrier_eV;
  b.exponent = params.exponent;
  b.stress_offset_GPa = stress_offset_GPa;
  return b;
}

bool operator==(const SizedLaw& a, const SizedLaw& b) {
  const ClassParameters &p = a.params, &q = b.params;
  return equalTables(a.table, b.table) && a.size == b.size && p.sigma_ath_GPa == q.sigma_ath_GPa &&
         p.activation_volume_A3 == q.activation_volume_A3 && p.stress_concentration == q.stress_concentration &&
         p.barrier_eV == q.barrier_eV && p.exponent == q.exponent;
}

Barrier NucleationParameters::barrierFor(SiteClass c, int size) const {
  if (computed) {
    switch (c) {
      case SiteClass::kFacetEdge:
        return lawFor(computed->edge, 1).barrier(computed_stress_offset_GPa);
      case SiteClass::kStep:
      case SiteClass::kMultiStep:
      case SiteClass::kSlipStep:  // a step of its height until slip steps have their own barrier
        return lawFor(computed->step, size).barrier(computed_stress_offset_GPa);
      case SiteClass::kPit:
        return lawFor(computed->pit, size).barrier(computed_stress_offset_GPa);
    }
  }
  const ClassParameters* base = &facet_edge;
  double sigma_factor = 1.0, volume_factor = 1.0;
  switch (c) {
    case SiteClass::kFacetEdge:
      break;
    case SiteClass::kStep:
    case SiteClass::kMultiStep:
    case SiteClass::kSlipStep:  // no barrier of its own yet: a step of its height (docs/model.md, "Slip")
      base = &step;
      sigma_factor = step_height_sigma.factor(size, 1.0);
      volume_factor = step_height_volume.factor(size, 1.0);
      break;
    case SiteClass::kPit:
      base = &pit;
      sigma_factor = pit_size_sigma.factor(size, 1.0);
      volume_factor = pit_size_volume.factor(size, 1.0);
      break;
  }
  Barrier b;
  b.form = form;
  b.sigma_ath_GPa = base->sigma_ath_GPa * sigma_factor;
  b.activation_volume_A3 = base->activation_volume_A3 * volume_factor;
  b.stress_concentration = base->stress_concentration;
  // Q* scales with σ_ath so that the initial slope −dQ/dσ = α Q*/σ_ath (an activation volume) is kept.
  b.barrier_eV = base->barrier_eV * sigma_factor;
  b.exponent = base->exponent;
  return b;
}

}  // namespace surfkmc::nucleation
