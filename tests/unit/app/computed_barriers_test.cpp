// SPDX-License-Identifier: MIT
// `nucleation.model: computed`: the barriers the potential gives (data/nucleation/) reach the hazard, the file
// must come from the material's own potential, and no class nucleates in an unloaded wire without a floor.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cmath>
#include <string>
#include <utility>
#include <vector>

#include "app/input_identity.hpp"
#include "app/material_loader.hpp"
#include "app/replica_runner.hpp"
#include "app/scenario_loader.hpp"
#include "core/error.hpp"
#include "core/units.hpp"
#include "coupling/loading.hpp"
#include "test_files.hpp"

namespace surfkmc::app {
namespace {

const std::string kComputed =
    "geometry: {shape: cylinder, diameter_nm: 2, length_nm: 2.5}\nkmc: {temperature_K: 300}\n"
    "loading: {strain_rate_per_s: 10.0}\nnucleation: {model: computed, analysis_interval_s: 0.0005}\n";

std::string withMaterial(const std::string& material) {
  return "schema_version: 1\nname: t\nseed: 1\nmaterial: " + material + "\n" + kComputed;
}

/// The nucleation.json the shipped `material` names, parsed independently of the barrier loader.
nlohmann::json shippedBarriers(const std::string& material) {
  const Material m = loadMaterialFile(materialsDirectory() / (material + ".yaml"));
  return nlohmann::json::parse(test::readAll(m.nucleation_barriers.value().file));
}

/// The site class and size a nucleation.json site name stands for.
std::pair<nucleation::SiteClass, int> siteOf(const std::string& name) {
  if (name.rfind("step_h", 0) == 0) {
    const int size = std::stoi(name.substr(6));
    return {size == 1 ? nucleation::SiteClass::kStep : nucleation::SiteClass::kMultiStep, size};
  }
  if (name.rfind("pit_m", 0) == 0) return {nucleation::SiteClass::kPit, std::stoi(name.substr(5))};
  return {nucleation::SiteClass::kFacetEdge, 1};
}

TEST(LoadingCreep, NoneLeavesTheCobleConstantOutAndAnythingElseIsRefused) {
  const test::TempDir dir;
  for (const std::string material : {"Ag", "Pt"}) {
    const Scenario coble = loadScenario(dir.write(material + "_coble.yaml", withMaterial(material)));
    EXPECT_TRUE(coble.loading->coble_creep) << "the Coble law is the default";
    EXPECT_GT(coble.material.coble_constant, 0.0);
    EXPECT_EQ(coupledParams(coble, coble.wire.diameter_A, 25.0).loading.coble_constant, coble.material.coble_constant);

    std::string yaml = withMaterial(material);
    const std::string ramp = "loading: {strain_rate_per_s: 10.0}";
    yaml.replace(yaml.find(ramp), ramp.size(), "loading: {strain_rate_per_s: 10.0, creep: none}");
    const Scenario none = loadScenario(dir.write(material + "_none.yaml", yaml));
    EXPECT_FALSE(none.loading->coble_creep);
    const coupling::LoadingParams lp = coupledParams(none, none.wire.diameter_A, 25.0).loading;
    EXPECT_EQ(lp.coble_constant, 0.0);
    // Without C the creep coefficient is zero for any D_s: the loading is elastic until slip.
    EXPECT_EQ(coupling::Loading(lp).creepCoefficient(1.0e6), 0.0);
  }
  std::string yaml = withMaterial("Ag");
  const std::string ramp = "loading: {strain_rate_per_s: 10.0}";
  yaml.replace(yaml.find(ramp), ramp.size(), "loading: {strain_rate_per_s: 10.0, creep: nabarro}");
  try {
    loadScenario(dir.write("bad.yaml", yaml));
    FAIL() << "an unknown creep law must be refused";
  } catch (const InputError& e) {
    const std::string what = e.what();
    EXPECT_NE(what.find("creep"), std::string::npos) << what;
    EXPECT_NE(what.find("nabarro"), std::string::npos) << what;
    EXPECT_NE(what.find("coble"), std::string::npos) << what;
    EXPECT_NE(what.find("bad.yaml:"), std::string::npos) << what;
  }
}

// Each material's file reaches the hazard in the form its material names: power-law fits, or a table of points
// (`law: tabulated`, both shipped materials since session 26). A table passes through the lowest barrier computed at or
// below each point's stress (the non-increasing envelope), read here from the file's points independently of the
// loader.
TEST(ComputedBarriers, ShippedFitsReachTheHazardForEverySiteTheFileHas) {
  const test::TempDir dir;
  for (const std::string material : {"Ag", "Pt"}) {
    const Scenario s = loadScenario(dir.write(material + ".yaml", withMaterial(material)));
    ASSERT_TRUE(s.nucleation_barriers.has_value()) << material;
    const bool tabulated = s.material.nucleation_barrier_law == NucleationBarrierLaw::kTabulated;
    EXPECT_TRUE(tabulated) << material << ": the shipped Ag and Pt read their points (25 and 20 A) as tables";
    const nucleation::NucleationParameters n = coupledParams(s, s.wire.diameter_A, 25.0).nucleation;
    ASSERT_TRUE(n.computed.has_value());
    EXPECT_EQ(n.form, nucleation::BarrierForm::kPower);
    const nlohmann::json j = shippedBarriers(material);
    int laws = 0;
    for (const auto& [name, site] : j.at("sites").items()) {
      const auto [c, size] = siteOf(name);
      const nucleation::Barrier b = n.barrierFor(c, size);
      EXPECT_EQ(b.stress_offset_GPa, n.computed_stress_offset_GPa) << material << " " << name;
      if (!tabulated) {
        const auto& fit = site.at("fit");
        ASSERT_TRUE(fit.at("fitted").get<bool>()) << material << " " << name;
        EXPECT_EQ(b.form, nucleation::BarrierForm::kPower);
        EXPECT_EQ(b.barrier_eV, fit.at("barrier_eV").get<double>()) << material << " " << name;
        EXPECT_EQ(b.sigma_ath_GPa, fit.at("sigma_ath_GPa").get<double>()) << material << " " << name;
        EXPECT_EQ(b.exponent, fit.at("exponent").get<double>()) << material << " " << name;
        // The file's own ΔG at a segment stress of 2 GPa, evaluated by the hazard's barrier at the applied stress
        // that puts the law there.
        EXPECT_NEAR(b.energy_eV(2.0 - b.stress_offset_GPa), fit.at("barrier_at_eV").at("2_GPa").get<double>(), 1e-9)
            << material << " " << name;
        ++laws;
        continue;
      }
      std::vector<std::pair<double, double>> used;  // (stress, barrier) of the points the fit would use
      for (const auto& p : site.at("points"))
        if (p.at("used_in_fit").get<bool>()) used.emplace_back(p.at("stress_GPa"), p.at("barrier_eV"));
      if (used.size() < 2) continue;  // no law of its own: the next smaller size's
      EXPECT_EQ(b.form, nucleation::BarrierForm::kTabulated) << name;
      std::sort(used.begin(), used.end());
      double lowest = used.front().second;
      for (const auto& [stress, barrier] : used) {
        lowest = std::min(lowest, barrier);
        EXPECT_NEAR(b.energy_eV(stress - b.stress_offset_GPa), lowest, 1e-12 * lowest) << name << " at " << stress;
      }
      ++laws;
    }
    const nucleation::ComputedLaws& computed = n.computed.value();
    EXPECT_EQ(laws, static_cast<int>(computed.edge.size() + computed.step.size() + computed.pit.size()));
  }
}

/// The nominal stress of the file's unstrained edge point and the segment's diameter, read independently.
std::pair<double, double> segmentSurfaceStress(const nlohmann::json& j) {
  for (const auto& p : j.at("sites").at("edge").at("points"))
    if (p.at("strain").get<double>() == 0.0)
      return {p.at("stress_GPa").get<double>(), j.at("segment").at("diameter_A").get<double>()};
  ADD_FAILURE() << "no unstrained edge point";
  return {0.0, 1.0};
}

// The laws are functions of the segment's nominal stress: force per area in a box at the bulk lattice length,
// which at ε = 0 is the pull of the segment's own surface stress (0.93 GPa on Ag's 25 A segment, 4.7 on Pt's
// 20 A one). A specimen's
// applied stress leaves its own surface-stress pull out, so the law sees σ + σ_s (1 − (P/A) D_s / 4).
TEST(ComputedBarriers, TheLawsSeeTheAppliedStressPlusTheSegmentsSurfacePullLessTheSpecimens) {
  const test::TempDir dir;
  for (const std::string material : {"Ag", "Pt"}) {
    const auto [sigma_s, d_s] = segmentSurfaceStress(shippedBarriers(material));
    EXPECT_GT(sigma_s, 0.0) << material << ": the segment's (tensile) surface stress pulls on its box";
    struct Geometry {
      std::string yaml;
      double surface_per_section;  // P/A [1/Å]
    };
    const std::vector<Geometry> shapes = {
        {"{shape: cylinder, diameter_nm: 6, length_nm: 2.5}", 4.0 / 60.0},
        {"{shape: cylinder, diameter_nm: 1.5, length_nm: 2.5}", 4.0 / 15.0},
        {"{shape: cylinder, diameter_nm: 8, length_nm: 12, gauge: {diameter_nm: 4, length_nm: 4, transition_nm: 2}}",
         4.0 / 40.0},
        {"{shape: rectangle, width_nm: 6, thickness_nm: 2, length_nm: 2.5}", 2.0 * (60.0 + 20.0) / (60.0 * 20.0)},
        {"{shape: slab, size_x_nm: 2.5, size_z_nm: 3, thickness_nm: 2}", 2.0 / 20.0}};
    for (const Geometry& g : shapes) {
      const std::string base_geometry = "{shape: cylinder, diameter_nm: 2, length_nm: 2.5}";
      std::string yaml = withMaterial(material);
      yaml.replace(yaml.find(base_geometry), base_geometry.size(), g.yaml);
      const Scenario s = loadScenario(dir.write(material + ".yaml", yaml));
      const double expected = sigma_s * (1.0 - g.surface_per_section * d_s / 4.0);
      EXPECT_NEAR(surfacePerSectionPerA(s.wire), g.surface_per_section, 1e-12) << material << " " << g.yaml;
      EXPECT_NEAR(computedStressOffsetGPa(s), expected, 1e-9) << material << " " << g.yaml;
      EXPECT_NEAR(coupledParams(s, specimenDiameterA(s), 25.0).nucleation.computed_stress_offset_GPa, expected, 1e-9);
    }
  }
  // The calibrated laws were set against the applied stress: no offset.
  const Scenario linear =
      loadScenario(dir.write("linear.yaml",
                             "schema_version: 1\nname: t\nseed: 1\nmaterial: Ag\n"
                             "geometry: {shape: cylinder, diameter_nm: 2, length_nm: 2.5}\nkmc: {temperature_K: 300}\n"
                             "loading: {strain_rate_per_s: 10.0}\nnucleation: {model: linear}\n"));
  EXPECT_EQ(computedStressOffsetGPa(linear), 0.0);
  EXPECT_EQ(coupledParams(linear, linear.wire.diameter_A, 25.0)
                .nucleation.barrierFor(nucleation::SiteClass::kStep, 3)
                .stress_offset_GPa,
            0.0);
}

// Issue 17: "At zero stress, ΔG of every class is large enough that an unloaded 40 nm wire nucleates with
// probability < 1 % in 100 s at 300 K, without a floor." Every surface atom of a 40 nm × 100 nm wire is counted
// as a site of each class in turn (more than any surface has), at the material's own attempt frequency, with and
// without the Meyer–Neldel activation entropy. Unloaded,
// the laws see the offset of a 40 nm wire: the segment's surface pull less the wire's. Ag's tabulated laws reach
// zero applied stress by extending their lowest interval in ln ΔG (below every point but the edge's ε = 0 one).
TEST(ComputedBarriers, AnUnloadedFortyNanometreWireDoesNotNucleateInAHundredSeconds) {
  const test::TempDir dir;
  for (const std::string material : {"Ag", "Pt"}) {
    const Scenario s = loadScenario(dir.write(material + ".yaml", withMaterial(material)));
    const Material& m = s.material;
    const double d_A = 400.0, length_A = 1000.0, t_s = 100.0, kT = units::thermalEnergy_eV(300.0);
    // (111) areal density 4/(√3 a²): the densest plane, so an upper bound on the surface atoms.
    const double sites =
        units::kPi * d_A * length_A * 4.0 / (std::sqrt(3.0) * m.lattice_constant_A * m.lattice_constant_A);
    const nucleation::NucleationParameters n = coupledParams(s, s.wire.diameter_A, 25.0).nucleation;
    ASSERT_TRUE(n.computed.has_value());
    const auto [sigma_s, d_s] = segmentSurfaceStress(shippedBarriers(material));
    const double unloaded_GPa = sigma_s * (1.0 - d_s / d_A);
    std::vector<nucleation::SizedLaw> all = n.computed.value().edge;
    all.insert(all.end(), n.computed.value().step.begin(), n.computed.value().step.end());
    all.insert(all.end(), n.computed.value().pit.begin(), n.computed.value().pit.end());
    for (const nucleation::SizedLaw& l : all) {
      const nucleation::Barrier b = l.barrier(unloaded_GPa);
      const double p = -std::expm1(-sites * m.debye_frequency_per_s * t_s * std::exp(-b.energy_eV(0.0) / kT));
      EXPECT_LT(p, 0.01) << material << " size " << l.size << ": ΔG(0) = " << b.energy_eV(0.0) << " eV";
      // Also with the Meyer–Neldel activation entropy (nucleation.activation_entropy: meyer_neldel), which
      // lowers every barrier to (1 − T/T_MN) of itself.
      const double kept = 1.0 - 300.0 / m.meyer_neldel_temperature_K.value();
      const double p_mn = -std::expm1(-sites * m.debye_frequency_per_s * t_s * std::exp(-kept * b.energy_eV(0.0) / kT));
      EXPECT_LT(p_mn, 0.01) << material << " size " << l.size << " with the entropy";
    }
  }
}

TEST(ComputedBarriers, BadFilesAndMaterialsWithoutThemFailLocated) {
  const test::TempDir dir;
  // A material file without the key: the error points at the scenario's nucleation.model.
  std::string ag = test::readAll(materialsDirectory() / "Ag.yaml");
  const auto cut = ag.find("nucleation_barriers:");
  ASSERT_NE(cut, std::string::npos);
  const std::string without = ag.substr(0, cut);
  const auto none = dir.write("none.yaml", without);
  const auto scenario = dir.write("s.yaml", withMaterial(none.string()));
  try {
    loadScenario(scenario);
    ADD_FAILURE() << "computed without barriers was accepted";
  } catch (const InputError& e) {
    const std::string msg = e.what();
    EXPECT_EQ(msg.rfind(scenario.string() + ":8:", 0), 0u) << msg;
    EXPECT_NE(msg.find("nucleation.model"), std::string::npos) << msg;
  }
  // A file that is missing, not JSON, or made with another potential: located at the material's key.
  const auto wrong_model = dir.write(
      "other.json", R"({"provenance": {"kim_model": "EAM_Dynamo_ZhouWadleyJohnson_2001_Pt__MO_102190350384_005"},
                        "segment": {}, "sites": {}})");
  // The shipped Ag file without its unstrained edge point: its surface-stress pull is unknown.
  nlohmann::json unstrained = shippedBarriers("Ag");
  auto& points = unstrained.at("sites").at("edge").at("points");
  points.erase(std::remove_if(points.begin(), points.end(),
                              [](const nlohmann::json& p) { return p.at("strain").get<double>() == 0.0; }),
               points.end());
  const auto no_zero = dir.write("no_zero.json", unstrained.dump());
  // The shipped Ag file with one usable point's saddle made a non-loop (no pair slipped by b_p/2), its flag left
  // as it was: a file whose flags the current checks would not give.
  nlohmann::json stale = shippedBarriers("Ag");
  for (auto& p : stale.at("sites").at("step_h1").at("points"))
    if (p.at("used_in_fit").get<bool>()) {
      p["saddle"]["loop_pairs"] = 0;
      break;
    }
  const auto stale_flags = dir.write("stale.json", stale.dump());
  struct Case {
    std::string file, expected;
  };
  for (const Case& c : {Case{"missing.json", "cannot be read"}, Case{"s.yaml", "is not JSON"},
                        Case{wrong_model.filename().string(), "was computed with EAM_Dynamo_ZhouWadleyJohnson"},
                        Case{no_zero.filename().string(), "has no edge point at strain 0"},
                        Case{stale_flags.filename().string(),
                             "marks the point of site 'step_h1' at strain 0.01 "
                             "used_in_fit = true, but the current checks give false"}}) {
    const auto material = dir.write("m.yaml", without + "nucleation_barriers:\n  file: " + c.file +
                                                  "\n  source: \"a test of the error messages\"\n");
    // Without `computed`, the file is not read: copies of a material load anywhere.
    EXPECT_NO_THROW(loadMaterialFile(material));
    try {
      loadScenario(dir.write("s2.yaml", withMaterial(material.string())));
      ADD_FAILURE() << c.file << " was accepted";
    } catch (const InputError& e) {
      const std::string msg = e.what();
      EXPECT_EQ(msg.rfind(material.string() + ":", 0), 0u) << msg;
      EXPECT_NE(msg.find("nucleation_barriers.file"), std::string::npos) << msg;
      EXPECT_NE(msg.find(c.expected), std::string::npos) << msg;
    }
  }
  // Through the binary: exit code 2 and one message.
  const test::Outcome o = test::captureSurfkmc({"check", scenario.string()});
  EXPECT_EQ(o.code, 2) << o.output;
  EXPECT_NE(o.output.find("nucleation.model"), std::string::npos) << o.output;
}

// The class laws of Eq. 2 are read only for the models that use them, and recorded as an input when read; a
// material without them refuses those models at the key that chose the model (the default one: at `material`).
// A scenario that names no model gets computed barriers where its material has them, else the linear law.
TEST(LinearLaw, ReadOnlyForLinearAndPowerAndRefusedLocatedWithoutIt) {
  const test::TempDir dir;
  const std::string loaded = test::kCylinder + "loading: {strain_rate_per_s: 10.0}\n";
  const Scenario computed = loadScenario(dir.write("c.yaml", withMaterial("Ag")));
  EXPECT_FALSE(computed.material.linear_law.has_value());
  for (const char* model : {"linear", "power"}) {
    const Scenario s = loadScenario(dir.write("l.yaml", "schema_version: 1\nname: t\nseed: 1\nmaterial: Ag\n" + loaded +
                                                            "nucleation: {model: " + model + "}\n"));
    ASSERT_TRUE(s.material.linear_law.has_value()) << model;
    const std::vector<InputFile> inputs = scenarioInputs(s);
    EXPECT_TRUE(std::any_of(inputs.begin(), inputs.end(), [&](const InputFile& f) {
      return f.path == s.material.linear_law_file->file;
    })) << model;
  }
  // Without a `nucleation:` section, or without its `model` key, Ag's model is computed: no class law is read.
  for (const std::string tail : {"", "nucleation: {analysis_interval_s: 0.1}\n"}) {
    const Scenario d =
        loadScenario(dir.write("d.yaml", "schema_version: 1\nname: t\nseed: 1\nmaterial: Ag\n" + loaded + tail));
    EXPECT_EQ(d.nucleation.model, "computed") << tail;
    EXPECT_TRUE(d.nucleation_barriers.has_value()) << tail;
    EXPECT_FALSE(d.material.linear_law.has_value()) << tail;
  }

  // Ag without its law file: computed still loads; linear is refused at `model`, the default at `material`.
  std::string ag = test::readAll(materialsDirectory() / "Ag.yaml");
  const auto at = ag.find("linear_law:");
  ag.erase(at, ag.find("hop_catalogue:") - at);
  for (const std::string from : {"file: ../nucleation/Ag/classes_D25", "file: ../energetics/Ag_hops_"})
    ag.replace(ag.find(from), from.size(),
               "file: " + (materialsDirectory() / from.substr(6)).lexically_normal().string());
  const auto lawless = dir.write("lawless.yaml", ag);
  EXPECT_NO_THROW(loadScenario(dir.write("c2.yaml", withMaterial(lawless.string()))));
  // A KMC-only run nucleates nothing, so it needs no law.
  const Scenario kmc_only =
      loadScenario(dir.write("k.yaml", "schema_version: 1\nname: t\nseed: 1\nmaterial: " + lawless.string() + "\n" +
                                           test::kCylinder + "kmc: {temperature_K: 300, max_events: 10}\n"));
  EXPECT_FALSE(kmc_only.material.linear_law.has_value());
  EXPECT_FALSE(loadScenario(dir.write("k2.yaml", "schema_version: 1\nname: t\nseed: 1\nmaterial: Ag\n" +
                                                     test::kCylinder + "kmc: {temperature_K: 300, max_events: 10}\n"))
                   .material.linear_law.has_value());
  // Without computed barriers either, the default is linear, refused at `material`.
  std::string bare = test::readAll(lawless);
  const auto barriers = bare.find("nucleation_barriers:");
  bare.erase(barriers, bare.find("hop_catalogue:") - barriers);
  const auto bare_path = dir.write("bare.yaml", bare);
  struct Case {
    std::filesystem::path material;
    std::string tail, line, expected;
  };
  for (const Case& c :
       {Case{lawless, "nucleation: {model: linear}\n", ":7:", "nucleation.model: nucleation model 'linear'"},
        Case{bare_path, "", ":4:", "material: nucleation model 'linear'"}}) {
    const auto scenario = dir.write(
        "bad.yaml", "schema_version: 1\nname: t\nseed: 1\nmaterial: " + c.material.string() + "\n" + loaded + c.tail);
    const test::Outcome o = test::captureSurfkmc({"check", scenario.string()});
    EXPECT_EQ(o.code, 2) << o.output;
    EXPECT_NE(o.output.find(scenario.string() + c.line), std::string::npos) << o.output;
    EXPECT_NE(o.output.find(c.expected), std::string::npos) << o.output;
    EXPECT_NE(o.output.find("allowed: nucleation.model: computed"), std::string::npos) << o.output;
  }
}

TEST(ComputedBarriers, ARunRecordsTheBarrierFileAmongItsInputs) {
  const test::TempDir dir;
  const auto scenario = dir.write("ag.yaml", withMaterial("Ag"));
  const test::Outcome o =
      test::captureSurfkmc({"run", scenario.string(), "--out", (dir.path() / "r").string(), "--quiet"});
  ASSERT_EQ(o.code, 0) << o.output;
  const nlohmann::json run = nlohmann::json::parse(test::readAll(dir.path() / "r" / "run.json"));
  const std::string inputs = run.at("inputs").dump();
  // The summary says which nucleation law ran (compare lists only the constants the runs used).
  const nlohmann::json summary = nlohmann::json::parse(test::readAll(dir.path() / "r" / "summary.json"));
  EXPECT_EQ(summary.at("nucleation_model"), "computed");
  EXPECT_NE(inputs.find("nucleation.json"), std::string::npos) << inputs;
  EXPECT_NE(inputs.find(loadNucleationBarriers(loadMaterialFile(materialsDirectory() / "Ag.yaml")).hash),
            std::string::npos)
      << inputs;
}

}  // namespace
}  // namespace surfkmc::app
