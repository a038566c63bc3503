// SPDX-License-Identifier: MIT
// The engine-side environment of a hop (kmc::HopEnvironmentIndex) against the catalogue's own
// (atomistic::HopEnvironments), and its table of entries.
#include "kmc/hop_environment_index.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <set>
#include <vector>

#include "atomistic/hop_catalogue.hpp"
#include "core/error.hpp"
#include "tests/unit/kmc/test_lattices.hpp"

namespace surfkmc::kmc {
namespace {

using testing::occupancyMask;

struct RoughWireHops {
  lattice::BuiltWire wire = testing::roughWire(30.0, 25.0, 0.3, 7);
  atomistic::HopEnvironments environments;
  std::vector<atomistic::LatticeHop> hops = atomistic::enumerateHops(wire.lattice, environments, 1, 0);
};

TEST(HopEnvironmentIndex, BitsAreTheCatalogueOccupancyAndAHopShareItsPairKeyWithItsReverse) {
  // The engine reads the 18 sites from the two 12-bit masks; the catalogue walks the lattice. Both write them in
  // the reference bond's frame, so the bits agree exactly. The pair key is the smaller of the catalogue keys of
  // the hop and of its reverse (the inversion through the bond's midpoint completes the 4 symmetries).
  const RoughWireHops r;
  const HopEnvironmentIndex index;
  ASSERT_GT(r.hops.size(), 1000u);
  std::set<std::uint32_t> directed, paired;
  for (const atomistic::LatticeHop& h : r.hops) {
    const lattice::Lattice& lat = r.wire.lattice;
    const lattice::SiteIndex to = lat.neighbour(h.from, h.direction);
    const std::uint32_t bits = index.bits(occupancyMask(lat, h.from), occupancyMask(lat, to), h.direction);
    ASSERT_EQ(bits, r.environments.occupancyBits(lat, h.from, h.direction));
    const std::uint32_t reverse = r.environments.key(lat, to, lattice::oppositeDirection(h.direction));
    EXPECT_EQ(HopEnvironmentIndex::pairKey(bits), std::min(h.environment, reverse));
    directed.insert(h.environment);
    paired.insert(HopEnvironmentIndex::pairKey(bits));
  }
  EXPECT_LT(paired.size(), directed.size());  // a hop and its reverse merge
}

TEST(HopEnvironmentIndex, EveryImageOfAKeyFindsItsEntryAndOtherEnvironmentsNone) {
  const RoughWireHops r;
  std::vector<std::uint32_t> keys;  // the first 20 distinct environments met, as the catalogue stores them
  for (const atomistic::LatticeHop& h : r.hops) {
    const bool seen = std::any_of(keys.begin(), keys.end(), [&](std::uint32_t k) {
      return HopEnvironmentIndex::pairKey(k) == HopEnvironmentIndex::pairKey(h.environment);
    });
    if (!seen && keys.size() < 20) keys.push_back(h.environment);
  }
  const HopEnvironmentIndex index(keys);
  EXPECT_EQ(index.entries(), 20);
  int found = 0;
  for (const atomistic::LatticeHop& h : r.hops) {
    const lattice::Lattice& lat = r.wire.lattice;
    const lattice::SiteIndex to = lat.neighbour(h.from, h.direction);
    const std::uint32_t occ_i = occupancyMask(lat, h.from);
    const std::uint32_t occ_j = occupancyMask(lat, to);
    const std::int32_t e = index.entry(occ_i, occ_j, h.direction);
    const auto at = std::find_if(keys.begin(), keys.end(), [&](std::uint32_t k) {
      return HopEnvironmentIndex::pairKey(k) == HopEnvironmentIndex::pairKey(h.environment);
    });
    EXPECT_EQ(e, at == keys.end() ? HopEnvironmentIndex::kNoEntry : static_cast<std::int32_t>(at - keys.begin()));
    // After the hop the atom is on j and i is vacant: the reverse hop, from j back to i, reads the same entry.
    const int back = lattice::oppositeDirection(h.direction);
    EXPECT_EQ(index.entry(occ_j & ~(1u << back), occ_i | (1u << h.direction), back), e);
    found += e != HopEnvironmentIndex::kNoEntry;
  }
  EXPECT_GT(found, 0);
}

TEST(HopEnvironmentIndex, TwoKeysOfOneEnvironmentOrBitsBeyondItAreRefused) {
  const std::uint32_t key = 0b101100111000101u;
  std::uint32_t other_image = 0;
  for (std::uint32_t b = 0; b < (1u << HopEnvironmentIndex::kSites) && other_image == 0; ++b)
    if (b != key && HopEnvironmentIndex::pairKey(b) == HopEnvironmentIndex::pairKey(key)) other_image = b;
  ASSERT_NE(other_image, 0u);
  EXPECT_THROW(HopEnvironmentIndex({key, other_image}), InputError);
  EXPECT_THROW(HopEnvironmentIndex({1u << HopEnvironmentIndex::kSites}), InputError);
  EXPECT_NO_THROW(HopEnvironmentIndex({key, key ^ 1u}));
}

}  // namespace
}  // namespace surfkmc::kmc
