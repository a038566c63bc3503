// SPDX-License-Identifier: MIT
// The geometry of a nearest-neighbour pair's environment on the FCC lattice: the lattice's point symmetries and the
// 18 sites next to either end of a bond. atomistic::HopEnvironments (the keys the hop files store) and
// kmc::HopEnvironmentIndex (the engine's entries) both build on it, so the two agree on every key by construction.
#pragma once

#include <array>
#include <vector>

#include "lattice/frame.hpp"

namespace surfkmc::lattice {

/// A point symmetry of the FCC lattice: a signed permutation of the cubic axes, component c of the image being
/// sign[c] · v[axis[c]].
struct CubicOp {
  std::array<int, 3> axis{};
  std::array<int, 3> sign{};
  CubicVec operator()(const CubicVec& v) const {
    const std::array<int, 3> c{v.i, v.j, v.k};
    return {sign[0] * c[axis[0]], sign[1] * c[axis[1]], sign[2] * c[axis[2]]};
  }
};

/// The 48 point symmetries, in a fixed order (axis permutations in lexicographic order, then the 8 sign patterns,
/// the x sign in bit 0).
const std::vector<CubicOp>& cubicSymmetries();

/// Sites next to i or j of a nearest-neighbour pair, without i and j.
inline constexpr int kBondEnvironmentSites = 18;

/// The offsets from i (at the origin) of the sites next to i or to j = i + bond, without i and j, in sorted
/// (i, j, k) order: kBondEnvironmentSites of them for a nearest-neighbour bond.
std::vector<CubicVec> bondEnvironmentOffsets(const CubicVec& bond);

/// The index of `v` in offsets sorted as bondEnvironmentOffsets sorts them, or −1.
int bondEnvironmentIndex(const std::vector<CubicVec>& sorted, const CubicVec& v);

}  // namespace surfkmc::lattice
