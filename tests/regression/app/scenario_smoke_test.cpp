// SPDX-License-Identifier: MIT
// Every shipped scenario passes `check` as it is, then runs to completion when shortened: at most
// 20 000 KMC events per replica, one replica, and the first value of each swept key (a scenario
// with neither kmc: nor loading: describes a specimen, and `wire` writes it). A scenario a
// user copies from scenarios/ must not fail on its first run.
#include <gtest/gtest.h>
#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "tests/regression/app/sweep_results.hpp"
#include "tests/unit/app/test_files.hpp"

namespace surfkmc::app {
namespace {

namespace fs = std::filesystem;

std::vector<fs::path> shippedScenarios() {
  std::vector<fs::path> files;
  for (const auto& entry : fs::recursive_directory_iterator(fs::path(SURFKMC_SOURCE_DIR) / "scenarios"))
    if (entry.path().extension() == ".yaml") files.push_back(entry.path());
  std::sort(files.begin(), files.end());
  return files;
}

/// The scenario with its run cut short; comments are dropped, keys and values kept.
std::string shortened(const fs::path& file) {
  YAML::Node s = YAML::LoadFile(file.string());
  if (s["kmc"]) s["kmc"]["max_events"] = 20000;
  if (s["replicas"]) s["replicas"] = 1;
  if (s["sweep"])
    for (auto key : s["sweep"]) {
      YAML::Node first;
      first.push_back(key.second[0]);
      s["sweep"][key.first.as<std::string>()] = first;
    }
  YAML::Emitter out;
  out << s;
  return std::string(out.c_str()) + "\n";
}

TEST(ScenarioSmoke, EveryShippedScenarioChecksAndRunsShortened) {
  const auto files = shippedScenarios();
  ASSERT_GE(files.size(), 5u);
  const test::TempDir dir;
  for (const fs::path& file : files) {
    SCOPED_TRACE(file.filename().string());
    EXPECT_EQ(test::runSurfkmc({"check", file.string()}), 0);
    const fs::path copy = dir.write(file.filename().string(), shortened(file));
    const YAML::Node original = YAML::LoadFile(file.string());
    const fs::path out = dir.path() / ("out_" + file.stem().string());
    if (!original["kmc"] && !original["loading"]) {  // a specimen only: what `wire` is for
      ASSERT_EQ(test::runSurfkmc({"wire", copy.string(), "-o", (out.string() + ".xyz")}), 0);
      EXPECT_TRUE(fs::is_regular_file(out.string() + ".xyz"));
      continue;
    }
    const char* command = original["sweep"] ? "sweep" : "run";
    EXPECT_EQ(test::runSurfkmc({command, copy.string(), "--threads", "2", "--out", out.string()}), 0);
    EXPECT_TRUE(fs::is_regular_file(out / "summary.json"));
  }
}

}  // namespace
}  // namespace surfkmc::app
