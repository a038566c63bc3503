// SPDX-License-Identifier: MIT
#include "kmc/hop_environment_index.hpp"

#include <algorithm>
#include <array>
#include <bit>
#include <string>
#include <tuple>

#include "core/error.hpp"
#include "lattice/bond_environment.hpp"

namespace surfkmc::kmc {
namespace {

using lattice::CubicVec;
using lattice::kDirections;
using lattice::kNeighbourCount;

constexpr CubicVec kOrigin{0, 0, 0};

/// The sites next to i (at the origin) or j (at the reference bond), without i and j, sorted.
std::vector<CubicVec> referenceOffsets() {
  std::vector<CubicVec> out = lattice::bondEnvironmentOffsets(kDirections[0]);
  if (static_cast<int>(out.size()) != HopEnvironmentIndex::kSites)
    throw InvariantError("HopEnvironmentIndex: a nearest-neighbour pair has " + std::to_string(out.size()) +
                         " neighbouring sites, not 18");
  return out;
}

/// The 8 permutations of the 18 sites that map the pair {i, j} of the reference bond onto itself.
std::array<std::array<std::uint8_t, HopEnvironmentIndex::kSites>, HopEnvironmentIndex::kPairSymmetries>
pairPermutations() {
  const CubicVec bond = kDirections[0];
  const CubicVec minus_bond = kOrigin - bond;
  const std::vector<CubicVec> offsets = referenceOffsets();
  std::array<std::array<std::uint8_t, HopEnvironmentIndex::kSites>, HopEnvironmentIndex::kPairSymmetries> perms{};
  int g = 0;
  for (const lattice::CubicOp& op : lattice::cubicSymmetries()) {
    // u ↦ op(u) if op fixes the bond; u ↦ bond + op(u) if op reverses it (i and j swap).
    const bool fixes = op(bond) == bond;
    if (!fixes && !(op(bond) == minus_bond)) continue;
    if (g == HopEnvironmentIndex::kPairSymmetries)
      throw InvariantError("HopEnvironmentIndex: more than 8 symmetries map a bond's pair onto itself");
    for (int k = 0; k < HopEnvironmentIndex::kSites; ++k) {
      const CubicVec image = fixes ? op(offsets[k]) : bond + op(offsets[k]);
      const int to = lattice::bondEnvironmentIndex(offsets, image);
      if (to < 0) throw InvariantError("HopEnvironmentIndex: a symmetry of the pair leaves its environment");
      perms[g][k] = static_cast<std::uint8_t>(to);
    }
    ++g;
  }
  if (g != HopEnvironmentIndex::kPairSymmetries)
    throw InvariantError("HopEnvironmentIndex: fewer than 8 symmetries map a bond's pair onto itself");
  return perms;
}

const auto& permutations() {
  static const auto perms = pairPermutations();
  return perms;
}

std::uint32_t image(std::uint32_t bits, const std::array<std::uint8_t, HopEnvironmentIndex::kSites>& perm) {
  std::uint32_t out = 0;
  for (int k = 0; k < HopEnvironmentIndex::kSites; ++k)
    if ((bits >> k) & 1u) out |= 1u << perm[static_cast<std::size_t>(k)];
  return out;
}

}  // namespace

std::uint32_t HopEnvironmentIndex::pairKey(std::uint32_t bits) {
  std::uint32_t best = ~0u;
  for (const auto& perm : permutations()) best = std::min(best, image(bits, perm));
  return best;
}

HopEnvironmentIndex::Class HopEnvironmentIndex::classOf(std::uint32_t bits) {
  static const std::array<std::uint32_t, 2> masks = [] {
    const CubicVec bond = kDirections[0];
    const std::vector<CubicVec> offsets = referenceOffsets();
    std::array<std::uint32_t, 2> m{};  // i's neighbours, j's neighbours
    for (int k = 0; k < kSites; ++k)
      for (const CubicVec& e : kDirections) {
        if (offsets[static_cast<std::size_t>(k)] == e) m[0] |= 1u << k;
        if (offsets[static_cast<std::size_t>(k)] == bond + e) m[1] |= 1u << k;
      }
    return m;
  }();
  return {std::popcount(bits & masks[0]), std::popcount(bits & masks[1]), std::popcount(bits & masks[0] & masks[1])};
}

HopEnvironmentIndex::HopEnvironmentIndex(const std::vector<std::uint32_t>& keys)
    : from_i_(std::size_t{kNeighbourCount} << 12, 0u),
      from_j_(std::size_t{kNeighbourCount} << 12, 0u),
      entry_(std::size_t{1} << kSites, kNoEntry) {
  const std::vector<CubicVec> offsets = referenceOffsets();
  const std::vector<lattice::CubicOp>& ops = lattice::cubicSymmetries();
  for (int d = 0; d < kNeighbourCount; ++d) {
    // Any symmetry that carries bond d onto the reference bond: the pair key does not depend on which.
    const CubicVec bond = kDirections[static_cast<std::size_t>(d)];
    const auto to_reference =
        std::find_if(ops.begin(), ops.end(), [&](const lattice::CubicOp& op) { return op(bond) == kDirections[0]; });
    if (to_reference == ops.end()) throw InvariantError("HopEnvironmentIndex: no symmetry carries a bond onto bond 0");
    std::array<std::uint32_t, kNeighbourCount> bit_of_i{};  // neighbour m of i → its bit (0: j itself)
    std::array<std::uint32_t, kNeighbourCount> bit_of_j{};  // neighbour m of j → its bit (0: i itself)
    const auto bit_at = [&](const CubicVec& u) {
      const int k = lattice::bondEnvironmentIndex(offsets, (*to_reference)(u));
      if (k < 0) throw InvariantError("HopEnvironmentIndex: a neighbour of the pair is not among its 18 sites");
      return 1u << k;
    };
    for (int m = 0; m < kNeighbourCount; ++m) {
      const CubicVec e = kDirections[static_cast<std::size_t>(m)];
      if (m != d) bit_of_i[static_cast<std::size_t>(m)] = bit_at(e);
      if (!(bond + e == kOrigin)) bit_of_j[static_cast<std::size_t>(m)] = bit_at(bond + e);
    }
    for (std::uint32_t occ = 0; occ <= kMask12; ++occ) {
      std::uint32_t bi = 0;
      std::uint32_t bj = 0;
      for (int m = 0; m < kNeighbourCount; ++m)
        if ((occ >> m) & 1u) {
          bi |= bit_of_i[static_cast<std::size_t>(m)];
          bj |= bit_of_j[static_cast<std::size_t>(m)];
        }
      from_i_[(static_cast<std::size_t>(d) << 12) | occ] = bi;
      from_j_[(static_cast<std::size_t>(d) << 12) | occ] = bj;
    }
  }
  for (const std::uint32_t key : keys) {
    if (key >> kSites) throw InputError("hop environment key " + std::to_string(key) + " has bits beyond the 18 sites");
    const auto id = static_cast<std::int32_t>(entries_);
    for (const auto& perm : permutations()) {
      std::int32_t& slot = entry_[image(key, perm)];
      if (slot != kNoEntry && slot != id)
        throw InputError("hop environment keys " + std::to_string(keys[static_cast<std::size_t>(slot)]) + " and " +
                         std::to_string(key) + " are one environment");
      slot = id;
    }
    ++entries_;
  }
}

}  // namespace surfkmc::kmc
