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
Outcome run(const std::vector<std::string>& args) { return test::captureSurfkmc(args); }

TEST(AtomisticCommand, PropertiesWritesEveryKey) {
  test::TempDir dir;
  const auto file = dir.path() / "ag.json";
  const Outcome o = run({"atomistic", "properties", "--material", "Ag", "-o", file.string()});
  ASSERT_EQ(o.code, 0) << o.output;
  std::ifstream in(file);
  const nlohmann::json j = nlohmann::json::parse(in);
  for (const char* key : {"lattice_constant_A", "cohesive_energy_eV", "youngs_modulus_112_GPa", "vacancy_formation_eV"})
    EXPECT_TRUE(j.at(key).is_number()) << key;
  for (const char* facet : {"111", "100", "110"}) EXPECT_GT(j.at("surface_energy_J_m2").at(facet).get<double>(), 0.0);
  EXPECT_EQ(j.at("provenance").at("kim_model"), "EAM_Dynamo_WuTrinkle_2009_CuAg__MO_270337113239_005");
  EXPECT_NEAR(j.at("lattice_constant_A").get<double>(), 4.09, 0.01);
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
  };
  for (const auto& c : cases) {
    std::vector<std::string> args{"atomistic"};
    args.insert(args.end(), c.args.begin(), c.args.end());
    const Outcome o = run(args);
    EXPECT_EQ(o.code, 2) << c.message << "\n" << o.output;
    EXPECT_NE(o.output.find(c.message), std::string::npos) << c.message << "\n" << o.output;
  }
  EXPECT_FALSE(std::filesystem::exists(dir.path() / "barriers.json"));
  EXPECT_FALSE(std::filesystem::exists(dir.path() / "hamiltonian.json"));
}

}  // namespace
}  // namespace surfkmc::app
