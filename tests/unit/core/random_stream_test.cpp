// SPDX-License-Identifier: MIT
// Random streams: reproducible, independent per (seed, id, point, replica), exact save/load.
#include "core/random_stream.hpp"

#include <gtest/gtest.h>

#include <cmath>

namespace surfkmc {
namespace {

TEST(RandomStream, SameKeyGivesSameDraws) {
  RandomStream a(42, StreamId::kKmc, 3, 7), b(42, StreamId::kKmc, 3, 7);
  for (int i = 0; i < 1000; ++i) ASSERT_EQ(a.bits(), b.bits());
}

TEST(RandomStream, EveryKeyComponentChangesTheStream) {
  const auto first = [](RandomStream s) { return s.bits(); };
  const std::uint64_t base = first(RandomStream(42, StreamId::kKmc, 3, 7));
  EXPECT_NE(base, first(RandomStream(43, StreamId::kKmc, 3, 7)));
  EXPECT_NE(base, first(RandomStream(42, StreamId::kNucleation, 3, 7)));
  EXPECT_NE(base, first(RandomStream(42, StreamId::kKmc, 4, 7)));
  EXPECT_NE(base, first(RandomStream(42, StreamId::kKmc, 3, 8)));
}

TEST(RandomStream, UniformOpenLowNeverZeroAndHasMeanHalf) {
  RandomStream r(5, StreamId::kTest);
  const int n = 200000;
  double sum = 0.0;
  for (int i = 0; i < n; ++i) {
    const double u = r.uniformOpenLow();
    ASSERT_GT(u, 0.0);
    ASSERT_LE(u, 1.0);
    sum += u;
  }
  // Var(U) = 1/12: standard error of the mean is sqrt(1/12/n).
  EXPECT_NEAR(sum / n, 0.5, 5.0 * std::sqrt(1.0 / 12.0 / n));
}

TEST(RandomStream, ExponentialHasUnitMean) {
  RandomStream r(6, StreamId::kTest);
  const int n = 200000;
  double sum = 0.0;
  for (int i = 0; i < n; ++i) sum += r.exponential();
  EXPECT_NEAR(sum / n, 1.0, 5.0 / std::sqrt(double(n)));  // Exp(1): variance 1
}

}  // namespace
}  // namespace surfkmc
