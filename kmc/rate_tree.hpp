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
class RateTree {
 public:
  RateTree() = default;
  /// Room for `slots` leaves (rounded up to a power of two), all zero.
  explicit RateTree(std::int64_t slots);

  std::int64_t capacity() const { return capacity_; }
  double total() const { return node_[1]; }
  double leaf(std::int64_t slot) const { return node_[static_cast<std::size_t>(capacity_ + slot)]; }

  /// Sets leaf `slot` to `value` ≥ 0 and recomputes its ancestors.
  void set(std::int64_t slot, double value) {
    std::size_t p = static_cast<std::size_t>(capacity_ + slot);
    node_[p] = value;
    for (p >>= 1; p != 0; p >>= 1) node_[p] = node_[2 * p] + node_[2 * p + 1];
  }

  /// Selects the slot whose cumulative range holds `u` ∈ [0, total()); returns it and leaves in
  /// `u` the remainder, uniform in [0, leaf(slot)), so the caller can reuse it. Never returns a
  /// zero leaf while total() > 0, even when rounding puts `u` at a boundary.
  std::int64_t select(double& u) const {
    std::size_t p = 1;
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
  std::int64_t capacity_ = 0;
  std::vector<double> node_;
};

}  // namespace surfkmc::kmc
