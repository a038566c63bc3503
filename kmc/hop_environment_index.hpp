// SPDX-License-Identifier: MIT
// The environment of a hop as the engine sees it, and its entry in a table keyed by environment.
#pragma once

#include <cstdint>
#include <vector>

#include "lattice/bond_environment.hpp"
#include "lattice/frame.hpp"

namespace surfkmc::kmc {

/// The occupancy of the 18 sites next to either end of a nearest-neighbour hop i → j (i's and j's neighbours
/// without i and j), in the frame of the reference bond kDirections[0], read from the engine's two 12-bit
/// neighbourhood masks, and the entry it has in a table keyed by environment.
///
/// Bit k of bits() is the reference bond's k-th neighbouring site, in sorted cubic order: the order of
/// atomistic::HopEnvironments, whose reduced keys (4 symmetries that fix the bond) the hop files store. A hop and
/// its reverse have one pairKey(): the smallest image of the bits under the 8 symmetries of the pair {i, j}
/// (those 4, and those composed with the inversion through the bond's midpoint, which swaps i and j). A table of
/// saddle energies keyed by it therefore gives every hop and its reverse one saddle, so detailed balance is exact
/// whatever the table holds (docs/atomistic.md, "Keying by environment: what it would gain").
///
/// entry() costs three table reads and no allocation: the two masks scattered to the 18 bits, then the entry of
/// every image of every key given to the constructor (a dense table over the 2^18 bit patterns).
class HopEnvironmentIndex {
 public:
  static constexpr int kSites = lattice::kBondEnvironmentSites;
  static constexpr int kPairSymmetries = 8;
  static constexpr std::int32_t kNoEntry = -1;

  /// Entry e is the environment of `keys[e]`, any image of it (its pair key, or a hop file's reduced key).
  /// Throws InputError if two keys are images of one environment, or if a key has bits beyond the 18.
  explicit HopEnvironmentIndex(const std::vector<std::uint32_t>& keys = {});

  /// The 18 bits of the hop along direction d from a site whose occupied neighbours are occ_i (bit m:
  /// neighbour kDirections[m]; bit d, the vacant target, is ignored) to the site whose occupied neighbours
  /// are occ_j (its bit for i is ignored).
  std::uint32_t bits(std::uint32_t occ_i, std::uint32_t occ_j, int d) const {
    const std::size_t row = static_cast<std::size_t>(d) << 12;
    return from_i_[row | (occ_i & kMask12)] | from_j_[row | (occ_j & kMask12)];
  }
  /// The entry of the hop's environment, or kNoEntry.
  std::int32_t entry(std::uint32_t occ_i, std::uint32_t occ_j, int d) const { return entry_[bits(occ_i, occ_j, d)]; }
  /// The smallest image of `bits` under the pair's 8 symmetries.
  static std::uint32_t pairKey(std::uint32_t bits);
  /// The class of the hop whose 18 bits these are: occupied neighbours of i, of j (both without i and j), and
  /// occupied common neighbours. Of a pair key: the class of one of its two hops (the other is (n_j, n_i, c)).
  struct Class {
    int n_i = 0;
    int n_j = 0;
    int c = 0;
  };
  static Class classOf(std::uint32_t bits);
  int entries() const { return entries_; }

 private:
  static constexpr std::uint32_t kMask12 = 0xFFFu;
  // Per direction d, at d · 4096 + mask: the bits that i's (from_i_) or j's (from_j_) occupied neighbours set.
  std::vector<std::uint32_t> from_i_;
  std::vector<std::uint32_t> from_j_;
  std::vector<std::int32_t> entry_;
  int entries_ = 0;
};

/// What the engine's hop walk (kmc/hop_walk.hpp) needs to read environment entries: the index, the entries' rates
/// (Energetics::environmentRates) and the engine's per-site neighbourhood words. A null index: class entries only.
struct EnvironmentLookup {
  const HopEnvironmentIndex* index = nullptr;
  const double* rates = nullptr;
  const std::uint32_t* words = nullptr;
};

}  // namespace surfkmc::kmc
