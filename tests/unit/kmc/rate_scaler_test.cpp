// SPDX-License-Identifier: MIT
// RateScaler: which pairs it scales, by how much, shared forward/reverse factors, resets, validation.
#include "kmc/rate_scaler.hpp"

#include <gtest/gtest.h>

#include "core/binary_reader.hpp"
#include "core/binary_writer.hpp"
#include "core/error.hpp"

namespace surfkmc::kmc {
namespace {

RateScalingParams testParams() {
  RateScalingParams p;
  p.enabled = true;
  p.window_events = 1000;
  p.min_executions = 20;
  p.buffer = 10.0;
  p.min_rate_per_s = 1.0;
  p.max_change_per_window = 1000.0;
  return p;
}

RateScaler::Table flatRates(double r) {
  RateScaler::Table t{};
  t.fill(r);
  return t;
}

// A balanced fast pair (400 + 400 events) against 8 slow events: α = buffer · 8 / 800 = 0.1, the
// same for (5, 6, 2) and (6, 5, 2); the slow one-way entry keeps α = 1.
TEST(RateScaler, BalancedFastPairIsScaledToBufferTimesSlowEventsWithOneSharedFactor) {
  RateScaler s(testParams());
  const int f = Energetics::index(5, 6, 2);
  const int r = Energetics::index(6, 5, 2);
  const int slow = Energetics::index(7, 3, 2);
  bool done = false;
  for (int k = 0; k < 400; ++k) done = s.record(f);
  for (int k = 0; k < 400; ++k) done = s.record(r);
  for (int k = 0; k < 8; ++k) done = s.record(slow);
  for (int k = 0; k < 192 && !done; ++k) done = s.record(Energetics::index(7, 7, 3));  // self-reverse filler
  ASSERT_TRUE(done);
  RateScaler::Table scales{};
  const RateScaler::Table base = flatRates(1.0e6);
  EXPECT_TRUE(s.update(base.data(), scales));
  // The self-reverse filler (7,7,3) fired 192 times and is "balanced" by construction; slow = 8.
  EXPECT_DOUBLE_EQ(scales[static_cast<std::size_t>(f)], 10.0 * 8.0 / 800.0);
  EXPECT_EQ(scales[static_cast<std::size_t>(f)], scales[static_cast<std::size_t>(r)]);
  EXPECT_EQ(scales[static_cast<std::size_t>(slow)], 1.0);
  EXPECT_EQ(scales[static_cast<std::size_t>(Energetics::index(3, 7, 2))], 1.0);
  // (7, 7, 3) is its own reverse, so "balanced" holds trivially: it is scaled to 10 · 8 / 192.
  EXPECT_DOUBLE_EQ(scales[static_cast<std::size_t>(Energetics::index(7, 7, 3))], 10.0 * 8.0 / 192.0);
  EXPECT_EQ(s.scaledPairs(), 2);
  EXPECT_DOUBLE_EQ(s.smallestScale(), 0.1);
}

// A scaled pair that fires clearly one way next window is reset to its true rate.
TEST(RateScaler, UnbalancedScaledPairIsReset) {
  RateScaler s(testParams());
  const int f = Energetics::index(5, 6, 2);
  const int r = Energetics::index(6, 5, 2);
  RateScaler::Table scales{};
  const RateScaler::Table base = flatRates(1.0e6);
  for (int k = 0; k < 500; ++k) s.record(f);
  for (int k = 0; k < 490; ++k) s.record(r);
  for (int k = 0; k < 10; ++k) s.record(Energetics::index(7, 3, 2));
  s.update(base.data(), scales);
  ASSERT_LT(scales[static_cast<std::size_t>(f)], 1.0);
  for (int k = 0; k < 900; ++k) s.record(f);
  for (int k = 0; k < 100; ++k) s.record(r);
  EXPECT_TRUE(s.update(base.data(), scales));
  EXPECT_EQ(scales[static_cast<std::size_t>(f)], 1.0);
  EXPECT_EQ(scales[static_cast<std::size_t>(r)], 1.0);
  EXPECT_EQ(s.resets(), 1);
}

// Pairs slower than min_rate_per_s are never scaled, however balanced.
TEST(RateScaler, SlowPairsAreNeverScaled) {
  RateScalingParams p = testParams();
  p.min_rate_per_s = 1.0e7;
  RateScaler s(p);
  for (int k = 0; k < 500; ++k) s.record(Energetics::index(5, 6, 2));
  for (int k = 0; k < 500; ++k) s.record(Energetics::index(6, 5, 2));
  RateScaler::Table scales{};
  const RateScaler::Table base = flatRates(1.0e6);
  EXPECT_FALSE(s.update(base.data(), scales));
  EXPECT_EQ(s.scaledPairs(), 0);
}

TEST(RateScaler, ValidateNamesTheField) {
  RateScalingParams p = testParams();
  p.buffer = 0.5;
  try {
    p.validate();
    FAIL() << "no throw";
  } catch (const InputError& e) {
    EXPECT_NE(std::string(e.what()).find("buffer"), std::string::npos);
  }
  p = testParams();
  p.window_events = 10;
  EXPECT_THROW(p.validate(), InputError);
  p = testParams();
  p.min_executions = p.window_events + 1;
  EXPECT_THROW(p.validate(), InputError);
}

// The acceleration account is the time average of the trapezoids of R_unscaled/R_scaled over
// closed windows: windows [0, 2] with ratios 1 → 3 and [2, 3] with 5 → 5 give (4 + 5) / 3 = 3,
// exact in binary; the largest boundary ratio is 5. A restored account continues identically.
TEST(RateScaler, AccelerationAccountIsTheTimeAverageOfTheWindowTrapezoids) {
  RateScalingParams p;
  p.enabled = true;
  RateScaler scaler(p);
  EXPECT_EQ(scaler.effectiveAcceleration(), 1.0);
  scaler.openWindow(0.0, 1.0);
  scaler.closeWindow(2.0, 3.0);
  scaler.openWindow(2.0, 5.0);
  scaler.closeWindow(3.0, 5.0);
  EXPECT_EQ(scaler.accountedTime_s(), 3.0);
  EXPECT_EQ(scaler.effectiveAcceleration(), 3.0);
  EXPECT_EQ(scaler.maxAcceleration(), 5.0);

  BinaryWriter out;
  scaler.saveAccount(out);
  RateScaler restored(p);
  BinaryReader in(out.bytes());
  restored.restoreAccount(in);
  for (RateScaler* s : {&scaler, &restored}) {
    s->openWindow(3.0, 2.0);
    s->closeWindow(4.0, 4.0);
  }
  EXPECT_EQ(restored.effectiveAcceleration(), scaler.effectiveAcceleration());
  EXPECT_EQ(restored.effectiveAcceleration(), 3.0);  // (9 + 3) / 4
}

}  // namespace
}  // namespace surfkmc::kmc
