// SPDX-License-Identifier: MIT
// Wire building: atom counts against the continuum volume, bulk coordination, gauge profile.
#include "lattice/wire_builder.hpp"

#include <gtest/gtest.h>

#include <cmath>

#include "core/error.hpp"
#include "core/units.hpp"
#include "tests/unit/lattice/ag_lattice.hpp"

namespace surfkmc::lattice {
namespace {

using testing::kAg;

WireSpec cylinder(double diameter_nm, double length_nm) {
  WireSpec s;
  s.shape = Shape::kCylinder;
  s.diameter_A = units::nmToAngstrom(diameter_nm);
  s.length_A = units::nmToAngstrom(length_nm);
  return s;
}

class CylinderCount : public ::testing::TestWithParam<double> {};

TEST_P(CylinderCount, AtomCountIsDensityTimesVolumeWithinTwoPercent) {
  const double d_nm = GetParam();
  const BuiltWire w = buildWire(kAg, cylinder(d_nm, 5.0));
  const double r = units::nmToAngstrom(d_nm) / 2.0;
  const double expected = 4.0 / (kAg * kAg * kAg) * units::kPi * r * r * w.length_A;
  EXPECT_NEAR(static_cast<double>(w.lattice.atomCount()) / expected, 1.0, 0.02) << d_nm << " nm";
}

INSTANTIATE_TEST_SUITE_P(Diameters, CylinderCount, ::testing::Values(3.0, 5.0, 10.0, 20.0, 30.0));

TEST(WireBuilder, BulkAtomsHaveTwelveNeighboursAndNoAtomIsUnderCoordinated) {
  const BuiltWire w = buildWire(kAg, cylinder(4.0, 3.0));
  const Lattice& lat = w.lattice;
  const double r = 20.0;
  const Vec3 len = lat.boxLengths();
  long long inner = 0;
  for (SiteIndex s = 0; s < lat.siteCount(); ++s) {
    if (!lat.occupied(s)) continue;
    EXPECT_GE(lat.coordination(s), 3);
    const Vec3 p = lat.position(s);
    const double rho = std::hypot(p.y - len.y / 2, p.z - len.z / 2);
    if (rho < r - 2.0 * lat.frame().nearestNeighbourDistance()) {
      ++inner;
      EXPECT_EQ(lat.coordination(s), 12);
    }
  }
  EXPECT_GT(inner, 100);
}

TEST(WireBuilder, LengthIsRoundedToWholeCellsAndSaysSo) {
  const BuiltWire w = buildWire(kAg, cylinder(3.0, 2.53));
  const double cell = kAg * std::sqrt(6.0) / 2.0;
  const double cells = w.length_A / cell;
  EXPECT_NEAR(cells, std::round(cells), 1e-9);
  EXPECT_NE(w.rounding_note.find("length"), std::string::npos);
}

TEST(WireBuilder, GaugeSectionIsThinnerThanTheEnds) {
  WireSpec s = cylinder(6.0, 20.0);
  s.gauge = GaugeSpec{30.0, 60.0, 30.0};
  const BuiltWire w = buildWire(kAg, s);
  EXPECT_NEAR(radiusAt(s, w.length_A / 2.0, w.length_A), 15.0, 1e-12);
  EXPECT_NEAR(radiusAt(s, 0.0, w.length_A), 30.0, 1e-12);
  const double mid = radiusAt(s, w.length_A / 2.0 + 30.0 + 15.0, w.length_A);
  EXPECT_NEAR(mid, 22.5, 1e-9);  // half-way through the half-cosine transition
}

TEST(WireBuilder, SlabIsPeriodicInXAndZ) {
  WireSpec s;
  s.shape = Shape::kSlab;
  s.length_A = 20.0;
  s.size_z_A = 20.0;
  s.thickness_A = 10.0;
  const BuiltWire w = buildWire(kAg, s);
  EXPECT_TRUE(w.lattice.box().periodic_x);
  EXPECT_TRUE(w.lattice.box().periodic_z);
  EXPECT_FALSE(w.lattice.box().periodic_y);
}

TEST(WireBuilder, RefusesAHugeBoxWithAnInputError) { EXPECT_THROW(buildWire(kAg, cylinder(1.0e4, 1.0e4)), InputError); }

TEST(WireBuilder, RejectsNonPositiveAndNonFiniteSizes) {
  EXPECT_THROW(buildWire(kAg, cylinder(-1.0, 5.0)), InputError);
  EXPECT_THROW(buildWire(kAg, cylinder(std::nan(""), 5.0)), InputError);
  EXPECT_THROW(buildWire(kAg, cylinder(5.0, 0.0)), InputError);
}

}  // namespace
}  // namespace surfkmc::lattice
