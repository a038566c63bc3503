// SPDX-License-Identifier: MIT
// summary.json's `cite` section: the works a run used, no more, no duplicates, each documented.
#include "app/citation.hpp"

#include <gtest/gtest.h>

#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "app/material_loader.hpp"
#include "app/scenario.hpp"
#include "tests/unit/app/test_files.hpp"

namespace surfkmc::app {
namespace {

std::vector<std::string> keys(const CiteList& cite) {
  std::vector<std::string> k;
  for (const Citation& c : cite.works()) k.push_back(c.key);
  return k;
}

/// A KMC-only Ag scenario with every option off.
Scenario plainAg() {
  Scenario s;
  s.name = "plain";
  s.material.name = "Ag";
  s.material.source_path = "data/materials/Ag.yaml";
  s.material.coble_constant = 0.1;
  return s;
}

TEST(Citation, PlainKmcRunCitesThePaperBklAndCompositionRejection) {
  CiteList cite;
  cite.add(plainAg());
  EXPECT_EQ(keys(cite), (std::vector<std::string>{"wang2021", "bortz1975", "slepoy2008"}));
  const nlohmann::json j = cite.toJson();
  EXPECT_EQ(j.at("works").at(0).at("doi"), "10.1038/s41467-021-25542-2");
  EXPECT_EQ(j.at("works").at(2).at("doi"), "10.1063/1.2919546");
  EXPECT_TRUE(j.at("potentials").is_array());
  EXPECT_TRUE(j.at("potentials").empty()) << "0.1.0 evaluates no interatomic potential";
  ASSERT_EQ(j.at("materials").size(), 1u);
  EXPECT_EQ(j.at("materials").at(0).at("name"), "Ag");
  EXPECT_EQ(j.at("materials").at(0).at("file"), "data/materials/Ag.yaml");
  EXPECT_NE(j.at("software").get<std::string>().find("surfkmc "), std::string::npos);
}

TEST(Citation, CreepAndPowerLawOnlyWithALoadingSection) {
  Scenario s = plainAg();
  s.nucleation.model = "power";
  CiteList kmc_only;
  kmc_only.add(s);
  EXPECT_EQ(kmc_only.works().size(), 3u);

  s.loading = LoadingSection{};
  s.loading->strain_rate_per_s = 1.0e-3;
  CiteList loaded;
  loaded.add(s);
  EXPECT_EQ(keys(loaded), (std::vector<std::string>{"wang2021", "bortz1975", "slepoy2008", "coble1963", "zhu2008"}));

  s.loading->coble_creep = false;  // `creep: none`: C is there but not used
  CiteList creep_off;
  creep_off.add(s);
  EXPECT_EQ(keys(creep_off), (std::vector<std::string>{"wang2021", "bortz1975", "slepoy2008", "zhu2008"}));

  s.loading->coble_creep = true;
  s.material.coble_constant = 0.0;
  s.nucleation.model = "linear";
  CiteList linear_no_creep;
  linear_no_creep.add(s);
  EXPECT_EQ(keys(linear_no_creep), (std::vector<std::string>{"wang2021", "bortz1975", "slepoy2008"}));
}

TEST(Citation, AccelerationMethodsWhenTurnedOn) {
  Scenario s = plainAg();
  s.acceleration.enabled = true;
  CiteList scaled;
  scaled.add(s);
  EXPECT_EQ(keys(scaled), (std::vector<std::string>{"wang2021", "bortz1975", "slepoy2008", "dybeck2017"}));

  s.acceleration.enabled = false;
  s.super_moves.enabled = true;
  CiteList super_moves;
  super_moves.add(s);
  EXPECT_EQ(keys(super_moves),
            (std::vector<std::string>{"wang2021", "bortz1975", "slepoy2008", "novotny2002", "fichthorn2013"}));
}

TEST(Citation, ASweepListsEachWorkAndMaterialOnce) {
  Scenario ag = plainAg();
  Scenario pt = plainAg();
  pt.material.name = "Pt";
  pt.material.source_path = "data/materials/Pt.yaml";
  pt.acceleration.enabled = true;
  CiteList cite;
  for (const Scenario* s : {&ag, &pt, &ag, &pt}) cite.add(*s);
  EXPECT_EQ(keys(cite), (std::vector<std::string>{"wang2021", "bortz1975", "slepoy2008", "dybeck2017"}));
  const nlohmann::json j = cite.toJson();
  ASSERT_EQ(j.at("materials").size(), 2u);
  EXPECT_EQ(j.at("materials").at(1).at("name"), "Pt");
}

/// The production physics: hop barriers from the material's catalogue and, when loaded, the computed
/// nucleation barriers, both from its potential.
Scenario productionAg(bool loaded) {
  Scenario s = plainAg();
  s.material.potential = {"EAM_Dynamo_WuTrinkle_2009_CuAg__MO_270337113239_005", "Ag", "Wu & Trinkle 2009"};
  s.hop_catalogue = std::make_pair(std::filesystem::path("data/energetics/Ag_hops_v1.json"), std::string("h"));
  if (loaded) {
    s.loading = LoadingSection{};
    s.loading->coble_creep = false;
    s.nucleation.model = "computed";
  }
  return s;
}

TEST(Citation, BarriersFromThePotentialCiteItWithWhatItGave) {
  CiteList kmc_only;
  kmc_only.add(productionAg(false));
  EXPECT_EQ(keys(kmc_only),
            (std::vector<std::string>{"wang2021", "bortz1975", "slepoy2008", "tadmor2011", "kimapi2011"}));
  nlohmann::json j = kmc_only.toJson();
  ASSERT_EQ(j.at("potentials").size(), 1u);
  EXPECT_EQ(j.at("potentials").at(0).at("kim_model"), "EAM_Dynamo_WuTrinkle_2009_CuAg__MO_270337113239_005");
  EXPECT_EQ(j.at("potentials").at(0).at("used_for").size(), 1u);
  EXPECT_EQ(j.at("potentials_note").get<std::string>().find("bond-counting"), std::string::npos);

  // A sweep of a KMC-only and a loaded point: one potential entry that gave both kinds of barrier.
  CiteList sweep;
  sweep.add(productionAg(false));
  sweep.add(productionAg(true));
  j = sweep.toJson();
  ASSERT_EQ(j.at("potentials").size(), 1u);
  EXPECT_EQ(j.at("potentials").at(0).at("used_for").size(), 2u);
  EXPECT_EQ(keys(sweep),
            (std::vector<std::string>{"wang2021", "bortz1975", "slepoy2008", "tadmor2011", "kimapi2011", "zhu2008"}));

  // Bond counting with the linear law reads nothing computed with a potential.
  CiteList plain;
  plain.add(plainAg());
  EXPECT_TRUE(plain.toJson().at("potentials").empty());
  EXPECT_NE(plain.toJson().at("potentials_note").get<std::string>().find("bond-counting"), std::string::npos);
}

TEST(Citation, EveryCitedWorkIsDocumentedInTheRepository) {
  // docs/methods.md#cite tells users what the section means; each work must be findable there, and
  // each DOI there or in CITATION.cff.
  const std::filesystem::path root = materialsDirectory().parent_path().parent_path();
  const std::string methods = test::readAll(root / "docs" / "methods.md");
  const std::string cff = test::readAll(root / "CITATION.cff");
  ASSERT_FALSE(methods.empty()) << root;
  Scenario s = plainAg();
  s.loading = LoadingSection{};
  s.nucleation.model = "power";
  s.acceleration.enabled = true;
  s.super_moves.enabled = true;
  CiteList cite;
  cite.add(s);
  cite.add(productionAg(true));
  ASSERT_EQ(cite.works().size(), 10u);
  for (const Citation& c : cite.works()) {
    // The first author's family name, e.g. "Slepoy" from "A. Slepoy, A. P. Thompson, ...".
    const std::string first_author = c.reference.substr(0, c.reference.find(','));
    const std::string family = first_author.substr(first_author.rfind(' ') + 1);
    EXPECT_NE(methods.find(family), std::string::npos) << c.key << ": " << family << " not in docs/methods.md";
    if (!c.doi.empty()) {
      EXPECT_TRUE(methods.find(c.doi) != std::string::npos || cff.find(c.doi) != std::string::npos)
          << c.key << ": " << c.doi;
    }
  }
}

}  // namespace
}  // namespace surfkmc::app
