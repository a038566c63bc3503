// SPDX-License-Identifier: MIT
// The FCC frame: orthogonal repeat cell, six sites, neighbour topology.
#include "lattice/frame.hpp"

#include <gtest/gtest.h>

#include <cmath>

namespace surfkmc::lattice {
namespace {

TEST(Vec3, OperatorsAreTheComponentwiseFormulas) {
  const Vec3 a{1.0, -2.0, 3.0}, b{0.5, 4.0, -1.0};
  EXPECT_EQ(a + b, (Vec3{1.5, 2.0, 2.0}));
  EXPECT_EQ(a - b, (Vec3{0.5, -6.0, 4.0}));
  EXPECT_EQ(2.0 * a, (Vec3{2.0, -4.0, 6.0}));
  EXPECT_DOUBLE_EQ(dot(a, b), 0.5 - 8.0 - 3.0);
  EXPECT_DOUBLE_EQ(norm2(a), 14.0);
  EXPECT_DOUBLE_EQ(norm(Vec3{3.0, 0.0, 4.0}), 5.0);
  Vec3 c = a;
  c += b;
  EXPECT_EQ(c, a + b);
}

TEST(Frame, CellLengthsMatchTheWireFrame) {
  const double a = 4.0857;
  const Frame f(a);
  EXPECT_NEAR(f.cellLengths().x, a * std::sqrt(6.0) / 2.0, 1e-12);
  EXPECT_NEAR(f.cellLengths().y, a * std::sqrt(3.0), 1e-12);
  EXPECT_NEAR(f.cellLengths().z, a / std::sqrt(2.0), 1e-12);
}

TEST(Frame, AxesAreTheMdFrame) {
  const Frame f(2.0);  // half-unit = 1 Å
  const Vec3 x = f.toCartesian({-1, -1, 2});
  EXPECT_NEAR(x.x, std::sqrt(6.0), 1e-12);
  EXPECT_NEAR(x.y, 0.0, 1e-12);
  EXPECT_NEAR(x.z, 0.0, 1e-12);
  const Vec3 y = f.toCartesian({1, 1, 1});
  EXPECT_NEAR(y.y, std::sqrt(3.0), 1e-12);
  const Vec3 z = f.toCartesian({1, -1, 0});
  EXPECT_NEAR(z.z, std::sqrt(2.0), 1e-12);
}

TEST(Frame, EveryBondHasNearestNeighbourLength) {
  const Frame f(4.0);
  for (const CubicVec& d : kDirections) EXPECT_NEAR(norm(f.toCartesian(d)), f.nearestNeighbourDistance(), 1e-12);
}

TEST(Frame, CommonNeighboursAreNeighboursOfBothEnds) {
  const Frame f(4.0);
  for (int d = 0; d < kNeighbourCount; ++d)
    for (int m : f.commonDirections(d)) {
      const CubicVec diff = kDirections[m] - kDirections[d];
      EXPECT_EQ(diff.i * diff.i + diff.j * diff.j + diff.k * diff.k, 2);
    }
}

TEST(Frame, NeighbourTopologyRoundTrips) {
  const Frame f(4.0);
  for (int b = 0; b < kBasisCount; ++b)
    for (int d = 0; d < kNeighbourCount; ++d) {
      const int nb = f.neighbourBasis(b, d);
      const auto s = f.neighbourCellShift(b, d);
      const int back = oppositeDirection(d);
      EXPECT_EQ(f.neighbourBasis(nb, back), b);
      const auto s2 = f.neighbourCellShift(nb, back);
      EXPECT_EQ(s[0] + s2[0], 0);
      EXPECT_EQ(s[1] + s2[1], 0);
      EXPECT_EQ(s[2] + s2[2], 0);
    }
}

}  // namespace
}  // namespace surfkmc::lattice
