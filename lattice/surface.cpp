// SPDX-License-Identifier: MIT
// Surface analysis from occupancy.
#include "lattice/surface.hpp"

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <limits>
#include <set>

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

OutermostLayers outermostLayers(const Lattice& lattice) {
  const double a = lattice.frame().latticeConstant();
  const double layer_spacing = a / std::sqrt(3.0);        // (111) planes along y
  const double row_spacing = a / (2.0 * std::sqrt(2.0));  // <112> rows along z within a (111) plane
  long top = std::numeric_limits<long>::min(), bottom = std::numeric_limits<long>::max();
  for (SiteIndex s = 0; s < lattice.siteCount(); ++s) {
    if (!lattice.occupied(s)) continue;
    const long layer = std::lround(lattice.position(s).y / layer_spacing);
    top = std::max(top, layer);
    bottom = std::min(bottom, layer);
  }
  OutermostLayers out;
  if (top < bottom) return out;
  std::set<long> top_rows, bottom_rows;
  for (SiteIndex s = 0; s < lattice.siteCount(); ++s) {
    if (!lattice.occupied(s)) continue;
    const Vec3 p = lattice.position(s);
    const long layer = std::lround(p.y / layer_spacing);
    const long row = std::lround(p.z / row_spacing);
    if (layer == top) {
      ++out.top.atoms;
      top_rows.insert(row);
    }
    if (layer == bottom) {
      ++out.bottom.atoms;
      bottom_rows.insert(row);
    }
  }
  out.top.rows = static_cast<int>(top_rows.size());
  out.bottom.rows = static_cast<int>(bottom_rows.size());
  return out;
}

std::int64_t brokenBonds(const Lattice& lattice) {
  std::int64_t broken = 0;
  for (SiteIndex s = 0; s < lattice.siteCount(); ++s)
    if (lattice.occupied(s)) broken += kNeighbourCount - lattice.coordination(s);
  return broken;
}

}  // namespace surfkmc::lattice
