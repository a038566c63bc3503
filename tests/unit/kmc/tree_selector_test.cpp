// SPDX-License-Identifier: MIT
// The sum-tree selector: slot bookkeeping under swap-remove, selection frequencies ∝ rate, and a
// restored state that draws exactly what the saved one would.
#include "kmc/tree_selector.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <vector>

#include "core/binary_reader.hpp"
#include "core/binary_writer.hpp"
#include "core/error.hpp"
#include "stats_helpers.hpp"

namespace surfkmc::kmc {
namespace {

TEST(TreeSelector, KeepsNonZeroKeysPackedThroughSwapRemove) {
  TreeSelector sel(10, 4);
  sel.set(3, 1.5);
  sel.set(7, 0.25);
  sel.set(9, 2.0);
  sel.set(3, 0.0);  // removes from the first slot: the last key moves into it
  sel.verify();
  EXPECT_EQ(sel.size(), 2);
  EXPECT_EQ(sel.rate(3), 0.0);
  EXPECT_EQ(sel.rate(9), 2.0);
  EXPECT_EQ(sel.total(), 2.25);  // exact: a tree sum of representable values
  std::vector<std::int64_t> keys;
  sel.forEachKey([&](std::int64_t k) { keys.push_back(k); });
  EXPECT_EQ(keys, (std::vector<std::int64_t>{9, 7}));
  sel.set(7, 0.0);
  sel.set(9, 0.0);
  EXPECT_EQ(sel.size(), 0);
  EXPECT_EQ(sel.total(), 0.0);
  sel.verify();
}

// Probability of key k must be r_k / R, and the residual uniform in [0, r_k). With N = 4e5 draws
// over rates spanning three decades, Pearson's χ² against the true law passes at α = 1e-3, and the
// same counts fail against the law with the two largest rates swapped (the power check).
TEST(TreeSelector, SelectionFrequenciesAreProportionalToRates) {
  std::vector<double> rate;
  for (int k = 0; k < 20; ++k) rate.push_back(std::pow(10.0, -1.5 + 0.15 * k));
  const int n = static_cast<int>(rate.size());
  TreeSelector sel(n + 5, n);
  double total = 0.0;
  for (int k = 0; k < n; ++k) {
    sel.set(k + 5, rate[static_cast<std::size_t>(k)]);
    total += rate[static_cast<std::size_t>(k)];
  }
  RandomStream rng(21, StreamId::kTest);
  constexpr long kDraws = 400'000;
  std::vector<long> count(static_cast<std::size_t>(n), 0);
  for (long d = 0; d < kDraws; ++d) {
    double residual = -1.0;
    const auto key = sel.select(rng, residual) - 5;
    ASSERT_GE(key, 0);
    ASSERT_GE(residual, 0.0);
    ASSERT_LT(residual, rate[static_cast<std::size_t>(key)]);
    ++count[static_cast<std::size_t>(key)];
  }
  std::vector<double> swapped = rate;
  std::swap(swapped[static_cast<std::size_t>(n - 1)], swapped[static_cast<std::size_t>(n - 2)]);
  const double crit = testing::chiSquareCritical999(n - 1);
  EXPECT_LT(testing::pearsonChiSquare(count, rate, total, kDraws), crit);
  EXPECT_GT(testing::pearsonChiSquare(count, swapped, total, kDraws), crit);
}

TEST(TreeSelector, RestoredStateDrawsTheSameKeys) {
  TreeSelector a(50, 50);
  RandomStream fill(5, StreamId::kTest);
  for (int u = 0; u < 400; ++u)
    a.set(static_cast<std::int64_t>(fill.below(50)), fill.uniform() < 0.3 ? 0.0 : fill.uniform());
  BinaryWriter out;
  a.saveState(out);
  TreeSelector b(50, 50);
  BinaryReader in(out.bytes());
  b.restoreState(in);
  b.verify();
  RandomStream ra(8, StreamId::kTest);
  RandomStream rb(8, StreamId::kTest);
  for (int d = 0; d < 1000; ++d) {
    double ua = 0.0;
    double ub = 0.0;
    ASSERT_EQ(a.select(ra, ua), b.select(rb, ub));
    ASSERT_EQ(ua, ub);
  }
  TreeSelector other(40, 50);
  BinaryReader again(out.bytes());
  EXPECT_THROW(other.restoreState(again), InputError);
}

}  // namespace
}  // namespace surfkmc::kmc
