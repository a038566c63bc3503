// SPDX-License-Identifier: MIT
// `kmc.energetics: catalogue`: the hop barriers the potential gives (data/energetics/) reach the KMC's rate
// table, the file must come from the material's own potential, and a run reports the share of its events
// whose barrier the catalogue did not hold.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cmath>
#include <cstring>
#include <filesystem>
#include <map>
#include <string>
#include <tuple>
#include <utility>

#include "app/material_loader.hpp"
#include "app/scenario_loader.hpp"
#include "core/error.hpp"
#include "kmc/energetics.hpp"
#include "kmc/hop_environment_index.hpp"
#include "test_files.hpp"
#include "tests/unit/kmc/pair_balance.hpp"

namespace surfkmc::app {
namespace {

const std::string kCatalogueKmc =
    "geometry: {shape: cylinder, diameter_nm: 2, length_nm: 2.5}\n"
    "kmc: {temperature_K: 300, max_events: 3000, energetics: catalogue}\n";

std::string catalogueScenario(const std::string& material) {
  return "schema_version: 1\nname: t\nseed: 1\nmaterial: " + material + "\n" + kCatalogueKmc;
}

TEST(HopCatalogue, ShippedBarriersReachTheRateTable) {
  const test::TempDir dir;
  for (const std::string material : {"Ag", "Pt"}) {
    const Scenario s = loadScenario(dir.write(material + ".yaml", catalogueScenario(material)));
    ASSERT_TRUE(s.hop_catalogue.has_value()) << material;
    ASSERT_TRUE(s.material.hop_table.has_value()) << material;
    const kmc::HopTable& t = *s.material.hop_table;
    const kmc::EnergeticsParams p = energeticsFor(s.material, 300.0);
    const kmc::Energetics e(p);
    EXPECT_EQ(p.bond_energy_eV, t.pair_energy_eV) << material;
    EXPECT_TRUE(e.catalogue());
    // Every valid sample of the file lies in a catalogued entry, and that entry is the mean KRA of its pair
    // plus half the pair Hamiltonian's energy change (kmc/hop_table.hpp), recomputed here from the file.
    const nlohmann::json j = nlohmann::json::parse(test::readAll(s.hop_catalogue->first));
    int checked = 0;
    // Learned samples (`surfkmc learn`) stand for their environments only and stay out of the class table.
    const auto learned = [](const nlohmann::json& x) { return x.value("source", std::string()) == "learned"; };
    for (const auto& sample : j.at("samples")) {
      if (sample.at("status") != "valid" || learned(sample)) continue;
      const int a = sample.at("class").at(0), b = sample.at("class").at(1), c = sample.at("class").at(2);
      if (a < 3 || b < 3) continue;
      double kra = 0.0;
      int n = 0;
      for (const auto& other : j.at("samples")) {
        const int oa = other.at("class").at(0), ob = other.at("class").at(1), oc = other.at("class").at(2);
        if (other.at("status") != "valid" || learned(other) || oc != c ||
            !((oa == a && ob == b) || (oa == b && ob == a)))
          continue;
        kra += 0.5 * (other.at("barrier_forward_eV").get<double>() + other.at("barrier_backward_eV").get<double>());
        ++n;
      }
      kra /= n;
      const double dh = t.pair_energy_eV * (a - b);
      const double expected = kra >= 0.5 * std::abs(dh) ? kra + 0.5 * dh : std::max(0.0, dh);
      EXPECT_NEAR(e.barrier_eV(a, b, c), expected, 1e-12) << material << " (" << a << "," << b << "," << c << ")";
      EXPECT_FALSE(e.uncatalogued(kmc::Energetics::index(a, b, c)));
      ++checked;
    }
    EXPECT_GT(checked, 10) << material;
  }
}

// Issue 16 item 4: each shipped catalogue carries each hop's slope from the same hops at −1 % and +1 %,
// recomputed here from the three files; the global V_m goes, and detailed balance holds at 2 GPa with the
// strained pair energy.
TEST(HopCatalogue, ShippedSlopesAreTheDifferenceOfTheStrainedFiles) {
  const test::TempDir dir;
  for (const std::string material : {"Ag", "Pt"}) {
    SCOPED_TRACE(material);
    const Scenario s = loadScenario(dir.write(material + ".yaml", catalogueScenario(material)));
    ASSERT_EQ(s.hop_catalogue_strain.size(), 2u);
    const kmc::HopTable& t = *s.material.hop_table;
    ASSERT_EQ(t.strain_slope_eV.size(), static_cast<std::size_t>(kmc::kBarrierTableSize));
    // The paired estimator of kmc::addStrainResponse, recomputed from the three files: only samples valid at
    // all three strains, each as a difference between its own strained copies.
    const nlohmann::json zero = nlohmann::json::parse(test::readAll(s.hop_catalogue->first));
    const nlohmann::json lo = nlohmann::json::parse(test::readAll(s.hop_catalogue_strain[0].first));
    const nlohmann::json hi = nlohmann::json::parse(test::readAll(s.hop_catalogue_strain[1].first));
    const double span =
        hi.at("settings").at("axial_strain").get<double>() - lo.at("settings").at("axial_strain").get<double>();
    EXPECT_NEAR(span, 0.02, 1e-12);
    const auto& z = zero.at("samples");
    ASSERT_EQ(lo.at("samples").size(), z.size());
    ASSERT_EQ(hi.at("samples").size(), z.size());
    std::map<std::tuple<int, int, int>, std::pair<double, int>> dk;
    double sxy = 0.0, sxx = 0.0;
    int paired = 0;
    const auto kra = [](const nlohmann::json& x) {
      return 0.5 * (x.at("barrier_forward_eV").get<double>() + x.at("barrier_backward_eV").get<double>());
    };
    for (std::size_t i = 0; i < z.size(); ++i) {
      const auto &s0 = z[i], &sl = lo.at("samples")[i], &sh = hi.at("samples")[i];
      ASSERT_EQ(s0.at("class"), sl.at("class"));
      ASSERT_EQ(s0.at("class"), sh.at("class"));
      if (s0.at("status") != "valid" || sl.at("status") != "valid" || sh.at("status") != "valid") continue;
      if (s0.value("source", std::string()) == "learned") continue;  // environments only (`surfkmc learn`)
      ++paired;
      const int a = s0.at("class").at(0), b = s0.at("class").at(1), c = s0.at("class").at(2);
      auto& [sum, n] = dk[{std::min(a, b), std::max(a, b), c}];
      sum += (kra(sh) - kra(sl)) / span;
      ++n;
      sxy += (sh.at("delta_energy_eV").get<double>() - sl.at("delta_energy_eV").get<double>()) / span * (a - b);
      sxx += (a - b) * (a - b);
    }
    EXPECT_EQ(paired, t.strain_paired_samples);
    EXPECT_NEAR(t.pair_energy_strain_slope_eV, sxy / sxx, 1e-12);
    int resolved = 0;
    for (int a = 3; a <= 11; ++a)
      for (int b = a; b <= 11; ++b)
        for (int c = 0; c <= kmc::kMaxCommon; ++c) {
          const auto ab = static_cast<std::size_t>(kmc::Energetics::index(a, b, c));
          const auto ba = static_cast<std::size_t>(kmc::Energetics::index(b, a, c));
          if (!std::isfinite(t.barrier_eV[ab]) || std::isnan(t.kra_eV[ab])) continue;
          const auto it = dk.find({a, b, c});
          const double slope = it == dk.end() ? 0.0 : it->second.first / it->second.second;
          resolved += it == dk.end() ? 0 : 1;
          const double half = 0.5 * t.pair_energy_strain_slope_eV * (a - b);
          EXPECT_NEAR(t.strain_slope_eV[ab], slope + half, 1e-9) << a << ' ' << b << ' ' << c;
          EXPECT_NEAR(t.strain_slope_eV[ba], slope - half, 1e-9) << a << ' ' << b << ' ' << c;
        }
    EXPECT_EQ(resolved, t.strain_resolved_pairs);
    EXPECT_GT(resolved, 0);

    kmc::EnergeticsParams p = energeticsFor(s.material, 300.0);
    EXPECT_EQ(p.migration_volume_A3, 0.0);
    EXPECT_NEAR(p.axial_compliance_per_GPa, 1.0 / s.material.youngs_modulus_112_GPa, 1e-15);
    EXPECT_EQ(stressResponseName(s.material), "per_hop");
    p.stress_GPa = 2.0;
    const kmc::Energetics e(p);
    const double eps = t.pair_energy_eV + 2.0 * p.axial_compliance_per_GPa * t.pair_energy_strain_slope_eV;
    const int checked = kmc::testing::expectPairDetailedBalance(e, eps, material + " at 2 GPa").checked;
    EXPECT_GT(checked, 100);
  }
}

TEST(HopCatalogue, StrainedFilesOfTheWrongSignOrAnotherScenarioFailLocated) {
  const test::TempDir dir;
  std::string ag = test::readAll(materialsDirectory() / "Ag.yaml");
  const auto cut = ag.find("hop_catalogue:");
  ASSERT_NE(cut, std::string::npos);
  const std::string without = ag.substr(0, cut);
  const std::filesystem::path energetics = materialsDirectory().parent_path() / "energetics";
  const std::string base = (energetics / "Ag_hops_v1.json").string();
  const std::string minus = (energetics / "Ag_hops_v1_strain_m001.json").string();
  const std::string plus = (energetics / "Ag_hops_v1_strain_p001.json").string();
  nlohmann::json other = nlohmann::json::parse(test::readAll(minus));
  other["provenance"]["scenario_hash"] = "fnv1a64:0000000000000000";
  const std::string elsewhere = dir.write("elsewhere.json", other.dump()).string();
  struct Case {
    std::string low, high, key, expected;
  };
  for (const Case& c : {Case{plus, plus, "strain_response.low", "not below 0"},
                        Case{minus, base, "strain_response.high", "not above 0"},
                        Case{elsewhere, plus, "strain_response.low", "samples another scenario"},
                        Case{minus, (dir.path() / "gone.json").string(), "strain_response.high", "cannot be read"}}) {
    const auto material =
        dir.write("m.yaml", without + "hop_catalogue:\n  file: " + base +
                                "\n  source: \"a test of the error messages\"\n"
                                "  strain_response:\n    low: " +
                                c.low + "\n    high: " + c.high + "\n    source: \"the same hops, strained\"\n");
    try {
      loadScenario(dir.write("s.yaml", catalogueScenario(material.string())));
      ADD_FAILURE() << c.key << " " << c.expected << " was accepted";
    } catch (const InputError& e) {
      const std::string msg = e.what();
      EXPECT_EQ(msg.rfind(material.string() + ":", 0), 0u) << msg;
      EXPECT_NE(msg.find("hop_catalogue." + c.key), std::string::npos) << msg;
      EXPECT_NE(msg.find(c.expected), std::string::npos) << msg;
    }
  }
}

// Strained files whose environment keys disagree with the catalogue's make the environment entries unreadable, and
// only the environment key reads them: the scenario that would use them is refused, located; the class key, stated
// or left to its default beside acceleration (which acts on class pairs), reads the class table and runs.
TEST(HopCatalogue, UnreadableEnvironmentEntriesStopOnlyTheScenariosThatReadThem) {
  const test::TempDir dir;
  std::string ag = test::readAll(materialsDirectory() / "Ag.yaml");
  const auto cut = ag.find("hop_catalogue:");
  ASSERT_NE(cut, std::string::npos);
  const std::filesystem::path energetics = materialsDirectory().parent_path() / "energetics";
  nlohmann::json low = nlohmann::json::parse(test::readAll(energetics / "Ag_hops_v3_strain_m001.json"));
  bool changed = false;
  for (auto& sample : low.at("samples"))
    if (!changed && sample.contains("environment")) {
      sample["environment"] = sample["environment"].get<std::uint32_t>() ^ 1u;
      changed = true;
    }
  ASSERT_TRUE(changed);
  const std::string low_file = dir.write("low.json", low.dump()).string();
  const auto material =
      dir.write("m.yaml", ag.substr(0, cut) + "hop_catalogue:\n  file: " + (energetics / "Ag_hops_v3.json").string() +
                              "\n  source: \"a test\"\n  strain_response:\n    low: " + low_file + "\n    high: " +
                              (energetics / "Ag_hops_v3_strain_p001.json").string() + "\n    source: \"a test\"\n");
  const std::string head = "schema_version: 1\nname: t\nseed: 1\nmaterial: " + material.string() +
                           "\ngeometry: {shape: cylinder, diameter_nm: 2, length_nm: 2.5}\n";
  const std::string kmc = "kmc: {temperature_K: 300, max_events: 3000, energetics: catalogue";
  for (const std::string& refused : {kmc + "}\n", kmc + ", hop_key: environment}\n"}) {
    try {
      loadScenario(dir.write("s.yaml", head + refused));
      ADD_FAILURE() << refused << " was accepted";
    } catch (const InputError& e) {
      const std::string msg = e.what();
      EXPECT_EQ(msg.rfind(material.string() + ":", 0), 0u) << msg;
      EXPECT_NE(msg.find("hop_catalogue.strain_response.low"), std::string::npos) << msg;
      EXPECT_NE(msg.find("another environment strained"), std::string::npos) << msg;
    }
  }
  const Scenario stated = loadScenario(dir.write("c.yaml", head + kmc + ", hop_key: class}\n"));
  EXPECT_EQ(stated.kmc->hop_key, "class");
  const Scenario scaled = loadScenario(
      dir.write("a.yaml", head + kmc + "}\nacceleration: {rate_scaling: true, buffer: 10, min_rate_per_s: 100}\n"));
  EXPECT_EQ(scaled.kmc->hop_key, "class");
  EXPECT_TRUE(scaled.material.hop_table->environment_keys.empty());
  EXPECT_EQ(scaled.material.hop_table->strain_slope_eV, stated.material.hop_table->strain_slope_eV);
}

TEST(HopCatalogue, BadFilesAndMaterialsWithoutThemFailLocated) {
  const test::TempDir dir;
  std::string ag = test::readAll(materialsDirectory() / "Ag.yaml");
  const auto cut = ag.find("hop_catalogue:");
  ASSERT_NE(cut, std::string::npos);
  const std::string without = ag.substr(0, cut);
  const auto none = dir.write("none.yaml", without);
  const auto scenario = dir.write("s.yaml", catalogueScenario(none.string()));
  try {
    loadScenario(scenario);
    ADD_FAILURE() << "catalogue without a file was accepted";
  } catch (const InputError& e) {
    const std::string msg = e.what();
    EXPECT_EQ(msg.rfind(scenario.string() + ":6:", 0), 0u) << msg;
    EXPECT_NE(msg.find("kmc.energetics"), std::string::npos) << msg;
  }
  const auto wrong_model = dir.write(
      "other.json", R"({"provenance": {"kim_model": "EAM_Dynamo_ZhouWadleyJohnson_2001_Pt__MO_102190350384_005"},
                        "samples": []})");
  const auto no_samples =
      dir.write("empty.json", R"({"provenance": {"kim_model": "EAM_Dynamo_WuTrinkle_2009_CuAg__MO_270337113239_005"},
                        "samples": []})");
  struct Case {
    std::string file, expected;
  };
  for (const Case& c : {Case{"missing.json", "cannot be read"}, Case{"s.yaml", "is not JSON"},
                        Case{wrong_model.filename().string(), "was computed with EAM_Dynamo_ZhouWadleyJohnson"},
                        Case{no_samples.filename().string(), "cannot give a barrier table"}}) {
    const auto material = dir.write(
        "m.yaml", without + "hop_catalogue:\n  file: " + c.file + "\n  source: \"a test of the error messages\"\n");
    EXPECT_NO_THROW(loadMaterialFile(material));  // read only when a scenario asks for it
    try {
      loadScenario(dir.write("s2.yaml", catalogueScenario(material.string())));
      ADD_FAILURE() << c.file << " was accepted";
    } catch (const InputError& e) {
      const std::string msg = e.what();
      EXPECT_EQ(msg.rfind(material.string() + ":", 0), 0u) << msg;
      EXPECT_NE(msg.find("hop_catalogue.file"), std::string::npos) << msg;
      EXPECT_NE(msg.find(c.expected), std::string::npos) << msg;
    }
  }
  const test::Outcome o = test::captureSurfkmc({"check", scenario.string()});
  EXPECT_EQ(o.code, 2) << o.output;
  EXPECT_NE(o.output.find("kmc.energetics"), std::string::npos) << o.output;
  const test::Outcome bad =
      test::captureSurfkmc({"check", dir.write("s3.yaml",
                                               "schema_version: 1\nname: t\nseed: 1\nmaterial: Ag\n"
                                               "geometry: {shape: cylinder, diameter_nm: 2, length_nm: 2.5}\n"
                                               "kmc: {temperature_K: 300, energetics: potential}\n")
                                         .string()});
  EXPECT_EQ(bad.code, 2) << bad.output;
  EXPECT_NE(bad.output.find("bond_counting"), std::string::npos) << bad.output;
}

// docs/model.md#interlayer: the shipped Ag catalogue's crossings give its rim entries, recomputed here from the
// file (per rim sample the lowest valid crossing from its side; per crossing its backward barrier from the far
// side; crossings that end beside their origin left out), and `kmc.interlayer: false` takes them out again.
TEST(HopCatalogue, ShippedCrossingsGiveTheRimEntries) {
  const test::TempDir dir;
  const Scenario s = loadScenario(dir.write("ag.yaml", catalogueScenario("Ag")));
  const kmc::Energetics e(energeticsFor(s.material, 300.0));
  ASSERT_TRUE(e.params().interlayer_transit);
  const nlohmann::json j = nlohmann::json::parse(test::readAll(s.hop_catalogue->first));
  std::map<std::pair<int, int>, std::pair<double, int>> expected;  // (n, c) -> (sum, count)
  for (const auto& sample : j.at("samples")) {
    if (sample.at("class").at(1) != 2 || !sample.contains("crossings") || sample.at("crossings").empty()) continue;
    double lowest = INFINITY;
    for (const auto& k : sample.at("crossings")) {
      if (k.at("best").is_null() || k.at("k_is_neighbour_of_origin").get<bool>()) continue;
      lowest = std::min(lowest, k.at("best").at("barrier_forward_eV").get<double>());
      auto& far = expected[{k.at("n_to").get<int>(), k.at("c_to").get<int>()}];
      far.first += k.at("best").at("barrier_backward_eV").get<double>();
      ++far.second;
    }
    if (std::isfinite(lowest)) {
      auto& near = expected[{sample.at("class").at(0).get<int>(), sample.at("class").at(2).get<int>()}];
      near.first += lowest;
      ++near.second;
    }
  }
  ASSERT_GT(expected.size(), 2u);
  for (const auto& [nc, sum] : expected)
    EXPECT_NEAR(e.barrier_eV(nc.first, 2, nc.second), std::max(0.0, sum.first / sum.second), 1e-12)
        << "rim entry (" << nc.first << ", 2, " << nc.second << ")";
  EXPECT_EQ(static_cast<std::size_t>(s.material.hop_table->rim_entries), expected.size());

  const Scenario off = loadScenario(
      dir.write("off.yaml",
                "schema_version: 1\nname: t\nseed: 1\nmaterial: Ag\n"
                "geometry: {shape: cylinder, diameter_nm: 2, length_nm: 2.5}\n"
                "kmc: {temperature_K: 300, max_events: 3000, energetics: catalogue, interlayer: false}\n"));
  const kmc::Energetics e_off(energeticsFor(off.material, 300.0));
  EXPECT_FALSE(e_off.params().interlayer_transit);
  for (const auto& [nc, sum] : expected) EXPECT_EQ(e_off.baseRate(nc.first, 2, nc.second), 0.0);
}

TEST(HopCatalogue, ARunReportsItsUncataloguedShareAndRecordsTheFile) {
  const test::TempDir dir;
  const auto scenario = dir.write("ag.yaml", catalogueScenario("Ag"));
  const test::Outcome o =
      test::captureSurfkmc({"run", scenario.string(), "--out", (dir.path() / "r").string(), "--quiet"});
  ASSERT_EQ(o.code, 0) << o.output;
  const nlohmann::json summary = nlohmann::json::parse(test::readAll(dir.path() / "r" / "summary.json"));
  EXPECT_EQ(summary.at("energetics"), "catalogue");
  EXPECT_EQ(summary.at("stress_response"), "per_hop");
  const double f = summary.at("uncatalogued_event_fraction").get<double>();
  EXPECT_GE(f, 0.0);
  EXPECT_LE(f, 1.0);
  EXPECT_TRUE(summary.at("interlayer").get<bool>());
  EXPECT_GE(summary.at("interlayer_transits").get<std::int64_t>(), 0);
  EXPECT_GE(summary.at("transit_returns").get<std::int64_t>(), 0);
  const nlohmann::json run = nlohmann::json::parse(test::readAll(dir.path() / "r" / "run.json"));
  const std::string inputs = run.at("inputs").dump();
  const Material ag = loadMaterialFile(materialsDirectory() / "Ag.yaml");
  EXPECT_NE(inputs.find(loadHopCatalogue(ag, 3).hash), std::string::npos) << inputs;
  // Without the key the summary says bond counting, and has no share to report.
  const auto plain = dir.write("plain.yaml",
                               "schema_version: 1\nname: t\nseed: 1\nmaterial: Ag\n"
                               "geometry: {shape: cylinder, diameter_nm: 2, length_nm: 2.5}\n"
                               "kmc: {temperature_K: 300, max_events: 100}\n");
  ASSERT_EQ(test::captureSurfkmc({"run", plain.string(), "--out", (dir.path() / "p").string(), "--quiet"}).code, 0);
  const nlohmann::json p = nlohmann::json::parse(test::readAll(dir.path() / "p" / "summary.json"));
  EXPECT_EQ(p.at("energetics"), "bond_counting");
  EXPECT_TRUE(p.at("uncatalogued_event_fraction").is_null());
}

// `surfkmc learn` appends its samples after the sampled ones; a file that mixes them otherwise is refused, located.
TEST(HopCatalogue, ASampledHopAfterALearnedOneFailsLocated) {
  const test::TempDir dir;
  const std::string ag = test::readAll(materialsDirectory() / "Ag.yaml");
  const std::string without = ag.substr(0, ag.find("hop_catalogue:"));
  nlohmann::json j =
      nlohmann::json::parse(test::readAll(materialsDirectory().parent_path() / "energetics" / "Ag_hops_v2.json"));
  nlohmann::json learned = j.at("samples").at(0);
  learned["source"] = "learned";
  const nlohmann::json sampled = j.at("samples").at(1);
  j.at("samples").push_back(learned);
  const auto material = [&](const std::string& name, const nlohmann::json& file) {
    return dir.write("m_" + name + ".yaml",
                     without + "hop_catalogue:\n  file: " + dir.write(name + ".json", file.dump()).string() +
                         "\n  source: \"a test of the learned samples' place\"\n");
  };
  // Learned samples last: read.
  EXPECT_NO_THROW(loadScenario(dir.write("ok.yaml", catalogueScenario(material("ok", j).string()))));
  j.at("samples").push_back(sampled);
  const auto bad = material("bad", j);
  try {
    loadScenario(dir.write("s.yaml", catalogueScenario(bad.string())));
    ADD_FAILURE() << "a sampled hop after a learned one was accepted";
  } catch (const InputError& e) {
    const std::string msg = e.what();
    EXPECT_EQ(msg.rfind(bad.string() + ":", 0), 0u) << msg;
    EXPECT_NE(msg.find("hop_catalogue.file"), std::string::npos) << msg;
    EXPECT_NE(msg.find("after a learned one"), std::string::npos) << msg;
  }
}

// kmc.hop_key: environment (docs/model.md#environment-key): the environment entries come from the file's samples
// (K = the mean of (E_f + E_b)/2 over each environment's valid samples, recomputed here), the run says which key it
// used, and the key is refused, located, without a catalogue or with acceleration.
TEST(HopCatalogue, EnvironmentKeyReadsTheSamplesEnvironmentsAndIsRefusedWhereItCannotApply) {
  const test::TempDir dir;
  const std::string head =
      "schema_version: 1\nname: t\nseed: 1\nmaterial: Ag\n"
      "geometry: {shape: cylinder, diameter_nm: 2, length_nm: 2.5}\n";
  const auto scenario = dir.write("env.yaml", head +
                                                  "kmc: {temperature_K: 300, max_events: 3000, energetics: catalogue, "
                                                  "hop_key: environment}\n");
  const Scenario s = loadScenario(scenario);
  const kmc::HopTable& t = *s.material.hop_table;
  const nlohmann::json j = nlohmann::json::parse(test::readAll(s.hop_catalogue->first));
  std::map<std::uint32_t, std::pair<double, int>> expected;  // pair key -> (sum of K, valid samples)
  for (const auto& sample : j.at("samples")) {
    if (sample.at("class").at(0) < 3 || sample.at("class").at(1) < 3 || !sample.at("valid").get<bool>()) continue;
    auto& e = expected[kmc::HopEnvironmentIndex::pairKey(sample.at("environment").get<std::uint32_t>())];
    e.first += 0.5 * (sample.at("barrier_forward_eV").get<double>() + sample.at("barrier_backward_eV").get<double>());
    ++e.second;
  }
  ASSERT_GT(expected.size(), 20u);
  std::size_t finite = 0;
  for (std::size_t e = 0; e < t.environment_keys.size(); ++e) {
    const auto at = expected.find(t.environment_keys[e]);
    if (at == expected.end()) {
      EXPECT_TRUE(std::isinf(t.environment_kra_eV[e])) << "key " << t.environment_keys[e];
      continue;
    }
    EXPECT_NEAR(t.environment_kra_eV[e], at->second.first / at->second.second, 1e-12);
    ++finite;
  }
  EXPECT_EQ(finite, expected.size());
  EXPECT_EQ(energeticsFor(s.material, 300.0).environment_keys, t.environment_keys);
  // Unstated, the key is the environment's where the kinetics are exact (the default since session 31) ...
  const Scenario d = loadScenario(dir.write("default.yaml", catalogueScenario("Ag")));
  EXPECT_FALSE(d.kmc->hop_key_stated);
  EXPECT_EQ(d.kmc->hop_key, "environment");
  EXPECT_EQ(energeticsFor(d.material, 300.0).environment_keys, t.environment_keys);
  // ... the class key, stated, gives the engine no environment entry ...
  const std::string kmc_class = "kmc: {temperature_K: 300, max_events: 3000, energetics: catalogue, hop_key: class}\n";
  const Scenario c = loadScenario(dir.write("class.yaml", head + kmc_class));
  EXPECT_EQ(c.kmc->hop_key, "class");
  EXPECT_TRUE(energeticsFor(c.material, 300.0).environment_keys.empty());
  // ... and, unstated beside rate scaling (which acts on class pairs), the key is the class's, with the table the
  // stated class key reads, bit for bit.
  const Scenario a = loadScenario(
      dir.write("scaled.yaml", head + "kmc: {temperature_K: 300, max_events: 3000, energetics: catalogue}\n" +
                                   "acceleration: {rate_scaling: true, buffer: 10, min_rate_per_s: 100}\n"));
  EXPECT_EQ(a.kmc->hop_key, "class");
  const kmc::HopTable& ta = *a.material.hop_table;
  const kmc::HopTable& tc = *c.material.hop_table;
  EXPECT_TRUE(ta.environment_keys.empty() && ta.environment_kra_eV.empty() &&
              ta.environment_kra_strain_slope_eV.empty() && ta.environment_valid_samples == 0 &&
              ta.environment_strain_resolved == 0);
  const auto sameBits = [](const std::vector<double>& x, const std::vector<double>& y) {
    return x.size() == y.size() && std::memcmp(x.data(), y.data(), x.size() * sizeof(double)) == 0;
  };
  EXPECT_TRUE(sameBits(ta.barrier_eV, tc.barrier_eV));
  EXPECT_TRUE(sameBits(ta.kra_eV, tc.kra_eV));
  EXPECT_TRUE(sameBits(ta.strain_slope_eV, tc.strain_slope_eV));
  EXPECT_EQ(ta.pair_energy_eV, tc.pair_energy_eV);
  EXPECT_EQ(ta.pair_energy_strain_slope_eV, tc.pair_energy_strain_slope_eV);
  EXPECT_EQ(ta.rim_entries, tc.rim_entries);

  const test::Outcome o =
      test::captureSurfkmc({"run", scenario.string(), "--out", (dir.path() / "r").string(), "--quiet"});
  ASSERT_EQ(o.code, 0) << o.output;
  const nlohmann::json summary = nlohmann::json::parse(test::readAll(dir.path() / "r" / "summary.json"));
  EXPECT_EQ(summary.at("hop_key"), "environment");

  const auto refused = [&](const std::string& name, const std::string& text, const std::string& key) {
    const test::Outcome r = test::captureSurfkmc({"check", dir.write(name, head + text).string()});
    EXPECT_EQ(r.code, 2) << r.output;
    EXPECT_NE(r.output.find(key), std::string::npos) << r.output;
    EXPECT_NE(r.output.find(name + ":"), std::string::npos) << r.output;
  };
  refused("bc.yaml", "kmc: {temperature_K: 300, max_events: 10, hop_key: environment}\n", "kmc.hop_key");
  refused("rs.yaml",
          "kmc: {temperature_K: 300, max_events: 10, energetics: catalogue, hop_key: environment}\n"
          "acceleration: {rate_scaling: true}\n",
          "acceleration.rate_scaling");
  refused("bad.yaml", "kmc: {temperature_K: 300, max_events: 10, energetics: catalogue, hop_key: site}\n",
          "kmc.hop_key");
}

}  // namespace
}  // namespace surfkmc::app
