// SPDX-License-Identifier: MIT
// Lattice::saveOccupancy / restoreOccupancy: ids, coordination and counts come back exactly.
#include <gtest/gtest.h>

#include "core/binary_reader.hpp"
#include "core/binary_writer.hpp"
#include "core/error.hpp"
#include "lattice/lattice.hpp"
#include "lattice/wire_builder.hpp"

namespace surfkmc::lattice {
namespace {

BuiltWire wire() {
  WireSpec spec;
  spec.diameter_A = 16.0;
  spec.length_A = 20.0;
  return buildWire(4.0857, spec);
}

TEST(LatticeOccupancy, RestoredLatticeHasTheSameAtomsIdsAndCoordinations) {
  BuiltWire a = wire();
  // Move some atoms around so ids no longer follow site order, and drop one.
  SiteIndex moved = 0;
  for (SiteIndex s = 0; s < a.lattice.siteCount() && moved < 20; ++s) {
    if (!a.lattice.occupied(s)) continue;
    for (int d = 0; d < kNeighbourCount; ++d) {
      const SiteIndex t = a.lattice.neighbour(s, d);
      if (t != a.lattice.sentinel() && !a.lattice.occupied(t)) {
        a.lattice.move(s, t);
        ++moved;
        break;
      }
    }
  }
  for (SiteIndex s = 0; s < a.lattice.siteCount(); ++s)
    if (a.lattice.occupied(s)) {
      a.lattice.remove(s);
      break;
    }
  BinaryWriter w;
  a.lattice.saveOccupancy(w);

  BuiltWire b = wire();
  BinaryReader r(w.bytes());
  b.lattice.restoreOccupancy(r);
  r.expectEnd();
  EXPECT_EQ(b.lattice.atomCount(), a.lattice.atomCount());
  EXPECT_EQ(b.lattice.nextAtomId(), a.lattice.nextAtomId());
  for (SiteIndex s = 0; s <= a.lattice.siteCount(); ++s) {
    ASSERT_EQ(b.lattice.atomAt(s), a.lattice.atomAt(s)) << s;
    ASSERT_EQ(b.lattice.coordination(s), a.lattice.coordination(s)) << s;
  }
}

TEST(LatticeOccupancy, AnotherBoxOrDuplicateIdsAreRefused) {
  BuiltWire a = wire();
  BinaryWriter w;
  a.lattice.saveOccupancy(w);
  WireSpec other;
  other.diameter_A = 16.0;
  other.length_A = 40.0;
  BuiltWire b = buildWire(4.0857, other);
  BinaryReader r(w.bytes());
  EXPECT_THROW(b.lattice.restoreOccupancy(r), InputError);

  // Same box, but every occupied site claims atom 0.
  BinaryWriter bad;
  bad.writeTag("LATT");
  bad.write(static_cast<std::int64_t>(a.lattice.siteCount()));
  bad.write(a.lattice.nextAtomId());
  std::vector<AtomId> ids(static_cast<std::size_t>(a.lattice.siteCount()), kNoAtom);
  ids[0] = 0;
  ids[1] = 0;
  bad.writeVector(ids);
  BinaryReader rb(bad.bytes());
  EXPECT_THROW(a.lattice.restoreOccupancy(rb), InputError);
}

}  // namespace
}  // namespace surfkmc::lattice
