// SPDX-License-Identifier: MIT
// Wire building: atom counts against the continuum volume, bulk coordination, gauge profile.
#include "lattice/wire_builder.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <array>
#include <cmath>
#include <tuple>
#include <utility>
#include <vector>

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

// The atoms' positions relative to the lowest atom, rounded to 1e-6 Å and sorted: equal for two wires exactly
// when one is the other translated.
std::vector<std::array<long long, 3>> shapeOf(const Lattice& lat) {
  std::vector<Vec3> atoms;
  for (SiteIndex s = 0; s < lat.siteCount(); ++s)
    if (lat.occupied(s)) atoms.push_back(lat.position(s));
  const auto lowest = *std::min_element(atoms.begin(), atoms.end(), [](const Vec3& a, const Vec3& b) {
    return std::tie(a.x, a.y, a.z) < std::tie(b.x, b.y, b.z);
  });
  std::vector<std::array<long long, 3>> out;
  for (const Vec3& p : atoms)
    out.push_back({std::llround((p.x - lowest.x) * 1e6), std::llround((p.y - lowest.y) * 1e6),
                   std::llround((p.z - lowest.z) * 1e6)});
  std::sort(out.begin(), out.end());
  return out;
}

// Session 34 found a 10 nm wire cut differently with 0.8 and 2 nm of vacuum, since the cut was centred in the box.
TEST(WireBuilder, TheVacuumPadsTheBoxAndNeverRecutsTheWire) {
  for (const double a : {kAg, 3.92}) {
    for (const double d_nm : {3.0, 10.0}) {
      for (const auto& [fy, fz] : {std::pair{0.0, 0.0}, {0.5, 0.0}, {0.5, 0.5}, {0.0, 0.5}}) {
        WireSpec spec = cylinder(d_nm, 2.0);
        spec.cut_shift_y = fy;
        spec.cut_shift_z = fz;
        const auto reference = shapeOf(buildWire(a, spec).lattice);
        for (const double vacuum : {5.0, 8.0, 11.0, 14.0, 20.0, 23.7}) {
          SCOPED_TRACE(::testing::Message() << "a " << a << ", D " << d_nm << " nm, shift (" << fy << ", " << fz
                                            << "), vacuum " << vacuum << " Å");
          spec.vacuum_A = vacuum;
          const BuiltWire w = buildWire(a, spec);
          EXPECT_EQ(shapeOf(w.lattice), reference);
          // and the vacuum asked for is there on every side
          const Vec3 len = w.lattice.boxLengths();
          double lo_y = len.y, hi_y = 0.0, lo_z = len.z, hi_z = 0.0;
          for (SiteIndex s = 0; s < w.lattice.siteCount(); ++s) {
            if (!w.lattice.occupied(s)) continue;
            const Vec3 p = w.lattice.position(s);
            lo_y = std::min(lo_y, p.y), hi_y = std::max(hi_y, p.y), lo_z = std::min(lo_z, p.z),
            hi_z = std::max(hi_z, p.z);
          }
          EXPECT_GE(lo_y, vacuum - 1e-9);
          EXPECT_GE(len.y - hi_y, vacuum - 1e-9);
          EXPECT_GE(lo_z, vacuum - 1e-9);
          EXPECT_GE(len.z - hi_z, vacuum - 1e-9);
          // and the box is centred on the axis (the cut keeps the lattice's point symmetry about it)
          EXPECT_NEAR(lo_y + hi_y, len.y, 1e-9) << lo_y << " " << hi_y;
          EXPECT_NEAR(lo_z + hi_z, len.z, 1e-9) << lo_z << " " << hi_z;
        }
      }
    }
  }
}

TEST(WireBuilder, TheDefaultVacuumKeepsTheFewestCellsAndAHalfCellShiftCutsAnotherWire) {
  const WireSpec plain = cylinder(10.0, 2.0);
  const BuiltWire w = buildWire(kAg, plain);
  const Vec3 cell = w.lattice.frame().cellLengths();
  EXPECT_EQ(w.lattice.box().cells_y, static_cast<int>(std::ceil((100.0 + 2.0 * kDefaultVacuum_A) / cell.y)));
  EXPECT_EQ(w.lattice.box().cells_z, static_cast<int>(std::ceil((100.0 + 2.0 * kDefaultVacuum_A) / cell.z)));
  EXPECT_EQ(w.rounding_note.find("cut axis"), std::string::npos);
  WireSpec shifted = plain;
  shifted.cut_shift_y = 0.5;
  const BuiltWire other = buildWire(kAg, shifted);
  EXPECT_NE(shapeOf(other.lattice), shapeOf(w.lattice));
  EXPECT_NE(other.rounding_note.find("cut axis moved by (0.5, 0)"), std::string::npos) << other.rounding_note;
}

// The atoms' (y, z) relative to the lowest of them, rounded to 1e-4 Å and sorted, with repeats: the wire's
// cross-section seen down its axis.
std::vector<std::array<long long, 2>> crossSectionOf(const Lattice& lat) {
  std::vector<Vec3> atoms;
  double y0 = 1e300, z0 = 1e300;
  for (SiteIndex s = 0; s < lat.siteCount(); ++s) {
    if (!lat.occupied(s)) continue;
    atoms.push_back(lat.position(s));
    y0 = std::min(y0, atoms.back().y), z0 = std::min(z0, atoms.back().z);
  }
  std::vector<std::array<long long, 2>> out;
  for (const Vec3& p : atoms) out.push_back({std::llround((p.y - y0) * 1e4), std::llround((p.z - z0) * 1e4)});
  std::sort(out.begin(), out.end());
  return out;
}

// Half a cell along z = [1-10] plus half a cell along the axis x = [-1-12] is the lattice vector (a/2)[0-11]: the
// z shift cuts the same wire (moved along its periodic axis), the y shift another one.
TEST(WireBuilder, OnlyTheShiftAlongOneOneOneCutsAnotherWire) {
  for (const double a : {kAg, 3.92}) {
    for (const double d_nm : {3.0, 10.0}) {
      SCOPED_TRACE(::testing::Message() << "a " << a << ", D " << d_nm << " nm");
      const WireSpec plain = cylinder(d_nm, 2.0);
      WireSpec along_z = plain, along_y = plain;
      along_z.cut_shift_z = 0.5;
      along_y.cut_shift_y = 0.5;
      const auto reference = crossSectionOf(buildWire(a, plain).lattice);
      EXPECT_EQ(crossSectionOf(buildWire(a, along_z).lattice), reference);
      EXPECT_NE(crossSectionOf(buildWire(a, along_y).lattice), reference);
    }
  }
}

TEST(WireBuilder, RejectsACutShiftOtherThanHalfACellAndOnASlabAlongItsPeriodicZ) {
  WireSpec s = cylinder(3.0, 2.0);
  s.cut_shift_y = 1.0;
  EXPECT_THROW(buildWire(kAg, s), InputError);
  s.cut_shift_y = 0.3;  // the box could not stay centred on the axis
  EXPECT_THROW(buildWire(kAg, s), InputError);
  s.cut_shift_y = -0.5;
  EXPECT_THROW(buildWire(kAg, s), InputError);
  s.cut_shift_y = 0.0;
  s.cut_shift_z = std::nan("");
  EXPECT_THROW(buildWire(kAg, s), InputError);
  WireSpec slab;
  slab.shape = Shape::kSlab;
  slab.length_A = slab.size_z_A = 20.0;
  slab.thickness_A = 10.0;
  slab.cut_shift_z = 0.5;
  EXPECT_THROW(buildWire(kAg, slab), InputError);
  slab.cut_shift_z = 0.0;
  slab.cut_shift_y = 0.5;
  EXPECT_NO_THROW(buildWire(kAg, slab));
}

TEST(WireBuilder, RefusesAHugeBoxWithAnInputError) { EXPECT_THROW(buildWire(kAg, cylinder(1.0e4, 1.0e4)), InputError); }

TEST(WireBuilder, RejectsNonPositiveAndNonFiniteSizes) {
  EXPECT_THROW(buildWire(kAg, cylinder(-1.0, 5.0)), InputError);
  EXPECT_THROW(buildWire(kAg, cylinder(std::nan(""), 5.0)), InputError);
  EXPECT_THROW(buildWire(kAg, cylinder(5.0, 0.0)), InputError);
}

}  // namespace
}  // namespace surfkmc::lattice
