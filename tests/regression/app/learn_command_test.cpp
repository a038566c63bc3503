// SPDX-License-Identifier: MIT
// `surfkmc learn`: on a small Ag wire at 600 K, where Ag's v2 catalogue (before learning) lacks one environment in a
// thousand events, the environments the run lacked are computed once each, the same on any thread count; the grown
// catalogue, named by a material, gives `surfkmc run` the share learn measured, and the class table it had; bad
// input exits 2 and replaces nothing.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include <cmath>
#include <cstdint>
#include <filesystem>
#include <set>
#include <string>
#include <vector>

#include "app/material_loader.hpp"
#include "app/scenario_loader.hpp"
#include "kmc/hop_environment_index.hpp"
#include "tests/regression/app/learn_scenarios.hpp"
#include "tests/unit/app/test_files.hpp"

namespace surfkmc::app {
namespace {

using test::agBeforeLearning;
using test::agNaming;
using test::hotWire;

nlohmann::json json(const std::filesystem::path& file) { return nlohmann::json::parse(test::readAll(file)); }

TEST(LearnCommand, ComputesEachMissingEnvironmentOnceAndTheGrownCatalogueGivesRunTheShareItMeasured) {
  const test::TempDir dir;
  const std::string ag = dir.write("ag_v2.yaml", agBeforeLearning()).string();
  const auto scenario = dir.write("hot.yaml", hotWire(ag));
  const auto other = dir.write("hot_seed6.yaml", hotWire(ag, "6"));
  // Two runs at once (with 2 threads) pool what they lacked.
  const auto learn = [&](const std::string& out, const std::string& threads) {
    const test::Outcome o =
        test::captureSurfkmc({"learn", scenario.string(), other.string(), "--out", (dir.path() / out).string(),
                              "--rounds", "1", "--max-new", "4", "--threads", threads});
    EXPECT_EQ(o.code, 0) << o.output;
    return json(dir.path() / out / "hops.json");
  };
  const nlohmann::json one = learn("t1", "1");
  const nlohmann::json two = learn("t2", "2");

  // The base file's samples come first and unchanged; the learned ones after them, in all three files alike.
  const Scenario s = loadScenario(scenario);
  const nlohmann::json base = json(s.material.hop_catalogue->file);
  const std::size_t sampled = base.at("samples").size();
  const nlohmann::json& samples = one.at("samples");
  ASSERT_GT(samples.size(), sampled);
  const std::size_t learned = samples.size() - sampled;
  EXPECT_EQ(samples[sampled - 1], base.at("samples")[sampled - 1]);
  ASSERT_EQ(two.at("samples").size(), samples.size());
  std::set<std::uint32_t> base_keys;
  for (const auto& x : base.at("samples"))
    base_keys.insert(kmc::HopEnvironmentIndex::pairKey(x.at("environment").get<std::uint32_t>()));
  std::set<std::uint32_t> learned_keys;
  for (std::size_t k = sampled; k < samples.size(); ++k) {
    const auto& x = samples[k];
    EXPECT_EQ(x.at("source"), "learned");
    EXPECT_EQ(x.at("learn_round"), 0);
    EXPECT_EQ(x.at("barrier_forward_eV"), two.at("samples")[k].at("barrier_forward_eV")) << k;
    const std::uint32_t key = kmc::HopEnvironmentIndex::pairKey(x.at("environment").get<std::uint32_t>());
    EXPECT_FALSE(base_keys.contains(key)) << "learned an environment the catalogue held: " << key;
    EXPECT_TRUE(learned_keys.insert(key).second) << "learned an environment twice: " << key;
  }
  for (const char* strained : {"hops_strain_low.json", "hops_strain_high.json"}) {
    const nlohmann::json f = json(dir.path() / "t1" / strained);
    ASSERT_EQ(f.at("samples").size(), samples.size()) << strained;
    for (std::size_t k = sampled; k < samples.size(); ++k)
      EXPECT_EQ(f.at("samples")[k].at("environment"), samples[k].at("environment")) << strained << " " << k;
  }

  // Round 0 is `surfkmc run` of the scenario on the shipped catalogue: the same share, event for event.
  const nlohmann::json& rounds = one.at("learn").at("rounds");
  ASSERT_EQ(rounds.size(), 2u);
  ASSERT_EQ(test::captureSurfkmc({"run", scenario.string(), "--out", (dir.path() / "r0").string(), "--quiet"}).code, 0);
  const nlohmann::json r0 = json(dir.path() / "r0" / "summary.json");
  EXPECT_EQ(rounds[0].at("runs")[0].at("uncatalogued_event_fraction"), r0.at("uncatalogued_event_fraction"));
  EXPECT_EQ(rounds[0].at("runs")[0].at("kmc_time_s"), r0.at("simulated_time_s"));
  EXPECT_GT(rounds[0].at("runs")[0].at("uncatalogued_environments").get<std::size_t>(), 0u);
  EXPECT_EQ(learned,
            std::min<std::size_t>(4, rounds[0].at("runs")[0].at("uncatalogued_environments").get<std::size_t>()));
  // Both thread counts ran the same trajectories: every run of every round alike.
  ASSERT_EQ(two.at("learn").at("rounds").size(), rounds.size());
  for (std::size_t r = 0; r < rounds.size(); ++r)
    for (std::size_t k = 0; k < 2; ++k)
      for (const char* field : {"kmc_events", "kmc_time_s", "uncatalogued_events", "uncatalogued_environments"})
        EXPECT_EQ(rounds[r].at("runs")[k].at(field), two.at("learn").at("rounds")[r].at("runs")[k].at(field))
            << r << " " << k << " " << field;
  EXPECT_EQ(rounds[0].at("computed").at("environments").get<std::size_t>(), learned);

  // Named by a material, the grown files give `surfkmc run` round 1's share, and one environment entry more per
  // learned environment with an entry (valid or unstable); the class table stays the shipped one, bit for bit.
  const auto material = dir.write("grown.yaml", agNaming(dir.path() / "t1"));
  const auto grown_scenario = dir.write("grown_hot.yaml", hotWire(material.string()));
  ASSERT_EQ(
      test::captureSurfkmc({"run", grown_scenario.string(), "--out", (dir.path() / "r1").string(), "--quiet"}).code, 0);
  const nlohmann::json r1 = json(dir.path() / "r1" / "summary.json");
  EXPECT_EQ(rounds[1].at("runs")[0].at("uncatalogued_event_fraction"), r1.at("uncatalogued_event_fraction"));
  const Scenario g = loadScenario(grown_scenario);
  const auto& computed = rounds[0].at("computed");
  EXPECT_EQ(g.material.hop_table->environment_keys.size(), s.material.hop_table->environment_keys.size() +
                                                               computed.at("valid").get<std::size_t>() +
                                                               computed.at("unstable").get<std::size_t>());
  const kmc::HopTable shipped = loadHopCatalogue(s.material, 3).table;
  const kmc::HopTable grown = loadHopCatalogue(g.material, 3).table;
  EXPECT_EQ(grown.pair_energy_eV, shipped.pair_energy_eV);
  ASSERT_EQ(grown.barrier_eV.size(), shipped.barrier_eV.size());
  for (std::size_t k = 0; k < grown.barrier_eV.size(); ++k) {
    if (std::isnan(shipped.barrier_eV[k])) {
      EXPECT_TRUE(std::isnan(grown.barrier_eV[k])) << k;
      continue;
    }
    EXPECT_EQ(grown.barrier_eV[k], shipped.barrier_eV[k]) << k;
    EXPECT_EQ(grown.strain_slope_eV[k], shipped.strain_slope_eV[k]) << k;
  }
}

// Learning under load: each scenario runs once per held stress. On the catalogue grown from unloaded runs, the
// unloaded run of the hot wire lacks nothing, and the same wire held at 2 GPa meets environments it lacks (a share
// of about 2.5e-5, so the target is set below it); learn computes those. The unloaded run is the one learn made
// before stresses were an option, event for event.
TEST(LearnCommand, UnderLoadEachStressIsARunAndTheLoadedRunLacksWhatTheUnloadedOneDoesNot) {
  const test::TempDir dir;
  const std::string ag = dir.write("ag_v3.yaml", test::agGrownUnloaded()).string();
  const auto scenario = dir.write("hot.yaml", hotWire(ag));
  const auto learn = [&](const std::string& out, std::vector<std::string> extra) {
    std::vector<std::string> args{"learn",     scenario.string(),
                                  "--out",     (dir.path() / out).string(),
                                  "--rounds",  "1",
                                  "--max-new", "2",
                                  "--threads", "2",
                                  "--target",  "1e-6"};
    args.insert(args.end(), extra.begin(), extra.end());
    const test::Outcome o = test::captureSurfkmc(args);
    EXPECT_EQ(o.code, 0) << o.output;
    return json(dir.path() / out / "hops.json");
  };
  const nlohmann::json unloaded = learn("u", {});
  const nlohmann::json loaded = learn("l", {"--stress-GPa", "0,2"});

  const nlohmann::json& u0 = unloaded.at("learn").at("rounds")[0].at("runs");
  const nlohmann::json& l0 = loaded.at("learn").at("rounds")[0].at("runs");
  ASSERT_EQ(u0.size(), 1u);
  ASSERT_EQ(l0.size(), 2u);
  EXPECT_EQ(loaded.at("learn").at("every_run").at("stresses_GPa"), nlohmann::json::array({0.0, 2.0}));
  EXPECT_EQ(l0[0].at("stress_GPa"), 0.0);
  EXPECT_EQ(l0[1].at("stress_GPa"), 2.0);
  for (const char* field : {"kmc_events", "kmc_time_s", "uncatalogued_events"})
    EXPECT_EQ(l0[0].at(field), u0[0].at(field)) << field;
  EXPECT_EQ(u0[0].at("uncatalogued_events"), 0);
  // The held stress reaches the rates: the same number of events takes another time.
  EXPECT_NE(l0[1].at("kmc_time_s"), l0[0].at("kmc_time_s"));
  EXPECT_GT(l0[1].at("uncatalogued_environments").get<int>(), 0);

  // Unloaded, there was nothing to learn; loaded, the environments the 2 GPa run lacked, none the base file held.
  const std::size_t base = unloaded.at("samples").size();
  EXPECT_EQ(unloaded.at("learn").at("rounds").size(), 1u);
  ASSERT_GT(loaded.at("samples").size(), base);
  EXPECT_EQ(loaded.at("samples").size() - base,
            std::min<std::size_t>(2, l0[1].at("uncatalogued_environments").get<std::size_t>()));
  std::set<std::uint32_t> base_keys;
  for (std::size_t k = 0; k < base; ++k)
    base_keys.insert(
        kmc::HopEnvironmentIndex::pairKey(unloaded.at("samples")[k].at("environment").get<std::uint32_t>()));
  for (std::size_t k = base; k < loaded.at("samples").size(); ++k)
    EXPECT_FALSE(base_keys.contains(
        kmc::HopEnvironmentIndex::pairKey(loaded.at("samples")[k].at("environment").get<std::uint32_t>())))
        << k;
  EXPECT_NE(loaded.at("learn").at("command").get<std::string>().find("--stress-GPa 0,2"), std::string::npos);
}

TEST(LearnCommand, BadInputExitsTwoAndReplacesNothing) {
  const test::TempDir dir;
  const auto scenario = dir.write("hot.yaml", hotWire("Ag"));
  const auto refused = [&](std::vector<std::string> args, const std::string& expected) {
    args.insert(args.begin(), "learn");
    const test::Outcome o = test::captureSurfkmc(args);
    EXPECT_EQ(o.code, 2) << o.output;
    EXPECT_NE(o.output.find(expected), std::string::npos) << o.output;
  };
  const std::string out = (dir.path() / "o").string();
  refused({scenario.string(), "--out", out, "--target", "0"}, "--target");
  refused({scenario.string(), "--out", out, "--max-new", "0"}, "--max-new");
  refused({scenario.string(), "--out", out, "--rounds", "-1"}, "--rounds");
  refused({scenario.string(), "--out", out, "--stress-GPa", "0,11"}, "--stress-GPa");
  refused({scenario.string(), "--out", out, "--stress-GPa", "2,2"}, "--stress-GPa: 2 is given twice");
  const auto bonds = dir.write("bonds.yaml",
                               "schema_version: 1\nname: b\nseed: 1\nmaterial: Ag\n"
                               "geometry: {shape: cylinder, diameter_nm: 2, length_nm: 2.5}\n"
                               "kmc: {temperature_K: 300, max_events: 10}\n");
  refused({bonds.string(), "--out", out}, "kmc.energetics: catalogue");
  refused({scenario.string(), dir.write("pt.yaml", hotWire("Pt")).string(), "--out", out}, "is not the material file");
  std::filesystem::create_directories(dir.path() / "held");
  const auto held = dir.write("held/hops.json", "mine");
  refused({scenario.string(), "--out", (dir.path() / "held").string()}, "already holds a hops.json");
  EXPECT_EQ(test::readAll(held), "mine");
  EXPECT_FALSE(std::filesystem::exists(dir.path() / "o"));
}

}  // namespace
}  // namespace surfkmc::app
