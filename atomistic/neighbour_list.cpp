// SPDX-License-Identifier: MIT
// Cell-list neighbour search: cells of edge >= cutoff, so neighbours lie in the 27 surrounding cells.
#include "atomistic/neighbour_list.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <limits>

#include "core/error.hpp"

namespace surfkmc::atomistic {

void NeighbourList::build(const double* xyz, int count, double cutoff, int centres) {
  require(cutoff > 0.0 && centres >= 0 && centres <= count, "NeighbourList: bad cutoff or centre count");
  std::array<double, 3> lo{}, hi{};
  lo.fill(std::numeric_limits<double>::infinity());
  hi.fill(-std::numeric_limits<double>::infinity());
  for (int i = 0; i < count; ++i)
    for (int k = 0; k < 3; ++k) {
      lo[k] = std::min(lo[k], xyz[3 * i + k]);
      hi[k] = std::max(hi[k], xyz[3 * i + k]);
    }
  std::array<int, 3> n{1, 1, 1};
  for (int k = 0; k < 3 && count > 0; ++k)
    n[k] = std::clamp(static_cast<int>(std::floor((hi[k] - lo[k]) / cutoff)), 1, 1024);
  std::array<double, 3> inv{};
  for (int k = 0; k < 3; ++k) inv[k] = count > 0 && hi[k] > lo[k] ? n[k] / (hi[k] - lo[k]) : 0.0;
  const auto cellCoord = [&](int i, int k) {
    return std::min(n[k] - 1, static_cast<int>((xyz[3 * i + k] - lo[k]) * inv[k]));
  };
  head_.assign(static_cast<std::size_t>(n[0]) * n[1] * n[2], -1);
  next_.assign(static_cast<std::size_t>(count), -1);
  for (int i = count - 1; i >= 0; --i) {
    const int c = (cellCoord(i, 0) * n[1] + cellCoord(i, 1)) * n[2] + cellCoord(i, 2);
    next_[i] = head_[c];
    head_[c] = i;
  }
  const double rc2 = cutoff * cutoff;
  offsets_.assign(1, 0);
  neighbours_.clear();
  for (int i = 0; i < centres; ++i) {
    const int ci = cellCoord(i, 0), cj = cellCoord(i, 1), ck = cellCoord(i, 2);
    for (int a = std::max(ci - 1, 0); a <= std::min(ci + 1, n[0] - 1); ++a)
      for (int b = std::max(cj - 1, 0); b <= std::min(cj + 1, n[1] - 1); ++b)
        for (int c = std::max(ck - 1, 0); c <= std::min(ck + 1, n[2] - 1); ++c)
          for (int j = head_[(a * n[1] + b) * n[2] + c]; j >= 0; j = next_[j]) {
            if (j == i) continue;
            const double dx = xyz[3 * j] - xyz[3 * i], dy = xyz[3 * j + 1] - xyz[3 * i + 1],
                         dz = xyz[3 * j + 2] - xyz[3 * i + 2];
            if (dx * dx + dy * dy + dz * dz < rc2) neighbours_.push_back(j);
          }
    offsets_.push_back(static_cast<int>(neighbours_.size()));
  }
}

}  // namespace surfkmc::atomistic
