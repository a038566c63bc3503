// SPDX-License-Identifier: MIT
// Scenario loading: shipped scenarios load; every malformed input is one located InputError.
#include "app/scenario_loader.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <fstream>
#include <random>
#include <sstream>

#include "app/material_loader.hpp"
#include "app/source_file.hpp"
#include "app/specimen.hpp"
#include "core/error.hpp"
#include "tests/unit/app/test_files.hpp"

namespace surfkmc::app {
namespace {

using test::kScenarios;

TEST(ScenarioLoader, LoadsTheKmcOnlyScenario) {
  const Scenario s = loadScenario(kScenarios / "ag_kmc_d5.yaml");
  EXPECT_EQ(s.schema_version, 1);
  EXPECT_EQ(s.name, "ag_kmc_d5");
  EXPECT_EQ(s.seed, 42u);
  EXPECT_EQ(s.material.name, "Ag");
  EXPECT_EQ(s.wire.shape, lattice::Shape::kCylinder);
  EXPECT_DOUBLE_EQ(s.wire.diameter_A, 50.0);  // 5 nm
  EXPECT_DOUBLE_EQ(s.wire.length_A, 100.0);   // 10 nm
  ASSERT_TRUE(s.kmc);
  EXPECT_DOUBLE_EQ(s.kmc->temperature_K, 300.0);
  EXPECT_EQ(s.kmc->max_events, 100000);
  EXPECT_FALSE(s.kmc->duration_s);
  EXPECT_FALSE(s.kmc->checking);
  EXPECT_EQ(s.source_path, kScenarios / "ag_kmc_d5.yaml");
  EXPECT_EQ(s.source_hash, SourceFile::read(kScenarios / "ag_kmc_d5.yaml").hash());
}

TEST(ScenarioLoader, LoadsAndBuildsEveryShippedScenario) {
  int count = 0;
  for (const auto& entry : std::filesystem::directory_iterator(kScenarios)) {
    if (entry.path().extension() != ".yaml") continue;
    ++count;
    SCOPED_TRACE(entry.path().string());
    const Scenario s = loadScenario(entry.path());
    const lattice::BuiltWire w = buildSpecimen(s);
    EXPECT_GT(w.lattice.atomCount(), 0);
  }
  EXPECT_GE(count, 4);
}

TEST(ScenarioLoader, ReadsEachShapeAndTheGauge) {
  const Scenario rect = loadScenario(kScenarios / "ag_rectangle_md.yaml");
  EXPECT_EQ(rect.wire.shape, lattice::Shape::kRectangle);
  EXPECT_DOUBLE_EQ(rect.wire.width_A, 60.0);
  EXPECT_DOUBLE_EQ(rect.wire.thickness_A, 20.0);
  const Scenario slab = loadScenario(kScenarios / "ag_slab_111.yaml");
  EXPECT_EQ(slab.wire.shape, lattice::Shape::kSlab);
  EXPECT_DOUBLE_EQ(slab.wire.size_z_A, 50.0);
  EXPECT_DOUBLE_EQ(slab.wire.vacuum_A, 10.0);
  EXPECT_TRUE(slab.kmc->checking);
  const Scenario gauge = loadScenario(kScenarios / "ag_gauge.yaml");
  ASSERT_TRUE(gauge.wire.gauge);
  EXPECT_DOUBLE_EQ(gauge.wire.gauge->diameter_A, 60.0);
  EXPECT_DOUBLE_EQ(gauge.wire.gauge->transition_A, 30.0);
  const Scenario pt = loadScenario(kScenarios / "pt_d10.yaml");
  EXPECT_EQ(pt.material.name, "Pt");
  EXPECT_DOUBLE_EQ(*pt.kmc->duration_s, 1.0);
}

TEST(ScenarioLoader, KmcSectionIsOptional) {
  test::TempDir dir;
  const Scenario s = loadScenario(dir.write("s.yaml", test::kHead + test::kCylinder));
  EXPECT_FALSE(s.kmc);
}

TEST(ScenarioLoader, TakesAMaterialFileByPathRelativeToTheScenario) {
  test::TempDir dir;
  std::filesystem::create_directories(dir.path() / "mat");
  dir.write("mat/silver.yaml", test::portableMaterial("Ag"));
  const Scenario s = loadScenario(
      dir.write("s.yaml", "schema_version: 1\nname: t\nseed: 1\nmaterial: mat/silver.yaml\n" + test::kCylinder));
  EXPECT_EQ(s.material.name, "Ag");
  EXPECT_EQ(s.material.source_path, dir.path() / "mat/silver.yaml");
}

TEST(ScenarioLoader, RejectsEveryMalformedScenarioWithOneLocatedMessage) {
  test::TempDir dir;
  for (const test::MalformedCase& c : test::malformedScenarios()) {
    const auto path = dir.write(c.name + ".yaml", c.text);
    try {
      loadScenario(path);
      ADD_FAILURE() << c.name << " was accepted";
    } catch (const InputError& e) {
      const std::string msg = e.what();
      EXPECT_EQ(msg.rfind(path.string() + c.where, 0), 0u) << c.name << ": " << msg;
      EXPECT_NE(msg.find(c.key), std::string::npos) << c.name << ": " << msg;
    }
  }
}

TEST(ScenarioLoader, RejectsMissingFilesAndFolders) {
  test::TempDir dir;
  for (const auto& p : {dir.path() / "none.yaml", dir.path()}) {
    try {
      loadScenario(p);
      ADD_FAILURE() << p;
    } catch (const InputError& e) {
      EXPECT_EQ(std::string(e.what()).rfind(p.string() + ": cannot read file", 0), 0u) << e.what();
    }
  }
}

/// Loads `text`; true if it is accepted, false if it fails with a message naming the file.
bool acceptedOrLocated(const test::TempDir& dir, const std::string& text) {
  const auto path = dir.write("fuzz.yaml", text);
  try {
    loadScenario(path);
    return true;
  } catch (const InputError& e) {
    EXPECT_EQ(std::string(e.what()).rfind(path.string() + ":", 0), 0u) << e.what();
    return false;
  }
}

TEST(ScenarioLoader, EveryTruncationOfAValidScenarioFailsCleanly) {
  test::TempDir dir;
  const std::string full = test::readAll(kScenarios / "ag_gauge.yaml");
  for (std::size_t n = 0; n < full.size(); ++n) acceptedOrLocated(dir, full.substr(0, n));
  EXPECT_TRUE(acceptedOrLocated(dir, full));
}

TEST(ScenarioLoader, RandomBytesNeverCrashTheLoader) {
  test::TempDir dir;
  std::mt19937_64 rng(12345);  // fixed seed: the same bytes on every run
  using namespace std::string_literals;
  const std::string alphabet = "{}[]:,-?&*!|>'\"%@`#\n\t .0123456789e+abcxyz_\x00\xff"s;
  for (int trial = 0; trial < 300; ++trial) {
    std::string text(rng() % 200, ' ');
    for (char& c : text) c = (trial % 2) ? static_cast<char>(rng() & 0xff) : alphabet[rng() % alphabet.size()];
    acceptedOrLocated(dir, text);
  }
}

TEST(ScenarioLoader, BuildErrorsPointAtTheGeometrySection) {
  test::TempDir dir;
  const auto path =
      dir.write("big.yaml", test::kHead + "geometry: {shape: cylinder, diameter_nm: 1000, length_nm: 1000}\n");
  const Scenario s = loadScenario(path);
  try {
    buildSpecimen(s);
    ADD_FAILURE() << "a box of 1e10 sites was built";
  } catch (const InputError& e) {
    const std::string msg = e.what();
    EXPECT_EQ(msg.rfind(path.string() + ":5:11: geometry: the specimen needs a box of", 0), 0u) << msg;
  }
}

}  // namespace
}  // namespace surfkmc::app
