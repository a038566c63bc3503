// SPDX-License-Identifier: MIT
// Clusters: a pit of k vacancies is one component of size k.
#include "lattice/cluster_finder.hpp"

#include <gtest/gtest.h>

#include <algorithm>

#include "lattice/wire_builder.hpp"

namespace surfkmc::lattice {
namespace {

TEST(ClusterFinder, PitOfKVacanciesIsOneComponentOfSizeK) {
  WireSpec s;
  s.shape = Shape::kSlab;
  s.length_A = 30.0;
  s.size_z_A = 30.0;
  s.thickness_A = 12.0;
  for (int k : {1, 2, 5, 9}) {
    BuiltWire w = buildWire(4.0857, s);
    Lattice& lat = w.lattice;
    // Dig a connected pit: start at a top-layer atom, grow through occupied neighbours.
    SiteIndex start = -1;
    double top = -1.0, bottom = 1e9;
    for (SiteIndex site = 0; site < lat.siteCount(); ++site) {
      if (!lat.occupied(site)) continue;
      bottom = std::min(bottom, lat.position(site).y);
      if (lat.position(site).y > top) {
        top = lat.position(site).y;
        start = site;
      }
    }
    std::vector<SiteIndex> pit{start};
    lat.remove(start);
    for (std::size_t i = 0; pit.size() < static_cast<std::size_t>(k); ++i)
      for (int d = 0; d < kNeighbourCount && pit.size() < static_cast<std::size_t>(k); ++d) {
        const SiteIndex n = lat.neighbour(pit[i], d);
        if (lat.occupied(n)) {
          lat.remove(n);
          pit.push_back(n);
        }
      }
    // The vacant sites inside the slab's original extent are the pit.
    std::vector<SiteIndex> holes;
    for (SiteIndex site = 0; site < lat.siteCount(); ++site) {
      const double y = lat.position(site).y;
      if (!lat.occupied(site) && y >= bottom - 1e-9 && y <= top + 1e-9) holes.push_back(site);
    }
    const auto clusters = findClusters(lat, holes);
    ASSERT_EQ(clusters.size(), 1u) << "k = " << k;
    EXPECT_EQ(clusters[0].size(), static_cast<std::size_t>(k));
  }
}

TEST(ClusterFinder, SeparateSitesAreSeparateClustersAndDuplicatesCountOnce) {
  const Frame f(4.0);
  const Lattice lat(f, {4, 4, 6, true, true, true});
  const SiteIndex a = 0;
  const SiteIndex b = lat.neighbour(a, 0);
  const SiteIndex far = lat.siteAt(2, 2, 3, 0);
  const auto clusters = findClusters(lat, {far, a, b, a});
  ASSERT_EQ(clusters.size(), 2u);
  EXPECT_EQ(clusters[0].size() + clusters[1].size(), 3u);
}

}  // namespace
}  // namespace surfkmc::lattice
