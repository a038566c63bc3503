// SPDX-License-Identifier: MIT
// Verdicts on T1–T4: each rule holds on data made to satisfy it and fails when one number breaks it.
#include "app/target_check.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <stdexcept>
#include <string>
#include <vector>

namespace surfkmc::app {
namespace {

YieldCurve curve(const std::string& material, double rate, std::vector<YieldPoint> points, double dc = 0.0) {
  YieldCurve c;
  c.material = material;
  c.strain_rate_per_s = rate;
  c.temperature_K = 300.0;
  c.points = std::move(points);
  c.dc_nm = c.dc_lo_nm = c.dc_hi_nm = dc;
  c.dc_status = "interior";
  return c;
}

const TargetVerdict& verdict(const std::vector<TargetVerdict>& v, const std::string& id) {
  for (const auto& t : v)
    if (t.id == id) return t;
  throw std::runtime_error("no " + id);
}

TEST(TargetCheck, PtMonotonicHoldsAndAResolvedInversionFails) {
  const auto good = curve("Pt", 1e-3, {{4, 3.3, 0.05, 10}, {8, 3.2, 0.05, 10}, {40, 2.9, 0.05, 10}});
  EXPECT_EQ(verdict(checkTargets({good}, {}, {}), "T1").verdict, "holds");
  // 8 nm stronger than 4 nm by 0.3 GPa = 4.2 combined stderrs: an inversion.
  const auto bad = curve("Pt", 1e-3, {{4, 3.3, 0.05, 10}, {8, 3.6, 0.05, 10}, {40, 2.9, 0.05, 10}});
  EXPECT_EQ(verdict(checkTargets({bad}, {}, {}), "T1").verdict, "fails");
  // An unresolved end-to-end difference is not "smaller is stronger".
  const auto flat = curve("Pt", 1e-3, {{4, 3.0, 0.1, 10}, {40, 2.9, 0.1, 10}});
  EXPECT_EQ(verdict(checkTargets({flat}, {}, {}), "T1").verdict, "fails");
  EXPECT_EQ(verdict(checkTargets({}, {}, {}), "T1").verdict, "not evaluated");
}

TEST(TargetCheck, CriticalDiameterMustBeInteriorAndCoverThePaperValue) {
  auto ag = curve("Ag", 1e-3, {{4, 1.0, 0.1, 3}, {15, 2.0, 0.1, 3}, {40, 1.8, 0.1, 3}}, 15.0);
  ag.paper_dc_nm = 15.0;
  ag.dc_within_one_se_nm = {15.0};
  EXPECT_EQ(verdict(checkTargets({ag}, {}, {}), "T2").verdict, "holds");
  ag.dc_nm = ag.dc_lo_nm = ag.dc_hi_nm = 40.0;
  ag.dc_within_one_se_nm = {40.0};
  ag.dc_status = "at_largest_diameter";
  EXPECT_EQ(verdict(checkTargets({ag}, {}, {}), "T2").verdict, "fails");
}

TEST(TargetCheck, FasterLoadingMustBeStrongerAndShiftDcDown) {
  const auto slow = curve("Ag", 1e-3, {{4, 1.0, 0.1, 3}, {15, 2.0, 0.1, 3}}, 15.0);
  const auto fast = curve("Ag", 1e-2, {{4, 1.6, 0.1, 3}, {15, 2.4, 0.1, 3}}, 4.0);
  EXPECT_EQ(verdict(checkTargets({slow, fast}, {}, {}), "T3").verdict, "holds");
  const auto weaker = curve("Ag", 1e-2, {{4, 1.6, 0.1, 3}, {15, 1.5, 0.1, 3}}, 4.0);
  EXPECT_EQ(verdict(checkTargets({slow, weaker}, {}, {}), "T3").verdict, "fails");
  const auto larger_dc = curve("Ag", 1e-2, {{4, 1.6, 0.1, 3}, {15, 2.4, 0.1, 3}}, 40.0);
  EXPECT_EQ(verdict(checkTargets({slow, larger_dc}, {}, {}), "T3").verdict, "fails");
}

TEST(TargetCheck, ThinAgActivationVolumeMustBeResolvedBelowThickAgAndPt) {
  const ActivationVolumeResult thin{"Ag_below_15nm", "Ag", 300.0, 0.3, 0.05, 0.24, 4};
  const ActivationVolumeResult thick{"Ag_above_15nm", "Ag", 300.0, 1.0, 0.2, 1.0, 4};
  const ActivationVolumeResult pt{"Pt", "Pt", 300.0, 1.1, 0.2, 1.02, 8};
  EXPECT_EQ(verdict(checkTargets({}, {thin, thick, pt}, {}), "T4").verdict, "holds");
  const ActivationVolumeResult close{"Ag_above_15nm", "Ag", 300.0, 0.5, 0.2, 1.0, 4};
  EXPECT_EQ(verdict(checkTargets({}, {thin, close, pt}, {}), "T4").verdict, "fails");
}

TEST(TargetCheck, RolesDefaultToPredictedAndTheTableHasOneRowPerTarget) {
  const auto v = checkTargets({}, {}, {{"T2", "calibrated: C"}});
  EXPECT_EQ(verdict(v, "T1").role, "predicted");
  EXPECT_EQ(verdict(v, "T2").role, "calibrated: C");
  const std::string md = targetsMarkdown(v);
  EXPECT_NE(md.find("| T4 |"), std::string::npos);
  EXPECT_EQ(std::count(md.begin(), md.end(), '\n'), 6);
}

}  // namespace
}  // namespace surfkmc::app
