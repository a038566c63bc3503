// SPDX-License-Identifier: MIT
// `surfkmc atomistic hops`: a small wire's hops by class, CI-NEB barriers of sampled hops, the same for
// any thread count; bad flags and scenarios exit with code 2 before anything is written.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <string>
#include <vector>

#include "tests/unit/app/test_files.hpp"

namespace surfkmc::app {
namespace {

const std::string kSmallWire =
    "schema_version: 1\nname: hops_small\nseed: 5\nmaterial: Ag\n"
    "geometry: {shape: cylinder, diameter_nm: 2.5, length_nm: 3.5}\nkmc: {temperature_K: 300, duration_s: 1.0e-4}\n";

nlohmann::json runHops(const test::TempDir& dir, const std::string& out, const std::string& threads,
                       const std::vector<std::string>& more = {}) {
  const auto scenario = dir.write("small.yaml", kSmallWire);
  std::vector<std::string> args{"atomistic",   "hops", scenario.string(), "--out", (dir.path() / out).string(),
                                "--per-class", "1",    "--frames",        "1",     "--threads",
                                threads};
  args.insert(args.end(), more.begin(), more.end());
  const test::Outcome o = test::captureSurfkmc(args);
  EXPECT_EQ(o.code, 0) << o.output;
  return nlohmann::json::parse(test::readAll(dir.path() / out / "hops.json"));
}

TEST(HopsCommand, SamplesEveryClassAndGivesTheSameBarriersOnAnyThreadCount) {
  const test::TempDir dir;
  // Crossings off: they have their own test, and leave the samples as they are (that test checks it).
  const nlohmann::json one = runHops(dir, "t1", "1", {"--crossings", "off"});
  const nlohmann::json two = runHops(dir, "t2", "2", {"--crossings", "off"});
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

/// The crossings without their wall times (the one field that depends on the machine's load).
nlohmann::json withoutWallTimes(nlohmann::json crossings) {
  for (auto& x : crossings) {
    x["hop"].erase("wall_time_s");
    for (auto& e : x["exchanges"]) e.erase("wall_time_s");
  }
  return crossings;
}

TEST(HopsCommand, CrossesEachSampledRimSiteTheSameWayOnAnyThreadCount) {
  const test::TempDir dir;
  // A 6 Å free radius (the least --radius allows) keeps the two runs short; the crossings' physics is
  // HopBarriers.CrossingOverAnIslandEdgeMatchesTheCanonicalStepDescent's business.
  const nlohmann::json one = runHops(dir, "t1", "1", {"--radius", "6"});
  const nlohmann::json two = runHops(dir, "t2", "2", {"--radius", "6"});
  ASSERT_EQ(one.at("samples").size(), two.at("samples").size());
  int rim = 0, exits = 0, valid = 0;
  for (std::size_t k = 0; k < one.at("samples").size(); ++k) {
    const nlohmann::json& s = one["samples"][k];
    const bool is_rim = s.at("class")[1] == 2 && s.at("source") == "frame";
    // Crossings for every frame sample to a rim site, and for no other sample.
    ASSERT_EQ(s.contains("crossings"), is_rim) << k;
    if (!is_rim) continue;
    ++rim;
    // The same exits, mechanisms and numbers on 2 threads (the NEBs are independent; their order is fixed).
    EXPECT_EQ(withoutWallTimes(s.at("crossings")), withoutWallTimes(two["samples"][k].at("crossings"))) << k;
    for (const auto& x : s.at("crossings")) {
      ++exits;
      EXPECT_GE(x.at("n_to").get<int>(), 3);
      EXPECT_LE(x.at("c_to").get<int>(), 4);
      EXPECT_TRUE(x.at("k_is_neighbour_of_origin").is_boolean());
      double lowest = INFINITY;
      for (const nlohmann::json* m : {&x.at("hop")}) {
        if (m->at("status") != "valid") continue;
        lowest = std::min(lowest, m->at("barrier_forward_eV").get<double>());
      }
      int marked = 0;
      for (const auto& e : x.at("exchanges")) {
        marked += e.at("lowest_valid").get<bool>();
        if (e.at("status") == "valid") lowest = std::min(lowest, e.at("barrier_forward_eV").get<double>());
      }
      EXPECT_LE(marked, 1);
      // `best` is the valid mechanism of lowest forward barrier, and its barriers differ by its ΔE.
      if (std::isfinite(lowest)) {
        ++valid;
        const auto& b = x.at("best");
        EXPECT_EQ(b.at("barrier_forward_eV").get<double>(), lowest);
        EXPECT_NEAR(b.at("barrier_forward_eV").get<double>() - b.at("barrier_backward_eV").get<double>(),
                    b.at("delta_energy_eV").get<double>(), 1e-6);
      } else {
        EXPECT_TRUE(x.at("best").is_null());
      }
    }
  }
  EXPECT_GT(rim, 0);
  EXPECT_GT(exits, rim);
  const auto& summary = one.at("crossing_summary");
  EXPECT_EQ(summary, two.at("crossing_summary"));
  EXPECT_EQ(summary.at("exits"), exits);
  EXPECT_EQ(summary.at("exits_with_valid_crossing"), valid);
  int summed = 0;
  for (const auto& c : summary.at("rim_entry_classes")) summed += c.at("samples").get<int>();
  EXPECT_EQ(summed, rim);
}

TEST(HopsCommand, BadFlagsAndScenariosExitTwoAndWriteNothing) {
  const test::TempDir dir;
  const auto scenario = dir.write("small.yaml", kSmallWire);
  const auto loaded = dir.write("loaded.yaml", kSmallWire + "loading: {strain_rate_per_s: 1.0e-3}\n");
  struct Case {
    std::vector<std::string> args;
    std::string expected;
  };
  for (const Case& c :
       {Case{{scenario.string(), "--per-class", "0"}, "--per-class"},
        Case{{scenario.string(), "--radius", "3"}, "--radius"},
        Case{{scenario.string(), "--threads", "0"}, "--threads"},
        Case{{scenario.string(), "--crossings", "maybe"}, "--crossings"}, Case{{loaded.string()}, "loading"}}) {
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
