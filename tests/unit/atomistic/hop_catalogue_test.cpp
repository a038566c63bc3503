// SPDX-License-Identifier: MIT
// The hops of a KMC lattice by class and symmetry-reduced environment, and a hop as two end states.
#include "atomistic/hop_catalogue.hpp"

#include <gtest/gtest.h>

#include <map>
#include <set>

#include "tests/unit/kmc/test_lattices.hpp"

namespace surfkmc::atomistic {
namespace {

using kmc::testing::kAgLattice_A;

/// A (111) slab with one adatom on its top face.
struct FacetAdatom {
  lattice::BuiltWire slab = kmc::testing::slab111(30.0, 12.0);
  lattice::SiteIndex adatom = 0;
  FacetAdatom() {
    adatom = kmc::testing::topSiteWithCoordination(slab.lattice, 3);
    slab.lattice.place(adatom);
  }
};

TEST(HopEnvironments, TheSixHopsOfAFacetAdatomAreOneEnvironment) {
  // An adatom in a (111) hollow has six in-plane hops, each over one atom of the layer below to a hollow
  // with three neighbours: class (3, 3, 1). The surface's threefold axis and mirror planes map each onto
  // every other, so they have one key, although their raw occupancies (site order fixed by the bond
  // direction) differ.
  const FacetAdatom f;
  const HopEnvironments environments;
  std::set<std::uint32_t> keys, raw;
  int hops = 0;
  for (const LatticeHop& h : enumerateHops(f.slab.lattice, environments, 3, 3)) {
    if (h.from != f.adatom) continue;
    ++hops;
    EXPECT_EQ(h.cls, (HopClass{3, 3, 1}));
    keys.insert(h.environment);
    raw.insert(environments.occupancyBits(f.slab.lattice, h.from, h.direction));
  }
  EXPECT_EQ(hops, 6);
  EXPECT_EQ(keys.size(), 1u);
  EXPECT_GT(raw.size(), 1u);
}

TEST(HopEnvironments, AKeyFixesTheClassAndIsTheSmallestImage) {
  // The symmetries keep i and j in place, so they map neighbours of i onto neighbours of i: one key
  // can never hold two (n_i, n_j, c) classes. The key is one of the four images, so never above the raw bits.
  const lattice::BuiltWire wire = kmc::testing::roughWire(30.0, 25.0, 0.3, 7);
  const HopEnvironments environments;
  std::map<std::uint32_t, HopClass> class_of;
  const auto hops = enumerateHops(wire.lattice, environments, 1, 0);
  ASSERT_GT(hops.size(), 1000u);
  for (const LatticeHop& h : hops) {
    const auto [at, inserted] = class_of.emplace(h.environment, h.cls);
    EXPECT_EQ(at->second, h.cls) << "key " << h.environment;
    EXPECT_LE(h.environment, environments.occupancyBits(wire.lattice, h.from, h.direction));
    EXPECT_LT(h.environment, 1u << HopEnvironments::kSites);
  }
  // The reduction merges environments: fewer keys than distinct raw occupancies.
  std::set<std::uint32_t> raw;
  for (const LatticeHop& h : hops) raw.insert(environments.occupancyBits(wire.lattice, h.from, h.direction));
  EXPECT_LT(class_of.size(), raw.size());
}

TEST(HopEnvironments, EnumerationAppliesTheCoordinationLimits) {
  const lattice::BuiltWire wire = kmc::testing::roughWire(30.0, 25.0, 0.3, 7);
  const HopEnvironments environments;
  for (const LatticeHop& h : enumerateHops(wire.lattice, environments, 4, 3)) {
    EXPECT_GE(h.cls.n_i, 4);
    EXPECT_LT(h.cls.n_i, 12);
    EXPECT_GE(h.cls.n_j, 3);
    EXPECT_TRUE(wire.lattice.occupied(h.from));
    EXPECT_FALSE(wire.lattice.occupied(h.to));
    EXPECT_EQ(h.to, wire.lattice.neighbour(h.from, h.direction));
    EXPECT_EQ(h.cls.n_i, wire.lattice.coordination(h.from));
    EXPECT_EQ(h.cls.n_j, wire.lattice.coordination(h.to) - 1);
    EXPECT_LE(h.cls.c, 4);
  }
}

TEST(HopProcess, OnlyTheMoverMovesByOneBondAtTheNewLatticeConstant) {
  const FacetAdatom f;
  const HopEnvironments environments;
  const auto hops = enumerateHops(f.slab.lattice, environments, 3, 3);
  ASSERT_FALSE(hops.empty());
  const double a0 = 4.0901;
  const ProcessGeometry g = hopProcess(f.slab.lattice, hops.front(), a0);
  ASSERT_EQ(g.initial.size(), f.slab.lattice.atomCount());
  ASSERT_EQ(g.movers.size(), 1u);
  EXPECT_EQ(g.normal, -1);  // judged on the whole displacement
  for (int i = 0; i < g.initial.size(); ++i) {
    const double moved = (g.final_state.positions.col(i) - g.initial.positions.col(i)).norm();
    EXPECT_NEAR(moved, i == g.movers.front() ? a0 / std::sqrt(2.0) : 0.0, 1e-12) << "atom " << i;
  }
  // Positions scale with the lattice constant: the box too.
  const lattice::Vec3 len = f.slab.lattice.boxLengths();
  EXPECT_NEAR(g.initial.box.x(), len.x * a0 / kAgLattice_A, 1e-9);
}

}  // namespace
}  // namespace surfkmc::atomistic
