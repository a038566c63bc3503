// SPDX-License-Identifier: MIT
// The site table: neighbours at a/√2, periodic wrap, coordination bookkeeping.
#include "lattice/lattice.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <set>

#include "core/error.hpp"

namespace surfkmc::lattice {
namespace {

// Minimum-image distance between two sites [Å].
double distance(const Lattice& lat, SiteIndex a, SiteIndex b) {
  const Vec3 pa = lat.position(a), pb = lat.position(b), len = lat.boxLengths();
  auto wrap = [](double d, double l, bool periodic) { return periodic ? d - l * std::round(d / l) : d; };
  const double dx = wrap(pa.x - pb.x, len.x, lat.box().periodic_x);
  const double dy = wrap(pa.y - pb.y, len.y, lat.box().periodic_y);
  const double dz = wrap(pa.z - pb.z, len.z, lat.box().periodic_z);
  return std::sqrt(dx * dx + dy * dy + dz * dz);
}

TEST(Lattice, FullyPeriodicBoxGivesEverySiteTwelveDistinctNeighboursAtNearestDistance) {
  const Frame f(4.0857);
  const Lattice lat(f, {3, 3, 4, true, true, true});
  ASSERT_EQ(lat.siteCount(), 3 * 3 * 4 * 6);
  for (SiteIndex s = 0; s < lat.siteCount(); ++s) {
    std::set<SiteIndex> seen;
    for (int d = 0; d < kNeighbourCount; ++d) {
      const SiteIndex n = lat.neighbour(s, d);
      ASSERT_NE(n, lat.sentinel());
      ASSERT_NE(n, s);
      EXPECT_NEAR(distance(lat, s, n), f.nearestNeighbourDistance(), 1e-9);
      EXPECT_EQ(lat.neighbour(n, oppositeDirection(d)), s);
      seen.insert(n);
    }
    EXPECT_EQ(seen.size(), 12u);
  }
}

TEST(Lattice, WrapsAcrossThePeriodicBoundaryAlongX) {
  const Frame f(4.0);
  const Lattice lat(f, {4, 2, 3, true, false, false});
  // A site in the last x cell has neighbours in the first x cell, at the bond length.
  int wrapped = 0;
  for (int b = 0; b < kBasisCount; ++b) {
    const SiteIndex s = lat.siteAt(3, 1, 1, b);
    for (int d = 0; d < kNeighbourCount; ++d) {
      const SiteIndex n = lat.neighbour(s, d);
      if (n == lat.sentinel()) continue;
      if (lat.cellOf(n)[0] == 0) {
        ++wrapped;
        EXPECT_NEAR(distance(lat, s, n), f.nearestNeighbourDistance(), 1e-9);
      }
    }
  }
  EXPECT_GT(wrapped, 0);
  EXPECT_EQ(lat.siteAt(-1, 0, 0, 0), lat.siteAt(3, 0, 0, 0));
  EXPECT_EQ(lat.siteAt(0, -1, 0, 0), lat.sentinel());
}

TEST(Lattice, CoordinationFollowsPlaceMoveRemove) {
  const Frame f(4.0);
  Lattice lat(f, {3, 3, 4, true, true, true});
  const SiteIndex a = 10;
  lat.place(a);
  for (int d = 0; d < kNeighbourCount; ++d) EXPECT_EQ(lat.coordination(lat.neighbour(a, d)), 1);
  const SiteIndex b = lat.neighbour(a, 0);
  const AtomId id = lat.atomAt(a);
  lat.move(a, b);
  EXPECT_FALSE(lat.occupied(a));
  EXPECT_EQ(lat.atomAt(b), id);
  EXPECT_EQ(lat.coordination(a), 1);
  for (int d = 0; d < kNeighbourCount; ++d) EXPECT_EQ(lat.coordination(lat.neighbour(b, d)), 1);
  lat.remove(b);
  for (SiteIndex s = 0; s < lat.siteCount(); ++s) EXPECT_EQ(lat.coordination(s), 0);
  EXPECT_EQ(lat.atomCount(), 0);
}

TEST(Lattice, RejectsTooSmallPeriodicAxes) {
  const Frame f(4.0);
  EXPECT_THROW(Lattice(f, {2, 3, 3, true, false, false}), InputError);
}

}  // namespace
}  // namespace surfkmc::lattice
