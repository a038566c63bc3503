// SPDX-License-Identifier: MIT
// extXYZ round trip: positions, ids, coordination, cell and pbc come back as written.
#include "lattice/ext_xyz.hpp"

#include <gtest/gtest.h>

#include <sstream>

#include "core/error.hpp"
#include "lattice/wire_builder.hpp"

namespace surfkmc::lattice {
namespace {

TEST(ExtXyz, RoundTripsEveryAtom) {
  WireSpec s;
  s.diameter_A = 30.0;
  s.length_A = 20.0;
  const BuiltWire w = buildWire(4.0857, s);
  std::stringstream io;
  writeExtXyz(io, w.lattice, "Ag", "time=0");
  const XyzFrame f = readExtXyz(io);
  ASSERT_EQ(static_cast<long long>(f.atoms.size()), w.lattice.atomCount());
  EXPECT_TRUE(f.pbc[0]);
  EXPECT_FALSE(f.pbc[1]);
  EXPECT_NEAR(f.cell.x, w.lattice.boxLengths().x, 1e-6);
  std::vector<SiteIndex> site_of(static_cast<std::size_t>(w.lattice.nextAtomId()), -1);
  for (SiteIndex site = 0; site < w.lattice.siteCount(); ++site)
    if (w.lattice.occupied(site)) site_of[static_cast<std::size_t>(w.lattice.atomAt(site))] = site;
  for (const XyzAtom& a : f.atoms) {
    const SiteIndex site = site_of.at(static_cast<std::size_t>(a.id));
    ASSERT_GE(site, 0);
    const Vec3 p = w.lattice.position(site);
    EXPECT_NEAR(a.position.x, p.x, 1e-6);
    EXPECT_NEAR(a.position.y, p.y, 1e-6);
    EXPECT_NEAR(a.position.z, p.z, 1e-6);
    EXPECT_EQ(a.coordination, w.lattice.coordination(site));
    EXPECT_EQ(a.species, "Ag");
  }
}

TEST(ExtXyz, TruncatedFrameIsAnInputError) {
  std::stringstream io("3\nLattice=\"1 0 0 0 1 0 0 0 1\" pbc=\"T F F\"\nAg 0 0 0 0 9\n");
  EXPECT_THROW(readExtXyz(io), InputError);
}

}  // namespace
}  // namespace surfkmc::lattice
