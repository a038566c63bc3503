// SPDX-License-Identifier: MIT
// A binary sum tree over slots: O(log N) update and selection, no drift (nodes are recomputed).
#pragma once

#include <cstdint>
#include <vector>

namespace surfkmc {
class BinaryWriter;
class BinaryReader;
}  // namespace surfkmc

namespace surfkmc::kmc {

/// Complete binary tree in one array (root 1, children 2p and 2p + 1, leaves from `capacity`):
/// the Blue–Beichl–Sullivan (PRE 51, R867, 1995) sum tree. Each parent is recomputed as the
/// sum of its two children on every update, never adjusted by a difference, so the total is
/// always the exact tree sum of the current leaves and cannot drift over billions of events.
///
/// Only the leftmost subtree that covers the slots in use is live: updates stop at its root and
/// selection starts there, so a tree sized for all atoms but filled from slot 0 (the engine keeps
/// its mobile atoms in slots 0 .. m − 1 and reports m through trim()) costs log2(m) levels, not
/// log2(capacity). The nodes above the live root would only add zeros (x + 0 = x), so totals and
/// selections are the same as for the whole tree.
class RateTree {
 public:
  RateTree() = default;
  /// Room for `slots` leaves (rounded up to a power of two), all zero.
  explicit RateTree(std::int64_t slots);

  std::int64_t capacity() const { return capacity_; }
  double total() const { return node_[root_]; }
  double leaf(std::int64_t slot) const { return node_[static_cast<std::size_t>(capacity_ + slot)]; }

  /// Sets leaf `slot` to `value` ≥ 0 and recomputes its ancestors.
  void set(std::int64_t slot, double value) {
    if (slot >= span_) grow(slot);
    std::size_t p = static_cast<std::size_t>(capacity_ + slot);
    node_[p] = value;
    // Parent = sum of the two children (IEEE addition commutes, so the sibling order is moot).
    for (; p > root_; p >>= 1) {
      value += node_[p ^ 1];
      node_[p >> 1] = value;
    }
  }

  /// Declares every slot from `used` on to be zero (the caller's promise) and lowers the live root
  /// to the smallest subtree that holds slots 0 .. used − 1: O(levels dropped). The zero slots keep
  /// exact zero sums above them, so a later set() there raises the root again correctly.
  void trim(std::int64_t used) {
    while (span_ > 1 && used <= span_ / 2) {
      root_ *= 2;
      span_ /= 2;
    }
  }

  /// Selects the slot whose cumulative range holds `u` ∈ [0, total()); returns it and leaves in
  /// `u` the remainder, uniform in [0, leaf(slot)), so the caller can reuse it. Never returns a
  /// zero leaf while total() > 0, even when rounding puts `u` at a boundary.
  std::int64_t select(double& u) const {
    std::size_t p = root_;
    const std::size_t cap = static_cast<std::size_t>(capacity_);
    while (p < cap) {
      const double left = node_[2 * p];
      if ((u < left || node_[2 * p + 1] == 0.0) && left > 0.0) {
        p = 2 * p;
      } else {
        u -= left;
        p = 2 * p + 1;
      }
    }
    const double value = node_[p];
    if (u >= value) u = value * 0.9999999999999999;
    if (u < 0.0) u = 0.0;
    return static_cast<std::int64_t>(p - cap);
  }

  /// Heap bytes.
  std::size_t bytes() const { return node_.capacity() * sizeof(double); }

  /// Writes every node; restoreState() reads them back into a tree of the same capacity (InputError
  /// otherwise).
  void saveState(BinaryWriter& out) const;
  void restoreState(BinaryReader& in);

 private:
  // Raises the live root until it covers `slot` (its new nodes sum a live subtree and zeros).
  void grow(std::int64_t slot) {
    while (slot >= span_ && root_ > 1) {
      root_ >>= 1;
      span_ *= 2;
      node_[root_] = node_[2 * root_] + node_[2 * root_ + 1];
    }
  }

  std::int64_t capacity_ = 0;
  // Live root node and the number of leaves under it (slots 0 .. span_ − 1).
  std::size_t root_ = 1;
  std::int64_t span_ = 1;
  std::vector<double> node_;
};

}  // namespace surfkmc::kmc
