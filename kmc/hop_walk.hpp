// SPDX-License-Identifier: MIT
// The walk over an atom's open hops: the one loop behind the engine's rates, its hop selection and
// the super-moves' basin rates (internal to kmc/; inlined, it is the event loop's hot path).
#pragma once

#include <array>
#include <bit>
#include <cstddef>
#include <cstdint>
#include <type_traits>

#include "kmc/energetics.hpp"
#include "lattice/lattice.hpp"

namespace surfkmc::kmc::detail {

// Layout of Engine's per-site neighbourhood word (Engine::env_): bit d (0..11) if neighbour d is
// occupied, bit kSentinelShift + d if neighbour d is the sentinel; bit kQueuedBit only while updateAfterHop builds
// its list of atoms to recompute (so that it lists each once), clear at every other time. Every reader masks.
inline constexpr std::uint32_t kOccupancyBits = 0xFFFu;
inline constexpr int kSentinelShift = 16;
inline constexpr std::uint32_t kQueuedBit = 1u << 15;

// Population counts of 12-bit masks: a table, because the portable builtin compiles to a
// library call without -mpopcnt (measured: 14 % of the event loop).
inline constexpr std::array<std::uint8_t, 4096> kPopcount12 = [] {
  std::array<std::uint8_t, 4096> t{};
  for (unsigned v = 0; v < 4096; ++v) t[v] = static_cast<std::uint8_t>(std::popcount(v));
  return t;
}();

// Calls f(args...) and says whether it asks to stop: its bool, or false if it returns nothing.
template <class F, class... Args>
inline bool callStops(F& f, Args... args) {
  if constexpr (std::is_void_v<std::invoke_result_t<F&, Args...>>) {
    f(args...);
    return false;
  } else {
    return static_cast<bool>(f(args...));
  }
}

// Visits the open hops of an atom (neighbourhood word env, neighbours nb, coordination row `row` =
// table + n_i · kRateRowStride of the rate table in use) in direction order 0..11: every direction d
// whose neighbour t = nb[d] is neither occupied nor the sentinel, with its table entry
// row[n_j(t) · kCommonValues + c] (n_j(t) = coord[t] − 1, c = occupied common neighbours of the
// pair, from common_mask[d]), as visit(d, entry, t). The walk stops early when visit returns true
// (a visit returning nothing never stops it). Every rate and every hop choice comes from this one
// loop, so sums and selections agree bit for bit. Needs n_i ≥ 1 (true for every atom that may
// move: n_i ≥ n_min ≥ 1), so that row − kCommonValues lies inside the table. With kEnvironments (and
// envs.index not null), a hop whose environment the index holds takes that entry's rate instead of its class
// entry; the callers choose the instance once per call, so the class walk has no test in its loop.
template <bool kEnvironments, class Visit>
inline void forEachOpenHop(std::uint32_t env, const lattice::SiteIndex* nb, const std::uint8_t* coord,
                           const double* row, const std::uint32_t* common_mask, const EnvironmentLookup& envs,
                           Visit&& visit) {
  const std::uint32_t occ = env & kOccupancyBits;
  std::uint32_t open = ~(occ | (env >> kSentinelShift)) & kOccupancyBits;
  // Entry n_j · kCommonValues + c with n_j = coord(t) − 1 ≥ 0 (t neighbours the atom); unsigned index
  // arithmetic throughout, so no sign extensions in the loop.
  const double* row_t = row - kCommonValues;
  while (open != 0) {
    const auto d = static_cast<unsigned>(std::countr_zero(open));
    open &= open - 1;
    const lattice::SiteIndex t = nb[d];
    const std::size_t n_t = coord[static_cast<std::size_t>(t)];
    double entry = row_t[n_t * kCommonValues + kPopcount12[occ & common_mask[d]]];
    if constexpr (kEnvironments) {
      // The entry of the hop's environment, if the table holds it, at Δn = n_i − n_j = popcount(occ) − (n_t − 1).
      const std::int32_t e = envs.index->entry(occ, envs.words[static_cast<std::size_t>(t)], static_cast<int>(d));
      if (e != HopEnvironmentIndex::kNoEntry)
        entry = envs.rates[static_cast<std::size_t>(e) * kEnvironmentRateStride + kPopcount12[occ] + 12 - n_t];
    }
    if (callStops(visit, static_cast<int>(d), entry, t)) return;
  }
}

}  // namespace surfkmc::kmc::detail
