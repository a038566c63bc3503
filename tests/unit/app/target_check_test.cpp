// SPDX-License-Identifier: MIT
// Verdicts on T1–T4: each rule holds on data made to satisfy it and fails when one number breaks it.
#include "app/target_check.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <string>
#include <vector>

#include "core/error.hpp"

namespace surfkmc::app {
namespace {

YieldCurve curve(const std::string& material, double rate, std::vector<YieldPoint> points, double dc = 0.0) {
  YieldCurve c;
  c.material = material;
  c.strain_rate_per_s = rate;
  c.temperature_K = 300.0;
  c.points = std::move(points);
  c.dc_nm = c.dc_lo_nm = c.dc_hi_nm = dc;
  c.dc_status = DcStatus::kInterior;
  return c;
}

const TargetVerdict& verdict(const std::vector<TargetVerdict>& v, const std::string& id) {
  for (const auto& t : v)
    if (t.id == id) return t;
  throw InvariantError("no " + id);
}

TEST(TargetCheck, PtMonotonicHoldsAndAResolvedInversionFails) {
  const auto good = curve("Pt", 1e-3, {{4, 3.3, 0.05, 10}, {8, 3.2, 0.05, 10}, {40, 2.9, 0.05, 10}});
  EXPECT_EQ(verdict(checkTargets({good}, {}, {}), "T1").verdict, Verdict::kHolds);
  // 8 nm stronger than 4 nm by 0.3 GPa = 4.2 combined stderrs: an inversion.
  const auto bad = curve("Pt", 1e-3, {{4, 3.3, 0.05, 10}, {8, 3.6, 0.05, 10}, {40, 2.9, 0.05, 10}});
  EXPECT_EQ(verdict(checkTargets({bad}, {}, {}), "T1").verdict, Verdict::kFails);
  // An unresolved end-to-end difference (0.1 GPa = 0.7 combined stderrs) decides nothing.
  const auto flat = curve("Pt", 1e-3, {{4, 3.0, 0.1, 10}, {40, 2.9, 0.1, 10}});
  EXPECT_EQ(verdict(checkTargets({flat}, {}, {}), "T1").verdict, Verdict::kNotResolved);
  // The thickest resolved stronger than the thinnest (0.5 GPa = 3.5 combined stderrs): fails.
  const auto rising = curve("Pt", 1e-3, {{4, 2.9, 0.1, 10}, {40, 3.4, 0.1, 10}});
  EXPECT_EQ(verdict(checkTargets({rising}, {}, {}), "T1").verdict, Verdict::kFails);
  EXPECT_EQ(verdict(checkTargets({}, {}, {}), "T1").verdict, Verdict::kNotEvaluated);
}

TEST(TargetCheck, CriticalDiameterMustBeInteriorAndCoverThePaperValue) {
  auto ag = curve("Ag", 1e-3, {{4, 1.0, 0.1, 3}, {15, 2.0, 0.1, 3}, {40, 1.8, 0.1, 3}}, 15.0);
  ag.paper_dc_nm = 15.0;
  ag.dc_within_one_se_nm = {15.0};
  EXPECT_EQ(verdict(checkTargets({ag}, {}, {}), "T2").verdict, Verdict::kHolds);
  // The maximum at 40 nm, 0.6 GPa = 4.2 combined stderrs above 15 nm: the paper's D_c is resolved away.
  ag.points.back().mean_GPa = 2.6;
  ag.dc_nm = ag.dc_lo_nm = ag.dc_hi_nm = 40.0;
  ag.dc_within_one_se_nm = {40.0};
  ag.dc_status = DcStatus::kAtLargestDiameter;
  EXPECT_EQ(verdict(checkTargets({ag}, {}, {}), "T2").verdict, Verdict::kFails);
  // At 40 nm but only 0.1 GPa (0.7 combined stderrs) above 15 nm: the error bars cannot place D_c.
  ag.points.back().mean_GPa = 2.1;
  EXPECT_EQ(verdict(checkTargets({ag}, {}, {}), "T2").verdict, Verdict::kNotResolved);
}

TEST(TargetCheck, FasterLoadingMustBeStrongerAndShiftDcDown) {
  const auto slow = curve("Ag", 1e-3, {{4, 1.0, 0.1, 3}, {15, 2.0, 0.1, 3}}, 15.0);
  const auto fast = curve("Ag", 1e-2, {{4, 1.6, 0.1, 3}, {15, 2.4, 0.1, 3}}, 4.0);
  EXPECT_EQ(verdict(checkTargets({slow, fast}, {}, {}), "T3").verdict, Verdict::kHolds);
  const auto weaker = curve("Ag", 1e-2, {{4, 1.6, 0.1, 3}, {15, 1.5, 0.1, 3}}, 4.0);
  EXPECT_EQ(verdict(checkTargets({slow, weaker}, {}, {}), "T3").verdict, Verdict::kFails);
  const auto larger_dc = curve("Ag", 1e-2, {{4, 1.6, 0.1, 3}, {15, 2.4, 0.1, 3}}, 40.0);
  EXPECT_EQ(verdict(checkTargets({slow, larger_dc}, {}, {}), "T3").verdict, Verdict::kFails);
  // 0.05 GPa stronger on average (mean Δσ 0.05 ± 0.10 GPa): neither resolved stronger nor weaker.
  const auto close = curve("Ag", 1e-2, {{4, 1.05, 0.1, 3}, {15, 2.05, 0.1, 3}}, 4.0);
  EXPECT_EQ(verdict(checkTargets({slow, close}, {}, {}), "T3").verdict, Verdict::kNotResolved);
}

TEST(TargetCheck, ThinAgActivationVolumeMustBeResolvedBelowThickAgAndPt) {
  const ActivationVolumeResult thin{"Ag_below_15nm", "Ag", 300.0, 0.3, 0.05, 0.24, 4};
  const ActivationVolumeResult thick{"Ag_above_15nm", "Ag", 300.0, 1.0, 0.2, 1.0, 4};
  const ActivationVolumeResult pt{"Pt", "Pt", 300.0, 1.1, 0.2, 1.02, 8};
  EXPECT_EQ(verdict(checkTargets({}, {thin, thick, pt}, {}), "T4").verdict, Verdict::kHolds);
  // Thick Ag 0.2 b³ above thin, 0.97 combined stderrs: not resolved either way.
  const ActivationVolumeResult close{"Ag_above_15nm", "Ag", 300.0, 0.5, 0.2, 1.0, 4};
  EXPECT_EQ(verdict(checkTargets({}, {thin, close, pt}, {}), "T4").verdict, Verdict::kNotResolved);
  // Thick Ag resolved below thin Ag (0.2 b³ = 4 combined stderrs): fails.
  const ActivationVolumeResult below{"Ag_above_15nm", "Ag", 300.0, 0.1, 0.01, 1.0, 4};
  EXPECT_EQ(verdict(checkTargets({}, {thin, below, pt}, {}), "T4").verdict, Verdict::kFails);
}

TEST(TargetCheck, RolesDefaultToPredictedAndTheTableHasOneRowPerTarget) {
  const auto v = checkTargets({}, {}, {{"T2", "calibrated: C"}});
  EXPECT_EQ(verdict(v, "T1").role, "predicted");
  EXPECT_EQ(verdict(v, "T2").role, "calibrated: C");
  const std::string md = targetsMarkdown(v);
  EXPECT_NE(md.find("| T4 |"), std::string::npos);
  EXPECT_EQ(std::count(md.begin(), md.end(), '\n'), 6);
  EXPECT_NE(md.find("| not evaluated |"), std::string::npos);
}

}  // namespace
}  // namespace surfkmc::app
