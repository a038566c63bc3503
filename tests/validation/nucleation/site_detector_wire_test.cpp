// SPDX-License-Identifier: MIT
// The site detector on a full-size pristine wire (20 nm × 25 nm, ≈ 5e5 atoms): the as-built cylinder
// has facet edges and no steps. Its speed is measured by bench/nucleation, not here.
#include <gtest/gtest.h>

#include "lattice/wire_builder.hpp"
#include "nucleation/site_detector.hpp"

namespace surfkmc::nucleation {
namespace {

TEST(SiteDetectorWire, PristineTwentyNanometreWireHasFacetEdgesAndNoSteps) {
  lattice::WireSpec s;
  s.diameter_A = 200.0;
  s.length_A = 250.0;
  const lattice::BuiltWire w = lattice::buildWire(4.0857, s);
  ASSERT_GT(w.lattice.atomCount(), 400000);
  const SiteSet set = SiteDetector().detect(w.lattice);
  EXPECT_GT(set.counts.sites[static_cast<int>(SiteClass::kFacetEdge)], 0);
  EXPECT_EQ(set.counts.sites[static_cast<int>(SiteClass::kStep)], 0);
}

}  // namespace
}  // namespace surfkmc::nucleation
