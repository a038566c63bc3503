// SPDX-License-Identifier: MIT
// Slip on the lattice: the slip systems of <112> tension against a hand calculation, and a slip that
// moves whole atoms by b, keeps every atom and its id, leaves the bulk perfect and changes the
// surface only on the two traces.
#include "lattice/slip.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <map>
#include <set>
#include <vector>

#include "core/error.hpp"
#include "core/units.hpp"
#include "lattice/wire_builder.hpp"
#include "tests/unit/lattice/ag_lattice.hpp"

namespace surfkmc::lattice {
namespace {

using testing::kAg;

BuiltWire slipWire(double diameter_nm, double length_nm) {
  WireSpec s;
  s.shape = Shape::kCylinder;
  s.diameter_A = units::nmToAngstrom(diameter_nm);
  s.length_A = units::nmToAngstrom(length_nm);
  return buildWire(kAg, s);
}

/// Atom id → site.
std::map<AtomId, SiteIndex> sitesOfAtoms(const Lattice& lat) {
  std::map<AtomId, SiteIndex> out;
  for (SiteIndex s = 0; s < lat.siteCount(); ++s)
    if (lat.occupied(s)) out[lat.atomAt(s)] = s;
  return out;
}

// By hand, for x ∥ [-1-12]: the (-111) and (1-11) normals make cos φ = 2/√18 with the axis, the
// Burgers vectors a/2[0-11] and a/2[-101] cos λ = 3/√12 = √3/2, so m = (2/√18)(√3/2) = 1/√6. The
// Shockley partial a/6[-1-21] on the same plane has cos λ = 5/6 (m = 0.393), which is not the full slip.
TEST(SlipGeometry, TheTwoMostStressedFullSystemsOfA112WireMatchTheHandCalculation) {
  const Frame frame(kAg);
  const auto systems = tensileSlipSystems(frame);
  const std::set<std::array<int, 6>> expected{{-1, 1, 1, 0, -1, 1}, {1, -1, 1, -1, 0, 1}};
  std::set<std::array<int, 6>> found;
  for (const SlipSystem& s : systems) {
    found.insert({s.plane_normal.i, s.plane_normal.j, s.plane_normal.k, s.burgers.i, s.burgers.j, s.burgers.k});
    EXPECT_NEAR(s.unit_normal.x, 2.0 / std::sqrt(18.0), 1e-14);
    EXPECT_NEAR(s.cos_lambda, std::sqrt(3.0) / 2.0, 1e-14);
    EXPECT_NEAR(s.schmid_factor, 1.0 / std::sqrt(6.0), 1e-14);
    EXPECT_NEAR(norm(s.burgers_A), kAg / std::sqrt(2.0), 1e-12);
    EXPECT_NEAR(dot(s.unit_normal, s.burgers_A), 0.0, 1e-12);
  }
  EXPECT_EQ(found, expected);
  // Mirror images through the (1-10) plane: z → −z.
  EXPECT_NEAR(systems[0].burgers_A.z, -systems[1].burgers_A.z, 1e-12);
  EXPECT_NEAR(systems[0].burgers_A.x, systems[1].burgers_A.x, 1e-12);
}

// The slip strain of one event on a 6 nm wire 12 repeat cells long: Δε = b cos λ / L = (a/√2)(√3/2) / L
// = a√6/4 / (12 a√6/2) = 1/24, whatever a is.
TEST(SlipGeometry, AxialSlipOfOneEventIsBCosLambda) {
  BuiltWire w = slipWire(3.0, 12 * kAg * std::sqrt(6.0) / 2.0 / 10.0);
  ASSERT_EQ(w.lattice.box().cells_x, 12);
  const auto systems = tensileSlipSystems(w.lattice.frame());
  SiteIndex through = 0;
  while (!w.lattice.occupied(through) || w.lattice.coordination(through) == 12) ++through;
  const SlipOutcome out = applySlip(w.lattice, systems[0], through);
  EXPECT_NEAR(out.axial_slip_A, kAg * std::sqrt(6.0) / 4.0, 1e-12);
  EXPECT_NEAR(out.axial_slip_A / w.lattice.boxLengths().x, 1.0 / 24.0, 1e-14);
  EXPECT_GT(out.atoms_moved, 0);
}

class SlipOnAWire : public ::testing::TestWithParam<int> {};

TEST_P(SlipOnAWire, MovesWholeAtomsByBKeepsTheBulkPerfectAndChangesOnlyTheTraces) {
  BuiltWire w = slipWire(3.0, 6.0);
  Lattice& lat = w.lattice;
  const SlipSystem system = tensileSlipSystems(lat.frame())[static_cast<std::size_t>(GetParam())];
  // Through an atom of the surface, as a nucleation site is.
  SiteIndex through = lat.siteCount() / 2;
  while (!lat.occupied(through) || lat.coordination(through) == 12) ++through;
  const auto before = sitesOfAtoms(lat);
  std::vector<int> coordination_before(static_cast<std::size_t>(lat.siteCount()));
  for (SiteIndex s = 0; s < lat.siteCount(); ++s)
    coordination_before[static_cast<std::size_t>(s)] = lat.coordination(s);
  const std::int64_t atoms = lat.atomCount();

  const SlipOutcome out = applySlip(lat, system, through);
  const auto after = sitesOfAtoms(lat);
  ASSERT_EQ(lat.atomCount(), atoms);
  ASSERT_EQ(after.size(), before.size());
  const Vec3 box = lat.boxLengths();
  std::int64_t moved = 0;
  for (const auto& [id, s] : before) {
    ASSERT_TRUE(after.count(id)) << "atom " << id << " lost";
    if (after.at(id) == s) continue;
    ++moved;
    Vec3 d = lat.position(after.at(id)) - lat.position(s);
    d.x -= box.x * std::round(d.x / box.x);  // periodic along the axis
    EXPECT_NEAR(d.x, system.burgers_A.x, 1e-9);
    EXPECT_NEAR(d.y, system.burgers_A.y, 1e-9);
    EXPECT_NEAR(d.z, system.burgers_A.z, 1e-9);
  }
  EXPECT_EQ(moved, out.atoms_moved);
  EXPECT_GT(moved, atoms / 5) << "the slab is half the wire";

  // Every atom keeps its coordination (the bulk stays perfect, the moved surface is the same surface
  // moved) except near the slip plane's trace (offsets 0 and one cell) or the partner plane's (half
  // the box length on), where the steps are.
  const double cell = lat.frame().cellLengths().x;
  const double half = (lat.box().cells_x / 2) * cell;
  std::int64_t changed = 0;
  for (const auto& [id, s] : before) {
    const SiteIndex now = after.at(id);
    if (lat.coordination(now) == coordination_before[static_cast<std::size_t>(s)]) continue;
    ++changed;
    const double u = axialOffsetFromPlane(lat, system, through, now);
    const bool on_trace = u < 2.0 * cell || u > box.x - cell || std::abs(u - half) < 2.0 * cell;
    EXPECT_TRUE(on_trace) << "atom " << id << " at offset " << u << " Å from the slip plane";
    // The bulk stays perfect: only atoms within two nearest-neighbour distances of the surface change.
    const Vec3 p = lat.position(s);
    const double radial = std::hypot(p.y - box.y / 2.0, p.z - box.z / 2.0);
    EXPECT_GT(radial, 15.0 - 2.0 * lat.frame().nearestNeighbourDistance() - 1.0) << "atom " << id << " is in the bulk";
  }
  EXPECT_GT(changed, 0) << "a slip must leave steps";
  EXPECT_LT(changed, atoms / 10) << "only the traces change";

  // Slipping back by −b on the same plane restores the specimen exactly, ids included.
  SlipSystem back = system;
  back.burgers = {-system.burgers.i, -system.burgers.j, -system.burgers.k};
  back.burgers_A = -1.0 * system.burgers_A;
  applySlip(lat, back, through);
  EXPECT_EQ(sitesOfAtoms(lat), before);
  for (SiteIndex s = 0; s < lat.siteCount(); ++s)
    ASSERT_EQ(lat.coordination(s), coordination_before[static_cast<std::size_t>(s)]) << s;
}

INSTANTIATE_TEST_SUITE_P(BothSystems, SlipOnAWire, ::testing::Values(0, 1));

// Twenty slips at surface sites, each on the system that keeps the wire straightest, leave it within
// about one lateral Burgers component (a/4[1-10] = 1.44 Å) of straight; slips drawn at random would
// walk it sideways by ~√20 of those.
TEST(SlipGeometry, ChoosingTheStraighteningSystemKeepsTheWireInLine) {
  BuiltWire w = slipWire(3.0, 6.0);
  Lattice& lat = w.lattice;
  const auto systems = tensileSlipSystems(lat.frame());
  const double b_perp = std::abs(systems[0].burgers_A.z);
  std::vector<SiteIndex> surface;
  for (SiteIndex s = 0; s < lat.siteCount(); ++s)
    if (lat.occupied(s) && lat.coordination(s) < 10) surface.push_back(s);
  ASSERT_GT(surface.size(), 100u);
  for (int k = 0; k < 20; ++k) {
    const SiteIndex through = surface[(static_cast<std::size_t>(k) * 7919u) % surface.size()];
    const double m0 = lateralMisalignment(lat, systems[0], through);
    const double m1 = lateralMisalignment(lat, systems[1], through);
    const std::size_t chosen = m0 <= m1 ? 0 : 1;
    // The slab ends up at most about one b⊥ out of line with the rest, however many slips came before.
    EXPECT_LE(chosen == 0 ? m0 : m1, 2.0 * b_perp) << "slip " << k;
    applySlip(lat, systems[chosen], through);
  }
}

TEST(SlipGeometry, AnAtomPushedOutOfTheBoxOrANonPeriodicBoxIsAnError) {
  BoxSpec box;
  box.cells_x = 4;
  box.cells_y = 2;
  box.cells_z = 2;
  Lattice full(Frame(kAg), box);
  for (SiteIndex s = 0; s < full.siteCount(); ++s) full.place(s);
  const auto systems = tensileSlipSystems(full.frame());
  EXPECT_THROW(applySlip(full, systems[0], 0), RuntimeError);  // no vacuum: b's z part leaves the box

  box.periodic_x = false;
  Lattice closed(Frame(kAg), box);
  EXPECT_THROW(applySlip(closed, systems[0], 0), InputError);
}

}  // namespace
}  // namespace surfkmc::lattice
