// SPDX-License-Identifier: MIT
// Connected components of a chosen set of sites, through Boost.Graph.
#include "lattice/cluster_finder.hpp"

#include <algorithm>
#include <boost/graph/adjacency_list.hpp>
#include <boost/graph/connected_components.hpp>

namespace surfkmc::lattice {

std::vector<std::vector<SiteIndex>> findClusters(const Lattice& lattice, std::vector<SiteIndex> sites) {
  std::sort(sites.begin(), sites.end());
  sites.erase(std::unique(sites.begin(), sites.end()), sites.end());
  using Graph = boost::adjacency_list<boost::vecS, boost::vecS, boost::undirectedS>;
  Graph graph(sites.size());
  for (std::size_t a = 0; a < sites.size(); ++a) {
    const SiteIndex* nb = lattice.neighbours(sites[a]);
    for (int d = 0; d < kNeighbourCount; ++d) {
      if (nb[d] <= sites[a]) continue;  // each bond once
      const auto it = std::lower_bound(sites.begin(), sites.end(), nb[d]);
      if (it != sites.end() && *it == nb[d]) boost::add_edge(a, static_cast<std::size_t>(it - sites.begin()), graph);
    }
  }
  std::vector<int> label(sites.size());
  const int count = sites.empty() ? 0 : boost::connected_components(graph, label.data());
  // Relabel by first appearance so clusters come ordered by their smallest site.
  std::vector<int> order(static_cast<std::size_t>(count), -1);
  std::vector<std::vector<SiteIndex>> clusters;
  for (std::size_t a = 0; a < sites.size(); ++a) {
    int& slot = order[static_cast<std::size_t>(label[a])];
    if (slot < 0) {
      slot = static_cast<int>(clusters.size());
      clusters.emplace_back();
    }
    clusters[static_cast<std::size_t>(slot)].push_back(sites[a]);
  }
  return clusters;
}

}  // namespace surfkmc::lattice
