// SPDX-License-Identifier: MIT
// CoupledResult::strength_GPa: the highest stress before the first nucleation, or before the end of
// loading for a wire that flowed without one.
#include <gtest/gtest.h>

#include "coupling/coupled_run.hpp"

namespace surfkmc::coupling {
namespace {

CoupledResult withStresses(std::initializer_list<double> stresses) {
  CoupledResult r;
  for (double s : stresses) {
    CoupledSample c;
    c.stress_GPa = s;
    r.samples.push_back(c);
  }
  return r;
}

// The names results files write: each reason's name parses back to it, and nothing else parses.
TEST(StopReasonName, EveryReasonRoundTripsAndOtherTextIsRefused) {
  for (const StopReason r : {StopReason::kNone, StopReason::kNucleated, StopReason::kMaxStrain, StopReason::kDuration,
                             StopReason::kMaxEvents, StopReason::kFrozen})
    EXPECT_EQ(parseStopReason(stopReasonName(r)), r) << stopReasonName(r);
  EXPECT_STREQ(stopReasonName(StopReason::kMaxEvents), "max_events");
  EXPECT_STREQ(stopReasonName(StopReason::kNucleated), "nucleated");
  EXPECT_FALSE(parseStopReason("Nucleated").has_value());
  EXPECT_FALSE(parseStopReason("").has_value());
}

TEST(Strength, ElasticRampToNucleationIsTheYieldStress) {
  CoupledResult r = withStresses({0.0, 0.5, 1.0, 1.5});
  r.nucleated = true;
  r.yield_stress_GPa = 1.62;  // inside the last interval, above the last sample
  EXPECT_EQ(r.strength_GPa(), 1.62);
}

TEST(Strength, NucleationOnAFallingPlateauKeepsTheEarlierMaximum) {
  // A creeping wire peaks, relaxes a little, then nucleates: it withstood the peak.
  CoupledResult r = withStresses({0.0, 0.55, 0.61, 0.58, 0.57});
  r.nucleated = true;
  r.yield_stress_GPa = 0.575;
  EXPECT_EQ(r.strength_GPa(), 0.61);
}

TEST(Strength, AWireThatFlowedCarriesItsHighestStress) {
  const CoupledResult r = withStresses({0.0, 0.39, 0.54, 0.58, 0.54, 0.59, 0.585});
  ASSERT_FALSE(r.nucleated);
  EXPECT_EQ(r.strength_GPa(), 0.59);
}

TEST(Strength, NoSamplesAndNoNucleationIsZero) { EXPECT_EQ(CoupledResult{}.strength_GPa(), 0.0); }

}  // namespace
}  // namespace surfkmc::coupling
