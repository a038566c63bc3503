// SPDX-License-Identifier: MIT
// Connected components of a chosen set of sites (vacancy clusters, adatom islands).
#pragma once

#include <vector>

#include "lattice/lattice.hpp"

namespace surfkmc::lattice {

/// Groups the given sites into clusters joined by nearest-neighbour bonds (Boost.Graph
/// connected_components). Each cluster lists its sites in ascending order; clusters are ordered
/// by their smallest site. Duplicate sites are counted once.
std::vector<std::vector<SiteIndex>> findClusters(const Lattice& lattice, std::vector<SiteIndex> sites);

}  // namespace surfkmc::lattice
