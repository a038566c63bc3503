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
  // The outermost layers are those two faces: every atom of a layer, two <112> rows per cell across z.
  const OutermostLayers top = outermostLayers(w.lattice);
  EXPECT_EQ(top.top.atoms, per_layer);
  EXPECT_EQ(top.bottom.atoms, per_layer);
  EXPECT_EQ(top.top.rows, 2 * w.lattice.box().cells_z);
  EXPECT_EQ(top.bottom.rows, 2 * w.lattice.box().cells_z);
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

// The two cuts of the 10 nm Pt wire (a = 3.9242 Å) differ in their outermost (111) layers: a ridge of 5 rows on the
// default cut, a facet of 17 rows half a cell along [111] away. Measured independently on the frames of
// scenarios/flow_pt_cuts.yaml (session 36: per-layer row counts read off the extXYZ positions), both sides alike.
TEST(Surface, OutermostLayersOfThePtWiresTwoCuts) {
  const double pt = 3.9242;  // data/materials/Pt.yaml
  for (const double shift : {0.0, 0.5}) {
    WireSpec s;
    s.diameter_A = 100.0;
    s.length_A = 10.0;
    s.cut_shift_y = shift;
    const BuiltWire w = buildWire(pt, s);
    const OutermostLayers layers = outermostLayers(w.lattice);
    const int rows = shift == 0.0 ? 5 : 17;
    EXPECT_EQ(layers.top.rows, rows) << "cut_shift_y " << shift;
    EXPECT_EQ(layers.bottom.rows, rows) << "cut_shift_y " << shift;
    // Each row runs the whole periodic length: one atom per row and repeat cell.
    EXPECT_EQ(layers.top.atoms, static_cast<std::int64_t>(rows) * w.lattice.box().cells_x);
    EXPECT_EQ(layers.bottom.atoms, layers.top.atoms);
  }
}

}  // namespace
}  // namespace surfkmc::lattice
