// SPDX-License-Identifier: MIT
// Named classes of hops, from (n_i, n_j, c), for event statistics and time series.
#pragma once

#include <array>
#include <cstdint>

namespace surfkmc::kmc {

/// What a hop does to the surface, judged from its (n_i, n_j, c).
enum class EventClass : std::uint8_t {
  kInterlayer,  ///< c ≤ es_max_common: over a step edge or off a ridge (ES-affected)
  kDetachment,  ///< n_j < n_i: loses bonds (leaves a step, kink or island)
  kAttachment,  ///< n_j > n_i: gains bonds
  kTerraceHop,  ///< n_j = n_i ≤ 4: a lone adatom on (111) or (100)
  kStepEdge,    ///< n_j = n_i ≥ 5: runs along a step or edge
};
inline constexpr int kEventClassCount = 5;

/// Classifies a hop; the interlayer test comes first because it is about the saddle.
constexpr EventClass classifyHop(int n_i, int n_j, int c, int es_max_common) {
  if (c <= es_max_common) return EventClass::kInterlayer;
  if (n_j < n_i) return EventClass::kDetachment;
  if (n_j > n_i) return EventClass::kAttachment;
  return n_i <= 4 ? EventClass::kTerraceHop : EventClass::kStepEdge;
}

/// snake_case name, for column headers ("terrace_hop", ...).
const char* eventClassName(EventClass c);

/// Counts per event class, indexed by static_cast<int>(EventClass).
using EventCounts = std::array<std::int64_t, kEventClassCount>;

}  // namespace surfkmc::kmc
