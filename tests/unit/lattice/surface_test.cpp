// SPDX-License-Identifier: MIT
// Facet classification: (111) surface atoms have 9 neighbours, (100) ones 8.
#include "lattice/surface.hpp"

#include <gtest/gtest.h>

#include "lattice/wire_builder.hpp"
#include "tests/unit/lattice/ag_lattice.hpp"

namespace surfkmc::lattice {
namespace {

using testing::kAg;

TEST(Surface, FlatSlabTopIsAllFacet111WithCoordinationNine) {
  WireSpec s;
  s.shape = Shape::kSlab;
  s.length_A = 30.0;
  s.size_z_A = 30.0;
  s.thickness_A = 12.0;
  const BuiltWire w = buildWire(kAg, s);
  const SurfaceCensus c = surfaceCensus(w.lattice);
  EXPECT_GT(c.facet111, 0);
  EXPECT_EQ(c.facet100, 0);
  EXPECT_EQ(c.other, 0);
  for (SiteIndex site = 0; site < w.lattice.siteCount(); ++site) {
    if (w.lattice.occupied(site) && classifyAtom(w.lattice, site) == SiteKind::kFacet111) {
      EXPECT_EQ(w.lattice.coordination(site), 9);
    }
  }
  // Two faces of (cells_x · cells_z · 2) atoms each: one (111) layer per face.
  const long long per_layer = 2LL * w.lattice.box().cells_x * w.lattice.box().cells_z;
  EXPECT_EQ(c.facet111, 2 * per_layer);
}

TEST(Surface, A100TerraceAtomHasCoordinationEight) {
  // Build a cube-axis-aligned (001) layer by hand: fill all sites with cubic k <= 0 in a
  // periodic box, then the atoms with k == 0 are (001) surface atoms.
  const Frame f(kAg);
  Lattice lat(f, {6, 6, 12, true, true, true});
  // Sites are ordered; map each to its cubic coordinate through its position.
  for (SiteIndex s = 0; s < lat.siteCount(); ++s) {
    const auto c = lat.cellOf(s);
    const CubicVec v = f.basis(lat.basisOf(s)) + CubicVec{-c[0], -c[0], 2 * c[0]} +
                       CubicVec{2 * c[1], 2 * c[1], 2 * c[1]} + CubicVec{c[2], -c[2], 0};
    // A slab between two (001) planes; the box's periods shift k by multiples of 12.
    const int k = ((v.k % 12) + 12) % 12;
    if (k == 0 || k >= 8) lat.place(s);
  }
  int checked = 0;
  for (SiteIndex s = 0; s < lat.siteCount(); ++s) {
    if (!lat.occupied(s)) continue;
    const auto c = lat.cellOf(s);
    const CubicVec v = f.basis(lat.basisOf(s)) + CubicVec{-c[0], -c[0], 2 * c[0]} +
                       CubicVec{2 * c[1], 2 * c[1], 2 * c[1]} + CubicVec{c[2], -c[2], 0};
    if (((v.k % 12) + 12) % 12 == 0) {
      EXPECT_EQ(lat.coordination(s), 8);
      EXPECT_EQ(classifyAtom(lat, s), SiteKind::kFacet100);
      ++checked;
    }
  }
  EXPECT_GT(checked, 0);
}

// A <112> wire has no {100} side facet (no {100} normal is perpendicular to <112>): its flat
// facets are {111} and {110}.
TEST(Surface, CylinderHasFacet111AtomsAndBrokenBondsCountSurface) {
  WireSpec s;
  s.diameter_A = 60.0;
  s.length_A = 30.0;
  const BuiltWire w = buildWire(kAg, s);
  const SurfaceCensus c = surfaceCensus(w.lattice);
  EXPECT_GT(c.facet111, 0);
  EXPECT_EQ(c.bulk + c.surface(), w.lattice.atomCount());
  EXPECT_GE(brokenBonds(w.lattice), 3 * c.surface());
}

}  // namespace
}  // namespace surfkmc::lattice
