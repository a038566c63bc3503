// SPDX-License-Identifier: MIT
// Mean ± standard error over independent replicas, for the kmc validation tests and programs.
#pragma once

#include <cmath>
#include <cstddef>

#include "core/statistics.hpp"

namespace surfkmc::kmc::testing {

struct MeanSe {
  double mean = 0.0;
  double se = 0.0;  // standard error of the mean: sample standard deviation / √n (0 for one run)
};

/// Mean and standard error of f(run) over `runs` (any sized range of independent replicas).
template <class Runs, class F>
MeanSe meanSe(const Runs& runs, F f) {
  const MeanStdErr s = meanStdErr(
      runs, [](const auto&) { return true; }, f);
  return {s.mean, s.n > 1 ? s.se : 0.0};
}

}  // namespace surfkmc::kmc::testing
