// SPDX-License-Identifier: MIT
#include "lattice/bond_environment.hpp"

#include <algorithm>
#include <tuple>

namespace surfkmc::lattice {
namespace {

bool lessCubic(const CubicVec& a, const CubicVec& b) { return std::tie(a.i, a.j, a.k) < std::tie(b.i, b.j, b.k); }

}  // namespace

const std::vector<CubicOp>& cubicSymmetries() {
  static const std::vector<CubicOp> ops = [] {
    std::vector<CubicOp> out;
    std::array<int, 3> perm{0, 1, 2};
    do {
      for (int s = 0; s < 8; ++s) out.push_back({perm, {(s & 1) ? -1 : 1, (s & 2) ? -1 : 1, (s & 4) ? -1 : 1}});
    } while (std::next_permutation(perm.begin(), perm.end()));
    return out;
  }();
  return ops;
}

std::vector<CubicVec> bondEnvironmentOffsets(const CubicVec& bond) {
  std::vector<CubicVec> out;
  for (const CubicVec& e : kDirections) {
    if (!(e == bond)) out.push_back(e);
    if (!(bond + e == CubicVec{0, 0, 0})) out.push_back(bond + e);
  }
  std::sort(out.begin(), out.end(), lessCubic);
  out.erase(std::unique(out.begin(), out.end()), out.end());
  return out;
}

int bondEnvironmentIndex(const std::vector<CubicVec>& sorted, const CubicVec& v) {
  const auto at = std::lower_bound(sorted.begin(), sorted.end(), v, lessCubic);
  return (at != sorted.end() && *at == v) ? static_cast<int>(at - sorted.begin()) : -1;
}

}  // namespace surfkmc::lattice
