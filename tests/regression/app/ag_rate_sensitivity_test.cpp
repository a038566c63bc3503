// SPDX-License-Identifier: MIT
// Issue 5: Ag at 300 K is stronger at 1e-2 /s than at 1e-3 /s at every diameter, and the apparent
// activation volume Ω_app = k_BT Δln ε̇ / Δσ_y of thin Ag is smaller than that of thick Ag and of Pt.
// At equal Δln ε̇ a smaller Ω_app is a larger Δσ_y, so the test compares the strength gains.
#include <gtest/gtest.h>

#include <cmath>
#include <filesystem>
#include <map>
#include <string>
#include <utility>

#include "tests/regression/app/point_statistics.hpp"
#include "tests/regression/app/sweep_results.hpp"
#include "tests/unit/app/test_files.hpp"

namespace surfkmc::app {
namespace {

/// σ_y(1e-2) − σ_y(1e-3) at one (material, D), with its standard error.
struct Gain {
  double mean = 0.0;
  double se = 0.0;
};

TEST(AgRateSensitivity, FasterIsStrongerAndThinAgHasTheSmallestActivationVolume) {
  const test::TempDir dir;
  ASSERT_EQ(
      test::runSurfkmc({"sweep", std::string(SURFKMC_SOURCE_DIR) + "/tests/regression/app/ag_rate_sensitivity.yaml",
                        "--out", (dir.path() / "r").string()}),
      0);
  // Keys as points.csv writes them: the swept values as the scenario spells them. The strength
  // (highest stress before the first nucleation) of every replica: a thin wire that creeps at a
  // plateau until max_strain carries its flow stress.
  const auto stats =
      test::yieldStatistics(dir.path() / "r" / "points.csv",
                            {"material", "loading.strain_rate_per_s", "geometry.diameter_nm"}, "strength_GPa");
  const auto nucleated = test::yieldStatistics(dir.path() / "r" / "points.csv",
                                               {"material", "loading.strain_rate_per_s", "geometry.diameter_nm"});
  ASSERT_EQ(stats.size(), 8u);
  std::map<std::pair<std::string, std::string>, Gain> gain;
  for (const std::string material : {"Ag", "Pt"})
    for (const std::string d : {"6", "20"}) {
      const test::Stats& slow = stats.at({material, "1.0e-3", d});
      const test::Stats& fast = stats.at({material, "1.0e-2", d});
      EXPECT_EQ(slow.n, 8) << material << " " << d << " nm: every replica has a strength";
      EXPECT_EQ(fast.n, 8) << material << " " << d << " nm: every replica has a strength";
      // Thick wires yield by nucleation before max_strain at both rates. Thin Ag may creep at a plateau to
      // max_strain at either rate (its strength is then that plateau): at 1e-2 /s, 6 nm, this scenario's point
      // run on its own with seed 11 nucleates in 6 of 8 replicas with the build before the exact-u_el change
      // (237731f) and 8 of 8 after it, and the sweep's own seeds gave 6 of 8 after it (2026-12-06), so
      // "every thin wire nucleates at 1e-2 /s", asserted until then, held by the seeds' luck and is not tested.
      if (material == "Pt" || d == "20") {
        EXPECT_EQ(nucleated.at({material, "1.0e-3", d}).n, 8) << material << " " << d << " nm nucleates";
        EXPECT_EQ(nucleated.at({material, "1.0e-2", d}).n, 8) << material << " " << d << " nm nucleates at 1e-2 /s";
      }
      gain[{material, d}] = {fast.mean - slow.mean, std::hypot(fast.se, slow.se)};
    }
  // Faster is stronger, for Ag at every diameter, each gain resolved beyond 2 standard errors.
  for (const std::string d : {"6", "20"}) {
    const Gain& g = gain.at({"Ag", d});
    EXPECT_GT(g.mean, 2.0 * g.se) << "Ag " << d << " nm: " << g.mean << " ± " << g.se << " GPa";
  }
  // Thin Ag gains more strength than thick Ag and than Pt (pooled over its two diameters): its
  // Ω_app is smaller, beyond 2 combined standard errors.
  const Gain& thin = gain.at({"Ag", "6"});
  const Gain& thick = gain.at({"Ag", "20"});
  const Gain pt{0.5 * (gain.at({"Pt", "6"}).mean + gain.at({"Pt", "20"}).mean),
                0.5 * std::hypot(gain.at({"Pt", "6"}).se, gain.at({"Pt", "20"}).se)};
  EXPECT_GT(thin.mean - thick.mean, 2.0 * std::hypot(thin.se, thick.se))
      << "thin " << thin.mean << " ± " << thin.se << ", thick " << thick.mean << " ± " << thick.se;
  EXPECT_GT(thin.mean - pt.mean, 2.0 * std::hypot(thin.se, pt.se))
      << "thin " << thin.mean << " ± " << thin.se << ", Pt " << pt.mean << " ± " << pt.se;
}

}  // namespace
}  // namespace surfkmc::app
