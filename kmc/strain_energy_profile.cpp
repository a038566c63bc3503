// SPDX-License-Identifier: MIT
// Strain-energy site term per x-slab and its refresh bookkeeping.
#include "kmc/strain_energy_profile.hpp"

#include <algorithm>
#include <cmath>
#include <string>
#include <utility>

#include "core/binary_reader.hpp"
#include "core/binary_writer.hpp"
#include "core/error.hpp"
#include "core/units.hpp"

namespace surfkmc::kmc {

void StrainEnergyParams::validate() const {
  require(std::isfinite(youngs_modulus_GPa) && youngs_modulus_GPa > 0.0,
          "strain_energy.youngs_modulus_GPa must be finite and > 0, got " + std::to_string(youngs_modulus_GPa));
  require(std::isfinite(atomic_volume_A3) && atomic_volume_A3 > 0.0,
          "strain_energy.atomic_volume_A3 must be finite and > 0, got " + std::to_string(atomic_volume_A3));
  require(std::isfinite(stress_refresh_tolerance) && stress_refresh_tolerance > 0.0 && stress_refresh_tolerance < 1.0,
          "strain_energy.stress_refresh_tolerance must be in (0, 1), got " + std::to_string(stress_refresh_tolerance));
  require(
      std::isfinite(thinned_refresh_tolerance) && thinned_refresh_tolerance > 0.0 && thinned_refresh_tolerance < 1.0,
      "strain_energy.thinned_refresh_tolerance must be in (0, 1), got " + std::to_string(thinned_refresh_tolerance));
}

StrainEnergyProfile::StrainEnergyProfile(const lattice::Lattice& lattice, const StrainEnergyParams& params)
    : params_(params) {
  params_.validate();
  const auto& box = lattice.box();
  sites_per_slab_ = static_cast<std::int64_t>(lattice::kBasisCount) * box.cells_y * box.cells_z;
  count_.assign(static_cast<std::size_t>(box.cells_x), 0);
  for (lattice::SiteIndex s = 0; s < lattice.siteCount(); ++s)
    if (lattice.occupied(s)) ++count_[static_cast<std::size_t>(slabOf(s))];
  mean_count_ = static_cast<double>(lattice.atomCount()) / static_cast<double>(box.cells_x);
  ln_used_.assign(count_.size(), 0.0);
  // Both slabs of a hop may drift: |δ_j − δ_i| ≤ tol needs |δ| ≤ ½ ln(1 + tol) per slab.
  half_log_tolerance_ = 0.5 * std::log1p(params_.stress_refresh_tolerance);
}

// ln g = −(u_el(N) − u_el(N̄))/(2k_BT), u_el(N) = Ω(σN̄/N)²/(2E). An empty slab (a broken wire) is
// given one atom's section, so the energy stays finite.
double StrainEnergyProfile::lnExact(int slab) const {
  if (frozen_) return -frozen_u_[static_cast<std::size_t>(slab)] / (2.0 * kt_eV_);
  const double n = std::max<double>(1.0, static_cast<double>(count_[static_cast<std::size_t>(slab)]));
  const double w_mean = stress_GPa_ * stress_GPa_ / (2.0 * params_.youngs_modulus_GPa);  // [GPa]
  const double ratio = mean_count_ / n;
  const double du = units::gpaVolumeToEV(w_mean * (ratio * ratio - 1.0), params_.atomic_volume_A3);
  return -du / (2.0 * kt_eV_);
}

bool StrainEnergyProfile::outOfTolerance(int slab) const {
  return std::abs(lnExact(slab) - ln_used_[static_cast<std::size_t>(slab)]) > half_log_tolerance_;
}

bool StrainEnergyProfile::setState(double stress_GPa, double kt_eV) {
  stress_GPa_ = stress_GPa;
  kt_eV_ = kt_eV;
  for (int s = 0; s < slabCount(); ++s)
    if (outOfTolerance(s)) return true;
  return false;
}

void StrainEnergyProfile::commit() {
  for (int s = 0; s < slabCount(); ++s) ln_used_[static_cast<std::size_t>(s)] = lnExact(s);
  non_uniform_ = std::any_of(ln_used_.begin(), ln_used_.end(), [&](double v) { return v != ln_used_.front(); });
  ++refreshes_;
}

void StrainEnergyProfile::freeze(const std::vector<double>& u_el_eV) {
  require(u_el_eV.size() == count_.size(), "strain-energy profile needs one u_el per slab (" +
                                               std::to_string(count_.size()) + "), got " +
                                               std::to_string(u_el_eV.size()));
  frozen_u_ = u_el_eV;
  frozen_ = true;
}

double StrainEnergyProfile::maxDrift() const {
  double m = 0.0;
  for (int s = 0; s < slabCount(); ++s) m = std::max(m, std::abs(lnExact(s) - ln_used_[static_cast<std::size_t>(s)]));
  return m;
}

void StrainEnergyProfile::saveState(BinaryWriter& out) const {
  out.writeTag("UELP");
  out.write(sites_per_slab_);
  out.writeVector(count_);
  out.writeVector(ln_used_);
  out.writeVector(frozen_u_);
  out.write(mean_count_);
  out.write(stress_GPa_);
  out.write(kt_eV_);
  out.write(half_log_tolerance_);
  out.write(static_cast<std::uint8_t>(frozen_));
  out.write(static_cast<std::uint8_t>(non_uniform_));
  out.write(refreshes_);
}

void StrainEnergyProfile::restoreState(BinaryReader& in) {
  in.expectTag("UELP");
  const auto sites_per_slab = in.read<std::int64_t>();
  std::vector<std::int64_t> count = in.readVector<std::int64_t>();
  std::vector<double> ln_used = in.readVector<double>();
  std::vector<double> frozen_u = in.readVector<double>();
  if (sites_per_slab != sites_per_slab_ || count.size() != count_.size() || ln_used.size() != count_.size() ||
      (!frozen_u.empty() && frozen_u.size() != count_.size()))
    in.fail("the strain-energy profile has " + std::to_string(count.size()) + " slabs, this one " +
            std::to_string(count_.size()));
  count_ = std::move(count);
  ln_used_ = std::move(ln_used);
  frozen_u_ = std::move(frozen_u);
  mean_count_ = in.read<double>();
  stress_GPa_ = in.read<double>();
  kt_eV_ = in.read<double>();
  half_log_tolerance_ = in.read<double>();
  frozen_ = in.read<std::uint8_t>() != 0;
  non_uniform_ = in.read<std::uint8_t>() != 0;
  refreshes_ = in.read<std::int64_t>();
}

}  // namespace surfkmc::kmc
