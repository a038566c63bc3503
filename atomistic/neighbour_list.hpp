// SPDX-License-Identifier: MIT
// Full neighbour lists within a cutoff, built with cell lists in O(N).
#pragma once

#include <vector>

namespace surfkmc::atomistic {

/// For each of the first `centres` particles, every other particle closer than the cutoff
/// (a full list, as the KIM API expects). Particles are open-boundary points: periodic images are
/// added by the caller as ghost particles.
class NeighbourList {
 public:
  /// @param xyz      coordinates x0 y0 z0 x1 ... [Å], `count` particles
  /// @param cutoff   neighbour distance [Å]
  /// @param centres  particles that get a list (the first `centres`)
  void build(const double* xyz, int count, double cutoff, int centres);

  int centres() const { return static_cast<int>(offsets_.size()) - 1; }
  int count(int i) const { return offsets_[i + 1] - offsets_[i]; }
  const int* neighbours(int i) const { return neighbours_.data() + offsets_[i]; }

 private:
  std::vector<int> offsets_{0};
  std::vector<int> neighbours_;
  std::vector<int> head_;
  std::vector<int> next_;
};

}  // namespace surfkmc::atomistic
