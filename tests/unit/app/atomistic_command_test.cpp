// SPDX-License-Identifier: MIT
// `surfkmc atomistic`: the properties JSON carries every promised key; bad input exits 2 with a message.
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <fstream>
#include <iterator>

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
  // The small CI case of data/nucleation: a 15 Å Ag segment at three strains (≈ 15 s on one core).
  test::TempDir dir;
  const Outcome o = test::captureSurfkmc({"atomistic", "nucleation", "--material", "Ag", "--out", dir.path().string(),
                                          "--strains", "0.02,0.03,0.04", "--images", "5", "--threads", "2"});
  ASSERT_EQ(o.code, 0) << o.output;
  std::ifstream in(dir.path() / "nucleation.json");
  const nlohmann::json j = nlohmann::json::parse(in);
  const auto& edge = j.at("sites").at("edge");
  ASSERT_EQ(edge.at("points").size(), 3u);
  double previous = 1e9;
  for (const auto& p : edge.at("points")) {
    EXPECT_TRUE(p.at("used_in_fit").get<bool>()) << p.dump();
    EXPECT_LT(p.at("barrier_eV").get<double>(), previous);  // strains ascend, barriers fall
    previous = p.at("barrier_eV").get<double>();
    EXPECT_TRUE(std::filesystem::exists(dir.path() / p.at("saddle").at("file").get<std::string>()));
  }
  const auto& fit = edge.at("fit");
  ASSERT_TRUE(fit.at("fitted").get<bool>());
  EXPECT_GT(fit.at("sigma_ath_GPa").get<double>(), edge.at("points")[2].at("stress_GPa").get<double>());
  EXPECT_GT(fit.at("activation_volume_b3").at("at_2_GPa").get<double>(), 0.0);
  EXPECT_EQ(j.at("provenance").at("kim_model"), "EAM_Dynamo_WuTrinkle_2009_CuAg__MO_270337113239_005");
  EXPECT_NE(j.at("command").get<std::string>().find("--strains 0.02,0.03,0.04"), std::string::npos);
  for (const char* table : {"nucleation_points.dat", "nucleation_fit.dat"})
    EXPECT_TRUE(std::filesystem::exists(dir.path() / table)) << table;
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
