// SPDX-License-Identifier: MIT
// `surfkmc atomistic`: the properties JSON carries every promised key; nucleation points are written as they
// finish; bad input exits 2 with a message.
#include <fmt/format.h>
#include <gtest/gtest.h>
#include <signal.h>
#include <nlohmann/json.hpp>

#include <array>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>
#include <thread>
#include <vector>

#include "tests/unit/app/test_files.hpp"

namespace surfkmc::app {
namespace {

using test::Outcome;
TEST(AtomisticCommand, PropertiesWritesEveryKey) {
  test::TempDir dir;
  const auto file = dir.path() / "ag.json";
  const Outcome o = test::captureSurfkmc({"atomistic", "properties", "--material", "Ag", "-o", file.string()});
  ASSERT_EQ(o.code, 0) << o.output;
  std::ifstream in(file);
  const nlohmann::json j = nlohmann::json::parse(in);
  for (const char* key : {"lattice_constant_A", "cohesive_energy_eV", "youngs_modulus_112_GPa", "vacancy_formation_eV"})
    EXPECT_TRUE(j.at(key).is_number()) << key;
  for (const char* facet : {"111", "100", "110"}) EXPECT_GT(j.at("surface_energy_J_m2").at(facet).get<double>(), 0.0);
  EXPECT_EQ(j.at("provenance").at("kim_model"), "EAM_Dynamo_WuTrinkle_2009_CuAg__MO_270337113239_005");
  EXPECT_NEAR(j.at("lattice_constant_A").get<double>(), 4.09, 0.01);
}

TEST(AtomisticCommand, NucleationWritesPointsFitSaddlesAndTables) {
  // The small CI case of data/nucleation: a 15 Å Ag segment at three strains (≈ 15 s on one core), computed as
  // two runs (one strain, then two) and merged, as the shipped 25 Å files were.
  test::TempDir dir;
  const auto part = [&](const std::string& name, const std::string& strains) {
    const Outcome o =
        test::captureSurfkmc({"atomistic", "nucleation", "--material", "Ag", "--out", (dir.path() / name).string(),
                              "--strains", strains, "--images", "5", "--threads", "2"});
    EXPECT_EQ(o.code, 0) << o.output;
  };
  part("a", "0.02");
  EXPECT_FALSE(
      nlohmann::json::parse(test::readAll(dir.path() / "a" / "nucleation.json")).contains("points_not_in_file"))
      << "a run that finished every point";
  part("b", "0.03,0.04");
  const Outcome o =
      test::captureSurfkmc({"atomistic", "nucleation-merge", "--material", "Ag", "--out", (dir.path() / "m").string(),
                            (dir.path() / "b").string(), (dir.path() / "a").string()});
  ASSERT_EQ(o.code, 0) << o.output;
  std::ifstream in(dir.path() / "m" / "nucleation.json");
  const nlohmann::json j = nlohmann::json::parse(in);
  const auto& edge = j.at("sites").at("edge");
  ASSERT_EQ(edge.at("points").size(), 3u);
  double previous = 1e9, strain = 0.0;
  for (const auto& p : edge.at("points")) {
    EXPECT_GT(p.at("strain").get<double>(), strain) << "merged points come in ascending strain";
    strain = p.at("strain").get<double>();
    EXPECT_TRUE(p.at("used_in_fit").get<bool>()) << p.dump();
    EXPECT_LT(p.at("barrier_eV").get<double>(), previous);  // strains ascend, barriers fall
    previous = p.at("barrier_eV").get<double>();
    EXPECT_TRUE(std::filesystem::exists(dir.path() / "m" / p.at("saddle").at("file").get<std::string>()));
  }
  // Neither part alone has the three points a fit needs; the merge fits all of them.
  std::ifstream in_a(dir.path() / "a" / "nucleation.json");
  EXPECT_FALSE(nlohmann::json::parse(in_a).at("sites").at("edge").at("fit").at("fitted").get<bool>());
  const auto& fit = edge.at("fit");
  ASSERT_TRUE(fit.at("fitted").get<bool>());
  EXPECT_EQ(fit.at("points_used").get<int>(), 3);
  EXPECT_GT(fit.at("sigma_ath_GPa").get<double>(), edge.at("points")[2].at("stress_GPa").get<double>());
  EXPECT_GT(fit.at("activation_volume_b3").at("at_2_GPa").get<double>(), 0.0);
  EXPECT_EQ(j.at("provenance").at("kim_model"), "EAM_Dynamo_WuTrinkle_2009_CuAg__MO_270337113239_005");
  ASSERT_EQ(j.at("merged_from").size(), 2u);
  EXPECT_NE(j.at("merged_from")[0].at("command").get<std::string>().find("--strains 0.03,0.04"), std::string::npos);
  for (const char* table : {"nucleation_points.dat", "nucleation_fit.dat"})
    EXPECT_TRUE(std::filesystem::exists(dir.path() / "m" / table)) << table;
}

// A long set of points is written as it goes: each finished point's saddle and a nucleation.json of the points
// finished so far. SIGTERM lets the point in progress finish, leaves the rest unrun and exits 143; the file then
// holds the finished points and says how many of the command's are missing, so they can be computed apart and
// merged.
TEST(AtomisticCommand, NucleationStoppedPartWayKeepsTheFinishedPoints) {
  test::TempDir dir;
  const auto out = dir.path() / "stopped";
  const auto log = dir.path() / "stopped.log";
  const pid_t pid =
      test::startSurfkmc({"atomistic", "nucleation", "--material", "Ag", "--out", out.string(), "--strains",
                          "0.02,0.025,0.03,0.035,0.04,0.05", "--images", "5", "--threads", "1"},
                         log);
  ASSERT_GT(pid, 0);
  const auto start = std::chrono::steady_clock::now();
  while (!std::filesystem::exists(out / "nucleation.json") &&
         std::chrono::steady_clock::now() - start < std::chrono::seconds(120))
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  ASSERT_TRUE(std::filesystem::exists(out / "nucleation.json")) << test::readAll(log);
  ASSERT_EQ(::kill(pid, SIGTERM), 0);
  ASSERT_EQ(test::waitForExit(pid), 128 + SIGTERM) << test::readAll(log);

  const nlohmann::json j = nlohmann::json::parse(test::readAll(out / "nucleation.json"));
  const auto& points = j.at("sites").at("edge").at("points");
  // The first point was written before the signal; the one then in progress finishes; the rest never start (on a
  // loaded machine a few more may finish before the signal lands, but never all six).
  ASSERT_GE(points.size(), 1u);
  ASSERT_LT(points.size(), 6u);
  EXPECT_EQ(j.at("points_not_in_file").get<std::size_t>(), 6 - points.size());
  double strain = 0.0;
  for (const auto& p : points) {
    EXPECT_GT(p.at("strain").get<double>(), strain) << "the finished points, in ascending strain";
    strain = p.at("strain").get<double>();
    EXPECT_FALSE(p.contains("failure")) << p.dump();
    EXPECT_TRUE(std::filesystem::exists(out / p.at("saddle").at("file").get<std::string>())) << p.dump();
  }
  const std::string printed = test::readAll(log);
  EXPECT_NE(printed.find(fmt::format("stopped: {} of 6 points", points.size())), std::string::npos) << printed;
}

// `--surface`: the segment takes the occupancy of a `surfkmc run` frame. The run's first frame is the cut wire
// itself, so at any shift its barrier is the plain edge's, bit for bit (same occupancy, same atom order); a later
// frame maps onto the lattice too, and the census says what the KMC changed near the corner.
TEST(AtomisticCommand, NucleationOnAKmcSurface) {
  test::TempDir dir;
  const auto scenario = dir.write("segment.yaml",
                                  "schema_version: 1\nname: segment\nseed: 3\nmaterial: Ag\n"
                                  "geometry: {shape: cylinder, diameter_nm: 1.5, length_nm: 4.2}\n"
                                  "kmc: {temperature_K: 300, duration_s: 1.0e-3, energetics: catalogue}\n");
  const Outcome kmc = test::captureSurfkmc({"run", scenario.string(), "--out", (dir.path() / "kmc").string()});
  ASSERT_EQ(kmc.code, 0) << kmc.output;
  const std::string frames = (dir.path() / "kmc" / "snapshots.xyz").string();
  const auto nucleation = [&](const std::string& name, std::vector<std::string> extra) {
    std::vector<std::string> args{"atomistic", "nucleation", "--material", "Ag", "--out", (dir.path() / name).string(),
                                  "--strains", "0.03",       "--images",   "5"};
    args.insert(args.end(), extra.begin(), extra.end());
    const Outcome o = test::captureSurfkmc(args);
    EXPECT_EQ(o.code, 0) << o.output;
    return nlohmann::json::parse(test::readAll(dir.path() / name / "nucleation.json"));
  };
  const nlohmann::json edge = nucleation("edge", {});
  const nlohmann::json cut = nucleation("cut", {"--surface", frames, "--frame", "0", "--shifts", "0,2"});
  const double barrier = edge.at("sites").at("edge").at("points")[0].at("barrier_eV").get<double>();
  for (const char* site : {"kmc_s0", "kmc_s2"}) {
    const auto& s = cut.at("sites").at(site);
    EXPECT_EQ(s.at("points")[0].at("barrier_eV").get<double>(), barrier) << site;
    EXPECT_EQ(s.at("corner").at("added_within_A").at("10").get<int>(), 0) << site;
    EXPECT_EQ(s.at("corner").at("removed_within_A").at("10").get<int>(), 0) << site;
    EXPECT_EQ(s.at("corner").at("detected_sites_within_6_A")[0].at("class"), "facet_edge") << site;
  }
  EXPECT_EQ(cut.at("surface").at("frame").get<int>(), 0);
  EXPECT_EQ(cut.at("surface").at("atoms"), edge.at("sites").at("edge").at("points")[0].at("atoms"));
  EXPECT_NE(cut.at("command").get<std::string>().find("--surface FILE --frame 0 --shifts 0,2"), std::string::npos);
  // The last frame (after 1 ms of KMC) maps onto the segment's lattice as well.
  const nlohmann::json last = nucleation("last", {"--surface", frames});
  EXPECT_EQ(last.at("surface").at("frame").get<int>(), last.at("surface").at("frames_in_file").get<int>() - 1);
  EXPECT_TRUE(last.at("sites").at("kmc_s0").at("points")[0].contains("barrier_eV")) << last.dump();

  const struct {
    std::vector<std::string> args;
    std::string message;
  } bad[] = {
      {{"--surface", frames, "--sites", "step_h1"}, "--sites: with --surface the site is whatever the KMC left"},
      {{"--shifts", "1"}, "--shifts and --frame choose from a KMC surface"},
      {{"--surface", frames, "--frame", "9"}, "--frame: 9 is outside [-2, 1]"},
      {{"--surface", frames, "--shifts", "1,1"}, "--shifts: each shift once"},
      {{"--surface", frames, "--diameter", "25", "--length", "62"}, "long at a = 4.09"},
  };
  for (const auto& c : bad) {
    std::vector<std::string> args{"atomistic", "nucleation", "--material", "Ag", "--out", (dir.path() / "bad").string(),
                                  "--strains", "0.03"};
    args.insert(args.end(), c.args.begin(), c.args.end());
    const Outcome o = test::captureSurfkmc(args);
    EXPECT_EQ(o.code, 2) << c.message << "\n" << o.output;
    EXPECT_NE(o.output.find(c.message), std::string::npos) << c.message << "\n" << o.output;
  }
  EXPECT_FALSE(std::filesystem::exists(dir.path() / "bad" / "nucleation.json"));
}

// `--refine`: the point's barrier comes from the second band, the first band is kept beside it, the settings and
// the command line say so, and a refined part does not merge with an unrefined one (exit 2, nothing written).
TEST(AtomisticCommand, NucleationRefinedKeepsBothBands) {
  test::TempDir dir;
  const auto run = [&](const std::string& name, bool refine) {
    std::vector<std::string> args{"atomistic", "nucleation", "--material", "Ag", "--out", (dir.path() / name).string(),
                                  "--strains", "0.03",       "--images",   "5"};
    if (refine) args.push_back("--refine");
    const Outcome o = test::captureSurfkmc(args);
    EXPECT_EQ(o.code, 0) << o.output;
    return nlohmann::json::parse(test::readAll(dir.path() / name / "nucleation.json"));
  };
  const nlohmann::json plain = run("plain", false);
  const nlohmann::json refined = run("refined", true);
  const auto& p0 = plain.at("sites").at("edge").at("points")[0];
  const auto& p1 = refined.at("sites").at("edge").at("points")[0];
  EXPECT_FALSE(p0.contains("refined"));
  EXPECT_FALSE(plain.at("settings").contains("refine"));
  EXPECT_TRUE(p1.at("refined").get<bool>());
  EXPECT_TRUE(refined.at("settings").contains("refine"));
  EXPECT_NE(refined.at("command").get<std::string>().find("--images 5 --refine"), std::string::npos);
  // The first band of the refined run is the plain run's, bit for bit; the full slip's energy is kept.
  EXPECT_EQ(p1.at("coarse_band").at("barrier_eV"), p0.at("barrier_eV"));
  EXPECT_EQ(p1.at("coarse_band").at("profile_eV"), p0.at("profile_eV"));
  EXPECT_EQ(p1.at("reaction_energy_eV"), p0.at("reaction_energy_eV"));
  EXPECT_EQ(p1.at("profile_eV").size(), p0.at("profile_eV").size());
  EXPECT_GT(p1.at("neb_steps").get<int>(), p0.at("neb_steps").get<int>());

  const Outcome merge = test::captureSurfkmc({"atomistic", "nucleation-merge", "--material", "Ag", "--out",
                                              (dir.path() / "merged").string(), (dir.path() / "plain").string(),
                                              (dir.path() / "refined").string()});
  EXPECT_EQ(merge.code, 2) << merge.output;
  EXPECT_NE(merge.output.find("has another settings"), std::string::npos) << merge.output;
  EXPECT_FALSE(std::filesystem::exists(dir.path() / "merged" / "nucleation.json"));
}

/// A nucleation.json part with one edge point per (strain, stress, barrier), as `atomistic nucleation` writes it.
nlohmann::json nucleationPart(const std::vector<std::array<double, 3>>& points, double diameter_A = 25.0) {
  nlohmann::json list = nlohmann::json::array();
  for (const auto& [strain, stress, barrier] : points)
    list.push_back({{"strain", strain},
                    {"stress_GPa", stress},
                    {"barrier_eV", barrier},
                    {"converged", true},
                    {"band_intact", true},
                    {"final_slipped", true},
                    {"initial_lowest", true},
                    {"used_in_fit", true},
                    {"saddle", {{"file", "none.xyz"}, {"loop_pairs", 10}, {"plane_pairs", 100}}}});
  return {{"material", "Ag"},
          {"lattice_constant_A", 4.09},
          {"burgers_vector_A", 2.892},
          {"segment", {{"diameter_A", diameter_A}, {"length_A", 62.0}}},
          {"settings", {{"neb_images", 11}}},
          {"command", "surfkmc atomistic nucleation (test)"},
          {"provenance", {{"kim_model", "EAM_Dynamo_WuTrinkle_2009_CuAg__MO_270337113239_005"}}},
          {"sites", {{"edge", {{"points", list}, {"fit", {{"fitted", false}}}}}}}};
}

// The fit's rule that a point whose stress lies below a smaller strain's comes from a segment that had yielded
// is applied across the parts, not within each; a (site, strain) twice, another segment or another potential is
// refused with exit 2, naming the part, and nothing is written.
TEST(AtomisticCommand, NucleationMergeDecidesTheFitAgainAndRefusesPartsThatDisagree) {
  test::TempDir dir;
  const auto write = [&](const std::string& name, const nlohmann::json& j) {
    std::filesystem::create_directories(dir.path() / name);
    std::ofstream(dir.path() / name / "nucleation.json") << j.dump();
    return (dir.path() / name).string();
  };
  const std::string a = write("a", nucleationPart({{0.01, 1.7, 2.9}, {0.03, 3.2, 0.8}}));
  const std::string b = write("b", nucleationPart({{0.02, 2.5, 1.3}, {0.04, 3.0, 0.5}}));  // 0.04: yielded
  const auto merged = dir.path() / "m";
  const Outcome o =
      test::captureSurfkmc({"atomistic", "nucleation-merge", "--material", "Ag", "--out", merged.string(), a, b});
  ASSERT_EQ(o.code, 0) << o.output;
  std::ifstream in(merged / "nucleation.json");
  const nlohmann::json j = nlohmann::json::parse(in);
  const auto& points = j.at("sites").at("edge").at("points");
  ASSERT_EQ(points.size(), 4u);
  const std::vector<bool> used = {true, true, true, false};
  for (std::size_t i = 0; i < 4; ++i) {
    EXPECT_EQ(points[i].at("strain").get<double>(), 0.01 * static_cast<double>(i + 1));
    EXPECT_EQ(points[i].at("used_in_fit").get<bool>(), used[i]) << points[i].dump();
  }
  EXPECT_EQ(j.at("sites").at("edge").at("fit").at("points_used").get<int>(), 3);

  struct Case {
    std::string part, expected;
  };
  for (const Case& c : {Case{write("dup", nucleationPart({{0.03, 3.2, 0.8}})), "more than one part"},
                        Case{write("wide", nucleationPart({{0.05, 3.3, 0.4}}, 30.0)), "another segment"},
                        Case{write("junk", nlohmann::json{{"material", "Ag"}}), "is not a nucleation.json"},
                        Case{write("kmc",
                                   [] {
                                     nlohmann::json j = nucleationPart({{0.05, 3.3, 0.4}});
                                     j["surface"] = {{"file", "k/snapshots.xyz"}, {"frame", 3}};
                                     return j;
                                   }()),
                             "has another KMC surface"},
                        Case{write("escape",
                                   [] {
                                     nlohmann::json j = nucleationPart({{0.05, 3.3, 0.4}});
                                     j["sites"]["edge"]["points"][0]["saddle"]["file"] = "../outside.xyz";
                                     return j;
                                   }()),
                             "allowed: a file name without a folder"},
                        Case{(dir.path() / "nowhere").string(), "cannot be read"}}) {
    const auto out = dir.path() / "refused";
    const Outcome bad =
        test::captureSurfkmc({"atomistic", "nucleation-merge", "--material", "Ag", "--out", out.string(), a, c.part});
    EXPECT_EQ(bad.code, 2) << bad.output;
    EXPECT_NE(bad.output.find(c.expected), std::string::npos) << bad.output;
    EXPECT_FALSE(std::filesystem::exists(out)) << c.expected << ": nothing is written";
  }
}

// One folder alone is re-flagged by the current checks: a saddle with no pair slipped by b_p/2 is not a partial
// loop and leaves the fit, one slipped pair is a loop, and the whole plane slipped is not a loop of the section.
TEST(AtomisticCommand, NucleationMergeOfOneFolderDecidesItsFlagsAgain) {
  test::TempDir dir;
  nlohmann::json part = nucleationPart({{0.01, 1.7, 2.9}, {0.02, 2.5, 1.3}, {0.03, 3.2, 0.8}, {0.04, 3.6, 0.5}});
  auto& points = part.at("sites").at("edge").at("points");
  points[1]["saddle"]["loop_pairs"] = 0;
  points[2]["saddle"]["loop_pairs"] = 1;
  points[3]["saddle"]["loop_pairs"] = 100;  // = plane_pairs
  std::filesystem::create_directories(dir.path() / "old");
  std::ofstream(dir.path() / "old" / "nucleation.json") << part.dump();
  const auto merged = dir.path() / "new";
  const Outcome o = test::captureSurfkmc(
      {"atomistic", "nucleation-merge", "--material", "Ag", "--out", merged.string(), (dir.path() / "old").string()});
  ASSERT_EQ(o.code, 0) << o.output;
  EXPECT_NE(o.output.find("1 part, 1 sites, 4 points merged"), std::string::npos) << o.output;
  std::ifstream in(merged / "nucleation.json");
  const nlohmann::json j = nlohmann::json::parse(in);
  const auto& flagged = j.at("sites").at("edge").at("points");
  const std::vector<bool> used = {true, false, true, false};
  ASSERT_EQ(flagged.size(), used.size());
  for (std::size_t i = 0; i < used.size(); ++i)
    EXPECT_EQ(flagged[i].at("used_in_fit").get<bool>(), used[i]) << flagged[i].dump();
  EXPECT_EQ(j.at("merged_from").size(), 1u);
  EXPECT_EQ(j.at("merged_from")[0].at("command"), part.at("command"));

  // Merging the merge again keeps the first merge's history under its own entry.
  const Outcome again = test::captureSurfkmc(
      {"atomistic", "nucleation-merge", "--material", "Ag", "--out", (dir.path() / "again").string(), merged.string()});
  ASSERT_EQ(again.code, 0) << again.output;
  std::ifstream in2(dir.path() / "again" / "nucleation.json");
  const nlohmann::json k = nlohmann::json::parse(in2);
  EXPECT_EQ(k.at("merged_from")[0].at("merged_from"), j.at("merged_from"));
  EXPECT_EQ(k.at("sites"), j.at("sites"));
}

TEST(AtomisticCommand, BadInputExitsTwoWithAMessage) {
  test::TempDir dir;
  // The shipped Ag file without its potential: block.
  std::ifstream ag(std::string(SURFKMC_SOURCE_DIR) + "/data/materials/Ag.yaml");
  const std::string text((std::istreambuf_iterator<char>(ag)), std::istreambuf_iterator<char>());
  const std::string no_potential = dir.write("NoPot.yaml", text.substr(0, text.find("\npotential:") + 1)).string();
  const std::string out = dir.path().string();
  const std::string bad_xyz = dir.write("bad.xyz", "1\nLattice=\"1 0 0 0 1 0 0 0 1\"\nAg 0 0 0 0 0\nthree\n").string();
  const struct {
    std::vector<std::string> args;
    std::string message;
  } cases[] = {
      {{"properties", "--material", "Unobtainium"}, "unknown material 'Unobtainium'"},
      {{"properties", "--material", "Ag", "--threads", "0"}, "--threads must lie in [1, 1024]"},
      {{"properties", "--material", "Ag", "-o", "/no/such/dir/p.json"}, "does not exist"},
      {{"barriers", "--material", "Ag"}, "--out"},
      {{"barriers", "--material", "Ag", "--out", out, "--axial-strain", "0.5"},
       "--axial-strain must lie in [-0.1, 0.1]"},
      {{"barriers", "--material", "Ag", "--out", out, "--axial-strain", "abc"}, "abc"},
      {{"properties", "--material", no_potential}, "names no potential"},
      {{"hamiltonian", "--material", "Ag"}, "--out"},
      {{"hamiltonian", "--material", "Unobtainium", "--out", out}, "unknown material 'Unobtainium'"},
      {{"hamiltonian", "--material", "Ag", "--out", out, "--threads", "0"}, "--threads must lie in [1, 1024]"},
      {{"hamiltonian", "--material", no_potential, "--out", out}, "names no potential"},
      {{"hamiltonian", "--material", "Ag", "--out", out, "--kmc-training", "/no/such.xyz"},
       "cannot read '/no/such.xyz'"},
      {{"hamiltonian", "--material", "Ag", "--out", out, "--kmc-held-out", bad_xyz},
       bad_xyz + ":4: --kmc-held-out, frame 1: extXYZ: bad atom count 'three'"},
      {{"nucleation", "--material", "Ag", "--out", out, "--strains", "0.03,0.2"},
       "--strains: 0.2 is outside [-0.05, 0.12]"},
      {{"nucleation", "--material", "Ag", "--out", out, "--sites", "edge,corner"},
       "--sites: unknown nucleation site 'corner'; allowed: edge, step_h1 .. step_h6, pit_m1 .. pit_m20"},
      {{"nucleation", "--material", "Ag", "--out", out, "--sites", "step_h9"}, "step height must be 1 to 6"},
      {{"nucleation", "--material", "Ag", "--out", out, "--diameter", "25", "--length", "40"},
       "--diameter 25 --length 40: segment length must be at least 1.9 × diameter + 12 Å"},
      {{"nucleation", "--material", "Ag", "--out", out, "--images", "1"}, "--images must lie in [3, 40], got 1"},
      {{"nucleation", "--material", "Unobtainium", "--out", out}, "unknown material 'Unobtainium'"},
  };
  for (const auto& c : cases) {
    std::vector<std::string> args{"atomistic"};
    args.insert(args.end(), c.args.begin(), c.args.end());
    const Outcome o = test::captureSurfkmc(args);
    EXPECT_EQ(o.code, 2) << c.message << "\n" << o.output;
    EXPECT_NE(o.output.find(c.message), std::string::npos) << c.message << "\n" << o.output;
  }
  EXPECT_FALSE(std::filesystem::exists(dir.path() / "barriers.json"));
  EXPECT_FALSE(std::filesystem::exists(dir.path() / "hamiltonian.json"));
  EXPECT_FALSE(std::filesystem::exists(dir.path() / "nucleation.json"));
}

}  // namespace
}  // namespace surfkmc::app
