// SPDX-License-Identifier: MIT
// Verdicts on T1–T6: each rule holds on data made to satisfy it and fails when one number breaks it.
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
  // 15 nm is 0.4 GPa (2.8 combined stderrs) above 40 nm and 1.0 GPa above 4 nm: resolved on both sides.
  auto ag = curve("Ag", 1e-3, {{4, 1.0, 0.1, 3}, {15, 2.0, 0.1, 3}, {40, 1.6, 0.1, 3}}, 15.0);
  ag.paper_dc_nm = 15.0;
  ag.dc_within_one_se_nm = {15.0};
  EXPECT_EQ(verdict(checkTargets({ag}, {}, {}), "T2").verdict, Verdict::kHolds);
  // 40 nm only 0.2 GPa (1.4 combined stderrs) below the maximum: a maximum not resolved on its thick side.
  ag.points.back().mean_GPa = 1.8;
  EXPECT_EQ(verdict(checkTargets({ag}, {}, {}), "T2").verdict, Verdict::kNotResolved);
  // The same curve at 350 K is not the paper's: T2 reads the room-temperature curve only.
  auto warm = ag;
  warm.points.back().mean_GPa = 1.6;
  warm.temperature_K = 350.0;
  EXPECT_EQ(verdict(checkTargets({warm}, {}, {}), "T2").verdict, Verdict::kNotEvaluated);
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
  // Stronger, but D_c equal at both rates: T3 asks for a strictly smaller D_c.
  const auto same_dc = curve("Ag", 1e-2, {{4, 1.6, 0.1, 3}, {15, 2.4, 0.1, 3}}, 15.0);
  EXPECT_EQ(verdict(checkTargets({slow, same_dc}, {}, {}), "T3").verdict, Verdict::kNotResolved);
  // 0.05 GPa stronger on average (mean Δσ 0.05 ± 0.10 GPa): neither resolved stronger nor weaker.
  const auto close = curve("Ag", 1e-2, {{4, 1.05, 0.1, 3}, {15, 2.05, 0.1, 3}}, 4.0);
  EXPECT_EQ(verdict(checkTargets({slow, close}, {}, {}), "T3").verdict, Verdict::kNotResolved);
}

TEST(TargetCheck, ActivationVolumesMustLieWithinAFactorTwoOfThePapers) {
  // Each mean ± 2 se inside [paper/2, 2 paper]: thin [0.2, 0.4] ⊂ [0.12, 0.48], thick [0.6, 1.4] ⊂
  // [0.5, 2], Pt [0.7, 1.5] ⊂ [0.51, 2.04].
  const ActivationVolumeResult thin{"Ag_below_15nm", "Ag", 300.0, 0.3, 0.05, 0.24, 4};
  const ActivationVolumeResult thick{"Ag_above_15nm", "Ag", 300.0, 1.0, 0.2, 1.0, 4};
  const ActivationVolumeResult pt{"Pt", "Pt", 300.0, 1.1, 0.2, 1.02, 8};
  EXPECT_EQ(verdict(checkTargets({}, {thin, thick, pt}, {}), "T4").verdict, Verdict::kHolds);
  // Thick Ag 0.5 ± 0.2 b³: [0.1, 0.9] straddles the lower end 0.5: not resolved either way.
  const ActivationVolumeResult close{"Ag_above_15nm", "Ag", 300.0, 0.5, 0.2, 1.0, 4};
  EXPECT_EQ(verdict(checkTargets({}, {thin, close, pt}, {}), "T4").verdict, Verdict::kNotResolved);
  // Thick Ag 0.1 ± 0.01 b³, wholly below 0.5: fails.
  const ActivationVolumeResult below{"Ag_above_15nm", "Ag", 300.0, 0.1, 0.01, 1.0, 4};
  EXPECT_EQ(verdict(checkTargets({}, {thin, below, pt}, {}), "T4").verdict, Verdict::kFails);
  // Thin Ag at 1 ± 0.1 b³, four times the paper's 0.24: fails, though it is below thick Ag's.
  const ActivationVolumeResult thick_like{"Ag_below_15nm", "Ag", 300.0, 1.0, 0.1, 0.24, 4};
  const ActivationVolumeResult thicker{"Ag_above_15nm", "Ag", 300.0, 1.6, 0.1, 1.0, 4};
  EXPECT_EQ(verdict(checkTargets({}, {thick_like, thicker}, {}), "T4").verdict, Verdict::kFails);
  // Without thin Ag, the prediction, nothing is judged.
  EXPECT_EQ(verdict(checkTargets({}, {thick, pt}, {}), "T4").verdict, Verdict::kNotEvaluated);
}

TEST(TargetCheck, AgStepVelocitiesMustLieInThePapersRange) {
  const StepVelocityPoint in{"Ag", 300.0, 10.0, 0.5, 0.05, 8, false, ""};
  EXPECT_EQ(verdict(checkTargets({}, {}, {}, {in}), "T5").verdict, Verdict::kHolds);
  const StepVelocityPoint fast{"Ag", 300.0, 6.0, 3.0, 0.2, 8, false, ""};  // [2.6, 3.4] nm/s, wholly above 1
  EXPECT_EQ(verdict(checkTargets({}, {}, {}, {in, fast}), "T5").verdict, Verdict::kFails);
  const StepVelocityPoint edge{"Ag", 300.0, 6.0, 0.95, 0.1, 8, false, ""};  // [0.75, 1.15] straddles 1
  EXPECT_EQ(verdict(checkTargets({}, {}, {}, {in, edge}), "T5").verdict, Verdict::kNotResolved);
  const StepVelocityPoint pt{"Pt", 300.0, 6.0, 0.0, 0.0, 8, false, ""};
  EXPECT_EQ(verdict(checkTargets({}, {}, {}, {pt}), "T5").verdict, Verdict::kNotEvaluated);
}

// A censored measurement is an upper bound on the velocity: wholly below the range it fails, inside or above it
// decides nothing.
TEST(TargetCheck, AStepVelocityUpperBoundCanOnlyFail) {
  const StepVelocityPoint below{"Ag", 300.0, 10.0, 0.055, 0.007, 16, true, "wire"};  // ≤ [0.041, 0.069]
  EXPECT_EQ(verdict(checkTargets({}, {}, {}, {below}), "T5").verdict, Verdict::kFails);
  const StepVelocityPoint inside{"Ag", 300.0, 10.0, 0.5, 0.05, 16, true, "wire"};
  EXPECT_EQ(verdict(checkTargets({}, {}, {}, {inside}), "T5").verdict, Verdict::kNotResolved);
  const StepVelocityPoint above{"Ag", 300.0, 10.0, 3.0, 0.2, 16, true, "wire"};
  EXPECT_EQ(verdict(checkTargets({}, {}, {}, {above}), "T5").verdict, Verdict::kNotResolved);
  EXPECT_NE(verdict(checkTargets({}, {}, {}, {below}), "T5").simulated.find("wire ≤ 0.055"), std::string::npos);
}

TEST(TargetCheck, CriticalDiameterMustRiseFrom300To350K) {
  auto cold = curve("Ag", 1e-3, {{6, 1.0, 0.1, 3}, {10, 2.0, 0.1, 3}, {20, 1.5, 0.1, 3}}, 10.0);
  auto warm = curve("Ag", 1e-3, {{6, 0.8, 0.1, 3}, {10, 1.2, 0.1, 3}, {20, 1.6, 0.1, 3}}, 20.0);
  warm.temperature_K = 350.0;
  EXPECT_EQ(verdict(checkTargets({cold, warm}, {}, {}), "T6").verdict, Verdict::kHolds);
  // Bootstrap intervals that overlap: not resolved.
  warm.dc_lo_nm = 10.0;
  EXPECT_EQ(verdict(checkTargets({cold, warm}, {}, {}), "T6").verdict, Verdict::kNotResolved);
  // D_c resolved smaller at 350 K: fails.
  warm.dc_nm = warm.dc_lo_nm = warm.dc_hi_nm = 6.0;
  EXPECT_EQ(verdict(checkTargets({cold, warm}, {}, {}), "T6").verdict, Verdict::kFails);
  EXPECT_EQ(verdict(checkTargets({cold}, {}, {}), "T6").verdict, Verdict::kNotEvaluated);
}

TEST(TargetCheck, RolesDefaultToPredictedAndTheTableHasOneRowPerTarget) {
  const auto v = checkTargets({}, {}, {{"T2", "calibrated: C"}});
  EXPECT_EQ(verdict(v, "T1").role, "predicted");
  EXPECT_EQ(verdict(v, "T2").role, "calibrated: C");
  const std::string md = targetsMarkdown(v);
  EXPECT_NE(md.find("| T6 |"), std::string::npos);
  EXPECT_EQ(std::count(md.begin(), md.end(), '\n'), 8);
  EXPECT_NE(md.find("| not evaluated |"), std::string::npos);
}

}  // namespace
}  // namespace surfkmc::app
