// SPDX-License-Identifier: MIT
// Composition–rejection event selection.
#include "kmc/composition_rejection.hpp"

#include <algorithm>
#include <cmath>

#include "core/error.hpp"

namespace surfkmc::kmc {

CompositionRejection::CompositionRejection(std::int64_t keys) { reset(keys); }

void CompositionRejection::reset(std::int64_t keys) {
  require(keys >= 0 && keys < INT32_MAX, "CompositionRejection: key count out of range");
  if (groups_.size() != static_cast<std::size_t>(kGroups)) {
    groups_.assign(kGroups, Group{});
    // Group 0 (subnormal rates) is bounded by the smallest normal number.
    for (int g = 0; g < kGroups; ++g) upper_[static_cast<std::size_t>(g)] = std::ldexp(1.0, std::max(g, 1) - 1022);
  }
  for (int g = 0; g <= top_; ++g) {  // groups above top_ are empty already
    groups_[static_cast<std::size_t>(g)].members.clear();
    groups_[static_cast<std::size_t>(g)].sum = 0.0;
  }
  slot_.assign(static_cast<std::size_t>(keys), Slot{});
  top_ = -1;
  total_ = 0.0;
  count_ = 0;
  updates_ = 0;
}

// The top group just emptied: find the highest non-empty one (a short scan, rare).
void CompositionRejection::lowerTop() {
  while (top_ >= 0 && groups_[static_cast<std::size_t>(top_)].members.empty()) --top_;
}

std::int64_t CompositionRejection::select(RandomStream& rng, double& residual) const {
  // Composition: the group by its share of the total, scanning down from the largest rates.
  double u = rng.uniform() * total_;
  int chosen = -1;
  for (int g = top_; g >= 0; --g) {
    const Group& group = groups_[static_cast<std::size_t>(g)];
    if (group.members.empty()) continue;
    chosen = g;
    if (u < group.sum) break;
    u -= group.sum;
  }
  // Rejection, within the chosen group only.
  const Group& group = groups_[static_cast<std::size_t>(chosen)];
  const double upper = upper_[static_cast<std::size_t>(chosen)];
  const std::uint64_t n = group.members.size();
  for (;;) {
    const Member& m = group.members[static_cast<std::size_t>(n == 1 ? 0 : rng.below(n))];
    const double r = rng.uniform() * upper;
    if (r < m.rate) {
      residual = r;
      return m.key;
    }
  }
}

void CompositionRejection::resum() {
  total_ = 0.0;
  for (int g = 0; g <= top_; ++g) {
    Group& group = groups_[static_cast<std::size_t>(g)];
    double s = 0.0;
    for (const Member& m : group.members) s += m.rate;
    group.sum = s;
    total_ += s;
  }
  updates_ = 0;
}

std::size_t CompositionRejection::bytes() const {
  std::size_t b = groups_.capacity() * sizeof(Group) + slot_.capacity() * sizeof(Slot);
  for (const Group& g : groups_) b += g.members.capacity() * sizeof(Member);
  return b;
}

}  // namespace surfkmc::kmc
