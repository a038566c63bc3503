// SPDX-License-Identifier: MIT
// Issue 5: the coupled run's results stop depending on the analysis cadence (site detection and
// hazard steps) once it is fine enough. A thin Ag wire at 1e-2 /s yields ~2.7 s after loading starts,
// while its surface is still changing; the cadence is swept over 3.2, 1.6, 0.4, 0.1 and 0.025 s.
#include <gtest/gtest.h>

#include <cmath>
#include <filesystem>
#include <map>
#include <string>

#include "tests/regression/app/point_statistics.hpp"
#include "tests/regression/app/sweep_results.hpp"
#include "tests/unit/app/test_files.hpp"

namespace surfkmc::app {
namespace {

TEST(Cadence, YieldStatisticsConvergeAsTheAnalysisIntervalShrinks) {
  const test::TempDir dir;
  ASSERT_EQ(test::runSurfkmc({"sweep", std::string(SURFKMC_SOURCE_DIR) + "/tests/regression/app/cadence.yaml", "--out",
                              (dir.path() / "c").string()}),
            0);
  // The strength of every replica (the highest stress before its first nucleation; a wire that
  // flowed to the end of loading carries its plateau), so that each cadence averages all 16.
  std::map<double, test::Stats> by_interval;
  for (const auto& [key, s] :
       test::yieldStatistics(dir.path() / "c" / "points.csv", {"nucleation.analysis_interval_s"}, "strength_GPa"))
    by_interval[std::stod(key[0])] = s;
  ASSERT_EQ(by_interval.size(), 5u);
  for (const auto& [dt, s] : by_interval) EXPECT_EQ(s.n, 16) << "every replica has a strength, interval " << dt;
  const test::Stats& finest = by_interval.at(0.025);
  // Converged: 1.6, 0.4 and 0.1 s agree with 0.025 s within 3 combined standard errors.
  for (const double dt : {1.6, 0.4, 0.1}) {
    const test::Stats& s = by_interval.at(dt);
    EXPECT_LT(std::abs(s.mean - finest.mean), 3.0 * std::hypot(s.se, finest.se)) << "interval " << dt << " s";
  }
  // Not converged: at 3.2 s the first hazard step runs on the as-cut surface, whose pristine facet
  // edges are stronger than the steps diffusion makes within the first seconds, so wires yield later
  // and higher. This shows the comparison above can tell a wrong cadence from a right one.
  const test::Stats& coarse = by_interval.at(3.2);
  EXPECT_GT(coarse.mean - finest.mean, 3.0 * std::hypot(coarse.se, finest.se));
}

}  // namespace
}  // namespace surfkmc::app
