// SPDX-License-Identifier: MIT
// Step-velocity measurements (docs/data_format.md#step-velocity): the tool's lines load, bad ones are located,
// and `surfkmc compare --step-velocity` judges T5 on them.
#include "app/step_velocity_data.hpp"

#include <gtest/gtest.h>

#include <fstream>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "core/error.hpp"
#include "tests/unit/app/test_files.hpp"

namespace surfkmc::app {
namespace {

/// What tools/kmc/step_velocity prints for one method (its rows shortened).
std::string toolOutput(const std::string& method, const std::string& geometry, double diameter_nm, double v, double se,
                       int censored) {
  return "# T = 300 K, sigma = 0 GPa, t_end = 24 s, 16 seeds; (111) slab 6 x 6 nm, island of 36 atoms\n"
         "# method " +
         method +
         "\n# t N N_se adatoms adatoms_se\n0.6 33.69 0.624 0 0\n"
         "# summary " +
         method + " 6.825 1.35 0.5453 0.073 1 2.811e+08 3.05e+03\n# measurement material=Ag method=" + method +
         " geometry=" + geometry + " diameter_nm=" + std::to_string(diameter_nm) +
         " temperature_K=300 stress_GPa=0 t_end_s=24 seeds=16 censored=" + std::to_string(censored) +
         " v_nm_per_s=" + std::to_string(v) + " v_se_nm_per_s=" + std::to_string(se) + " build=4872fe653155\n\n\n";
}

TEST(StepVelocityData, ReadsEveryMeasurementLineOfTheToolsOutput) {
  const test::TempDir dir;
  const auto f = dir.write("sv.dat", toolOutput("wire10", "wire", 10.0, 0.05453, 0.0073, 1) +
                                         toolOutput("plain", "slab", 0, 0.117, 0.009, 0));
  const std::vector<StepVelocityMeasurement> ms = loadStepVelocityFile(f);
  ASSERT_EQ(ms.size(), 2u);
  EXPECT_EQ(ms[0].material, "Ag");
  EXPECT_EQ(ms[0].method, "wire10");
  EXPECT_EQ(ms[0].geometry, "wire");
  EXPECT_DOUBLE_EQ(ms[0].diameter_nm, 10.0);
  EXPECT_DOUBLE_EQ(ms[0].temperature_K, 300.0);
  EXPECT_DOUBLE_EQ(ms[0].t_end_s, 24.0);
  EXPECT_EQ(ms[0].seeds, 16);
  EXPECT_EQ(ms[0].censored, 1);
  EXPECT_DOUBLE_EQ(ms[0].v_nm_per_s, 0.05453);
  EXPECT_DOUBLE_EQ(ms[0].v_se_nm_per_s, 0.0073);
  EXPECT_EQ(ms[0].build, "4872fe653155");
  EXPECT_EQ(ms[0].line, 6);
  EXPECT_EQ(ms[1].geometry, "slab");
  EXPECT_EQ(ms[1].censored, 0);
  EXPECT_EQ(ms[1].line, 14);
}

struct BadLine {
  std::string name, line, expect;
};

TEST(StepVelocityData, MalformedLinesGiveLocatedErrors) {
  const std::string good =
      "# measurement material=Ag method=wire10 geometry=wire diameter_nm=10 temperature_K=300 stress_GPa=0 "
      "t_end_s=24 seeds=16 censored=1 v_nm_per_s=0.05 v_se_nm_per_s=0.007";
  auto with = [&](const std::string& from, const std::string& to) {
    std::string s = good;
    s.replace(s.find(from), from.size(), to);
    return s;
  };
  const std::vector<BadLine> cases = {
      {"misspelt_key", with("seeds=16", "sedes=16"), ":2:112: sedes: unknown field 'sedes=16'"},
      {"missing_key", with(" censored=1", ""), ":2:15: censored: missing"},
      {"twice", good + " seeds=3", ":2:168: seeds: given twice"},
      {"word_for_number", with("v_nm_per_s=0.05", "v_nm_per_s=fast"), ":2:143: v_nm_per_s: bad value 'fast'"},
      {"negative_velocity", with("v_nm_per_s=0.05", "v_nm_per_s=-0.05"), ":2:143: v_nm_per_s: bad value '-0.05'"},
      {"nan_error", with("v_se_nm_per_s=0.007", "v_se_nm_per_s=nan"), ":2:162: v_se_nm_per_s: bad value 'nan'"},
      {"more_censored_than_seeds", with("censored=1", "censored=17"),
       ":2:130: censored: bad value '17'; allowed: a whole number from 0 to 16"},
      {"one_seed", with("seeds=16", "seeds=1"), ":2:118: seeds: bad value '1'; allowed: a whole number from 2"},
      {"bad_geometry", with("geometry=wire", "geometry=rod"), ":2:50: geometry: bad value 'rod'"},
      {"slab_with_diameter", with("geometry=wire", "geometry=slab"), ":2:67: diameter_nm: bad value '10'"},
      {"path_as_material", with("material=Ag", "material=../Ag"), ":2:24: material: bad value '../Ag'"},
      {"no_measurement", "", ": no '# measurement' line"},
  };
  for (const BadLine& c : cases) {
    const test::TempDir dir;
    const auto f = dir.write("sv.dat", "# method wire10\n" + c.line + "\n");
    try {
      loadStepVelocityFile(f);
      ADD_FAILURE() << c.name << ": accepted";
    } catch (const InputError& e) {
      const std::string m = e.what();
      EXPECT_NE(m.find(f.string() + c.expect), std::string::npos) << c.name << ": " << m;
    }
  }
  EXPECT_THROW(loadStepVelocityFile("/nonexistent/sv.dat"), InputError);
}

}  // namespace
}  // namespace surfkmc::app
