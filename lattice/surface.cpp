// SPDX-License-Identifier: MIT
// Surface analysis from occupancy.
#include "lattice/surface.hpp"

#include <cstdlib>

namespace surfkmc::lattice {

SiteKind classifyAtom(const Lattice& lattice, SiteIndex s) {
  const int c = lattice.coordination(s);
  if (c == kNeighbourCount) return SiteKind::kBulk;
  // Sum of the vacant-neighbour directions in cubic half-units: the outward normal of a flat facet.
  CubicVec n{};
  const SiteIndex* nb = lattice.neighbours(s);
  for (int d = 0; d < kNeighbourCount; ++d)
    if (!lattice.occupied(nb[d])) n = n + kDirections[d];
  const int ai = std::abs(n.i), aj = std::abs(n.j), ak = std::abs(n.k);
  // (111): three vacant neighbours summing to (±2, ±2, ±2).
  if (c == 9 && ai == 2 && aj == 2 && ak == 2) return SiteKind::kFacet111;
  // (100): four vacant neighbours summing to ±4 along one cube axis.
  if (c == 8 && ai + aj + ak == 4 && (ai == 4 || aj == 4 || ak == 4)) return SiteKind::kFacet100;
  return SiteKind::kOther;
}

SurfaceCensus surfaceCensus(const Lattice& lattice) {
  SurfaceCensus census;
  for (SiteIndex s = 0; s < lattice.siteCount(); ++s) {
    if (!lattice.occupied(s)) continue;
    switch (classifyAtom(lattice, s)) {
      case SiteKind::kBulk:
        ++census.bulk;
        break;
      case SiteKind::kFacet111:
        ++census.facet111;
        break;
      case SiteKind::kFacet100:
        ++census.facet100;
        break;
      case SiteKind::kOther:
        ++census.other;
        break;
    }
  }
  return census;
}

std::int64_t brokenBonds(const Lattice& lattice) {
  std::int64_t broken = 0;
  for (SiteIndex s = 0; s < lattice.siteCount(); ++s)
    if (lattice.occupied(s)) broken += kNeighbourCount - lattice.coordination(s);
  return broken;
}

}  // namespace surfkmc::lattice
