// SPDX-License-Identifier: MIT
// `nucleation.activation_entropy: meyer_neldel`: an activation entropy ΔS = ΔG/T_MN on every nucleation barrier,
// with the material's T_MN. It reaches the hazard and nothing else, is refused without a T_MN or at T ≥ T_MN,
// and a real sweep's summary.json records it (and the creep law), so `compare` lists T_MN only when it ran.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include <cmath>
#include <fstream>
#include <set>
#include <sstream>
#include <string>

#include "app/compare_command.hpp"
#include "app/material_loader.hpp"
#include "app/replica_runner.hpp"
#include "app/scenario_loader.hpp"
#include "app/specimen.hpp"
#include "core/error.hpp"
#include "test_files.hpp"

namespace surfkmc::app {
namespace {

const std::string kEntropyWire = "geometry: {shape: cylinder, diameter_nm: 2, length_nm: 2.5}\n";
const std::string kEntropyLoaded =
    "loading: {strain_rate_per_s: 10.0, creep: none}\nablation: frozen_surface\n"
    "nucleation: {model: computed, analysis_interval_s: 0.0005";

std::string entropyScenario(double temperature_K, const std::string& entropy) {
  std::ostringstream t;
  t.precision(17);
  t << temperature_K;
  return test::kHead + kEntropyWire + "kmc: {temperature_K: " + t.str() + ", energetics: catalogue}\n" +
         kEntropyLoaded + (entropy.empty() ? "" : ", activation_entropy: " + entropy) + "}\n";
}

coupling::CoupledResult runEntropyReplica(const Scenario& s) {
  lattice::BuiltWire wire = buildSpecimen(s);
  return coupling::CoupledRun(wire.lattice, coupledParams(s, s.wire.diameter_A, wire.length_A), s.seed, 0, 1).run();
}

std::string entropyMessage(const test::TempDir& dir, const std::string& name, const std::string& yaml) {
  try {
    loadScenario(dir.write(name, yaml));
  } catch (const InputError& e) {
    return e.what();
  }
  return "";
}

}  // namespace

// Exact: with no KMC (frozen surface) the temperature enters the run only through the hazard, and the entropy
// turns exp(−ΔG/k_BT) into exp(−ΔG/k_BT_eff) with T_eff = T/(1 − T/T_MN). So a replica at 300 K with the
// entropy and one at T_eff without it, on the same random streams, nucleate at the same stress; a replica at
// 300 K without it nucleates higher.
TEST(ActivationEntropy, MeyerNeldelIsTheHazardAtTheCompensatedTemperature) {
  const test::TempDir dir;
  const Scenario with = loadScenario(dir.write("with.yaml", entropyScenario(300.0, "meyer_neldel")));
  const double t_mn = with.material.meyer_neldel_temperature_K.value();
  EXPECT_EQ(t_mn, with.material.melting_point_K.value()) << "the shipped Ag file takes the melting point";
  const nucleation::NucleationParameters n = coupledParams(with, with.wire.diameter_A, 25.0).nucleation;
  EXPECT_EQ(n.meyer_neldel_temperature_K, t_mn);
  const double t_eff = 300.0 / (1.0 - 300.0 / t_mn);
  EXPECT_NEAR(n.hazardTemperature_K(), t_eff, 1e-12 * t_eff);

  const Scenario plain = loadScenario(dir.write("plain.yaml", entropyScenario(300.0, "none")));
  EXPECT_EQ(coupledParams(plain, plain.wire.diameter_A, 25.0).nucleation.meyer_neldel_temperature_K, 0.0);
  const Scenario hot = loadScenario(dir.write("hot.yaml", entropyScenario(t_eff, "")));
  const coupling::CoupledResult a = runEntropyReplica(with), b = runEntropyReplica(hot), c = runEntropyReplica(plain);
  ASSERT_TRUE(a.nucleated && b.nucleated && c.nucleated);
  EXPECT_EQ(a.events, 0);
  // The crossing is a root to ~1e-15 relative; T_eff typed to 17 digits.
  EXPECT_NEAR(a.yield_stress_GPa, b.yield_stress_GPa, 1e-9);
  EXPECT_EQ(a.site, b.site);
  EXPECT_LT(a.yield_stress_GPa, c.yield_stress_GPa - 0.1) << "the entropy raises the rate by orders of magnitude";
}

TEST(ActivationEntropy, RefusedWithoutTheMaterialsTemperatureOrAtOrAboveIt) {
  const test::TempDir dir;
  // A material file without the key (cut before its potential, so it loads from anywhere).
  std::string ag = test::readAll(materialsDirectory() / "Ag.yaml");
  const auto from = ag.find("meyer_neldel_temperature_K:");
  ASSERT_NE(from, std::string::npos);
  ag.erase(from, ag.find('\n', ag.find("\n  tag:", from) + 1) + 1 - from);
  ag = ag.substr(0, ag.find("potential:"));
  ASSERT_EQ(ag.find("meyer_neldel"), std::string::npos);
  const auto material = dir.write("no_tmn.yaml", ag);
  EXPECT_FALSE(loadMaterialFile(material).meyer_neldel_temperature_K.has_value()) << "the key is optional";
  const std::string no_tmn = "schema_version: 1\nname: t\nseed: 1\nmaterial: " + material.string() + "\n" +
                             kEntropyWire +
                             "kmc: {temperature_K: 300}\nloading: {strain_rate_per_s: 10.0}\n"
                             "nucleation: {activation_entropy: meyer_neldel}\n";
  const std::string missing = entropyMessage(dir, "missing.yaml", no_tmn);
  EXPECT_NE(missing.find("missing.yaml:"), std::string::npos) << missing;
  EXPECT_NE(missing.find("activation_entropy"), std::string::npos) << missing;
  EXPECT_NE(missing.find("meyer_neldel_temperature_K"), std::string::npos) << missing;
  // At the melting point the barrier would vanish.
  const std::string hot = entropyMessage(dir, "hot.yaml", entropyScenario(1300.0, "meyer_neldel"));
  EXPECT_NE(hot.find("hot.yaml:"), std::string::npos) << hot;
  EXPECT_NE(hot.find("1300 K"), std::string::npos) << hot;
  const std::string unknown = entropyMessage(dir, "unknown.yaml", entropyScenario(300.0, "harmonic"));
  EXPECT_NE(unknown.find("unknown.yaml:"), std::string::npos) << unknown;
  EXPECT_NE(unknown.find("harmonic"), std::string::npos) << unknown;
  EXPECT_NE(unknown.find("meyer_neldel"), std::string::npos) << unknown;
}

// A real sweep, read back: summary.json says per point which creep law and which entropy ran, and `compare`
// lists the Meyer–Neldel temperature among the unsourced constants only because one point used it.
TEST(ActivationEntropy, ASweepRecordsItAndCompareListsTheTemperatureOnlyWhenUsed) {
  const test::TempDir dir;
  const auto file = dir.write("s.yaml", entropyScenario(300.0, "none") +
                                            "replicas: 2\nsweep: {nucleation.activation_entropy: "
                                            "[none, meyer_neldel]}\n");
  const auto out = dir.path() / "r";
  const test::Outcome sweep = test::captureSurfkmc({"sweep", file.string(), "--out", out.string(), "--quiet"});
  ASSERT_EQ(sweep.code, 0) << sweep.output;
  std::ifstream in(out / "summary.json");
  const nlohmann::json summary = nlohmann::json::parse(in);
  ASSERT_EQ(summary.at("points").size(), 2u);
  std::set<std::string> entropies;
  for (const nlohmann::json& p : summary["points"]) {
    EXPECT_EQ(p.at("creep"), "none");
    entropies.insert(p.at("activation_entropy").get<std::string>());
  }
  EXPECT_EQ(entropies, (std::set<std::string>{"none", "meyer_neldel"}));

  const auto listed = [&](const std::filesystem::path& results) {
    CompareOptions o;
    o.results_dir = results;
    o.judge_targets = false;
    std::ostringstream text;
    compareCommand(o, text);
    std::ifstream j(results / "compare.json");
    std::set<std::string> keys;
    const nlohmann::json report = nlohmann::json::parse(j);
    for (const auto& c : report.at("unsourced_constants")) keys.insert(c.at("parameter").get<std::string>());
    return keys;
  };
  EXPECT_TRUE(listed(out).count("meyer_neldel_temperature_K"));
  EXPECT_FALSE(listed(out).count("coble_constant"));
  // Runs without the entropy did not use T_MN.
  const auto plain = dir.write("plain.yaml", entropyScenario(300.0, "none") + "replicas: 2\n");
  const test::Outcome run =
      test::captureSurfkmc({"run", plain.string(), "--out", (dir.path() / "p").string(), "--quiet"});
  ASSERT_EQ(run.code, 0) << run.output;
  EXPECT_FALSE(listed(dir.path() / "p").count("meyer_neldel_temperature_K"));
}

}  // namespace surfkmc::app
