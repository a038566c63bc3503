// SPDX-License-Identifier: MIT
// Critical values for the statistical tests (χ² and Kolmogorov–Smirnov), deterministic seeds.
#pragma once

#include <cmath>
#include <vector>

namespace surfkmc::kmc::testing {

/// Upper quantile z_{1−α} of the standard normal for α = 1e-3.
inline constexpr double kZ999 = 3.090232306167813;

/// χ² critical value at significance α = 1e-3 for `dof` degrees of freedom, from the
/// Wilson–Hilferty cube-root normal approximation (accurate to < 1 % for dof ≥ 3).
inline double chiSquareCritical999(int dof) {
  const double k = dof;
  const double h = 2.0 / (9.0 * k);
  return k * std::pow(1.0 - h + kZ999 * std::sqrt(h), 3.0);
}

/// Kolmogorov–Smirnov critical value of D_n at α = 1e-3 for large n: K_{0.999} / √n with
/// K_{0.999} = 1.9495 (Kolmogorov's limiting law).
inline double ksCritical999(long n) { return 1.9495 / std::sqrt(static_cast<double>(n)); }

/// Pearson's χ² of the counts of `draws` draws against the law p_k = weight_k / norm.
inline double pearsonChiSquare(const std::vector<long>& count, const std::vector<double>& weight, double norm,
                               long draws) {
  double c = 0.0;
  for (std::size_t k = 0; k < count.size(); ++k) {
    const double e = static_cast<double>(draws) * weight[k] / norm;
    const double o = static_cast<double>(count[k]);
    c += (o - e) * (o - e) / e;
  }
  return c;
}

}  // namespace surfkmc::kmc::testing
