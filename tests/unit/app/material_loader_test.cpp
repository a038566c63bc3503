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
  // 12 bulk, elastic and KMC parameters, the Meyer–Neldel temperature, the creep constant, the saddle model; the
  // ten class laws of Eq. 2 are in their own file and read only when asked for.
  EXPECT_EQ(ag.sources.size(), 15u);
  EXPECT_FALSE(ag.linear_law.has_value());
  ASSERT_TRUE(ag.linear_law_file.has_value());
  ASSERT_TRUE(ag.meyer_neldel_temperature_K.has_value());
  EXPECT_DOUBLE_EQ(*ag.meyer_neldel_temperature_K, 1234.93);  // assumed: the melting point (tag A)
  EXPECT_EQ(ag.sources.at("meyer_neldel_temperature_K").tag, "A");
  ASSERT_TRUE(ag.melting_point_K.has_value());
  EXPECT_DOUBLE_EQ(*ag.melting_point_K, 1234.93);  // CRC handbook (docs/parameters.md#bulk-constants)
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

// Issue 17: the linear form and its σ_ath floors leave the production materials. The shipped files hold none of
// Eq. 2's class laws; they name a file of them, read only for `nucleation.model: linear` or `power`.
TEST(MaterialLoader, TheShippedMaterialsKeepEq2sClassLawsInAFileOfTheirOwn) {
  for (const char* name : {"Ag", "Pt"}) {
    const std::string text = shipped(name);
    for (const char* key : {"edge_sigma_ath_GPa", "step_sigma_ath_GPa", "pit_sigma_ath_GPa",
                            "edge_activation_volume_b3", "step_activation_volume_b3", "pit_activation_volume_b3",
                            "step_height_floor", "step_height_decay", "pit_size_floor", "pit_size_decay"})
      EXPECT_EQ(text.find(std::string("\n") + key + ":"), std::string::npos) << name << " " << key;
    Material m = loadMaterialFile(materialsDirectory() / (std::string(name) + ".yaml"));
    const std::size_t without = m.sources.size();
    loadLinearLaw(m);
    ASSERT_TRUE(m.linear_law.has_value()) << name;
    EXPECT_EQ(m.sources.size(), without + 10) << name;
    EXPECT_EQ(m.sources.at("step_height_floor").tag, "A") << name;  // a calibrated floor, and said to be
    // Activation volumes are written in b³ and held in Å³.
    EXPECT_NEAR(m.linear_law->edge_activation_volume_A3,
                m.sources.at("edge_activation_volume_b3").value * std::pow(m.burgers_vector_A, 3), 1e-9);
    EXPECT_DOUBLE_EQ(m.linear_law->step_height_floor, m.sources.at("step_height_floor").value);
    const Material again = m;
    loadLinearLaw(m);  // read once
    EXPECT_EQ(m.sources.size(), again.sources.size());
  }
}

// The laws inline (a user's material, the template) or in a file, never both, never only some; a law file is
// for one material; errors name the file, line and key.
TEST(MaterialLoader, Eq2sClassLawsComeWholeInlineOrFromTheirFile) {
  test::TempDir dir;
  const std::string ag = shipped("Ag");
  std::ifstream in(dataDirectory() / "nucleation" / "Ag" / "linear_law.yaml");
  std::stringstream law_text;
  law_text << in.rdbuf();
  const std::string law = law_text.str();
  const std::string keys = law.substr(law.find("edge_sigma_ath_GPa:"));
  const std::string reference = ag.substr(ag.find("linear_law:"), ag.find("hop_catalogue:") - ag.find("linear_law:"));
  const std::string inline_ag = replaced(ag, reference, keys);

  Material m = loadMaterialFile(dir.write("inline.yaml", inline_ag));
  ASSERT_TRUE(m.linear_law.has_value());
  Material from_file = loadMaterialFile(materialsDirectory() / "Ag.yaml");
  loadLinearLaw(from_file);
  EXPECT_DOUBLE_EQ(m.linear_law->edge_sigma_ath_GPa, from_file.linear_law->edge_sigma_ath_GPa);
  EXPECT_DOUBLE_EQ(m.linear_law->pit_size_decay, from_file.linear_law->pit_size_decay);

  const auto fails = [&](const std::filesystem::path& file, const std::string& expected, bool at_load) {
    try {
      Material x = loadMaterialFile(file);
      if (at_load) {
        ADD_FAILURE() << file << " was accepted";
        return;
      }
      loadLinearLaw(x);
      ADD_FAILURE() << file << "'s law file was accepted";
    } catch (const InputError& e) {
      EXPECT_NE(std::string(e.what()).find(expected), std::string::npos) << e.what();
    }
  };
  // Only some of the keys: one message, at the first present, naming the missing ones.
  const std::string some = replaced(inline_ag, "pit_size_floor:", "x_pit_size_floor:");
  fails(dir.write("some.yaml", replaced(some, "x_pit_size_floor:", "pit_size_flor:")), "missing: pit_size_floor", true);
  // Both inline and a file.
  fails(dir.write("both.yaml", replaced(inline_ag, "hop_catalogue:", reference + "hop_catalogue:")),
        "linear_law.file:", true);
  // A law file for another material, one with a bad value, a missing one: located in the right file.
  const auto with_law = [&](const std::string& name, const std::string& text) {
    dir.write(name + "_law.yaml", text);
    return dir.write(name + ".yaml",
                     replaced(ag, "file: ../nucleation/Ag/linear_law.yaml", "file: " + name + "_law.yaml"));
  };
  fails(with_law("other", replaced(law, "material: Ag", "material: Pt")), "other_law.yaml:", false);
  fails(with_law("other2", replaced(law, "material: Ag", "material: Pt")), "material: bad value 'Pt'", false);
  fails(with_law("floor", replaced(law, "value: 0.93", "value: 1.5")), "step_height_floor.value: bad value '1.5'",
        false);
  fails(dir.write("gone.yaml", replaced(ag, "file: ../nucleation/Ag/linear_law.yaml", "file: gone_law.yaml")),
        "gone.yaml:", false);
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
