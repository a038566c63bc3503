// SPDX-License-Identifier: MIT
// Composition–rejection: bookkeeping, and selection frequencies ∝ rate, with the retry-in-group rule.
#include "kmc/composition_rejection.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <vector>

#include "stats_helpers.hpp"

namespace surfkmc::kmc {
namespace {

TEST(CompositionRejection, TracksRatesAcrossGroupsAndEmptiesCleanly) {
  CompositionRejection cr(10);
  cr.set(3, 1.5);
  cr.set(7, 0.3);
  cr.set(3, 0.2);  // moves group
  cr.set(9, 1e-300);
  EXPECT_EQ(cr.size(), 3);
  EXPECT_EQ(cr.rate(3), 0.2);
  EXPECT_NEAR(cr.total(), 0.5, 1e-15);
  cr.set(7, 0.0);
  cr.set(3, 0.0);
  cr.set(9, 0.0);
  EXPECT_EQ(cr.size(), 0);
  EXPECT_EQ(cr.total(), 0.0);
  cr.set(4, 2.0);
  RandomStream rng(1, StreamId::kTest);
  double residual = -1.0;
  EXPECT_EQ(cr.select(rng, residual), 4);
  EXPECT_GE(residual, 0.0);
  EXPECT_LT(residual, 2.0);
}

// Probability of key k must be r_k / R. A common bug draws a *new group* after a rejection; each
// attempt then returns k with probability (S_g/R)(1/n_g)(r_k/2^e_g), so the law becomes
// p_k ∝ r_k · A_g with A_g = S_g / (n_g 2^e_g) ∈ [1/2, 1) the group's acceptance ratio. The rates
// below put one group near A = 0.53 and another near A = 0.97, so the biased law differs from the
// true one by ~30 % on whole groups. With N = 1e6 draws, Pearson's χ² of the counts against the
// true law must pass at α = 1e-3, and the same counts must fail against the biased law (that is
// the power check: a biased selector would produce counts matching the biased law instead, and the
// χ² distance between the two laws, N Σ (p − q)²/p, is in the thousands, far above the critical value).
TEST(CompositionRejection, SelectionFrequenciesAreProportionalToRates) {
  std::vector<double> rate;
  for (int k = 0; k < 12; ++k) rate.push_back(1.02 + 0.01 * k);      // group [1, 2): A ≈ 0.53
  for (int k = 0; k < 12; ++k) rate.push_back(0.245 - 0.001 * k);    // group [1/8, 1/4): A ≈ 0.95
  for (int k = 0; k < 6; ++k) rate.push_back(3.0e-3 * (1 + k % 3));  // small groups
  const int n = static_cast<int>(rate.size());
  CompositionRejection cr(n);
  for (int k = 0; k < n; ++k) cr.set(k, rate[static_cast<std::size_t>(k)]);
  double total = 0.0;
  for (double r : rate) total += r;

  // The biased law, computed from the same power-of-two groups.
  std::vector<double> biased(static_cast<std::size_t>(n));
  double biased_total = 0.0;
  for (int k = 0; k < n; ++k) {
    int e = 0;
    std::frexp(rate[static_cast<std::size_t>(k)], &e);  // r ∈ [2^(e−1), 2^e)
    double sum = 0.0;
    int members = 0;
    for (double r : rate) {
      int f = 0;
      std::frexp(r, &f);
      if (f == e) {
        sum += r;
        ++members;
      }
    }
    biased[static_cast<std::size_t>(k)] = rate[static_cast<std::size_t>(k)] * sum / (members * std::ldexp(1.0, e));
    biased_total += biased[static_cast<std::size_t>(k)];
  }

  RandomStream rng(12, StreamId::kTest);
  constexpr long kDraws = 1'000'000;
  std::vector<long> count(static_cast<std::size_t>(n), 0);
  for (long d = 0; d < kDraws; ++d) {
    double residual = 0.0;
    const auto key = cr.select(rng, residual);
    ASSERT_LT(residual, rate[static_cast<std::size_t>(key)]);
    ++count[static_cast<std::size_t>(key)];
  }
  const double crit = testing::chiSquareCritical999(n - 1);
  EXPECT_LT(testing::pearsonChiSquare(count, rate, total, kDraws), crit);
  EXPECT_GT(testing::pearsonChiSquare(count, biased, biased_total, kDraws), crit);
}

// Running group sums are re-added every kResumInterval updates: after many updates the total
// equals the exact sum to rounding.
TEST(CompositionRejection, RunningTotalStaysAccurateOverManyUpdates) {
  constexpr int kKeys = 1000;
  CompositionRejection cr(kKeys);
  RandomStream rng(3, StreamId::kTest);
  std::vector<double> rate(kKeys, 0.0);
  for (long u = 0; u < 3 * CompositionRejection::kResumInterval + 17; ++u) {
    const auto k = static_cast<int>(rng.below(kKeys));
    rate[static_cast<std::size_t>(k)] = rng.uniform() < 0.1 ? 0.0 : std::pow(10.0, 6.0 * rng.uniform() - 3.0);
    cr.set(k, rate[static_cast<std::size_t>(k)]);
  }
  double exact = 0.0;
  for (double r : rate) exact += r;
  EXPECT_NEAR(cr.total() / exact, 1.0, 1e-12);
}

}  // namespace
}  // namespace surfkmc::kmc
