// SPDX-License-Identifier: MIT
// Surface analysis from occupancy: which atoms are on the surface and on which facet.
#pragma once

#include <cstdint>

#include "lattice/lattice.hpp"

namespace surfkmc::lattice {

/// Where an atom sits. A facet atom has the full coordination of its flat facet and a vacant
/// set of neighbours whose mean points along that facet's normal; everything else with a
/// vacant neighbour (edges, steps, kinks, adatoms, {110} rows) is kOther.
enum class SiteKind : std::uint8_t { kBulk, kFacet111, kFacet100, kOther };

/// Classifies the atom on occupied site s.
SiteKind classifyAtom(const Lattice& lattice, SiteIndex s);

/// Atom counts by kind over the whole lattice.
struct SurfaceCensus {
  std::int64_t bulk = 0;
  std::int64_t facet111 = 0;
  std::int64_t facet100 = 0;
  std::int64_t other = 0;
  std::int64_t surface() const { return facet111 + facet100 + other; }
};

SurfaceCensus surfaceCensus(const Lattice& lattice);

/// One outermost (111) layer of a specimen: the atomic layer normal to the frame's y axis ([111]) that lies
/// furthest out on one side.
struct OutermostLayer {
  std::int64_t atoms = 0;
  /// Distinct close-packed <112> rows its atoms occupy across the axis (along z, a/(2√2) apart). A layer only a
  /// few rows wide is a ridge, not a facet: the jog a slip puts into it can leave it a bond or two wide, and a
  /// KMC that keeps atoms in their layer can then sever it (docs/validation.md, "Why the cuts differ").
  int rows = 0;
};

/// The outermost (111) layers on the +y and −y sides (empty for an empty lattice).
struct OutermostLayers {
  OutermostLayer top;     ///< largest y
  OutermostLayer bottom;  ///< smallest y
};

OutermostLayers outermostLayers(const Lattice& lattice);

/// Number of broken bonds: Σ over atoms of (12 − coordination). Surface energy = ε_b/2 × this.
std::int64_t brokenBonds(const Lattice& lattice);

}  // namespace surfkmc::lattice
