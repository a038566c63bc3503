// SPDX-License-Identifier: MIT
// Builds the lattice of a wire or slab from its specification.
#pragma once

#include <string>

#include "lattice/lattice.hpp"
#include "lattice/wire_spec.hpp"

namespace surfkmc::lattice {

/// A built specimen and what was adjusted to fit the lattice.
struct BuiltWire {
  Lattice lattice;
  /// Length along x after rounding to whole repeat cells [Å].
  double length_A = 0.0;
  /// Slab extent along z after rounding to whole cells [Å] (0 for wires).
  double size_z_A = 0.0;
  /// Atoms removed after the cut because they had fewer than the minimum number of neighbours.
  long long pruned_atoms = 0;
  /// Human-readable notes on rounding applied.
  std::string rounding_note;
};

/// Largest box the builder accepts, in sites (the neighbour table costs 48 bytes a site).
inline constexpr long long kMaxSites = 60'000'000;

/// Solid radius at axial position x [Å] for a cylinder with an optional gauge section centred
/// in the wire (half-cosine transitions), for a wire of length `length_A`.
double radiusAt(const WireSpec& spec, double x_A, double length_A);

/// Fills every site inside the shape, then prunes atoms with fewer than `min_coordination`
/// occupied neighbours (repeatedly) so no atom starts stuck. Throws InputError for a box that is
/// too large.
BuiltWire buildWire(double lattice_constant_A, const WireSpec& spec, int min_coordination = 3);

}  // namespace surfkmc::lattice
