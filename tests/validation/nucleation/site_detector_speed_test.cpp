// SPDX-License-Identifier: MIT
// The site detector must run every analysis interval on a 20 nm × 25 nm wire (≈ 5e5 atoms) well under a second.
#include <gtest/gtest.h>

#include <chrono>

#include "lattice/wire_builder.hpp"
#include "nucleation/site_detector.hpp"

namespace surfkmc::nucleation {
namespace {

TEST(SiteDetectorSpeed, TwentyNanometreWireUnderHalfASecond) {
  lattice::WireSpec s;
  s.diameter_A = 200.0;
  s.length_A = 250.0;
  const lattice::BuiltWire w = lattice::buildWire(4.0857, s);
  ASSERT_GT(w.lattice.atomCount(), 400000);
  const SiteDetector detector;
  const auto t0 = std::chrono::steady_clock::now();
  const SiteSet set = detector.detect(w.lattice);
  const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  RecordProperty("detect_ms", static_cast<int>(seconds * 1000));
  EXPECT_LT(seconds, 0.5);
  EXPECT_GT(set.counts.sites[static_cast<int>(SiteClass::kFacetEdge)], 0);
  EXPECT_EQ(set.counts.sites[static_cast<int>(SiteClass::kStep)], 0);
}

}  // namespace
}  // namespace surfkmc::nucleation
