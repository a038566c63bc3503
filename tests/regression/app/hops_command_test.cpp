// SPDX-License-Identifier: MIT
// `surfkmc atomistic hops`: a small wire's hops by class, CI-NEB barriers of sampled hops, the same for
// any thread count; bad flags and scenarios exit with code 2 before anything is written.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include <cmath>
#include <filesystem>
#include <string>

#include "tests/unit/app/test_files.hpp"

namespace surfkmc::app {
namespace {

const std::string kSmallWire =
    "schema_version: 1\nname: hops_small\nseed: 5\nmaterial: Ag\n"
    "geometry: {shape: cylinder, diameter_nm: 2.5, length_nm: 3.5}\nkmc: {temperature_K: 300, duration_s: 1.0e-4}\n";

nlohmann::json runHops(const test::TempDir& dir, const std::string& out, const std::string& threads) {
  const auto scenario = dir.write("small.yaml", kSmallWire);
  const test::Outcome o =
      test::captureSurfkmc({"atomistic", "hops", scenario.string(), "--out", (dir.path() / out).string(), "--per-class",
                            "1", "--frames", "1", "--threads", threads});
  EXPECT_EQ(o.code, 0) << o.output;
  return nlohmann::json::parse(test::readAll(dir.path() / out / "hops.json"));
}

TEST(HopsCommand, SamplesEveryClassAndGivesTheSameBarriersOnAnyThreadCount) {
  const test::TempDir dir;
  const nlohmann::json one = runHops(dir, "t1", "1");
  const nlohmann::json two = runHops(dir, "t2", "2");
  EXPECT_EQ(one.at("provenance").at("kim_model"), "EAM_Dynamo_WuTrinkle_2009_CuAg__MO_270337113239_005");
  ASSERT_EQ(one.at("samples").size(), two.at("samples").size());
  for (std::size_t k = 0; k < one.at("samples").size(); ++k) {
    EXPECT_EQ(one["samples"][k]["class"], two["samples"][k]["class"]) << k;
    EXPECT_EQ(one["samples"][k]["barrier_forward_eV"], two["samples"][k]["barrier_forward_eV"]) << k;
  }
  // One sample per class of the frames and of the events; shares sum to one; a valid sample has two
  // positive barriers, and its energy change is their difference (the NEB's end states are its ends).
  double hop_share = 0.0, event_share = 0.0;
  std::size_t sampled = 0;
  for (const auto& c : one.at("classes")) {
    hop_share += c.at("hop_share").get<double>();
    sampled += c.at("sampled").get<std::size_t>();
    EXPECT_EQ(c.at("sampled"), 1);
  }
  for (const auto& c : one.at("event_classes")) {
    event_share += c.at("event_share").get<double>();
    sampled += c.at("sampled").get<std::size_t>();
  }
  EXPECT_NEAR(hop_share, 1.0, 1e-12);
  if (!one.at("event_classes").empty()) {
    EXPECT_NEAR(event_share, 1.0, 1e-12);
  }
  EXPECT_EQ(sampled, one.at("samples").size());
  int valid = 0;
  for (const auto& s : one.at("samples")) {
    if (s.at("status") != "valid") continue;
    ++valid;
    const double f = s.at("barrier_forward_eV"), b = s.at("barrier_backward_eV"), d = s.at("delta_energy_eV");
    EXPECT_GT(f, 0.0);
    EXPECT_GT(b, 0.0);
    EXPECT_NEAR(f - b, d, 1e-6);
  }
  EXPECT_GT(valid, 5);
  EXPECT_TRUE(one.at("pair_energy_from_end_states_eV").is_number());
  EXPECT_TRUE(one.at("table_errors").at("held_out").at("compared").is_number());
}

TEST(HopsCommand, BadFlagsAndScenariosExitTwoAndWriteNothing) {
  const test::TempDir dir;
  const auto scenario = dir.write("small.yaml", kSmallWire);
  const auto loaded = dir.write("loaded.yaml", kSmallWire + "loading: {strain_rate_per_s: 1.0e-3}\n");
  struct Case {
    std::vector<std::string> args;
    std::string expected;
  };
  for (const Case& c : {Case{{scenario.string(), "--per-class", "0"}, "--per-class"},
                        Case{{scenario.string(), "--radius", "3"}, "--radius"},
                        Case{{scenario.string(), "--threads", "0"}, "--threads"}, Case{{loaded.string()}, "loading"}}) {
    std::vector<std::string> args{"atomistic", "hops"};
    args.insert(args.end(), c.args.begin(), c.args.end());
    args.insert(args.end(), {"--out", (dir.path() / "out").string()});
    const test::Outcome o = test::captureSurfkmc(args);
    EXPECT_EQ(o.code, 2) << o.output;
    EXPECT_NE(o.output.find(c.expected), std::string::npos) << o.output;
    EXPECT_FALSE(std::filesystem::exists(dir.path() / "out")) << c.expected;
  }
}

}  // namespace
}  // namespace surfkmc::app
