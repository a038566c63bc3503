// SPDX-License-Identifier: MIT
// Event selection by a sum tree over the keys with a non-zero rate, behind the selector interface.
#pragma once

#include <cstdint>
#include <vector>

#include "core/random_stream.hpp"
#include "kmc/rate_tree.hpp"

namespace surfkmc {
class BinaryWriter;
class BinaryReader;
}  // namespace surfkmc

namespace surfkmc::kmc {

/// The keys with a non-zero rate packed into slots 0 .. size() − 1 of a RateTree (swap-remove on
/// zero, append on non-zero), with the two maps between key and slot. The same interface as
/// CompositionRejection, so Engine takes either: O(log size()) updates and selection, and totals
/// that are the exact tree sum of the current rates (no running sums, so resum() has nothing to do).
class TreeSelector {
 public:
  TreeSelector() = default;
  /// Keys 0 .. keys − 1, all with rate 0; room for `max_nonzero` non-zero rates at once (the tree
  /// is sized for them, so its shape, and with it every sum, depends on this number).
  TreeSelector(std::int64_t keys, std::int64_t max_nonzero) { reset(keys, max_nonzero); }

  /// Sets the rate of `key` (≥ 0; 0 removes it). Inline: the engine calls it ~30 times an event.
  void set(std::int64_t key, double rate) {
    const std::int32_t slot = slot_of_key_[static_cast<std::size_t>(key)];
    if (slot >= 0) {
      if (rate == tree_.leaf(slot)) return;
      if (rate > 0.0) {
        tree_.set(slot, rate);
        return;
      }
      remove(key, slot);
      return;
    }
    if (rate == 0.0) return;
    const auto fresh = static_cast<std::int32_t>(count_++);
    key_of_slot_[static_cast<std::size_t>(fresh)] = static_cast<std::int32_t>(key);
    slot_of_key_[static_cast<std::size_t>(key)] = fresh;
    tree_.set(fresh, rate);
  }
  double rate(std::int64_t key) const {
    const std::int32_t slot = slot_of_key_[static_cast<std::size_t>(key)];
    return slot < 0 ? 0.0 : tree_.leaf(slot);
  }
  /// Sum of all rates: the exact tree sum.
  double total() const { return tree_.total(); }
  /// Number of keys with a non-zero rate.
  std::int64_t size() const { return count_; }

  /// Draws a key with probability rate / total from one uniform; `residual` gets the remainder of
  /// that uniform, uniform in [0, rate(key)), for the caller to reuse. Requires size() > 0.
  std::int64_t select(RandomStream& rng, double& residual) const {
    residual = rng.uniform() * tree_.total();
    return key_of_slot_[static_cast<std::size_t>(tree_.select(residual))];
  }

  /// Calls f(key) for every key with a non-zero rate, in slot order; f must not call set().
  template <class F>
  void forEachKey(F&& f) const {
    for (std::int64_t slot = 0; slot < count_; ++slot)
      f(static_cast<std::int64_t>(key_of_slot_[static_cast<std::size_t>(slot)]));
  }

  /// Sets every rate to 0 for `keys` keys, with room for `max_nonzero` non-zero ones.
  void reset(std::int64_t keys, std::int64_t max_nonzero);
  /// Nothing to re-add: the tree recomputes every parent on update.
  void resum() {}

  /// Throws RuntimeError unless the two maps are inverse and every slot past size() is zero (for
  /// the engine's checking mode).
  void verify() const;

  std::size_t bytes() const;

  /// Writes the tree node for node and both maps: the slot order decides which key a uniform picks,
  /// so it is copied, not rebuilt.
  void saveState(BinaryWriter& out) const;
  /// Restores what saveState() wrote for the same keys and room; throws InputError if it does not fit.
  void restoreState(BinaryReader& in);

 private:
  // Swap-remove keeps the non-zero keys in slots 0 .. count_ − 1.
  void remove(std::int64_t key, std::int32_t slot);

  RateTree tree_;
  std::vector<std::int32_t> slot_of_key_;  // −1 for a zero rate
  // Past count_ a slot holds keys − 1, the last key (the engine's sentinel site, never mobile).
  std::vector<std::int32_t> key_of_slot_;
  std::int64_t count_ = 0;
};

}  // namespace surfkmc::kmc
