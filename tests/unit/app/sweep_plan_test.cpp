// SPDX-License-Identifier: MIT
// Sweep expansion: point order, values in place, and located errors (exit code 2) for bad sweeps.
#include "app/sweep_plan.hpp"

#include <sys/wait.h>

#include <gtest/gtest.h>

#include <array>
#include <cstdio>

#include "core/error.hpp"
#include "core/units.hpp"
#include "tests/unit/app/test_files.hpp"

namespace surfkmc::app {
namespace {

// Lines 1-6; a sweep starts on line 7.
const std::string kBase = test::kHead + test::kCylinder + "loading: {strain_rate_per_s: 1.0e-3}\n";

std::string errorOf(const std::filesystem::path& file) {
  try {
    (void)loadSweepPlan(file);
  } catch (const InputError& e) {
    return e.what();
  }
  return "(no error)";
}

TEST(SweepPlan, ExpandsTheCartesianProductFirstKeySlowest) {
  const test::TempDir dir;
  const auto file = dir.write("s.yaml", kBase +
                                            "replicas: 2\nsweep:\n  material: [Ag, Pt]\n"
                                            "  geometry.diameter_nm: [3, 4.5, 6]\n  replicas: [1, 3]\n");
  const SweepPlan plan = loadSweepPlan(file);
  ASSERT_EQ(plan.points.size(), 12u);
  EXPECT_EQ(plan.keys, (std::vector<std::string>{"material", "geometry.diameter_nm", "replicas"}));
  const SweepPoint& p = plan.points[9];  // (1, 1, 1) in row-major order of 2 x 3 x 2
  EXPECT_EQ(p.index, 9u);
  EXPECT_EQ(p.values, (std::vector<std::string>{"Pt", "4.5", "3"}));
  EXPECT_EQ(p.scenario.material.name, "Pt");
  EXPECT_DOUBLE_EQ(p.scenario.wire.diameter_A, units::nmToAngstrom(4.5));
  EXPECT_EQ(p.scenario.replicas, 3);
  // Keys not swept keep their value from the file.
  EXPECT_DOUBLE_EQ(p.scenario.wire.length_A, units::nmToAngstrom(3.0));
  EXPECT_DOUBLE_EQ(*p.scenario.loading->strain_rate_per_s, 1.0e-3);
  EXPECT_EQ(plan.points[0].values, (std::vector<std::string>{"Ag", "3", "1"}));
  EXPECT_EQ(plan.points[0].scenario.source_hash, plan.source_hash);
}

// Every point of a five-key sweep holds the values its index gives, in the scenario as well as in `values`.
// Until 2026-12-04 sweeps of four keys or more mixed values up: the points were put together by inserting
// YAML nodes at the front of a vector, and a node assigned to another writes through into the tree.
TEST(SweepPlan, EveryPointOfAFiveKeySweepHoldsItsOwnValues) {
  const test::TempDir dir;
  const auto file =
      dir.write("s.yaml", kBase +
                              "sweep:\n  material: [Ag, Pt]\n  loading.strain_rate_per_s: [1.0e-3, 1.0e-2]\n"
                              "  geometry.diameter_nm: [3, 4.5, 6]\n  replicas: [1, 2]\n"
                              "  ablation: [none, frozen_surface]\n");
  const SweepPlan plan = loadSweepPlan(file);
  ASSERT_EQ(plan.points.size(), 48u);
  const std::array<std::string, 2> materials{"Ag", "Pt"};
  const std::array<double, 2> rates{1.0e-3, 1.0e-2};
  const std::array<double, 3> diameters{3.0, 4.5, 6.0};
  const std::array<coupling::Ablation, 2> ablations{coupling::Ablation::kNone, coupling::Ablation::kFrozenSurface};
  std::size_t p = 0;
  for (std::size_t m = 0; m < 2; ++m)
    for (std::size_t r = 0; r < 2; ++r)
      for (std::size_t d = 0; d < 3; ++d)
        for (int n = 1; n <= 2; ++n)
          for (std::size_t a = 0; a < 2; ++a, ++p) {
            const Scenario& s = plan.points[p].scenario;
            EXPECT_EQ(s.material.name, materials[m]) << p;
            EXPECT_DOUBLE_EQ(*s.loading->strain_rate_per_s, rates[r]) << p;
            EXPECT_DOUBLE_EQ(s.wire.diameter_A, units::nmToAngstrom(diameters[d])) << p;
            EXPECT_EQ(s.replicas, n) << p;
            EXPECT_EQ(s.ablation, ablations[a]) << p;
            EXPECT_EQ(plan.points[p].values[0], materials[m]) << p;
            EXPECT_EQ(plan.points[p].values[4], a == 0 ? "none" : "frozen_surface") << p;
          }
}

TEST(SweepPlan, SweepsKeysTheFileLeavesOutAndWholeSections) {
  const test::TempDir dir;
  const auto file = dir.write("s.yaml", kBase +
                                            "sweep:\n  loading.max_strain: [0.05]\n"
                                            "  geometry: [{shape: cylinder, diameter_nm: 2, length_nm: 3}]\n");
  const SweepPlan plan = loadSweepPlan(file);
  ASSERT_EQ(plan.points.size(), 1u);
  EXPECT_DOUBLE_EQ(plan.points[0].scenario.loading->max_strain, 0.05);
  EXPECT_DOUBLE_EQ(plan.points[0].scenario.wire.diameter_A, units::nmToAngstrom(2.0));
  EXPECT_EQ(plan.points[0].values[1], "{shape: cylinder, diameter_nm: 2, length_nm: 3}");
}

TEST(SweepPlan, NoSweepIsOnePoint) {
  const test::TempDir dir;
  const SweepPlan plan = loadSweepPlan(dir.write("s.yaml", kBase));
  ASSERT_EQ(plan.points.size(), 1u);
  EXPECT_TRUE(plan.keys.empty());
}

std::vector<test::MalformedCase> malformedSweeps() {
  std::string many_seeds = "[0";
  for (int i = 1; i <= 100; ++i) many_seeds += ", " + std::to_string(i);
  many_seeds += "]";
  return {
      // Unknown keys: at the value in the sweep list (the key has no place of its own in the tree).
      {"unknown_leaf", kBase + "sweep:\n  geometry.diamter_nm: [3, 4]\n",
       ":8:25:", "geometry.diamter_nm: unknown key 'diamter_nm'; did you mean 'diameter_nm'?"},
      {"unknown_root_key", kBase + "sweep:\n  colour: [red]\n", ":8:12:", "colour: unknown key 'colour'"},
      {"unknown_section", kBase + "sweep:\n  geometri.diameter_nm: [3]\n",
       ":8:3:", "'geometri' is not a section of this scenario; did you mean 'geometry'?"},
      {"scalar_as_section", kBase + "sweep:\n  seed.x: [1]\n", ":8:3:", "'seed' is not a section"},
      {"bad_dots", kBase + "sweep:\n  geometry..diameter_nm: [3]\n", ":8:3:", "names joined by single dots"},
      {"empty_list", kBase + "sweep:\n  geometry.diameter_nm: []\n",
       ":8:25:", "sweep.geometry.diameter_nm: empty list"},
      {"scalar_not_list", kBase + "sweep:\n  geometry.diameter_nm: 4\n",
       ":8:25:", "sweep.geometry.diameter_nm: bad value '4'; allowed: a list"},
      {"map_not_list", kBase + "sweep:\n  geometry.diameter_nm: {a: 1}\n", ":8:25:", "allowed: a list"},
      {"missing_list", kBase + "sweep:\n  geometry.diameter_nm:\n", ":8:3:", "allowed: a list"},
      // Bad values: at the value, with the normal loader's message.
      {"negative_value", kBase + "sweep:\n  geometry.diameter_nm: [3, -4]\n",
       ":8:29:", "geometry.diameter_nm: bad value '-4'"},
      {"word_value", kBase + "sweep:\n  loading.strain_rate_per_s: [1e-3, fast]\n",
       ":8:37:", "loading.strain_rate_per_s: bad value 'fast'"},
      {"bad_material", kBase + "sweep:\n  material: [Ag, Agg]\n",
       ":8:18:", "material: bad value 'Agg'; did you mean 'Ag'?"},
      {"list_in_list", kBase + "sweep:\n  seed: [[1, 2]]\n", ":8:10:", "seed: bad value"},
      {"sweep_of_sweep", kBase + "sweep:\n  sweep: [1]\n", ":8:3:", "the sweep cannot sweep itself"},
      {"sweep_of_sweep_key", kBase + "sweep:\n  sweep.material: [Ag]\n", ":8:3:", "the sweep cannot sweep itself"},
      {"too_many_points", kBase + "sweep:\n  seed: " + many_seeds + "\n  replicas: " + many_seeds + "\n",
       ":8:", "too many points (more than 10000)"},
      {"sweep_list", kBase + "sweep: [1, 2]\n", ":7:8:", "sweep: bad value; allowed: a map"},
      {"sweep_scalar", kBase + "sweep: all\n", ":7:8:", "sweep: bad value; allowed: a map"},
      {"sweep_empty_map", kBase + "sweep: {}\n", ":7:8:", "sweep: empty map"},
      {"swept_twice", kBase + "sweep:\n  seed: [1]\n  seed: [2]\n", ":9:3:", "sweep.seed: swept twice"},
      {"list_key", kBase + "sweep:\n  [a, b]: [1]\n", ":8:3:", "keys must be dotted key names"},
  };
}

TEST(SweepPlan, MalformedSweepsGiveLocatedErrors) {
  const test::TempDir dir;
  for (const test::MalformedCase& c : malformedSweeps()) {
    const auto file = dir.write(c.name + ".yaml", c.text);
    const std::string message = errorOf(file);
    EXPECT_NE(message.find(file.string() + c.where), std::string::npos) << c.name << ": " << message;
    EXPECT_NE(message.find(c.key), std::string::npos) << c.name << ": " << message;
  }
}

TEST(SweepPlan, MalformedSweepsExitWithTwoBeforeRunningAnything) {
  const test::TempDir dir;
  for (const test::MalformedCase& c : malformedSweeps()) {
    const auto file = dir.write(c.name + ".yaml", c.text);
    const auto out = dir.path() / ("out_" + c.name);
    const test::Outcome o = test::captureSurfkmc({"sweep", file.string(), "--out", out.string()});
    const std::string& output = o.output;
    ASSERT_TRUE(o.exited) << c.name;
    EXPECT_EQ(o.code, 2) << c.name << ": " << output;
    EXPECT_NE(output.find(file.string() + c.where), std::string::npos) << c.name << ": " << output;
    EXPECT_FALSE(std::filesystem::exists(out)) << c.name << ": wrote results before checking every point";
  }
}

}  // namespace
}  // namespace surfkmc::app
