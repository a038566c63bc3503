// SPDX-License-Identifier: MIT
// The hops of a KMC lattice by environment: the (n_i, n_j, c) class the rate table uses, the
// symmetry-reduced occupancy of the sites around the hop, and the hop as two end states for CI-NEB.
#pragma once

#include <array>
#include <compare>
#include <cstdint>
#include <vector>

#include "atomistic/surface_processes.hpp"
#include "lattice/bond_environment.hpp"
#include "lattice/lattice.hpp"

namespace surfkmc::atomistic {

/// The class of a hop i → j in the KMC's rate table (docs/model.md#surface-kinetics): n_i occupied
/// neighbours of i, n_j occupied neighbours of j other than i, c occupied common neighbours.
struct HopClass {
  int n_i = 0;
  int n_j = 0;
  int c = 0;
  friend auto operator<=>(const HopClass&, const HopClass&) = default;
};

/// One hop on a lattice: the atom on `from` moves to its vacant nearest neighbour `to` =
/// neighbour(from, direction).
struct LatticeHop {
  lattice::SiteIndex from = 0;
  lattice::SiteIndex to = 0;
  int direction = 0;
  HopClass cls;
  /// HopEnvironments::key of the hop.
  std::uint32_t environment = 0;
};

/// The environment of a hop i → j: which of the 18 sites that neighbour i or j (other than i and j
/// themselves) are occupied, as 18 bits in the frame of one reference bond (a lattice symmetry carries
/// the hop's bond onto it), reduced by the lattice symmetries that keep both i and j in place. For a ⟨110⟩ bond these
/// are the four signed permutations of the cubic axes that fix the bond vector (identity, the swap of its two non-zero
/// axes, and both composed with the sign change of the third axis). The key is the smallest of the four images, so two
/// hops have the same key iff one environment maps onto the other by such a symmetry. The key is directed: the reversed
/// hop j → i generally has another key, as its barrier generally differs.
class HopEnvironments {
 public:
  static constexpr int kSites = lattice::kBondEnvironmentSites;
  static constexpr int kSymmetries = 4;

  HopEnvironments();
  /// The key of the hop from `from` along `direction` on `lattice` (sites beyond the box count as vacant).
  std::uint32_t key(const lattice::Lattice& lattice, lattice::SiteIndex from, int direction) const;
  /// The 18 bits before the reduction (bit k: site k of the canonical order is occupied).
  std::uint32_t occupancyBits(const lattice::Lattice& lattice, lattice::SiteIndex from, int direction) const;

 private:
  /// A site of the environment: the neighbour in direction `direction` of i (of_j false) or of j.
  struct Site {
    bool of_j = false;
    int direction = 0;
  };
  /// sites_[d][k]: the site of a hop along d that sits at the reference bond's k-th offset.
  std::array<std::array<Site, kSites>, lattice::kNeighbourCount> sites_{};
  /// permutation_[g][k]: where symmetry g of the reference bond sends its site k.
  std::array<std::array<std::uint8_t, kSites>, kSymmetries> permutation_{};
};

/// Every hop of an atom with at least `min_from` occupied neighbours (and fewer than 12) to a vacant
/// nearest neighbour with at least `min_to` occupied neighbours other than the atom, in site and
/// direction order.
std::vector<LatticeHop> enumerateHops(const lattice::Lattice& lattice, const HopEnvironments& environments,
                                      int min_from, int min_to);

/// The hop as a process for CI-NEB on the lattice's current occupancy: every occupied site an atom,
/// all free, positions scaled from the lattice's a to `lattice_constant_A` (the potential's a0); the
/// mover ends at its start plus the bond vector (so a hop across a periodic boundary stays one bond
/// long). The end states are stable when the mover relaxes to within 0.8 Å (3-D) of its site.
ProcessGeometry hopProcess(const lattice::Lattice& lattice, const LatticeHop& hop, double lattice_constant_A);

/// A stable exit k of the rim site t = hop.to of a rim hop a → t (n_j = 2: an atom placed on t does not
/// stay): a vacant site next to t, other than a, with at least three occupied neighbours. The occupancy
/// is the one with the mover on t, so a is vacant and the mover counts for no site.
struct RimExit {
  lattice::SiteIndex site = 0;
  /// Occupied neighbours of k, the mover not counted (n_i of the ascent k → t, the reverse crossing).
  int n_to = 0;
  /// Occupied common neighbours of k and t (c of the ascent k → t).
  int c_to = 0;
  /// Whether k is a nearest neighbour of a as well (the crossing a → k is then a one-bond move).
  bool neighbour_of_origin = false;
  /// The atoms an exchange a → k can push on: occupied common nearest neighbours of a and k, in site order.
  std::vector<lattice::SiteIndex> exchange_partners;
};

/// The stable exits of the rim hop's target, in direction order from t (`min_to`: the least n_to).
std::vector<RimExit> rimExits(const lattice::Lattice& lattice, const LatticeHop& rim_hop, int min_to = 3);

/// The crossing a → t → k of a rim hop as a process, as hopProcess builds a hop: the mover alone goes from
/// a to the exit k, with t as the band's waypoint (a straight band would cut through the step edge).
ProcessGeometry crossingHopProcess(const lattice::Lattice& lattice, const LatticeHop& rim_hop, const RimExit& exit,
                                   double lattice_constant_A);

/// The crossing a → k by exchange: the mover takes the site of `partner` (a common nearest neighbour of a
/// and k), whose atom goes on to k; both are movers, and the band is the straight line.
ProcessGeometry crossingExchangeProcess(const lattice::Lattice& lattice, const LatticeHop& rim_hop, const RimExit& exit,
                                        lattice::SiteIndex partner, double lattice_constant_A);

}  // namespace surfkmc::atomistic
