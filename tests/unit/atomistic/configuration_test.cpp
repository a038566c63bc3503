// SPDX-License-Identifier: MIT
// Site sets: oriented FCC boxes hold the right number of sites; the wire-frame lattice maps 1:1.
#include "atomistic/configuration.hpp"

#include <gtest/gtest.h>

#include <cmath>

#include "core/error.hpp"
#include "lattice/lattice.hpp"

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

}  // namespace
}  // namespace surfkmc::atomistic
