// SPDX-License-Identifier: MIT
// core/statistics.hpp against hand-computed sample statistics and a case the one-pass formula loses.
#include "core/statistics.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <vector>

namespace surfkmc {
namespace {

TEST(MeanStdErr, MatchesTheTextbookValuesOfASmallSample) {
  // 2, 4, 4, 4, 5, 5, 7, 9: mean 5, Σ(x − 5)² = 32, sample variance 32/7.
  const MeanStdErr s = meanStdErr(std::vector<double>{2, 4, 4, 4, 5, 5, 7, 9});
  EXPECT_EQ(s.n, 8);
  EXPECT_DOUBLE_EQ(s.mean, 5.0);
  EXPECT_DOUBLE_EQ(s.sd, std::sqrt(32.0 / 7.0));
  EXPECT_DOUBLE_EQ(s.se, std::sqrt(32.0 / 7.0 / 8.0));
}

TEST(MeanStdErr, IsUndefinedWhereTheSampleIsTooSmall) {
  const MeanStdErr none = meanStdErr(std::vector<double>{});
  EXPECT_EQ(none.n, 0);
  EXPECT_TRUE(std::isnan(none.mean));
  const MeanStdErr one = meanStdErr(std::vector<double>{3.5});
  EXPECT_EQ(one.n, 1);
  EXPECT_EQ(one.mean, 3.5);
  EXPECT_TRUE(std::isnan(one.sd));
  EXPECT_TRUE(std::isnan(one.se));
}

TEST(MeanStdErr, KeepsTheSpreadOfLargeCloseValues) {
  // 1e9 + {4, 7, 13, 16}: variance 30 exactly; Σx² − n·mean² loses it to cancellation (≈ 1e18 · 1e-16).
  const double base = 1.0e9;
  const MeanStdErr s = meanStdErr(std::vector<double>{base + 4, base + 7, base + 13, base + 16});
  EXPECT_DOUBLE_EQ(s.mean, base + 10);
  EXPECT_NEAR(s.sd * s.sd, 30.0, 1e-6);
}

TEST(MeanStdErr, CountsOnlyTheAdmittedElements) {
  struct Replica {
    bool nucleated;
    double stress;
  };
  const std::vector<Replica> replicas{{true, 1.0}, {false, 100.0}, {true, 3.0}};
  const MeanStdErr s = meanStdErr(
      replicas, [](const Replica& r) { return r.nucleated; }, [](const Replica& r) { return r.stress; });
  EXPECT_EQ(s.n, 2);
  EXPECT_DOUBLE_EQ(s.mean, 2.0);
  EXPECT_DOUBLE_EQ(s.sd, std::sqrt(2.0));
}

TEST(PairedDifferences, PairsByReplicaIndexWhateverTheOrder) {
  const auto d = pairedDifferences({{2, 5.0}, {0, 1.0}, {1, 4.0}}, {{1, 3.5}, {2, 1.0}, {0, 1.5}});
  ASSERT_TRUE(d.has_value());
  EXPECT_EQ(*d, (std::vector<double>{-0.5, 0.5, 4.0}));
}

TEST(PairedDifferences, RefusesArmsThatDoNotHoldTheSameReplicasOnce) {
  EXPECT_FALSE(pairedDifferences({{0, 1.0}, {1, 2.0}}, {{0, 1.0}, {2, 2.0}}));  // another replica
  EXPECT_FALSE(pairedDifferences({{0, 1.0}, {1, 2.0}}, {{0, 1.0}}));            // one missing
  EXPECT_FALSE(pairedDifferences({{0, 1.0}, {0, 2.0}}, {{0, 1.0}, {0, 2.0}}));  // twice in a
  EXPECT_FALSE(pairedDifferences({{0, 1.0}, {1, 2.0}}, {{0, 1.0}, {0, 2.0}}));  // twice in b
  EXPECT_FALSE(pairedDifferences({{0, 1.0}}, {{0, 1.0}}));                      // fewer than two
}

TEST(DecimalsFor, AStandardErrorShowsASignificantDigit) {
  EXPECT_EQ(decimalsFor(0.007), 3);    // 0.007
  EXPECT_EQ(decimalsFor(0.00096), 3);  // rounds to 0.001
  EXPECT_EQ(decimalsFor(0.0004), 4);   // 0.0004, not 0.000
  EXPECT_EQ(decimalsFor(0.00008), 5);  // 0.00008
  EXPECT_EQ(decimalsFor(3e-9), 6);     // capped
  EXPECT_EQ(decimalsFor(0.0), 3);      // an exact zero prints as one
  EXPECT_EQ(decimalsFor(std::nan("")), 3);
  EXPECT_EQ(decimalsFor(0.04, 1), 2);  // 0.04 at one decimal would read 0.0
}

}  // namespace
}  // namespace surfkmc
