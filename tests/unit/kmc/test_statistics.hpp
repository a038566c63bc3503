// SPDX-License-Identifier: MIT
// Mean ± standard error over independent replicas, for the kmc validation tests and programs.
#pragma once

#include <cmath>
#include <cstddef>

namespace surfkmc::kmc::testing {

struct MeanSe {
  double mean = 0.0;
  double se = 0.0;  // standard error of the mean: sample standard deviation / √n (0 for one run)
};

/// Mean and standard error of f(run) over `runs` (any sized range of independent replicas).
template <class Runs, class F>
MeanSe meanSe(const Runs& runs, F f) {
  MeanSe m;
  const double n = static_cast<double>(runs.size());
  for (const auto& r : runs) m.mean += f(r) / n;
  double var = 0.0;
  for (const auto& r : runs) var += (f(r) - m.mean) * (f(r) - m.mean);
  m.se = runs.size() > 1 ? std::sqrt(var / (n - 1.0) / n) : 0.0;
  return m;
}

}  // namespace surfkmc::kmc::testing
