// SPDX-License-Identifier: MIT
// `--shard I/N`: a fixed share of a sweep's tasks, for cluster job arrays (docs/cluster.md).
#pragma once

#include <cstddef>
#include <string>

namespace surfkmc::app {

/// Share `index` of `count` (0 ≤ index < count) of a sweep's (point, replica) tasks: those whose
/// place in the sweep's fixed task order (longest first) is index, index + count, index + 2 count, …
/// The shares are disjoint and together hold every task, so N array tasks cover the sweep once.
struct SweepShard {
  std::size_t index = 0;
  std::size_t count = 1;

  /// Whether the task at `position` in the sweep's task order belongs to this share.
  bool holds(std::size_t position) const { return position % count == index; }
  /// `I/N`, as given on the command line.
  std::string text() const;
};

/// Parses `I/N` (decimal, 0 ≤ I < N, e.g. `0/4`). Throws InputError naming --shard otherwise.
SweepShard parseSweepShard(const std::string& text);

}  // namespace surfkmc::app
