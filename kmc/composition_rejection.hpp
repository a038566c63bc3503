// SPDX-License-Identifier: MIT
// Composition–rejection event selection (Slepoy, Thompson, Plimpton, J. Chem. Phys. 128, 205101, 2008).
#pragma once

#include <array>
#include <cstdint>
#include <cstring>
#include <vector>

#include "core/random_stream.hpp"

namespace surfkmc {
class BinaryWriter;
class BinaryReader;
}  // namespace surfkmc

namespace surfkmc::kmc {

/// Rates grouped by binary exponent: group g holds the keys with rate in [2^(g−1023), 2^(g−1022))
/// (g = the biased IEEE exponent). Selection picks a group by a linear scan of the group sums from
/// the top (the largest groups hold nearly all the weight, so the scan is short), then a member
/// uniformly and accepts it with probability rate / 2^(g−1022) ≥ 1/2, retrying *within the same
/// group* on rejection (redrawing the group would bias the law by each group's acceptance ratio).
/// Updates are O(1). The group sums are running sums, so they are re-added from their members
/// every kResumInterval updates to stop rounding drift.
class CompositionRejection {
 public:
  static constexpr std::int64_t kResumInterval = 1 << 16;

  CompositionRejection() = default;
  /// Keys 0 .. keys − 1, all with rate 0.
  explicit CompositionRejection(std::int64_t keys);

  /// Sets the rate of `key` (≥ 0; 0 removes it). Inline: the engine calls it ~30 times an event
  /// and most calls stay in their group.
  void set(std::int64_t key, double rate) {
    Slot& slot = slot_[static_cast<std::size_t>(key)];
    const int new_group = rate > 0.0 ? groupOf(rate) : -1;
    if (slot.group == new_group) {
      if (new_group < 0) return;
      Group& g = groups_[static_cast<std::size_t>(new_group)];
      Member& m = g.members[static_cast<std::size_t>(slot.pos)];
      const double delta = rate - m.rate;
      g.sum += delta;
      total_ += delta;
      m.rate = rate;
    } else {
      move(key, slot, new_group, rate);
    }
    if (++updates_ >= kResumInterval) resum();
  }
  double rate(std::int64_t key) const {
    const Slot slot = slot_[static_cast<std::size_t>(key)];
    return slot.group < 0
               ? 0.0
               : groups_[static_cast<std::size_t>(slot.group)].members[static_cast<std::size_t>(slot.pos)].rate;
  }
  /// Sum of all rates (a running sum, exact to rounding since the last resum()).
  double total() const { return count_ == 0 ? 0.0 : total_; }
  /// Number of keys with a non-zero rate.
  std::int64_t size() const { return count_; }

  /// Draws a key with probability rate / total; `residual` gets a value uniform in [0, rate(key))
  /// from the accepting draw, for the caller to reuse. Requires size() > 0.
  std::int64_t select(RandomStream& rng, double& residual) const;

  /// Calls f(key) for every key with a non-zero rate (O(size + groups)); f must not call set().
  template <class F>
  void forEachKey(F&& f) const {
    for (int g = 0; g <= top_; ++g)
      for (const Member& m : groups_[static_cast<std::size_t>(g)].members) f(static_cast<std::int64_t>(m.key));
  }

  /// Sets every rate to 0 for `keys` keys, keeping the group storage (no reallocation).
  void reset(std::int64_t keys);

  /// Re-adds every group sum and the total from the members.
  void resum();

  std::size_t bytes() const;

  /// Writes the complete state: every group's members in their order and the running sums as they
  /// are (not recomputed), so a restored selector draws exactly what this one would.
  void saveState(BinaryWriter& out) const;
  /// Replaces the state by one saveState() wrote for the same number of keys; throws InputError if
  /// it does not fit.
  void restoreState(BinaryReader& in);

 private:
  struct Member {
    double rate;
    std::int32_t key;
  };
  struct Group {
    std::vector<Member> members;
    double sum = 0.0;
  };
  // Where a key's member lives: group (−1 if the rate is 0) and position in it; one load per set().
  struct Slot {
    std::int32_t pos = -1;
    std::int32_t group = -1;
  };
  static constexpr int kGroups = 2048;

  static int groupOf(double rate) {
    std::uint64_t bits = 0;
    std::memcpy(&bits, &rate, sizeof bits);
    return static_cast<int>((bits >> 52) & 0x7FF);
  }
  void move(std::int64_t key, Slot& slot, int new_group, double rate);
  void lowerTop();

  std::vector<Group> groups_;
  std::array<double, kGroups> upper_{};
  std::vector<Slot> slot_;
  int top_ = -1;
  double total_ = 0.0;
  std::int64_t count_ = 0;
  std::int64_t updates_ = 0;
};

// A key changes group: swap-remove it from the old one, append it to the new one.
inline void CompositionRejection::move(std::int64_t key, Slot& slot, int new_group, double rate) {
  if (slot.group >= 0) {
    Group& group = groups_[static_cast<std::size_t>(slot.group)];
    Member* members = group.members.data();
    const std::size_t pos = static_cast<std::size_t>(slot.pos);
    const double old_rate = members[pos].rate;
    const Member last = group.members.back();
    members[pos] = last;
    slot_[static_cast<std::size_t>(last.key)].pos = slot.pos;
    group.members.pop_back();
    --count_;
    total_ -= old_rate;
    if (group.members.empty()) {
      group.sum = 0.0;  // an empty group carries no drift
      if (slot.group == top_) lowerTop();
    } else {
      group.sum -= old_rate;
    }
    if (count_ == 0) total_ = 0.0;
  }
  slot.group = new_group;
  if (new_group < 0) {
    slot.pos = -1;
    return;
  }
  Group& group = groups_[static_cast<std::size_t>(new_group)];
  slot.pos = static_cast<std::int32_t>(group.members.size());
  group.members.push_back({rate, static_cast<std::int32_t>(key)});
  group.sum += rate;
  total_ += rate;
  ++count_;
  if (new_group > top_) top_ = new_group;
}

}  // namespace surfkmc::kmc
