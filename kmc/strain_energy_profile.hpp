// SPDX-License-Identifier: MIT
// Strain-energy site term u_el(x) = Ω·σ(x)²/(2E) per x-slab, as exp-free per-site rate factors.
#pragma once

#include <cstdint>
#include <vector>

#include "lattice/lattice.hpp"

namespace surfkmc {
class BinaryWriter;
class BinaryReader;
}  // namespace surfkmc

namespace surfkmc::kmc {

/// Parameters of the strain-energy site term (docs/methods.md#stress-and-time).
struct StrainEnergyParams {
  bool enabled = false;
  /// Young's modulus E along the wire axis [GPa] (Ag <112>: 83.4).
  double youngs_modulus_GPa = 83.4;
  /// Atomic volume Ω_at [Å³] (Ag: 17.05).
  double atomic_volume_A3 = 17.05;
  /// Largest relative error of any hop rate tolerated before the profile is recomputed (a change
  /// of σ or of the slab occupancies moves the exact factors away from those in use), where the
  /// factors in use stand as they are: with super-moves (Engine, "Exact u_el by rejection").
  double stress_refresh_tolerance = 1.0e-3;
  /// The same threshold where the engine corrects the drift exactly by rejection (no super-moves):
  /// it changes only the cost, trading refreshes (O(mobile atoms) each) against rejected draws (a
  /// fraction of up to about this value). Not a scenario key.
  double thinned_refresh_tolerance = 0.05;

  /// Throws InputError naming the first bad field.
  void validate() const;
};

/// The per-slab strain energy and its rate factors. Slabs are the repeat cells along x (one cell
/// thick, t = cellLengths().x); A(x) = N_slab·Ω/t, and the force F = σ·Ā with Ā = N̄·Ω/t the mean
/// section, so σ is the stress of a section of mean area and σ(x) = σ·N̄/N(x). A hop i → j gets
/// the barrier term +½(u_el(j) − u_el(i)) (docs/methods.md#stress-and-time), i.e. its rate the factor g_j/g_i with
/// ln g = −(u_el − u_el(Ā))/(2k_BT): detailed balance k_ij/k_ji = exp(−ΔH/k_BT) holds exactly
/// with H ∋ Σ u_el. The factors in use are frozen between refreshes; `drift` tracks how far the
/// exact ln g has moved from them, per slab, in O(1) per slab change.
class StrainEnergyProfile {
 public:
  StrainEnergyProfile() = default;
  /// Counts the atoms per slab of `lattice`; throws InputError for bad parameters.
  StrainEnergyProfile(const lattice::Lattice& lattice, const StrainEnergyParams& params);

  const StrainEnergyParams& params() const { return params_; }
  int slabCount() const { return static_cast<int>(count_.size()); }
  int slabOf(lattice::SiteIndex s) const { return static_cast<int>(s / sites_per_slab_); }
  std::int64_t atomsInSlab(int slab) const { return count_[static_cast<std::size_t>(slab)]; }

  /// An atom moved from site `from` to `to`: updates the slab counts. Returns true if the factors
  /// in use are now off by more than the tolerance (the caller must refresh). O(1).
  bool onMove(lattice::SiteIndex from, lattice::SiteIndex to) {
    const int a = slabOf(from);
    const int b = slabOf(to);
    if (a == b || frozen_) return false;
    --count_[static_cast<std::size_t>(a)];
    ++count_[static_cast<std::size_t>(b)];
    return outOfTolerance(a) || outOfTolerance(b);
  }
  /// New σ [GPa] and k_BT [eV]: O(slabs). Returns true if a refresh is needed.
  bool setState(double stress_GPa, double kt_eV);
  /// Makes the exact factors the ones in use (after which the caller recomputes every rate).
  void commit();
  /// Replaces the occupancy-derived profile by a fixed u_el per slab [eV] (for tests and callers
  /// with their own stress field); onMove then no longer changes it.
  void freeze(const std::vector<double>& u_el_eV);

  /// ln g of the slab, as in use [dimensionless].
  double lnFactor(int slab) const { return ln_used_[static_cast<std::size_t>(slab)]; }
  /// u_el of the slab as in use [eV].
  double strainEnergy_eV(int slab) const { return -2.0 * kt_eV_ * ln_used_[static_cast<std::size_t>(slab)]; }
  /// True if the factors in use are not all equal (otherwise every g_j/g_i = 1 and the engine skips them).
  bool nonUniform() const { return non_uniform_; }
  /// ln g_exact − ln g_used of the slab: how far the factor in use is off. O(1).
  double drift(int slab) const { return lnExact(slab) - ln_used_[static_cast<std::size_t>(slab)]; }
  /// Bound on |drift(i) − drift(j)| for any two slabs while no slab is out of tolerance: a hop
  /// rate in use is within a factor exp(±hopBound()) of the exact one.
  double hopBound() const { return 2.0 * half_log_tolerance_; }
  /// True if the factors in use can differ from the exact ones: not frozen, and σ ≠ 0 or the last
  /// commit left some factor ≠ 1 (at σ = 0 after a commit every factor is exactly 1 and stays so).
  bool canDrift() const { return !frozen_ && (stress_GPa_ != 0.0 || non_uniform_ || ln_used_.front() != 0.0); }
  /// Largest |ln g_exact − ln g_used| over the slabs; a hop rate is off by at most twice this.
  double maxDrift() const;
  std::int64_t refreshes() const { return refreshes_; }

  /// Writes the slab counts, the factors in use and the refresh bookkeeping (checkpoints).
  void saveState(BinaryWriter& out) const;
  /// Reads what saveState() wrote for a lattice of the same slab count; the parameters stay this
  /// profile's own. Throws InputError if it does not fit.
  void restoreState(BinaryReader& in);

 private:
  double lnExact(int slab) const;
  bool outOfTolerance(int slab) const;

  StrainEnergyParams params_;
  std::int64_t sites_per_slab_ = 1;
  std::vector<std::int64_t> count_;
  std::vector<double> ln_used_;
  std::vector<double> frozen_u_;
  double mean_count_ = 0.0;
  double stress_GPa_ = 0.0;
  double kt_eV_ = 1.0;
  double half_log_tolerance_ = 0.0;
  bool frozen_ = false;
  bool non_uniform_ = false;
  std::int64_t refreshes_ = 0;
};

}  // namespace surfkmc::kmc
