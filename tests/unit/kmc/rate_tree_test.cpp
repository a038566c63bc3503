// SPDX-License-Identifier: MIT
// The sum tree: exact totals, updates, and selection frequencies proportional to the leaves.
#include "kmc/rate_tree.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <vector>

#include "core/random_stream.hpp"
#include "stats_helpers.hpp"

namespace surfkmc::kmc {
namespace {

TEST(RateTree, TotalIsTheSumOfLeavesAfterUpdates) {
  RateTree tree(5);
  EXPECT_EQ(tree.capacity(), 8);
  tree.set(0, 1.5);
  tree.set(4, 2.25);
  tree.set(2, 0.25);
  EXPECT_EQ(tree.total(), 4.0);
  tree.set(4, 0.0);
  EXPECT_EQ(tree.total(), 1.75);
  EXPECT_EQ(tree.leaf(2), 0.25);
  RateTree one(1);
  one.set(0, 3.0);
  double u = 2.0;
  EXPECT_EQ(one.select(u), 0);
  EXPECT_EQ(u, 2.0);
}

TEST(RateTree, SelectionNeverLandsOnAZeroLeafAtTheEdges) {
  RateTree tree(8);
  tree.set(1, 1.0);
  tree.set(6, 1.0e-17);
  for (double u0 : {0.0, 0.5, 1.0 - 1e-16, 1.0 + 0.5e-17, 1.0 + 1e-17}) {
    double u = u0;
    const auto slot = tree.select(u);
    EXPECT_TRUE(slot == 1 || slot == 6) << u0;
    EXPECT_GE(u, 0.0);
    EXPECT_LT(u, tree.leaf(slot));
  }
}

// Selection must pick slot k with probability r_k / R. Pearson's χ² over the slots with N draws
// is χ²(K − 1) under that law; with N = 2e6, a relative error δ on a slot of probability p adds
// about N p δ² to the statistic, so e.g. p = 0.05, δ = 5 % would add 250 ≫ the critical ≈ 100.
TEST(RateTree, SelectionFrequenciesAreProportionalToRates) {
  constexpr int kSlots = 50;
  RateTree tree(kSlots);
  RandomStream rng(11, StreamId::kTest);
  std::vector<double> rate(kSlots);
  for (int k = 0; k < kSlots; ++k) {
    rate[k] = (k % 7 == 3) ? 0.0 : std::pow(10.0, -3.0 * rng.uniform());  // log-uniform over 1e-3..1
    tree.set(k, rate[k]);
  }
  double total = 0.0;
  for (double r : rate) total += r;
  constexpr long kDraws = 2'000'000;
  std::vector<long> count(kSlots, 0);
  for (long n = 0; n < kDraws; ++n) {
    double u = rng.uniform() * tree.total();
    const auto slot = tree.select(u);
    ASSERT_LT(u, tree.leaf(slot));
    ++count[slot];
  }
  double chi2 = 0.0;
  int bins = 0;
  for (int k = 0; k < kSlots; ++k) {
    if (rate[k] == 0.0) {
      EXPECT_EQ(count[k], 0);
      continue;
    }
    const double expected = kDraws * rate[k] / total;
    ASSERT_GT(expected, 5.0);
    chi2 += (count[k] - expected) * (count[k] - expected) / expected;
    ++bins;
  }
  EXPECT_LT(chi2, testing::chiSquareCritical999(bins - 1));
}

// The live root follows the slots in use: trimming to the used prefix and growing again must give
// the same totals (bit for bit) and selections as a tree that was never trimmed.
TEST(RateTree, TrimmedAndRegrownTreeMatchesTheFullTree) {
  RateTree live(64);
  RateTree full(64);
  auto setBoth = [&](std::int64_t slot, double v) {
    live.set(slot, v);
    full.set(slot, v);
  };
  for (int k = 0; k < 40; ++k) setBoth(k, 0.1 + 0.37 * k);
  for (int k = 39; k >= 5; --k) setBoth(k, 0.0);
  live.trim(5);
  EXPECT_EQ(live.total(), full.total());
  for (double u0 : {0.0, 0.3, 1.1, full.total() * 0.999}) {
    double a = u0;
    double b = u0;
    EXPECT_EQ(live.select(a), full.select(b)) << u0;
    EXPECT_EQ(a, b);
  }
  setBoth(37, 2.5);  // regrows over the zero slots
  setBoth(2, 0.125);
  EXPECT_EQ(live.total(), full.total());
  EXPECT_EQ(live.leaf(37), 2.5);
  double u = full.total() - 1.0;
  double v = u;
  EXPECT_EQ(live.select(u), 37);
  EXPECT_EQ(full.select(v), 37);
  EXPECT_EQ(u, v);
}
}  // namespace
}  // namespace surfkmc::kmc
