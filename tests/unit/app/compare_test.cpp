// SPDX-License-Identifier: MIT
// surfkmc compare: D_c and Ω_app reproduced on synthetic results, key fallbacks, located errors (exit 2).
#include "app/compare_command.hpp"

#include <sys/wait.h>

#include <fmt/format.h>
#include <gtest/gtest.h>

#include <array>
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <set>
#include <sstream>

#include "app/compare_analysis.hpp"
#include "app/csv_table.hpp"
#include "app/paper_targets.hpp"
#include "app/results_table.hpp"
#include "core/error.hpp"
#include "core/units.hpp"
#include "tests/unit/app/test_files.hpp"

namespace surfkmc::app {
namespace {

constexpr double kBAg = 2.889;  // data/materials/Ag.yaml burgers_vector_A
const std::string kPointsHeader =
    "point,replica,material,geometry.diameter_nm,loading.strain_rate_per_s,kmc.temperature_K,yield_stress_GPa,"
    "yield_strain,time_s,site_class,events,wall_time_s\n";
/// Replica deviations summing to zero: each group's mean is exactly its nominal value; stderr =
/// √(Σd²/(n−1)/n) = √(0.007/5/6) ≈ 0.0153 GPa.
const std::array<double, 6> kDeviations = {-0.05, 0.05, -0.03, 0.03, -0.01, 0.01};

/// Δσ between two rates a decade apart for activation volume Ω = omega_b3 · b³ at 300 K (Eq. 2 slope).
double decadeShift(double omega_b3, double b_A) {
  return units::eVPerA3ToGPa(units::thermalEnergy_eV(300.0) * std::log(10.0) / (omega_b3 * b_A * b_A * b_A));
}

using test::Outcome;
/// A sweep-like points.csv: Ag at 1e-3 /s with its maximum at 15 nm; Ag at 1e-2 /s at 10 nm (Ω = 0.24 b³)
/// and 20 nm (Ω = 1 b³); Pt at 1e-3 /s falling with D (smaller is stronger); one non-nucleated replica.
std::string syntheticPoints() {
  std::ostringstream s;
  s.precision(17);
  s << "# surfkmc 0.1.0 (test) scenario=none.yaml scenario_hash=fnv1a64:0 seed=1 threads=1 ranks=1 date=x\n"
    << kPointsHeader;
  int point = 0;
  auto group = [&](const char* material, double d, double rate, double mean) {
    for (std::size_t r = 0; r < kDeviations.size(); ++r)
      s << point << ',' << r << ',' << material << ',' << d << ',' << rate << ",300," << mean + kDeviations[r]
        << ",0.03,10,step,100,0.1\n";
    ++point;
  };
  const std::array<std::pair<double, double>, 5> ag = {{{5, 2.0}, {10, 2.5}, {15, 3.0}, {20, 2.8}, {30, 2.6}}};
  for (const auto& [d, m] : ag) group("Ag", d, 1e-3, m);
  group("Ag", 10, 1e-2, 2.5 + decadeShift(0.24, kBAg));
  group("Ag", 20, 1e-2, 2.8 + decadeShift(1.0, kBAg));
  for (const auto& [d, m] : std::array<std::pair<double, double>, 3>{{{5, 6.0}, {10, 5.0}, {20, 4.0}}})
    group("Pt", d, 1e-3, m);
  s << point - 1 << ",6,Pt,20,0.001,300,nan,nan,10,none,100,0.1\n";
  return s.str();
}

CompareOptions optionsFor(const std::filesystem::path& dir, std::optional<std::filesystem::path> data = {}) {
  CompareOptions o;
  o.results_dir = dir;
  o.data = std::move(data);
  return o;
}

nlohmann::json runCompare(const test::TempDir& dir) {
  std::ostringstream out;
  compareCommand(optionsFor(dir.path()), out);
  std::ifstream in(dir.path() / "compare.json");
  return nlohmann::json::parse(in);
}

TEST(Compare, ReproducesCriticalDiameterAndActivationVolumes) {
  const test::TempDir dir;
  dir.write("points.csv", syntheticPoints());
  const auto j = runCompare(dir);
  ASSERT_TRUE(std::filesystem::exists(dir.path() / "compare.txt"));

  bool ag = false, pt = false;
  for (const auto& c : j["critical_diameters"]) {
    if (c["material"] == "Ag" && c["strain_rate_per_s"] == 1e-3) {
      ag = true;
      EXPECT_EQ(c["status"], "interior");
      EXPECT_DOUBLE_EQ(c["critical_diameter_nm"].get<double>(), 15.0);
      // Neighbours are 0.2 GPa ≈ 8 combined stderrs below: every resample keeps the maximum at 15 nm.
      EXPECT_DOUBLE_EQ(c["bootstrap_support"].get<double>(), 1.0);
      EXPECT_DOUBLE_EQ(c["bootstrap_lo_nm"].get<double>(), 15.0);
      EXPECT_DOUBLE_EQ(c["bootstrap_hi_nm"].get<double>(), 15.0);
      EXPECT_EQ(c["within_one_stderr_nm"], nlohmann::json::array({15.0}));
      EXPECT_DOUBLE_EQ(c["paper_nm"].get<double>(), 15.0);
    }
    if (c["material"] == "Pt") {
      pt = true;
      EXPECT_EQ(c["status"], "at_smallest_diameter");
      EXPECT_DOUBLE_EQ(c["critical_diameter_nm"].get<double>(), 5.0);
    }
  }
  EXPECT_TRUE(ag && pt);

  const auto& pairs = j["activation_volumes"]["pairs"];
  ASSERT_EQ(pairs.size(), 2u);
  double ss = 0.0;
  for (double d : kDeviations) ss += d * d;
  const double se = std::sqrt(ss / 5.0 / 6.0);
  for (const auto& p : pairs) {
    const double d = p["diameter_nm"].get<double>();
    const double want = d < 15.0 ? 0.24 : 1.0;
    EXPECT_NEAR(p["omega_b3"].get<double>(), want, 1e-9 * want) << p.dump();
    // δΩ = Ω √(se₁² + se₂²) / |Δσ| (activation_volume.hpp).
    EXPECT_NEAR(p["omega_stderr_b3"].get<double>(), want * std::sqrt(2.0) * se / decadeShift(want, kBAg), 1e-9)
        << p.dump();
    EXPECT_EQ(p["regime"], d < 15.0 ? "Ag_below_15nm" : "Ag_above_15nm");
    EXPECT_EQ(p["status"], "ok");
  }
  ASSERT_EQ(j["activation_volumes"]["regimes"].size(), 2u);
  for (const auto& r : j["activation_volumes"]["regimes"])
    EXPECT_NEAR(r["omega_b3"].get<double>() / r["paper_b3"].get<double>(), 1.0, 1e-9) << r.dump();

  // The non-nucleated replica is counted, not averaged.
  for (const auto& g : j["groups"])
    if (g["material"] == "Pt" && g["diameter_nm"] == 20.0) {
      EXPECT_EQ(g["n"], 6);
      EXPECT_EQ(g["not_nucleated"], 1);
      EXPECT_NEAR(g["yield_mean_GPa"].get<double>(), 4.0, 1e-12);
    }
  EXPECT_TRUE(j["step_velocity"].is_null());
  EXPECT_TRUE(j["experiment"].is_null());
}

TEST(Compare, NoTargetsWritesTheComparisonWithoutThePapersValuesOrVerdicts) {
  const test::TempDir dir;
  dir.write("points.csv", syntheticPoints());
  CompareOptions o = optionsFor(dir.path());
  o.judge_targets = false;
  std::ostringstream out;
  compareCommand(o, out);
  std::ifstream in(dir.path() / "compare.json");
  const auto j = nlohmann::json::parse(in);
  EXPECT_TRUE(j["targets"].is_null());
  EXPECT_TRUE(j["observations"].is_null());
  EXPECT_FALSE(std::filesystem::exists(dir.path() / "targets.md"));
  EXPECT_TRUE(j["activation_volumes"]["regimes"].empty());
  // The study's own numbers are all there: the same Ω_app pairs, without a paper regime.
  ASSERT_EQ(j["activation_volumes"]["pairs"].size(), 2u);
  for (const auto& p : j["activation_volumes"]["pairs"]) {
    EXPECT_EQ(p["regime"], "");
    EXPECT_EQ(p["status"], "ok");
  }
  for (const auto& c : j["critical_diameters"]) EXPECT_TRUE(c["paper_nm"].is_null());
  EXPECT_NE(out.str().find("not judged (--no-targets"), std::string::npos) << out.str();
  EXPECT_EQ(out.str().find("paper: ~"), std::string::npos) << out.str();
  // From the command line too.
  const Outcome cli = test::captureSurfkmc({"compare", dir.path().string(), "--no-targets"});
  EXPECT_EQ(cli.code, 0) << cli.output;
  EXPECT_FALSE(std::filesystem::exists(dir.path() / "targets.md"));
}

TEST(Compare, VerdictsAreNamedAndTargetsMdIsWritten) {
  const test::TempDir dir;
  dir.write("points.csv", syntheticPoints());
  const auto j = runCompare(dir);
  ASSERT_EQ(j["targets"].size(), 7u);  // T1–T7
  // No replica went on after nucleating: T7 (plastic flow) has nothing to speak about.
  EXPECT_EQ(j["targets"][6]["id"], "T7");
  EXPECT_EQ(j["targets"][6]["verdict"], "not evaluated");
  const std::set<std::string> names = {"holds", "fails", "not resolved", "not evaluated"};
  for (const auto& t : j["targets"]) EXPECT_TRUE(names.count(t["verdict"].get<std::string>())) << t.dump();
  // T1 on the synthetic Pt curve: 6 → 5 → 4 GPa, stderr ≈ 0.015 GPa, resolved.
  EXPECT_EQ(j["targets"][0]["verdict"], "holds");
  EXPECT_TRUE(std::filesystem::exists(dir.path() / "targets.md"));
  // The constants no source gives (tag A) of both materials, read from their files: the creep
  // constant C and the bond energy among them.
  std::set<std::string> unsourced;
  for (const auto& c : j["unsourced_constants"])
    unsourced.insert(c["material"].get<std::string>() + ":" + c["parameter"].get<std::string>());
  EXPECT_TRUE(unsourced.count("Ag:coble_constant")) << j["unsourced_constants"].dump();
  EXPECT_TRUE(unsourced.count("Ag:bond_energy_eV")) << j["unsourced_constants"].dump();
  EXPECT_FALSE(unsourced.count("Ag:burgers_vector_A"));  // tagged D: derived from sourced values
  EXPECT_NE(test::readAll(dir.path() / "targets.md").find("Constants no source gives"), std::string::npos);
}

// A sweep that also varies a key compare does not group by (the cut, say) is analysed one value at a time: no group,
// ablation effect or flow row mixes two cuts, and each cut's ablation arms are paired replica by replica. Pooled (as
// compare did before session 36), each group would hold 6 replicas with repeated indices and no effect could pair.
TEST(Compare, EachValueOfAnotherSweptKeyIsAnalysedApartWithItsArmsPaired) {
  const test::TempDir dir;
  std::ostringstream s;
  s << "# surfkmc 0.1.0 (test) scenario=none.yaml scenario_hash=fnv1a64:0 seed=1 threads=1 ranks=1 date=x\n"
    << "point,replica,geometry.cut_shift_y,ablation,material,geometry.diameter_nm,loading.strain_rate_per_s,"
       "kmc.temperature_K,yield_stress_GPa,strength_GPa,slip_events,flow_stress_GPa,mean_stress_drop_GPa\n";
  // Cut 0: full 1.0, 1.2, 1.4, frozen 1.5, 1.6, 1.7 (differences −0.5, −0.4, −0.3). Cut 0.5: full 2.0, 2.2, 2.4,
  // frozen 2.0, 2.1, 2.3 (differences 0, 0.1, 0.1). Flow stress = strength − 0.5 in every replica but the frozen
  // cut-0.5 replica 2 (strength − 0.3).
  const std::array<std::array<double, 3>, 4> strengths = {
      {{1.0, 1.2, 1.4}, {1.5, 1.6, 1.7}, {2.0, 2.2, 2.4}, {2.0, 2.1, 2.3}}};
  nlohmann::json points = nlohmann::json::array();
  for (int p = 0; p < 4; ++p) {
    const double cut = p < 2 ? 0.0 : 0.5;
    const char* ablation = p % 2 ? "frozen_surface" : "none";
    for (std::size_t r = 0; r < 3; ++r) {
      const double v = strengths[static_cast<std::size_t>(p)][r];
      const double flow = v - (p == 3 && r == 2 ? 0.3 : 0.5);
      s << p << ',' << r << ',' << cut << ',' << ablation << ",Ag,6,0.001,300," << v << ',' << v << ",3," << flow
        << ",0.4\n";
    }
    points.push_back(
        {{"point", p},
         {"material", "Ag"},
         {"values", {{"geometry.cut_shift_y", cut}, {"geometry.cut_shift_z", 0.0}, {"ablation", ablation}}}});
  }
  dir.write("points.csv", s.str());
  dir.write("summary.json", nlohmann::json{{"mode", "sweep"}, {"points", points}}.dump());
  const auto j = runCompare(dir);
  // cut_shift_z took one value: not a variant.
  EXPECT_EQ(j["variant_keys"], nlohmann::json::array({"geometry.cut_shift_y"}));
  EXPECT_TRUE(j["pooled_keys"].empty());
  ASSERT_EQ(j["variants"].size(), 2u);
  EXPECT_EQ(j["variants"][0]["geometry.cut_shift_y"], "0.0");
  EXPECT_EQ(j["variants"][1]["geometry.cut_shift_y"], "0.5");

  ASSERT_EQ(j["groups"].size(), 2u);
  for (std::size_t k = 0; k < 2; ++k) {
    EXPECT_EQ(j["groups"][k]["n"], 3);
    EXPECT_EQ(j["groups"][k]["variant"], j["variants"][k]);
    EXPECT_NEAR(j["groups"][k]["yield_mean_GPa"].get<double>(), k == 0 ? 1.2 : 2.2, 1e-12);
  }
  ASSERT_EQ(j["ablations"].size(), 2u);
  for (std::size_t k = 0; k < 2; ++k) {
    const auto& e = j["ablations"][k];
    EXPECT_EQ(e["variant"], j["variants"][k]);
    EXPECT_TRUE(e["paired"].get<bool>()) << e.dump();
    EXPECT_EQ(e["full_n"], 3);
    EXPECT_EQ(e["ablated_n"], 3);
  }
  EXPECT_NEAR(j["ablations"][0]["effect_GPa"].get<double>(), -0.4, 1e-12);
  EXPECT_NEAR(j["ablations"][0]["effect_stderr_GPa"].get<double>(), 0.1 / std::sqrt(3.0), 1e-12);
  EXPECT_NEAR(j["ablations"][1]["effect_GPa"].get<double>(), 0.2 / 3.0, 1e-12);
  EXPECT_NEAR(j["ablations"][1]["effect_stderr_GPa"].get<double>(), std::sqrt(1.0 / 300.0) / std::sqrt(3.0), 1e-12);

  // Flow: four rows, each cut's frozen arm paired with its own full arm. Cut 0.5: differences 0, 0.1, −0.1.
  ASSERT_EQ(j["flow"].size(), 4u);
  std::vector<nlohmann::json> frozen;
  for (const auto& c : j["flow"])
    if (c["ablation"] == "frozen_surface") frozen.push_back(c);
  ASSERT_EQ(frozen.size(), 2u);
  EXPECT_EQ(frozen[0]["variant"], j["variants"][0]);
  EXPECT_TRUE(frozen[0]["flow_effect_paired"].get<bool>());
  EXPECT_NEAR(frozen[0]["flow_effect_GPa"].get<double>(), -0.4, 1e-12);
  EXPECT_NEAR(frozen[1]["flow_effect_GPa"].get<double>(), 0.0, 1e-12);
  EXPECT_NEAR(frozen[1]["flow_effect_se_GPa"].get<double>(), 0.1 / std::sqrt(3.0), 1e-12);

  const std::string md = test::readAll(dir.path() / "targets.md");
  EXPECT_NE(md.find("**Variants:** this sweep also varies `geometry.cut_shift_y`."), std::string::npos) << md;
  EXPECT_NE(md.find("# geometry.cut_shift_y = 0.0"), std::string::npos) << md;
  EXPECT_NE(md.find("# geometry.cut_shift_y = 0.5"), std::string::npos) << md;
  // The paper's observations of flow once, not once per variant.
  const auto paper = md.find("What the paper saw");
  ASSERT_NE(paper, std::string::npos) << md;
  EXPECT_EQ(md.find("What the paper saw", paper + 1), std::string::npos) << md;
  const std::string txt = test::readAll(dir.path() / "compare.txt");
  EXPECT_NE(txt.find("===== geometry.cut_shift_y = 0.5"), std::string::npos) << txt;

  // The summary says one cut: no variants, no headings.
  for (auto& p : points) p["values"]["geometry.cut_shift_y"] = 0.0;
  dir.write("summary.json", nlohmann::json{{"mode", "sweep"}, {"points", points}}.dump());
  const auto one = runCompare(dir);
  EXPECT_TRUE(one["variant_keys"].empty());
  EXPECT_TRUE(one["variants"].empty());
  EXPECT_FALSE(one["groups"][0].contains("variant"));
  EXPECT_EQ(test::readAll(dir.path() / "targets.md").find("Variants"), std::string::npos);
}

// A point the summary gives no value of a key other points vary cannot be placed: a located error, nothing written.
TEST(Compare, APointWithoutAValueOfAVariedKeyIsALocatedError) {
  const test::TempDir dir;
  dir.write("points.csv", syntheticPoints());
  nlohmann::json points = nlohmann::json::array();
  for (int p = 0; p < 10; ++p) {
    nlohmann::json values = {{"geometry.diameter_nm", 5 + p}};
    if (p != 3) values["geometry.cut_shift_y"] = p % 2 ? 0.5 : 0.0;
    points.push_back({{"point", p}, {"material", p < 7 ? "Ag" : "Pt"}, {"values", values}});
  }
  dir.write("summary.json", nlohmann::json{{"mode", "sweep"}, {"points", points}}.dump());
  const Outcome o = test::captureSurfkmc({"compare", dir.path().string()});
  EXPECT_TRUE(o.exited);
  EXPECT_EQ(o.code, 2) << o.output;
  EXPECT_NE(o.output.find("points.csv:"), std::string::npos) << o.output;
  EXPECT_NE(o.output.find("point 3 no value of the swept key 'geometry.cut_shift_y'"), std::string::npos) << o.output;
  EXPECT_FALSE(std::filesystem::exists(dir.path() / "compare.json"));
}

// The list of constants no source gives is of those the runs used, as their summary.json records it: runs on the
// potentials' barriers (catalogue hops, computed nucleation laws) read neither the fitted bond energy nor the
// calibrated class laws of Eq. 2, but still the creep constant; runs on the calibrated model read them all.
TEST(Compare, UnsourcedConstantsAreThoseTheRunsUsed) {
  const test::TempDir dir;
  dir.write("points.csv", syntheticPoints());
  nlohmann::json points = nlohmann::json::array();
  for (int p = 0; p < 10; ++p) {
    const bool ag = p < 7;
    points.push_back({{"point", p},
                      {"material", ag ? "Ag" : "Pt"},
                      {"energetics", ag ? "catalogue" : "bond_counting"},
                      {"stress_response", ag ? "per_hop" : "migration_volume"},
                      {"nucleation_model", ag ? "computed" : "linear"}});
  }
  dir.write("summary.json", nlohmann::json{{"mode", "sweep"}, {"points", points}}.dump());
  const auto j = runCompare(dir);
  std::set<std::string> unsourced;
  for (const auto& c : j["unsourced_constants"])
    unsourced.insert(c["material"].get<std::string>() + ":" + c["parameter"].get<std::string>());
  const std::string all = j["unsourced_constants"].dump();
  EXPECT_TRUE(unsourced.count("Ag:coble_constant")) << all;
  for (const char* k : {"bond_energy_eV", "saddle_model", "edge_sigma_ath_GPa", "step_height_floor", "pit_size_decay"})
    EXPECT_FALSE(unsourced.count(std::string("Ag:") + k)) << k << " " << all;
  for (const char* k :
       {"coble_constant", "saddle_model", "edge_sigma_ath_GPa", "step_height_floor", "migration_activation_volume_b3"})
    EXPECT_TRUE(unsourced.count(std::string("Pt:") + k)) << k << " " << all;

  // `loading.creep: none` leaves C out.
  for (auto& p : points) p["creep"] = "none";
  dir.write("summary.json", nlohmann::json{{"mode", "sweep"}, {"points", points}}.dump());
  const auto no_creep = runCompare(dir);
  for (const auto& c : no_creep["unsourced_constants"])
    EXPECT_NE(c["parameter"], "coble_constant") << no_creep["unsourced_constants"].dump();
  for (auto& p : points) p.erase("creep");

  // A summary that predates the fields says nothing about what ran: every constant is listed.
  for (auto& p : points) p.erase("nucleation_model");
  dir.write("summary.json", nlohmann::json{{"mode", "sweep"}, {"points", points}}.dump());
  const auto old = runCompare(dir);
  std::set<std::string> listed;
  for (const auto& c : old["unsourced_constants"])
    listed.insert(c["material"].get<std::string>() + ":" + c["parameter"].get<std::string>());
  EXPECT_TRUE(listed.count("Ag:bond_energy_eV"));
  EXPECT_TRUE(listed.count("Ag:edge_sigma_ath_GPa"));
}

TEST(Compare, TargetRolesFollowThePhysicsTheRunsUsed) {
  // T2 is calibrated only where Ag ran on bond counting with the creep law (C was fitted there), and its
  // label says whether C still enters; T4's thick-Ag and Pt
  // volumes only where a linear or power law carried the paper's Ω. Results that do not say what ran
  // keep the calibrated labels.
  const test::TempDir dir;
  dir.write("points.csv", syntheticPoints());
  const auto roleOf = [&](const nlohmann::json& j, const std::string& id) {
    for (const auto& t : j["targets"])
      if (t["id"] == id) return t["role"].get<std::string>();
    ADD_FAILURE() << "no " << id << " in " << j["targets"].dump();
    return std::string();
  };
  const auto summary = [&](const std::string& ag_energetics, const std::string& pt_model,
                           const std::string& creep = "coble") {
    nlohmann::json points = nlohmann::json::array();
    for (int p = 0; p < 10; ++p) {
      const bool ag = p < 7;
      points.push_back({{"point", p},
                        {"material", ag ? "Ag" : "Pt"},
                        // "" stands for a run without a kmc: section, whose summary says null.
                        {"energetics", ag && ag_energetics.empty() ? nlohmann::json(nullptr)
                                                                   : nlohmann::json(ag ? ag_energetics : "catalogue")},
                        {"stress_response", "per_hop"},
                        {"nucleation_model", ag ? "computed" : pt_model},
                        {"creep", creep}});
    }
    dir.write("summary.json", nlohmann::json{{"mode", "sweep"}, {"points", points}}.dump());
    return runCompare(dir);
  };
  const auto physics = summary("catalogue", "computed");
  EXPECT_EQ(roleOf(physics, "T2").rfind("predicted", 0), 0U) << roleOf(physics, "T2");
  EXPECT_NE(roleOf(physics, "T2").find("still scales the creep law"), std::string::npos) << roleOf(physics, "T2");
  EXPECT_EQ(roleOf(physics, "T4").rfind("predicted", 0), 0U) << roleOf(physics, "T4");
  const auto no_creep = summary("catalogue", "computed", "none");
  EXPECT_NE(roleOf(no_creep, "T2").find("no creep law (C unused)"), std::string::npos) << roleOf(no_creep, "T2");
  // The physics from the potentials without the creep law reads no tag-A parameter, and says so.
  EXPECT_TRUE(no_creep["unsourced_constants"].empty()) << no_creep["unsourced_constants"].dump();
  EXPECT_NE(test::readAll(dir.path() / "targets.md").find("None: every parameter these runs used has a source"),
            std::string::npos);
  // Without a KMC (no kmc: section) nothing Ag's transport was fitted to runs: predicted, and said so.
  const auto no_kmc = summary("", "computed", "none");
  EXPECT_EQ(roleOf(no_kmc, "T2"), "predicted: no KMC (the surface as cut), no creep law (C unused)");
  const auto pt_linear = summary("catalogue", "linear");
  EXPECT_NE(roleOf(pt_linear, "T4").find("calibrated"), std::string::npos) << roleOf(pt_linear, "T4");
  const auto bond = summary("bond_counting", "computed");
  EXPECT_EQ(roleOf(bond, "T2").rfind("calibrated", 0), 0U) << roleOf(bond, "T2");
  EXPECT_EQ(roleOf(bond, "T4").rfind("predicted", 0), 0U);
  // Results of Ag alone (a temperature sweep: no Pt row, and no Pt in summary.json): T4's role follows Ag's
  // law; Pt, absent, does not make it calibrated.
  {
    std::istringstream lines(syntheticPoints());
    std::ostringstream ag_rows;
    for (std::string line; std::getline(lines, line);)
      if (line.find(",Pt,") == std::string::npos) ag_rows << line << '\n';
    dir.write("points.csv", ag_rows.str());
    nlohmann::json points = nlohmann::json::array();
    for (int p = 0; p < 7; ++p)
      points.push_back({{"point", p},
                        {"material", "Ag"},
                        {"energetics", "catalogue"},
                        {"stress_response", "per_hop"},
                        {"nucleation_model", "computed"},
                        {"creep", "none"}});
    dir.write("summary.json", nlohmann::json{{"mode", "sweep"}, {"points", points}}.dump());
    const auto ag_only = runCompare(dir);
    EXPECT_EQ(roleOf(ag_only, "T4").rfind("predicted", 0), 0U) << roleOf(ag_only, "T4");
  }
  dir.write("points.csv", syntheticPoints());
  std::filesystem::remove(dir.path() / "summary.json");
  const auto unknown = runCompare(dir);
  EXPECT_EQ(roleOf(unknown, "T2").rfind("calibrated", 0), 0U);
  EXPECT_NE(roleOf(unknown, "T4").find("calibrated"), std::string::npos);
}

TEST(Compare, StrengthColumnAveragesEveryReplicaIncludingThoseThatFlowed) {
  // Sweeps write strength_GPa (the highest stress before the first nucleation): a replica that crept
  // to the end of loading without nucleating carries its flow stress and is averaged, and still
  // counted as not nucleated.
  const test::TempDir dir;
  std::ostringstream s;
  s << "# surfkmc 0.1.0 (test) scenario=none.yaml scenario_hash=fnv1a64:0 seed=1 threads=1 ranks=1 date=x\n"
    << "point,replica,material,geometry.diameter_nm,loading.strain_rate_per_s,kmc.temperature_K,yield_stress_GPa,"
       "yield_strain,time_s,site_class,events,wall_time_s,strength_GPa\n";
  s << "0,0,Ag,6,0.001,300,nan,nan,150,none,100,0.1,0.60\n"
    << "0,1,Ag,6,0.001,300,0.55,0.1,120,step,100,0.1,0.58\n"
    << "0,2,Ag,6,0.001,300,nan,nan,150,none,100,0.1,0.62\n"
    << "1,0,Ag,20,0.001,300,1.70,0.02,20,step,100,0.1,1.70\n"
    << "1,1,Ag,20,0.001,300,1.50,0.02,18,step,100,0.1,1.50\n";
  dir.write("points.csv", s.str());
  const auto j = runCompare(dir);
  bool thin = false;
  for (const auto& g : j["groups"])
    if (g["diameter_nm"] == 6.0) {
      thin = true;
      EXPECT_EQ(g["n"], 3);
      EXPECT_EQ(g["not_nucleated"], 2);
      EXPECT_NEAR(g["yield_mean_GPa"].get<double>(), 0.60, 1e-12);
    }
  EXPECT_TRUE(thin);
  EXPECT_NE(j["method"]["yield"].get<std::string>().find("strength_GPa"), std::string::npos);
}

TEST(Compare, AblationsAreSetAgainstTheFullModelAndKeptOutOfItsStatistics) {
  // A sweep over `ablation`: per condition the full model's strength minus the ablated runs'. The arms
  // hold the same replicas (a sweep gives them common random streams), so the effect and its standard
  // error are those of the replica-by-replica differences; the groups, D_c and Ω_app see the full
  // model's replicas only.
  const test::TempDir dir;
  std::ostringstream s;
  s << "# surfkmc 0.1.0 (test) scenario=none.yaml scenario_hash=fnv1a64:0 seed=1 threads=1 ranks=1 date=x\n"
    << "point,replica,ablation,material,geometry.diameter_nm,loading.strain_rate_per_s,kmc.temperature_K,"
       "yield_stress_GPa,yield_strain,time_s,site_class,events,wall_time_s,strength_GPa\n";
  // Full model 1.0, 1.2, 1.4 (mean 1.2, se 0.2/√3); frozen 1.5, 1.6, 1.7 (mean 1.6, se 0.1/√3);
  // as-cut 1.1, 1.3, 1.2 (mean 1.2: no change).
  const std::array<std::pair<const char*, std::array<double, 3>>, 3> runs = {
      {{"none", {1.0, 1.2, 1.4}}, {"frozen_surface", {1.5, 1.6, 1.7}}, {"as_cut_sites", {1.1, 1.3, 1.2}}}};
  int point = 0;
  for (const auto& [ablation, values] : runs) {
    for (std::size_t r = 0; r < values.size(); ++r)
      s << point << ',' << r << ',' << ablation << ",Ag,6,0.001,300," << values[r] << ",0.02,20,step,100,0.1,"
        << values[r] << "\n";
    ++point;
  }
  dir.write("points.csv", s.str());
  std::ostringstream out;
  compareCommand(optionsFor(dir.path()), out);
  std::ifstream in(dir.path() / "compare.json");
  const auto j = nlohmann::json::parse(in);
  ASSERT_EQ(j["groups"].size(), 1u);
  EXPECT_EQ(j["groups"][0]["n"], 3);
  EXPECT_NEAR(j["groups"][0]["yield_mean_GPa"].get<double>(), 1.2, 1e-12);
  ASSERT_EQ(j["ablations"].size(), 2u);
  const double se_full = 0.2 / std::sqrt(3.0), se_frozen = 0.1 / std::sqrt(3.0);
  for (const auto& e : j["ablations"]) {
    EXPECT_EQ(e["full_n"], 3);
    EXPECT_EQ(e["ablated_n"], 3);
    if (e["ablation"] == "frozen_surface") {
      EXPECT_NEAR(e["effect_GPa"].get<double>(), -0.4, 1e-12);
      // Differences −0.5, −0.4, −0.3: sd 0.1, se 0.1/√3, far below the unpaired √(se_full² + se_frozen²).
      EXPECT_NEAR(e["effect_stderr_GPa"].get<double>(), 0.1 / std::sqrt(3.0), 1e-12);
      EXPECT_LT(e["effect_stderr_GPa"].get<double>(), std::hypot(se_full, se_frozen));
      EXPECT_TRUE(e["paired"].get<bool>());
      EXPECT_TRUE(e["resolved"].get<bool>());  // 0.4 > 2 · 0.058
    } else {
      EXPECT_EQ(e["ablation"], "as_cut_sites");
      EXPECT_NEAR(e["effect_GPa"].get<double>(), 0.0, 1e-12);
      EXPECT_FALSE(e["resolved"].get<bool>());
    }
  }
  const std::string md = test::readAll(dir.path() / "targets.md");
  EXPECT_NE(md.find("What the KMC contributes"), std::string::npos) << md;
  EXPECT_NE(md.find("resolved: lowers the strength"), std::string::npos) << md;
  EXPECT_NE(md.find("not resolved: no change beyond 2 SE"), std::string::npos) << md;
  EXPECT_NE(md.find("(paired)"), std::string::npos) << md;
}

// A paired effect smaller than the table's three decimals (Pt's frozen-surface rows in Fig. 1, +0.0002 ± 0.0001)
// prints with the decimals its standard error needs, not as "+0.000 ± 0.000" beside "resolved".
TEST(Compare, ATinyResolvedEffectPrintsItsDigits) {
  AblationEffect e;
  e.ablation = coupling::Ablation::kFrozenSurface;
  e.material = "Pt";
  e.strain_rate_per_s = 1e-3;
  e.temperature_K = 300.0;
  e.diameter_nm = 10.0;
  e.full = {4, 3.8201, 0.016, 0.008};
  e.ablated = {4, 3.8199, 0.016, 0.008};
  e.effect_GPa = 0.00024;
  e.se_GPa = 0.00008;
  e.paired = true;
  e.resolved = true;
  const std::string md = ablationMarkdown({e});
  EXPECT_NE(md.find("| +0.00024 ± 0.00008 (paired) | resolved: raises the strength |"), std::string::npos) << md;
  e.effect_GPa = -0.045;
  e.se_GPa = 0.004;
  EXPECT_NE(ablationMarkdown({e}).find("| -0.045 ± 0.004 (paired) |"), std::string::npos);
}

// The as-cut arm is left out only where it is the frozen arm: a frozen arm and no as-cut arm, and no creep in any
// material the effects speak of.
TEST(Compare, AMissingAsCutArmIsExplainedOnlyWithoutCreep) {
  AblationEffect frozen;
  frozen.ablation = coupling::Ablation::kFrozenSurface;
  frozen.material = "Ag";
  AblationEffect as_cut = frozen;
  as_cut.ablation = coupling::Ablation::kAsCutSites;
  PhysicsUsed none, coble;
  none.creep_laws = {"none"};
  coble.creep_laws = {"coble"};
  EXPECT_NE(asCutArmNote({frozen}, {{"Ag", none}}).find("frozen_surface effect is therefore"), std::string::npos);
  EXPECT_EQ(asCutArmNote({frozen, as_cut}, {{"Ag", none}}), "");  // the arm was run
  EXPECT_EQ(asCutArmNote({frozen}, {{"Ag", coble}}), "");         // creep: transport can matter
  PhysicsUsed mixed;
  mixed.creep_laws = {"none", "coble"};
  EXPECT_EQ(asCutArmNote({frozen}, {{"Ag", mixed}}), "");
  EXPECT_EQ(asCutArmNote({frozen}, {}), "");  // results that do not say what ran
  EXPECT_EQ(asCutArmNote({}, {{"Ag", none}}), "");
}

TEST(Compare, AblationArmsWithOtherReplicasAreNotPaired) {
  // The frozen arm holds replicas 3–5, the full model 0–2: there are no pairs, so the standard errors
  // of the two means are combined.
  const test::TempDir dir;
  std::ostringstream s;
  s << "point,replica,ablation,material,geometry.diameter_nm,loading.strain_rate_per_s,kmc.temperature_K,"
       "yield_stress_GPa,strength_GPa\n";
  const std::array<double, 3> full = {1.0, 1.2, 1.4}, frozen = {1.5, 1.6, 1.7};
  for (std::size_t r = 0; r < 3; ++r) s << "0," << r << ",none,Ag,6,0.001,300," << full[r] << ',' << full[r] << "\n";
  for (std::size_t r = 0; r < 3; ++r)
    s << "1," << r + 3 << ",frozen_surface,Ag,6,0.001,300," << frozen[r] << ',' << frozen[r] << "\n";
  dir.write("points.csv", s.str());
  const auto j = runCompare(dir);
  ASSERT_EQ(j["ablations"].size(), 1u);
  const auto& e = j["ablations"][0];
  EXPECT_FALSE(e["paired"].get<bool>());
  EXPECT_NEAR(e["effect_GPa"].get<double>(), -0.4, 1e-12);
  EXPECT_NEAR(e["effect_stderr_GPa"].get<double>(), std::hypot(0.2 / std::sqrt(3.0), 0.1 / std::sqrt(3.0)), 1e-12);
}

TEST(Compare, BootstrapSpreadsOverTiedDiameters) {
  // Two diameters with equal means and wide scatter: the argmax is uncertain, the interval spans both.
  const test::TempDir dir;
  std::ostringstream s;
  s << "point,replica,material,geometry.diameter_nm,loading.strain_rate_per_s,yield_stress_GPa\n";
  const std::array<double, 6> wide = {-1.0, 1.0, -0.5, 0.5, -0.2, 0.2};
  int point = 0;
  for (const double d : {10.0, 15.0, 20.0}) {
    const double mean = d == 20.0 ? 1.0 : 3.0;
    for (std::size_t r = 0; r < wide.size(); ++r)
      s << point << ',' << r << ",Ag," << d << ",0.001," << mean + wide[r] << '\n';
    ++point;
  }
  dir.write("points.csv", s.str());
  std::ostringstream out;
  // No provenance line and no temperature column: the temperature cannot come from a scenario.
  EXPECT_THROW(compareCommand(optionsFor(dir.path()), out), InputError);
  CompareOptions with_t = optionsFor(dir.path());
  with_t.temperature_K = 300.0;  // compare --temperature
  EXPECT_NO_THROW(compareCommand(with_t, out));
  dir.write("points.csv",
            "# surfkmc x\n" + std::string("point,replica,material,geometry.diameter_nm,"
                                          "loading.strain_rate_per_s,kmc.temperature_K,yield_stress_GPa\n"));
  std::string body;
  point = 0;
  for (const double d : {10.0, 15.0, 20.0}) {
    const double mean = d == 20.0 ? 1.0 : 3.0;
    for (std::size_t r = 0; r < wide.size(); ++r)
      body += std::to_string(point) + ',' + std::to_string(r) + ",Ag," + std::to_string(d) + ",0.001,300," +
              std::to_string(mean + wide[r]) + '\n';
    ++point;
  }
  std::ofstream(dir.path() / "points.csv", std::ios::app) << body;
  const auto j = runCompare(dir);
  const auto& c = j["critical_diameters"][0];
  EXPECT_EQ(c["within_one_stderr_nm"], nlohmann::json::array({10.0, 15.0}));
  EXPECT_DOUBLE_EQ(c["bootstrap_lo_nm"].get<double>(), 10.0);
  EXPECT_DOUBLE_EQ(c["bootstrap_hi_nm"].get<double>(), 15.0);
  EXPECT_GT(c["bootstrap_support"].get<double>(), 0.2);
  EXPECT_LT(c["bootstrap_support"].get<double>(), 0.8);
}

TEST(Compare, AnAblationNotSweptIsReadFromTheSummaryAndKeptApart) {
  // A sweep whose base scenario is ablated writes `ablation` per point into summary.json, not as a
  // column; compare reads it there and keeps the runs out of the full model's groups.
  const test::TempDir dir;
  const auto scenario = dir.write(
      "frozen.yaml", test::kHead +
                         "geometry: {shape: cylinder, diameter_nm: 2, length_nm: 2}\nkmc: {temperature_K: 300}\n"
                         "loading: {strain_rate_per_s: 10.0}\nnucleation: {analysis_interval_s: 0.001}\n"
                         "ablation: frozen_surface\nreplicas: 2\nsweep: {geometry.diameter_nm: [2, 3]}\n");
  const auto out = dir.path() / "r";
  const Outcome sweep = test::captureSurfkmc({"sweep", scenario.string(), "--out", out.string(), "--quiet"});
  ASSERT_EQ(sweep.code, 0) << sweep.output;
  const ResultsTable t = loadResultsTable(out);
  ASSERT_EQ(t.rows.size(), 4u);
  for (const SimulatedYield& y : t.rows) EXPECT_EQ(y.ablation, coupling::Ablation::kFrozenSurface);
  std::ostringstream text;
  compareCommand(optionsFor(out), text);
  std::ifstream in(out / "compare.json");
  const auto j = nlohmann::json::parse(in);
  EXPECT_TRUE(j["groups"].empty());
  ASSERT_EQ(j["ablations"].size(), 2u);
  for (const auto& e : j["ablations"]) {
    EXPECT_EQ(e["ablation"], "frozen_surface");
    EXPECT_EQ(e["full_n"], 0);
    EXPECT_EQ(e["ablated_n"], 2);
    EXPECT_TRUE(e["effect_GPa"].is_null());
    EXPECT_FALSE(e["resolved"].get<bool>());
  }
}

TEST(Compare, SingleRunTakesItsKeysFromTheScenario) {
  const test::TempDir dir;
  const auto scenario = dir.write("s.yaml", test::kHead + test::kCylinder + "loading: {strain_rate_per_s: 1e-2}\n");
  dir.write("yield.csv", "# surfkmc 0.1.0 (x) scenario=" + scenario.string() +
                             " scenario_hash=fnv1a64:0 seed=1 threads=1 ranks=1 date=x\n"
                             "replica,yield_stress_GPa,yield_strain,time_s,site_class,x_nm,y_nm,z_nm,site_size,"
                             "nucleated,events,wall_time_s\n"
                             "0,2.5,0.03,1,step,0,0,0,1,1,10,0.1\n1,2.7,0.03,1,step,0,0,0,1,1,10,0.1\n"
                             "2,nan,nan,1,none,0,0,0,0,0,10,0.1\n");
  const ResultsTable t = loadResultsTable(dir.path());
  ASSERT_EQ(t.rows.size(), 3u);
  EXPECT_EQ(t.rows[0].material, "Ag");
  EXPECT_DOUBLE_EQ(t.rows[0].diameter_nm, 3.0);
  EXPECT_DOUBLE_EQ(t.rows[0].strain_rate_per_s, 1e-2);
  EXPECT_DOUBLE_EQ(t.rows[0].temperature_K, 300.0);
  EXPECT_FALSE(t.rows[2].yield_GPa.has_value());
  bool warned = false;
  for (const auto& n : t.notes) warned = warned || n.find("changed since the run") != std::string::npos;
  EXPECT_TRUE(warned);  // the provenance hash is not the file's
  const auto j = runCompare(dir);
  EXPECT_NEAR(j["groups"][0]["yield_mean_GPa"].get<double>(), 2.6, 1e-12);
  EXPECT_EQ(j["critical_diameters"][0]["status"], "too_few_diameters");
}

// Issue 22: a loaded run writes points.csv in the sweep's schema (one point, no swept keys), with the
// same replicas as its yield.csv, and compare reads it with the keys from the run's scenario.
TEST(Compare, ALoadedRunWritesPointsCsvInTheSweepsSchema) {
  const test::TempDir dir;
  const auto scenario = dir.write(
      "s.yaml", test::kHead + test::kCylinder + "loading: {strain_rate_per_s: 1.0e3, max_strain: 0.1}\nreplicas: 2\n");
  const auto out = dir.path() / "r";
  const test::Outcome run = test::captureSurfkmc({"run", scenario.string(), "--out", out.string(), "--quiet"});
  ASSERT_EQ(run.code, 0) << run.output;
  const CsvTable points = CsvTable::read(out / "points.csv", 1 << 20);
  const CsvTable yield = CsvTable::read(out / "yield.csv", 1 << 20);
  ASSERT_EQ(points.rows(), 2u);
  ASSERT_EQ(yield.rows(), 2u);
  const std::size_t p_point = points.requireColumn("point"), p_yield = points.requireColumn("yield_stress_GPa");
  const std::size_t y_yield = yield.requireColumn("yield_stress_GPa");
  for (std::size_t r = 0; r < 2; ++r) {
    EXPECT_EQ(points.cell(r, p_point), "0");
    // yield.csv keeps 10 significant digits, points.csv the shortest exact form.
    const double exact = std::stod(points.cell(r, p_yield));
    EXPECT_NEAR(std::stod(yield.cell(r, y_yield)), exact, 5e-10 * std::abs(exact));
    EXPECT_EQ(points.cell(r, points.requireColumn("strain_rate_per_s")), "1000");
    EXPECT_EQ(points.cell(r, points.requireColumn("temperature_K")), "300");
  }
  // summary.json carries the sweep's `keys` and `points` for its one point.
  std::ifstream summary_file(out / "summary.json");
  const nlohmann::json summary = nlohmann::json::parse(summary_file);
  EXPECT_TRUE(summary.at("keys").empty());
  ASSERT_EQ(summary.at("points").size(), 1u);
  const nlohmann::json& point = summary["points"][0];
  EXPECT_EQ(point.at("replicas"), 2);
  EXPECT_EQ(point.at("material"), "Ag");
  EXPECT_EQ(point.at("yield_stress_GPa").at("mean"), summary.at("yield_stress_GPa").at("mean"));
  const ResultsTable t = loadResultsTable(out);
  EXPECT_EQ(t.file.filename(), "points.csv");
  ASSERT_EQ(t.rows.size(), 2u);
  EXPECT_EQ(t.rows[0].material, "Ag");
  EXPECT_DOUBLE_EQ(t.rows[0].diameter_nm, 3.0);
  EXPECT_DOUBLE_EQ(t.rows[0].strain_rate_per_s, 1.0e3);
}

TEST(Compare, ResidualsAgainstUserData) {
  const test::TempDir dir;
  dir.write("points.csv", syntheticPoints());
  const auto data = dir.write("data.csv",
                              "material,diameter_nm,strain_rate_per_s,temperature_K,yield_GPa,err_GPa,source\n"
                              "Ag,12.5,1e-3,300,2.95,0.1,illustrative\n"
                              "Ag,40,1e-3,300,2.0,0.1,illustrative\n"
                              "Au,10,1e-3,300,2.0,,illustrative\n");
  std::ostringstream out;
  compareCommand(optionsFor(dir.path(), data), out);
  std::ifstream in(dir.path() / "compare.json");
  const auto j = nlohmann::json::parse(in);
  const auto& r = j["experiment"]["residuals"];
  ASSERT_EQ(r.size(), 3u);
  EXPECT_EQ(r[0]["status"], "ok");
  EXPECT_NEAR(r[0]["sim_GPa"].get<double>(), 2.75, 1e-12);  // halfway between 2.5 (10 nm) and 3.0 (15 nm)
  EXPECT_NEAR(r[0]["residual_GPa"].get<double>(), 0.2, 1e-12);
  EXPECT_EQ(r[1]["status"], "outside_simulated_diameters");
  EXPECT_EQ(r[2]["status"], "no_simulated_series");
}

TEST(Compare, PaperTargetsAreTheShippedObservations) {
  const PaperTargets t = loadPaperTargets(defaultObservationsPath());
  ASSERT_EQ(t.activation_volumes.size(), 3u);
  EXPECT_DOUBLE_EQ(t.activation_volumes[0].value_b3, 0.24);
  EXPECT_DOUBLE_EQ(t.activation_volumes[1].value_b3, 1.0);
  EXPECT_DOUBLE_EQ(t.activation_volumes[2].value_b3, 1.02);
  EXPECT_TRUE(t.activation_volumes[0].covers("Ag", 14.9));
  EXPECT_FALSE(t.activation_volumes[0].covers("Ag", 15.0));
  EXPECT_TRUE(t.activation_volumes[1].covers("Ag", 15.0));
  EXPECT_TRUE(t.activation_volumes[2].covers("Pt", 40.0));
  EXPECT_DOUBLE_EQ(t.ag_step_velocity_min_nm_per_s, 0.2);
  EXPECT_DOUBLE_EQ(t.ag_step_velocity_max_nm_per_s, 1.0);
}

struct BadResults {
  std::string name;
  std::string points;  ///< points.csv text ("" = no file)
  std::string expect;  ///< the message must contain this
};

TEST(Compare, MalformedResultsExitTwoWithLocatedMessages) {
  const std::string prov = "# surfkmc 0.1.0 (x) scenario=/nonexistent/s.yaml scenario_hash=fnv1a64:0 seed=1\n";
  const std::vector<BadResults> cases = {
      {"no_file", "", "no points.csv (a sweep) or yield.csv (a run)"},
      {"empty", prov, "points.csv: no header line"},
      {"bad_yield", prov + kPointsHeader + "0,0,Ag,10,0.001,300,2.5,0,0,s,0,0\n0,1,Ag,10,0.001,300,x2,0,0,s,0,0\n",
       "points.csv:4:21: column 'yield_stress_GPa': bad value 'x2'"},
      {"negative_diameter", prov + kPointsHeader + "0,0,Ag,-10,0.001,300,2.5,0,0,s,0,0\n",
       "points.csv:3:8: column 'geometry.diameter_nm': bad value '-10'"},
      {"ragged", prov + kPointsHeader + "0,0,Ag,10,0.001,2.5\n",
       "points.csv:3:1: 6 fields, but the header (line 2) has 12"},
      {"no_replica", prov + "point,material,geometry.diameter_nm,yield_stress_GPa\n0,Ag,10,2\n",
       "points.csv:2:1: missing column 'replica'"},
      {"no_rate_no_scenario", prov + "point,replica,material,geometry.diameter_nm,yield_stress_GPa\n0,0,Ag,10,2\n",
       "no column 'loading.strain_rate_per_s' or 'strain_rate_per_s', and the scenario of the provenance line cannot "
       "supply it"},
      {"unknown_material", prov + kPointsHeader + "0,0,Agg,10,0.001,300,2.5,0,0,s,0,0\n",
       "material 'Agg' has no materials file"},
      {"unterminated_quote", prov + kPointsHeader + "0,0,\"Ag,10,0.001,300,2.5,0,0,s,0,0\n",
       "points.csv:3:5: unterminated quote"},
  };
  for (const auto& c : cases) {
    const test::TempDir dir;
    if (!c.points.empty()) dir.write("points.csv", c.points);
    const Outcome o = test::captureSurfkmc({"compare", dir.path().string()});
    EXPECT_EQ(o.code, 2) << c.name << ": " << o.output;
    EXPECT_NE(o.output.find(c.expect), std::string::npos) << c.name << ": " << o.output;
    EXPECT_FALSE(std::filesystem::exists(dir.path() / "compare.json")) << c.name;
  }
  const Outcome missing = test::captureSurfkmc({"compare", "/nonexistent/results/dir"});
  EXPECT_EQ(missing.code, 2) << missing.output;
}

TEST(Compare, MalformedDataExitsTwoWithLocatedMessage) {
  const test::TempDir dir;
  dir.write("points.csv", syntheticPoints());
  const auto bad = dir.write("data.csv",
                             "material,diameter_nm,strain_rate_per_s,temperature_K,yield_GPa,err_GPa,source\n"
                             "Ag,ten,1e-3,300,2.0,0.1,x\n");
  const Outcome o = test::captureSurfkmc({"compare", dir.path().string(), "--data", bad.string()});
  EXPECT_EQ(o.code, 2) << o.output;
  EXPECT_NE(o.output.find("data.csv:2:4: column 'diameter_nm': bad value 'ten'"), std::string::npos) << o.output;
}

/// A line as tools/kmc/step_velocity writes it: Ag at 300 K on the top facet of a 10 nm wire.
std::string measurementLine(double v, double se, int censored) {
  return fmt::format(
      "# method wire10\n# measurement material=Ag method=wire10 geometry=wire diameter_nm=10 temperature_K=300 "
      "stress_GPa=0 t_end_s=24 seeds=16 censored={} v_nm_per_s={} v_se_nm_per_s={} build=test\n",
      censored, v, se);
}

// T5 on measurements given with --step-velocity: the paper's 0.2-1 nm/s against mean ± 2 se; a censored (upper-bound)
// measurement can only fail, when it lies wholly below the range.
TEST(Compare, StepVelocityMeasurementsAreJudgedInT5) {
  const test::TempDir dir;
  dir.write("points.csv", syntheticPoints());
  auto t5 = [&](const std::string& text) {
    const auto f = dir.write("sv.dat", text);
    CompareOptions o = optionsFor(dir.path());
    o.step_velocity = {f};
    std::ostringstream out;
    compareCommand(o, out);
    std::ifstream in(dir.path() / "compare.json");
    const auto j = nlohmann::json::parse(in);
    EXPECT_EQ(j["step_velocity"]["measurements"].size(), 1u);
    for (const auto& t : j["targets"])
      if (t["id"] == "T5") return t;
    return nlohmann::json();
  };
  // Without measurements or a step-velocity column there is nothing to judge.
  EXPECT_EQ(runCompare(dir)["targets"][4]["verdict"], "not evaluated");
  const auto slow = t5(measurementLine(0.055, 0.007, 1));  // ≤ [0.041, 0.069]: wholly below 0.2
  EXPECT_EQ(slow["verdict"], "fails") << slow.dump();
  EXPECT_NE(slow["simulated"].get<std::string>().find("wire 10 nm, 0 GPa, class key, 16 seeds (1 censored)"),
            std::string::npos)
      << slow.dump();
  EXPECT_EQ(t5(measurementLine(0.5, 0.05, 0))["verdict"], "holds");         // [0.4, 0.6]
  EXPECT_EQ(t5(measurementLine(0.5, 0.05, 2))["verdict"], "not resolved");  // an upper bound inside
  EXPECT_EQ(t5(measurementLine(3.0, 0.2, 2))["verdict"], "not resolved");   // an upper bound above
  EXPECT_EQ(t5(measurementLine(3.0, 0.2, 0))["verdict"], "fails");          // [2.6, 3.4], wholly above 1
  EXPECT_NE(test::readAll(dir.path() / "compare.txt").find("sv.dat:2: Ag wire 10 nm"), std::string::npos);
}

// Which key a measurement ran on: its hop_key field, or, on a line from before the tool wrote one, its method's name
// (the tool's env… methods ran the environment key). A key that is neither stops compare, located.
TEST(Compare, StepVelocityMeasurementsSayWhichKeyTheyRanOn) {
  const test::TempDir dir;
  dir.write("points.csv", syntheticPoints());
  auto keyOf = [&](const std::string& line) {
    const auto f = dir.write("sv.dat", line);
    const Outcome o = test::captureSurfkmc({"compare", dir.path().string(), "--step-velocity", f.string()});
    EXPECT_EQ(o.code, 0) << o.output;
    std::ifstream in(dir.path() / "compare.json");
    return nlohmann::json::parse(in)["step_velocity"]["measurements"][0]["hop_key"].get<std::string>();
  };
  const std::string line = measurementLine(0.5, 0.05, 0);
  EXPECT_EQ(keyOf(line), "class");
  std::string env_method = line;
  for (std::size_t at = env_method.find("wire10"); at != std::string::npos; at = env_method.find("wire10", at + 9))
    env_method.replace(at, 6, "envwire10");
  EXPECT_EQ(keyOf(env_method), "environment");
  std::string stated = line;
  stated.replace(stated.find("build="), 6, "hop_key=environment build=");
  EXPECT_EQ(keyOf(stated), "environment");
  EXPECT_NE(test::readAll(dir.path() / "compare.txt").find("wire 10 nm, 0 GPa, environment key, 16 seeds"),
            std::string::npos);

  std::string bad = line;
  bad.replace(bad.find("build="), 6, "hop_key=pair build=");
  const auto f = dir.write("bad_key.dat", bad);
  const Outcome o = test::captureSurfkmc({"compare", dir.path().string(), "--step-velocity", f.string()});
  EXPECT_EQ(o.code, 2) << o.output;
  const std::size_t column = bad.substr(bad.find('\n') + 1).find("hop_key=") + 1 + 8;
  EXPECT_NE(
      o.output.find(fmt::format("bad_key.dat:2:{}: hop_key: bad value 'pair'; allowed: class or environment", column)),
      std::string::npos)
      << o.output;
}

TEST(Compare, StepVelocityFlagIsRepeatableAndBadFilesExitTwo) {
  const test::TempDir dir;
  dir.write("points.csv", syntheticPoints());
  const auto a = dir.write("a.dat", measurementLine(0.055, 0.007, 1));
  const auto b = dir.write("b.dat", measurementLine(0.051, 0.005, 1));
  const Outcome ok = test::captureSurfkmc(
      {"compare", dir.path().string(), "--step-velocity", a.string(), "--step-velocity", b.string()});
  ASSERT_EQ(ok.code, 0) << ok.output;
  std::ifstream in(dir.path() / "compare.json");
  EXPECT_EQ(nlohmann::json::parse(in)["step_velocity"]["measurements"].size(), 2u);
  const auto before = test::readAll(dir.path() / "compare.json");
  const auto bad = dir.write("bad.dat", "# measurement material=Ag seeds=many\n");
  const Outcome o = test::captureSurfkmc({"compare", dir.path().string(), "--step-velocity", bad.string()});
  EXPECT_EQ(o.code, 2) << o.output;
  EXPECT_NE(o.output.find("bad.dat:1:"), std::string::npos) << o.output;
  // Nothing half-written: the earlier report stays as it was.
  EXPECT_EQ(test::readAll(dir.path() / "compare.json"), before);
}

/// Ag at 1e-3 /s at 300 K (maximum at 10 nm) and at 350 K with its maximum at `warm_dc` nm.
std::string temperaturePoints(double warm_dc) {
  std::ostringstream s;
  s.precision(17);
  s << "# surfkmc 0.1.0 (test) scenario=none.yaml scenario_hash=fnv1a64:0 seed=2 threads=1 ranks=1 date=y\n"
    << kPointsHeader;
  int point = 0;
  auto group = [&](double t, double d, double mean) {
    for (std::size_t r = 0; r < kDeviations.size(); ++r)
      s << point << ',' << r << ",Ag," << d << ",0.001," << t << ',' << mean + kDeviations[r]
        << ",0.03,10,edge,100,0.1\n";
    ++point;
  };
  for (const auto& [d, m] : std::array<std::pair<double, double>, 3>{{{5, 2.0}, {10, 2.5}, {15, 2.2}}})
    group(300, d, m);
  for (const double d : {5.0, 10.0, 15.0}) group(350, d, d == warm_dc ? 2.4 : 1.9);
  return s.str();
}

// T6 needs two temperatures, which Fig. 1's sweep does not hold: `--temperature-sweep` judges it on a sweep
// made apart, and says so; a folder that cannot judge it stops compare before anything is written.
TEST(Compare, T6IsJudgedOnATemperatureSweepGivenApart) {
  const test::TempDir dir, warmer, colder, room;
  dir.write("points.csv", syntheticPoints());
  warmer.write("points.csv", temperaturePoints(15));
  colder.write("points.csv", temperaturePoints(5));
  room.write("points.csv", syntheticPoints());
  EXPECT_EQ(runCompare(dir)["targets"][5]["id"], "T6");
  EXPECT_EQ(runCompare(dir)["targets"][5]["verdict"], "not evaluated");
  auto t6 = [&](const test::TempDir& sweep) {
    CompareOptions o = optionsFor(dir.path());
    o.temperature_sweep = sweep.path();
    std::ostringstream out;
    compareCommand(o, out);
    std::ifstream in(dir.path() / "compare.json");
    return nlohmann::json::parse(in);
  };
  const auto holds = t6(warmer);
  EXPECT_EQ(holds["targets"][5]["verdict"], "holds") << holds["targets"][5].dump();  // 15 nm at 350 K, 10 at 300
  EXPECT_EQ(holds["targets"][5]["simulated"].get<std::string>().rfind("from " + warmer.path().filename().string(), 0),
            0u);
  EXPECT_NE(holds["temperature_sweep"]["provenance"].get<std::string>().find("seed=2"), std::string::npos);
  EXPECT_EQ(holds["targets"][1]["verdict"], runCompare(dir)["targets"][1]["verdict"]) << "T2 stays the results' own";
  EXPECT_NE(test::readAll(dir.path() / "targets.md").find("| T6 |"), std::string::npos);
  EXPECT_EQ(t6(colder)["targets"][5]["verdict"], "fails");  // 5 nm at 350 K
  EXPECT_NE(test::readAll(dir.path() / "compare.txt").find("T6 judged on the temperature sweep"), std::string::npos);

  const auto before = test::readAll(dir.path() / "compare.json");
  for (const std::string& bad : {room.path().string(), (room.path() / "none").string()}) {
    const Outcome o = test::captureSurfkmc({"compare", dir.path().string(), "--temperature-sweep", bad});
    EXPECT_EQ(o.code, 2) << o.output;
    EXPECT_NE(o.output.find("--temperature-sweep: "), std::string::npos) << o.output;
  }
  EXPECT_EQ(test::readAll(dir.path() / "compare.json"), before);
}

}  // namespace
}  // namespace surfkmc::app
