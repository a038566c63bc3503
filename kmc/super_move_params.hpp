// SPDX-License-Identifier: MIT
// Parameters of the exact first-passage super-moves of lone adatoms.
#pragma once

namespace surfkmc::kmc {

/// An adatom on a (111) hollow touches exactly the three atoms below it.
inline constexpr int kLoneCoordination = 3;

/// First-passage super-moves (Engine): once an atom has made `after_hops` hops in a row between
/// lone sites, its whole stay in the basin around it — the connected vacant sites where it would
/// again have kLoneCoordination neighbours, at most `basin_sites` of them — is replaced by one move
/// drawn from the exact exit-time and exit-site distributions of that absorbing chain (including
/// the chance that some other atom moves first). Exact at any setting: the parameters trade the
/// cost of solving a basin against the hops it saves.
struct SuperMoveParams {
  bool enabled = false;
  /// Consecutive lone-to-lone hops of one atom before a super-move; small values solve basins for
  /// adatoms that would have re-attached after a hop or two.
  int after_hops = 64;
  /// Largest basin; a larger facet is cut to the sites nearest the adatom (breadth-first).
  int basin_sites = 64;
  /// Solved basins kept by shape (0: none): a basin whose dependence region — every site within
  /// four hops, with its occupancy, its u_el factor and the lattice around it — matches a kept one
  /// up to a lattice translation reuses that solution, which is bit for bit what solving it would
  /// give. Emptied when the rate table, the scales or the u_el factors change, and when full.
  int cache_shapes = 256;

  /// Throws InputError naming the first bad field.
  void validate() const;
};

}  // namespace surfkmc::kmc
