// SPDX-License-Identifier: MIT
// Materials files: the shipped ones load with their sources; malformed ones fail located.
#include "app/material_loader.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <fstream>
#include <sstream>

#include "core/error.hpp"
#include "tests/unit/app/test_files.hpp"

namespace surfkmc::app {
namespace {

std::string shipped(const std::string& name) {
  std::ifstream in(materialsDirectory() / (name + ".yaml"));
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

/// `text` with the first occurrence of `from` replaced by `to` (which must exist).
std::string replaced(std::string text, const std::string& from, const std::string& to) {
  const auto at = text.find(from);
  EXPECT_NE(at, std::string::npos) << from;
  if (at != std::string::npos) text.replace(at, from.size(), to);
  return text;
}

TEST(MaterialLoader, ShipsAgAndPt) {
  const auto names = builtinMaterialNames();
  EXPECT_NE(std::find(names.begin(), names.end(), "Ag"), names.end());
  EXPECT_NE(std::find(names.begin(), names.end(), "Pt"), names.end());
}

TEST(MaterialLoader, LoadsAgWithEveryParameterAndItsSource) {
  const Material ag = loadMaterialFile(materialsDirectory() / "Ag.yaml");
  EXPECT_EQ(ag.name, "Ag");
  EXPECT_EQ(ag.species, "Ag");
  EXPECT_DOUBLE_EQ(ag.lattice_constant_A, 4.0857);
  EXPECT_DOUBLE_EQ(ag.youngs_modulus_112_GPa, 83.4);
  EXPECT_DOUBLE_EQ(ag.burgers_vector_A, 2.889);
  EXPECT_DOUBLE_EQ(ag.atomic_volume_A3, 17.05);
  EXPECT_DOUBLE_EQ(ag.attempt_frequency_per_s, 1.0e12);
  EXPECT_DOUBLE_EQ(ag.bond_energy_eV, 0.14);  // calibrated to room-temperature transport (docs/calibration.md)
  EXPECT_DOUBLE_EQ(ag.terrace_barrier_111_eV, 0.10);
  EXPECT_DOUBLE_EQ(ag.terrace_barrier_100_eV, 0.40);
  EXPECT_DOUBLE_EQ(ag.ehrlich_schwoebel_eV, 0.12);
  EXPECT_DOUBLE_EQ(ag.debye_frequency_per_s, 4.5e12);
  EXPECT_NEAR(ag.migration_activation_volume_A3, 0.1 * std::pow(2.889, 3), 1e-12);  // 0.1 b³ in Å³
  // 12 bulk, elastic and KMC parameters, 12 nucleation and creep ones (with the Meyer–Neldel temperature), the
  // saddle model.
  EXPECT_EQ(ag.sources.size(), 25u);
  ASSERT_TRUE(ag.meyer_neldel_temperature_K.has_value());
  EXPECT_DOUBLE_EQ(*ag.meyer_neldel_temperature_K, 1234.93);  // assumed: the melting point (tag A)
  EXPECT_EQ(ag.sources.at("meyer_neldel_temperature_K").tag, "A");
  ASSERT_TRUE(ag.melting_point_K.has_value());
  EXPECT_DOUBLE_EQ(*ag.melting_point_K, 1234.93);  // CRC handbook (docs/parameters.md#bulk-constants)
  EXPECT_NEAR(ag.edge_activation_volume_A3, std::pow(2.889, 3), 1e-9);  // 1 b³ in Å³
  for (const auto& [key, s] : ag.sources) {
    EXPECT_FALSE(s.source.empty()) << key;
    EXPECT_TRUE(s.tag == "V" || s.tag == "D" || s.tag == "R" || s.tag == "A") << key;
  }
  EXPECT_EQ(ag.sources.at("bond_energy_eV").tag, "A");  // calibrated (docs/calibration.md)
  EXPECT_EQ(ag.potential.kim_model, "EAM_Dynamo_WuTrinkle_2009_CuAg__MO_270337113239_005");  // the Wang 2021 MD's EAM
  EXPECT_EQ(ag.potential.species, "Ag");
  EXPECT_NE(ag.sources.at("bond_energy_eV").source.find("room-temperature"), std::string::npos);
  EXPECT_EQ(ag.sources.at("lattice_constant_A").unit, "angstrom");
  EXPECT_EQ(ag.source_hash.rfind("fnv1a64:", 0), 0u);
}

TEST(MaterialLoader, LoadsPt) {
  const Material pt = loadMaterialFile(materialsDirectory() / "Pt.yaml");
  EXPECT_DOUBLE_EQ(pt.lattice_constant_A, 3.9242);
  EXPECT_DOUBLE_EQ(pt.youngs_modulus_112_GPa, 185.3);
  EXPECT_DOUBLE_EQ(pt.bond_energy_eV, 0.5);
  EXPECT_DOUBLE_EQ(pt.terrace_barrier_111_eV, 0.26);
  EXPECT_DOUBLE_EQ(pt.terrace_barrier_100_eV, 0.47);
  EXPECT_DOUBLE_EQ(pt.ehrlich_schwoebel_eV, 0.06);
  EXPECT_DOUBLE_EQ(pt.debye_frequency_per_s, 5.0e12);
}

TEST(MaterialLoader, ResolvesNamesAndPaths) {
  EXPECT_EQ(resolveMaterial("Ag", "/x"), materialsDirectory() / "Ag.yaml");
  EXPECT_EQ(resolveMaterial("my/ni.yaml", "/x"), std::filesystem::path("/x/my/ni.yaml"));
  EXPECT_EQ(resolveMaterial("/abs/ni.yaml", "/x"), std::filesystem::path("/abs/ni.yaml"));
  EXPECT_EQ(resolveMaterial("Unobtainium", "/x"), std::nullopt);
}

struct BadMaterial {
  std::string name;
  std::string from;
  std::string to;
  std::string expected;  ///< text the message must contain after "file:line:column: "
};

TEST(MaterialLoader, RejectsMalformedFilesWithLocatedMessages) {
  const std::string ag = shipped("Ag");
  ASSERT_FALSE(ag.empty());
  const std::vector<BadMaterial> cases{
      {"wrong_unit", "unit: GPa", "unit: MPa", "youngs_modulus_112_GPa.unit: bad value 'MPa'; allowed: 'GPa'"},
      {"bad_tag", "tag: V", "tag: X", "lattice_constant_A.tag: bad value 'X'"},
      {"empty_source", "source: \"b = a/sqrt(2)", "source: \"\"\n  old: \"", "burgers_vector_A.source: bad value ''"},
      {"unknown_field", "  tag: D\n", "  tag: D\n  vaule: 3\n", "youngs_modulus_112_GPa.vaule: unknown key"},
      {"missing_parameter", "bond_energy_eV:", "bond_energy_ev:", "bond_energy_eV: missing required key"},
      {"negative_bond", "value: 0.14", "value: -0.14", "bond_energy_eV.value: bad value '-0.14'"},
      {"nan_value", "value: 4.0857", "value: .nan", "lattice_constant_A.value: bad value '.nan'"},
      {"huge_value", "value: 1.0e12", "value: 1e999", "attempt_frequency_per_s.value: bad value '1e999'"},
      {"inconsistent_b", "value: 2.889", "value: 2.95", "burgers_vector_A 2.950000 Å differs from a/√2"},
      {"bad_species", "species: Ag", "species: silver", "species: bad value 'silver'"},
      {"schema_version", "schema_version: 1", "schema_version: 3", "schema_version: bad value '3'"},
      {"bad_kim_model", "kim_model: EAM_Dynamo_WuTrinkle", "kim_model: 9EAM_Dynamo_WuTrinkle",
       "potential.kim_model: bad value '9EAM_Dynamo_WuTrinkle"},
      {"potential_species", "  species: Ag\n  source: \"Wu", "  species: Cu\n  source: \"Wu",
       "potential.species: bad value 'Cu'"},
      {"potential_unknown_key", "  kim_model:", "  kim_modle: x\n  kim_model:", "potential.kim_modle: unknown key"},
      {"scalar_parameter", "ehrlich_schwoebel_eV:\n", "ehrlich_schwoebel_eV: 0.12\nx:\n",
       "ehrlich_schwoebel_eV: bad value '0.12'"},
  };
  test::TempDir dir;
  for (const BadMaterial& c : cases) {
    const auto path = dir.write(c.name + ".yaml", replaced(ag, c.from, c.to));
    try {
      loadMaterialFile(path);
      ADD_FAILURE() << c.name << " was accepted";
    } catch (const InputError& e) {
      const std::string msg = e.what();
      EXPECT_EQ(msg.rfind(path.string() + ":", 0), 0u) << c.name << ": " << msg;
      EXPECT_NE(msg.find(c.expected), std::string::npos) << c.name << ": " << msg;
    }
  }
}

TEST(MaterialLoader, RejectsMissingAndEmptyFiles) {
  test::TempDir dir;
  EXPECT_THROW(loadMaterialFile(dir.path() / "none.yaml"), InputError);
  EXPECT_THROW(loadMaterialFile(dir.write("empty.yaml", "")), InputError);
  EXPECT_THROW(loadMaterialFile(dir.path()), InputError);
}

}  // namespace
}  // namespace surfkmc::app
