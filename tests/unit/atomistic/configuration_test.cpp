// SPDX-License-Identifier: MIT
// Site sets: oriented FCC boxes hold the right number of sites; the wire-frame lattice maps 1:1.
#include "atomistic/configuration.hpp"

#include <gtest/gtest.h>

#include <cmath>

#include "atomistic/kim_potential.hpp"
#include "core/error.hpp"
#include "lattice/lattice.hpp"
#include "lattice/wire_builder.hpp"
#include "tests/unit/atomistic/ag_model.hpp"

namespace surfkmc::atomistic {
namespace {

TEST(OrientedCrystal, SiteCountIsVolumeOverAtomicVolume) {
  const double a = 4.09;
  const std::array<std::array<std::array<int, 3>, 3>, 3> frames{{
      {{{1, 0, 0}, {0, 1, 0}, {0, 0, 1}}},
      {{{-1, -1, 2}, {1, 1, 1}, {1, -1, 0}}},
      {{{0, 0, 1}, {1, 1, 0}, {-1, 1, 0}}},
  }};
  for (const auto& rows : frames) {
    const SiteSet s = orientedCrystal(a, rows, {3, 3, 3}, {true, true, true});
    const double expected = s.box.prod() / (a * a * a / 4.0);
    EXPECT_EQ(s.size(), static_cast<int>(std::lround(expected)));
    // FCC: every site has 12 neighbours at a/√2 under the periodic minimum image.
    int nn = 0;
    for (int t = 0; t < s.size(); ++t)
      if (std::abs(s.minimumImage(s.sites[0], s.sites[t]).norm() - a / std::sqrt(2.0)) < 1e-6) ++nn;
    EXPECT_EQ(nn, 12);
  }
}

TEST(OrientedCrystal, RejectsNonOrthogonalAxes) {
  EXPECT_THROW(orientedCrystal(4.0, {{{1, 1, 0}, {1, 0, 0}, {0, 0, 1}}}, {1, 1, 1}, {true, true, true}), InputError);
}

TEST(SitesFromLattice, KeepsPositionsOccupancyAndPeriodicity) {
  const lattice::Frame frame(4.09);
  lattice::Lattice lat(frame, {3, 2, 3, true, false, true});
  lat.place(5);
  const SiteSet s = sitesFromLattice(lat);
  ASSERT_EQ(s.size(), lat.siteCount());
  EXPECT_EQ(s.occupied[5], 1);
  EXPECT_EQ(s.occupied[4], 0);
  EXPECT_TRUE(s.periodic[0]);
  EXPECT_FALSE(s.periodic[1]);
  EXPECT_NEAR(s.sites[5].x(), lat.position(5).x, 1e-12);
  const Configuration c = s.configuration([](const Eigen::Vector3d&) { return true; });
  EXPECT_EQ(c.size(), 1);
  EXPECT_EQ(c.freeCount(), 0);
}

TEST(CutCluster, KeepsABallWithAHeldShellAcrossPeriodicBoundaries) {
  const Configuration crystal =
      orientedCrystal(4.09, {{{1, 0, 0}, {0, 1, 0}, {0, 0, 1}}}, {6, 6, 6}, {true, true, true})
          .configuration([](const Eigen::Vector3d&) { return false; });
  // Centred on an atom at the box corner: the ball wraps round all three periodic axes.
  std::vector<int> kept;
  const Configuration c = cutCluster(crystal, crystal.positions.col(0), 5.0, 3.0, &kept);
  ASSERT_EQ(static_cast<int>(kept.size()), c.size());
  int free = 0;
  for (int i = 0; i < c.size(); ++i) {
    const double r = (c.positions.col(i) - crystal.positions.col(0)).norm();
    EXPECT_LT(r, 8.0);
    EXPECT_EQ(c.fixed[i] == 0, r < 5.0);
    free += c.fixed[i] ? 0 : 1;
  }
  // FCC shells within 5 Å of an atom: 1 + 12 + 6 = 19 atoms (r = 0, a/√2, a; the next, a√(3/2), is 5.009 Å).
  EXPECT_EQ(free, 19);
  EXPECT_FALSE(c.periodic[0] || c.periodic[1] || c.periodic[2]);
  EXPECT_THROW(cutCluster(crystal, crystal.positions.col(0), 10.0, 3.0), InputError);  // 2 × 13 Å > 24.5 Å box
}

TEST(CutCluster, CutsAnEventClusterFromAWireOccupancy) {
  // A 3 nm <112> Ag wire from the lattice library (periodic along its axis x); a cluster around its
  // outermost atom along y: free within 8 Å, held in a 6.5 Å shell, open on every axis.
  lattice::WireSpec spec;
  spec.diameter_A = 30.0;
  spec.length_A = 40.0;
  const lattice::BuiltWire wire = lattice::buildWire(4.09, spec);
  const Configuration full = sitesFromLattice(wire.lattice).configuration([](const Eigen::Vector3d&) { return false; });
  ASSERT_TRUE(full.periodic[0]);
  Eigen::Index top = 0;
  full.positions.row(1).maxCoeff(&top);
  const Configuration c = cutCluster(full, full.positions.col(top), 8.0, 6.5);
  EXPECT_GT(c.freeCount(), 30);
  EXPECT_GT(c.size() - c.freeCount(), c.freeCount());  // a shell thicker than the cutoff holds more atoms
  KimPotential pot(test::agModel());
  Eigen::Matrix3Xd f;
  const double e = pot.compute(c, &f);
  // A surface cluster: bound, but less so per atom than the bulk (−2.85 eV).
  EXPECT_LT(e / c.size(), -1.5);
  EXPECT_GT(e / c.size(), -2.85);
}

}  // namespace
}  // namespace surfkmc::atomistic
