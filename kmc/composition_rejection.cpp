// SPDX-License-Identifier: MIT
// Composition–rejection event selection.
#include "kmc/composition_rejection.hpp"

#include <algorithm>
#include <cmath>

#include "core/binary_reader.hpp"
#include "core/binary_writer.hpp"
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

void CompositionRejection::saveState(BinaryWriter& out) const {
  out.writeTag("CRSL");
  out.write(static_cast<std::int64_t>(slot_.size()));
  out.write(top_);
  out.write(total_);
  out.write(count_);
  out.write(updates_);
  for (int g = 0; g <= top_; ++g) {
    const Group& group = groups_[static_cast<std::size_t>(g)];
    out.write(group.sum);
    out.write(static_cast<std::uint64_t>(group.members.size()));
    for (const Member& m : group.members) {
      out.write(m.rate);
      out.write(m.key);
    }
  }
}

void CompositionRejection::restoreState(BinaryReader& in) {
  in.expectTag("CRSL");
  const auto keys = in.read<std::int64_t>();
  if (keys != static_cast<std::int64_t>(slot_.size()))
    in.fail("the selector has " + std::to_string(keys) + " keys, this one " + std::to_string(slot_.size()));
  const int top = in.read<int>();
  if (top < -1 || top >= kGroups) in.fail("bad selector group");
  reset(keys);
  top_ = top;
  total_ = in.read<double>();
  const auto count = in.read<std::int64_t>();
  updates_ = in.read<std::int64_t>();
  for (int g = 0; g <= top_; ++g) {
    Group& group = groups_[static_cast<std::size_t>(g)];
    group.sum = in.read<double>();
    const auto n = in.read<std::uint64_t>();
    if (n > static_cast<std::uint64_t>(keys)) in.fail("bad selector group size");
    group.members.reserve(static_cast<std::size_t>(n));
    for (std::uint64_t i = 0; i < n; ++i) {
      const auto rate = in.read<double>();
      const auto key = in.read<std::int32_t>();
      if (key < 0 || key >= keys || slot_[static_cast<std::size_t>(key)].group >= 0 || !(rate > 0.0) ||
          groupOf(rate) != g)
        in.fail("bad selector entry for key " + std::to_string(key));
      Slot& slot = slot_[static_cast<std::size_t>(key)];
      slot.group = g;
      slot.pos = static_cast<std::int32_t>(group.members.size());
      group.members.push_back({rate, key});
      ++count_;
    }
  }
  if (count != count_) in.fail("selector member count does not add up");
}

}  // namespace surfkmc::kmc
