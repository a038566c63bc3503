// SPDX-License-Identifier: MIT
// compare's flow section: reloading slopes from stress_strain.csv against exact lines, and the
// grouping of flowing replicas (ablated ones and ones without slips left out).
#include "app/flow_analysis.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <filesystem>
#include <sstream>

#include "core/error.hpp"
#include "test_files.hpp"

namespace surfkmc::app {
namespace {

const std::string kStressStrainHeader =
    "# surfkmc test\npoint,replica,time_s,applied_strain,stress_GPa,diffusion_strain,slip_strain,cumulative_hazard,"
    "event,stress_after_GPa,site_class,x_A,y_A,z_A\n";

/// Replica (0, r): σ = E ε up to ε = 0.02, a slip of 0.01, then σ = k E (ε − 0.01 − ...) between slips.
std::string replicaRows(int replica, double E, double reload_fraction) {
  std::ostringstream rows;
  rows.precision(17);
  const auto sample = [&](double eps, double sigma) {
    rows << "0," << replica << ',' << eps * 1000 << ',' << eps << ',' << sigma << ",0,0,0,sample,,,,,\n";
  };
  for (int i = 0; i <= 4; ++i) sample(0.005 * i, E * 0.005 * i);
  rows << "0," << replica << ",20,0.02," << E * 0.02 << ",0,0,0,slip," << E * 0.01 << ",step,1,2,3\n";
  for (int i = 0; i <= 4; ++i) sample(0.02 + 0.005 * i, E * 0.01 + reload_fraction * E * 0.005 * i);
  rows << "0," << replica << ",40,0.04,1,0,0,0,slip,0.5,slip_step,1,2,3\n";
  for (int i = 0; i <= 3; ++i) sample(0.04 + 0.005 * i, 0.5 + reload_fraction * E * 0.005 * i);
  return rows.str();
}

TEST(FlowAnalysis, SlopesOfEachStretchAreTheLinesTheCurveWasDrawnFrom) {
  const test::TempDir dir;
  const auto csv =
      dir.write("stress_strain.csv", kStressStrainHeader + replicaRows(0, 80.0, 0.5) + replicaRows(1, 80.0, 1.0));
  const auto slopes = reloadSlopes(csv);
  ASSERT_EQ(slopes.size(), 2u);
  EXPECT_NEAR(slopes.at({0, 0}).before_first_slip_GPa, 80.0, 1e-9);
  EXPECT_NEAR(slopes.at({0, 0}).between_slips_GPa, 40.0, 1e-9);
  EXPECT_NEAR(slopes.at({0, 1}).between_slips_GPa, 80.0, 1e-9);

  ResultsTable table;
  for (int r = 0; r < 3; ++r) {
    SimulatedYield y;
    y.material = "Ag";
    y.diameter_nm = 10.0;
    y.strain_rate_per_s = 1e-3;
    y.replica = r;
    y.slip_events = r < 2 ? 2 : 0;  // replica 2 never slipped: not a flowing replica
    y.flow_stress_GPa = 1.0 + r;
    y.mean_stress_drop_GPa = 0.8;
    table.rows.push_back(y);
  }
  for (int r = 0; r < 2; ++r) {
    SimulatedYield ablated = table.rows[static_cast<std::size_t>(r)];
    ablated.ablation = coupling::Ablation::kFrozenSurface;
    ablated.flow_stress_GPa = 3.0 + 2.0 * r;
    table.rows.push_back(ablated);
  }
  const std::vector<FlowCondition> c = flowConditions(table, slopes, {{"Ag", 80.0}});
  ASSERT_EQ(c.size(), 2u);
  EXPECT_EQ(c[1].ablation, coupling::Ablation::kFrozenSurface);
  // Full 1.5 ± 0.5, frozen 4 ± 1, on the same replicas 0 and 1: paired differences −2 and −3, effect −2.5 ± 0.5
  // (unpaired it would be ± √1.25).
  EXPECT_DOUBLE_EQ(c[1].flow_effect_GPa, -2.5);
  EXPECT_NEAR(c[1].flow_effect_se_GPa, 0.5, 1e-12);
  EXPECT_TRUE(c[1].flow_effect_paired);
  EXPECT_TRUE(std::isnan(c[0].flow_effect_GPa));
  EXPECT_EQ(c[0].replicas, 2);
  EXPECT_DOUBLE_EQ(c[0].flow_stress_GPa.mean, 1.5);
  EXPECT_NEAR(c[0].loading_over_E.mean, 1.0, 1e-12);
  EXPECT_NEAR(c[0].reloading_over_E.mean, 0.75, 1e-12);
  EXPECT_NE(flowMarkdown(c).find("| Ag | none | 10 |"), std::string::npos);
  EXPECT_NE(flowMarkdown(c).find("-2.500 ± 0.500 (paired), resolved"), std::string::npos) << flowMarkdown(c);

  // Arms on other replicas (the frozen arm's renumbered 5 and 6): nothing pairs, the standard errors combine.
  for (std::size_t k = 3; k < 5; ++k) table.rows[k].replica = static_cast<int>(k) + 2;
  const std::vector<FlowCondition> apart = flowConditions(table, slopes, {{"Ag", 80.0}});
  EXPECT_FALSE(apart[1].flow_effect_paired);
  EXPECT_DOUBLE_EQ(apart[1].flow_effect_GPa, -2.5);
  EXPECT_NEAR(apart[1].flow_effect_se_GPa, std::sqrt(1.25), 1e-12);
  EXPECT_NE(flowMarkdown(apart).find("-2.500 ± 1.118, resolved"), std::string::npos) << flowMarkdown(apart);
}

// Two stretches after slips: 6 slip-step sites that fall to 3, then 4 that stay 4: (3 + 4) / (6 + 4).
TEST(FlowAnalysis, SlipStepSurvivalIsWhatIsLeftAtTheEndOfEachStretch) {
  const test::TempDir dir;
  std::filesystem::create_directories(dir.path() / "series");
  dir.write("series/p00001_r0002.csv",
            "# surfkmc test\nreplica,time_s,slip_strain,sites_slip_step\n"
            "2,0,0,0\n2,1,0,0\n2,2,0.01,6\n2,3,0.01,5\n2,4,0.01,3\n2,5,0.02,4\n2,6,0.02,4\n");
  dir.write("series/p00001_r0003.csv", "# no slips\nreplica,time_s,slip_strain,sites_slip_step\n3,0,0,0\n");
  dir.write("series/notes.txt", "not a series\n");
  const auto s = slipStepSurvival(dir.path() / "series");
  ASSERT_EQ(s.size(), 1u);
  EXPECT_DOUBLE_EQ(s.at({1, 2}).first, 10.0);
  EXPECT_DOUBLE_EQ(s.at({1, 2}).last, 7.0);
  EXPECT_DOUBLE_EQ(s.at({1, 2}).surviving, 0.7);
  EXPECT_TRUE(slipStepSurvival(dir.path() / "missing").empty());
}

FlowCondition reloading(const std::string& material, double mean, double se, int n = 4) {
  FlowCondition c;
  c.material = material;
  c.temperature_K = 300.0;
  c.strain_rate_per_s = 1e-3;
  c.replicas = n;
  c.reloading_over_E.n = n;
  c.reloading_over_E.mean = mean;
  c.reloading_over_E.se = se;
  return c;
}

TEST(FlowAnalysis, T7HoldsWhenAgSoftensAndPtReloadsStifferBothResolved) {
  EXPECT_EQ(flowVerdict({reloading("Ag", 0.80, 0.05), reloading("Pt", 1.0, 0.0)}).verdict, Verdict::kHolds);
  // Ag's softening within 2 SE of none: not resolved.
  EXPECT_EQ(flowVerdict({reloading("Ag", 0.95, 0.05), reloading("Pt", 1.0, 0.0)}).verdict, Verdict::kNotResolved);
  // Ag reloads stiffer than E, or Pt softer than Ag: the opposite of the paper.
  EXPECT_EQ(flowVerdict({reloading("Ag", 1.20, 0.05), reloading("Pt", 1.0, 0.0)}).verdict, Verdict::kFails);
  EXPECT_EQ(flowVerdict({reloading("Ag", 0.80, 0.01), reloading("Pt", 0.60, 0.01)}).verdict, Verdict::kFails);
  // Ag reloading at exactly E with no scatter (Eq. 1 without a creep law) cannot soften: it fails, and a slope
  // just below E with its scatter stays not resolved.
  EXPECT_EQ(flowVerdict({reloading("Ag", 1.0, 0.0), reloading("Pt", 1.0, 0.0)}).verdict, Verdict::kFails);
  // The same with the rounding of a least-squares slope (1 ± 2e-16, as compare measured on session 34's runs).
  EXPECT_EQ(flowVerdict({reloading("Ag", 1.0, 2.220446049250313e-16), reloading("Pt", 1.0, 0.0)}).verdict,
            Verdict::kFails);
  EXPECT_EQ(flowVerdict({reloading("Ag", 1.0 - 2.220446049250313e-16, 0.0), reloading("Pt", 1.0, 0.0)}).verdict,
            Verdict::kFails);
  EXPECT_EQ(flowVerdict({reloading("Ag", 0.999, 0.001), reloading("Pt", 1.0, 0.0)}).verdict, Verdict::kNotResolved);
  // One material missing, or an ablated run only: not evaluated.
  EXPECT_EQ(flowVerdict({reloading("Ag", 0.80, 0.05)}).verdict, Verdict::kNotEvaluated);
  FlowCondition frozen = reloading("Pt", 1.0, 0.0);
  frozen.ablation = coupling::Ablation::kFrozenSurface;
  EXPECT_EQ(flowVerdict({reloading("Ag", 0.80, 0.05), frozen}).verdict, Verdict::kNotEvaluated);
  EXPECT_EQ(flowVerdict({}).id, "T7");
}

TEST(FlowAnalysis, AnUnknownEventIsALocatedError) {
  const test::TempDir dir;
  const auto csv = dir.write("stress_strain.csv", kStressStrainHeader + "0,0,0,0,0,0,0,0,glide,,,,,\n");
  try {
    reloadSlopes(csv);
    FAIL();
  } catch (const InputError& e) {
    EXPECT_NE(std::string(e.what()).find("stress_strain.csv:3:"), std::string::npos) << e.what();
    EXPECT_NE(std::string(e.what()).find("glide"), std::string::npos) << e.what();
  }
}

}  // namespace
}  // namespace surfkmc::app
