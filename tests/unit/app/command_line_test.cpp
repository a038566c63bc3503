// SPDX-License-Identifier: MIT
// The surfkmc binary: exit codes, located messages, check summary, wire output, --version.
#include <gtest/gtest.h>

#include <fstream>
#include <map>

#include "app/scenario_loader.hpp"
#include "app/specimen.hpp"
#include "core/version.hpp"
#include "lattice/ext_xyz.hpp"
#include "nucleation/site_detector.hpp"
#include "tests/unit/app/test_files.hpp"

namespace surfkmc::app {
namespace {

using test::kScenarios;

using test::Outcome;
TEST(CommandLine, PrintsVersionAndGitHash) {
  const Outcome o = test::captureSurfkmc({"--version"});
  EXPECT_EQ(o.code, 0);
  EXPECT_NE(o.output.find(std::string("surfkmc ") + kVersion), std::string::npos) << o.output;
  EXPECT_NE(o.output.find(kGitHash), std::string::npos) << o.output;
}

TEST(CommandLine, PrintsHelpListingTheCommands) {
  const Outcome o = test::captureSurfkmc({"--help"});
  EXPECT_EQ(o.code, 0);
  EXPECT_NE(o.output.find("check"), std::string::npos) << o.output;
  EXPECT_NE(o.output.find("wire"), std::string::npos) << o.output;
}

TEST(CommandLine, BadCommandLinesExitWithTwo) {
  for (const std::vector<std::string>& args : std::vector<std::vector<std::string>>{
           {}, {"frobnicate"}, {"--frobnicate"}, {"check"}, {"wire", "x.yaml"}, {"check", "a.yaml", "b.yaml"}}) {
    const std::string shown = args.empty() ? "(none)" : args.front() + (args.size() > 1 ? " ..." : "");
    const Outcome o = test::captureSurfkmc(args);
    EXPECT_TRUE(o.exited) << shown;
    EXPECT_EQ(o.code, 2) << shown << ": " << o.output;
    EXPECT_FALSE(o.output.empty()) << shown;
  }
  const Outcome typo = test::captureSurfkmc({"chek", "x.yaml"});
  EXPECT_EQ(typo.code, 2);
  EXPECT_NE(typo.output.find("unknown command 'chek'; did you mean 'check'?"), std::string::npos) << typo.output;
}

TEST(CommandLine, CheckPrintsTheSummary) {
  const Outcome o = test::captureSurfkmc({"check", (kScenarios / "ag_kmc_d5.yaml").string()});
  ASSERT_EQ(o.code, 0) << o.output;
  const lattice::BuiltWire w = buildSpecimen(loadScenario(kScenarios / "ag_kmc_d5.yaml"));
  for (const std::string& part :
       {std::string("material   Ag"), "atoms      " + std::to_string(w.lattice.atomCount()) + " ",
        std::string("surface "), std::string("(111) facets"), std::string("(100) facets"), std::string("box        "),
        std::string(" nm"), std::string("rounding   length 10 nm -> "), std::string("ag_kmc_d5, seed 42"),
        std::string("fnv1a64:")})
    EXPECT_NE(o.output.find(part), std::string::npos) << part << " missing in\n" << o.output;
}

TEST(CommandLine, WireWritesTheStructure) {
  test::TempDir dir;
  const auto out = dir.path() / "wire.xyz";
  const Outcome o = test::captureSurfkmc({"wire", (kScenarios / "ag_kmc_d5.yaml").string(), "-o", out.string()});
  ASSERT_EQ(o.code, 0) << o.output;
  std::ifstream in(out);
  const lattice::XyzFrame frame = lattice::readExtXyz(in);
  const lattice::BuiltWire w = buildSpecimen(loadScenario(kScenarios / "ag_kmc_d5.yaml"));
  EXPECT_EQ(static_cast<std::int64_t>(frame.atoms.size()), w.lattice.atomCount());
  EXPECT_EQ(frame.atoms.front().species, "Ag");
  EXPECT_TRUE(frame.pbc[0]);
  EXPECT_NE(o.output.find("wrote " + std::to_string(w.lattice.atomCount()) + " atoms"), std::string::npos);
  // Provenance on the comment line, and no temporary file left beside the output.
  std::ifstream again(out);
  std::string line;
  std::getline(again, line);
  std::getline(again, line);
  EXPECT_NE(line.find("scenario=ag_kmc_d5 seed=42"), std::string::npos) << line;
  EXPECT_EQ(std::distance(std::filesystem::directory_iterator(dir.path()), {}), 1);
}

// The structure carries the census Eq. 2 starts from: every ledge atom the coupled run's detector reports on the
// wire as cut, with its class and size, and no other atom.
TEST(CommandLine, WireMarksTheDetectorsSitesOnTheAtoms) {
  test::TempDir dir;
  const auto out = dir.path() / "wire.xyz";
  const Outcome o = test::captureSurfkmc({"wire", (kScenarios / "ag_kmc_d5.yaml").string(), "-o", out.string()});
  ASSERT_EQ(o.code, 0) << o.output;
  const lattice::BuiltWire w = buildSpecimen(loadScenario(kScenarios / "ag_kmc_d5.yaml"));
  const nucleation::SiteSet found = nucleation::SiteDetector{}.detect(w.lattice);
  std::map<long long, std::pair<int, int>> expected;  // atom id -> (class, size)
  for (const auto& site : found.sites)
    if (site.site_class != nucleation::SiteClass::kPit)
      expected[w.lattice.atomAt(site.site)] = {static_cast<int>(site.site_class), site.size};
  ASSERT_FALSE(expected.empty());
  std::ifstream in(out);
  std::string line;
  std::getline(in, line);
  std::getline(in, line);
  EXPECT_NE(line.find("coordination:I:1:site_class:I:1:site_size:I:1"), std::string::npos) << line;
  std::map<long long, std::pair<int, int>> marked;
  std::string species;
  double x = 0, y = 0, z = 0;
  long long id = 0;
  int coordination = 0, site_class = 0, site_size = 0;
  while (in >> species >> x >> y >> z >> id >> coordination >> site_class >> site_size)
    if (site_class >= 0)
      marked[id] = {site_class, site_size};
    else
      EXPECT_EQ(site_size, 0) << id;
  EXPECT_EQ(marked, expected);
  const auto edges = found.counts.sites[static_cast<std::size_t>(nucleation::SiteClass::kFacetEdge)];
  EXPECT_NE(o.output.find(std::to_string(edges) + " facet_edge"), std::string::npos) << o.output;
}

TEST(CommandLine, WireLeavesNothingBehindOnError) {
  test::TempDir dir;
  const auto bad = dir.write("bad.yaml", test::kHead + "geometry: {shape: cylinder, diameter_nm: -1, length_nm: 3}\n");
  const Outcome o = test::captureSurfkmc({"wire", bad.string(), "-o", (dir.path() / "w.xyz").string()});
  EXPECT_EQ(o.code, 2) << o.output;
  const Outcome missing_dir = test::captureSurfkmc(
      {"wire", (kScenarios / "ag_kmc_d5.yaml").string(), "-o", (dir.path() / "no" / "w.xyz").string()});
  EXPECT_EQ(missing_dir.code, 2) << missing_dir.output;
  EXPECT_EQ(std::distance(std::filesystem::directory_iterator(dir.path()), {}), 1);  // only bad.yaml
}

TEST(CommandLine, EveryMalformedScenarioExitsTwoWithALocatedMessage) {
  test::TempDir dir;
  for (const test::MalformedCase& c : test::malformedScenarios()) {
    const auto path = dir.write(c.name + ".yaml", c.text);
    const Outcome o = test::captureSurfkmc({"check", path.string()});
    EXPECT_TRUE(o.exited) << c.name << " crashed: " << o.output;
    EXPECT_EQ(o.code, 2) << c.name << ": " << o.output;
    EXPECT_NE(o.output.find(path.string() + c.where), std::string::npos) << c.name << ": " << o.output;
    EXPECT_NE(o.output.find(c.key), std::string::npos) << c.name << ": " << o.output;
  }
}

TEST(CommandLine, MissingScenarioAndOversizedSpecimenExitTwo) {
  test::TempDir dir;
  const Outcome missing = test::captureSurfkmc({"check", (dir.path() / "none.yaml").string()});
  EXPECT_EQ(missing.code, 2);
  EXPECT_NE(missing.output.find("none.yaml: cannot read file"), std::string::npos) << missing.output;
  const auto big =
      dir.write("big.yaml", test::kHead + "geometry: {shape: cylinder, diameter_nm: 1000, length_nm: 1000}\n");
  const Outcome o = test::captureSurfkmc({"check", big.string()});
  EXPECT_EQ(o.code, 2);
  EXPECT_NE(o.output.find("big.yaml:5:11: geometry: the specimen needs a box of"), std::string::npos) << o.output;
}

}  // namespace
}  // namespace surfkmc::app
