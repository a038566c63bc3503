// SPDX-License-Identifier: MIT
// Loading scenario files: one reader per section, all through MapReader.
#include "app/scenario_loader.hpp"

#include <algorithm>
#include <cctype>
#include <limits>
#include <optional>

#include <fmt/format.h>

#include "app/acceleration_section.hpp"
#include "app/edit_distance.hpp"
#include "app/geometry_section.hpp"
#include "app/loading_section.hpp"
#include "app/map_reader.hpp"
#include "app/material_loader.hpp"
#include "app/nucleation_section.hpp"
#include "app/safe_name.hpp"
#include "app/source_file.hpp"
#include "app/yaml_document.hpp"
#include "core/error.hpp"
#include "kmc/energetics.hpp"

namespace surfkmc::app {
namespace {

/// Most analysis samples a coupled replica may store (each ~0.2 kB in memory, more in its record):
/// the loading horizon over nucleation.analysis_interval_s must stay below it.
constexpr double kMaxSamples = 2.0e6;
/// Most snapshots a KMC run may write (each is the whole specimen).
constexpr double kMaxSnapshots = 1.0e5;
/// A year: longer than any run, short enough to be a typo when exceeded.
constexpr double kMaxCheckpointInterval_s = 3.2e7;

std::string readName(MapReader& root) {
  std::string name = root.string("name");
  if (!isSafeName(name)) root.failValue("name", kSafeNameRule);
  return name;
}

Material readMaterial(MapReader& root, const std::filesystem::path& scenario_dir) {
  const std::string value = root.string("material");
  const auto path = resolveMaterial(value, scenario_dir);
  if (!path) {
    const auto names = builtinMaterialNames();
    std::string what = "bad value '" + value + "';";
    if (const auto s = closestName(value, names)) what += " did you mean '" + *s + "'?";
    root.fail("material", what + " allowed: " + joinNames(names) + ", or a path to a materials YAML file");
  }
  // Only YAML files are read as materials: an error in any other file would quote its first line.
  if (path->extension() != ".yaml" && path->extension() != ".yml")
    root.fail("material", "bad value '" + printableText(value, 80) +
                              "'; allowed: " + joinNames(builtinMaterialNames()) +
                              ", or a path to a materials YAML file ending in .yaml or .yml");
  std::error_code ec;
  if (!std::filesystem::is_regular_file(*path, ec))
    root.fail("material", "bad value '" + value + "'; no materials file at '" + path->string() + "'");
  return loadMaterialFile(*path);
}

/// Reads the class laws of Eq. 2 for a scenario whose nucleation model is linear or power (loadLinearLaw);
/// `fail(what)` reports a material without them, at the key that chose the model.
template <class Fail>
void readLinearLawFor(Scenario& s, const Fail& fail) {
  loadLinearLaw(s.material);
  if (!s.material.linear_law)
    fail("nucleation model '" + s.nucleation.model + "' needs the class laws of Eq. 2 (edge_sigma_ath_GPa ... " +
         "pit_size_decay), and " + s.material.name +
         "'s file has neither them nor a linear_law file naming them; allowed: nucleation.model: computed with a "
         "material that names nucleation_barriers, or a material with those laws (docs/materials.md)");
}

Scenario readScenario(const SourceFile& file, MapReader& root) {
  const std::filesystem::path& path = file.path();
  Scenario s;
  s.source_path = path;
  s.source_hash = file.hash();

  // The version comes first: a file of another version may legitimately hold other keys.
  s.schema_version = static_cast<int>(root.integer("schema_version", 0, 1000));
  if (s.schema_version != kScenarioSchemaVersion)
    root.failValue("schema_version", std::to_string(kScenarioSchemaVersion) + " (this build's scenario format)");
  s.name = readName(root);
  s.seed = root.unsignedInteger("seed");
  s.material = readMaterial(root, path.parent_path());
  {
    MapReader geometry = root.map("geometry");
    s.geometry_location = geometry.location();
    s.wire = readGeometrySection(geometry);
  }
  // Acceleration is read before the KMC section: whether an unstated kmc.hop_key reads the catalogue's environment
  // entries depends on it (below).
  std::optional<MapReader> acceleration = root.optionalMap("acceleration");
  if (acceleration) s.acceleration = readAccelerationSection(*acceleration, s.super_moves, s.bias_probe);
  if (auto kmc = root.optionalMap("kmc")) {
    s.kmc = readKmcSection(*kmc);
    if (s.kmc->energetics == "catalogue") {
      if (!s.material.hop_catalogue)
        kmc->fail("energetics", "'catalogue' needs hop barriers computed for the material, and " + s.material.name +
                                    "'s file names none; allowed: bond_counting, or a material with "
                                    "hop_catalogue: {file, source}");
      // Unstated, the key is the environment's with exact kinetics (resolved below, once the table is read), and
      // the class's beside acceleration, which acts on class pairs: then the environment entries are not read.
      const bool exact = !s.acceleration.enabled && !s.super_moves.enabled;
      HopCatalogueFile f = loadHopCatalogue(s.material, kmc::EnergeticsParams{}.n_min,
                                            s.kmc->hop_key_stated ? s.kmc->hop_key == "environment" : exact);
      s.hop_catalogue = std::make_pair(f.file, f.hash);
      s.hop_catalogue_strain = f.strain_files;
      if (!s.kmc->interlayer) {
        // The ablation without interlayer transits: the rim entries go, the rest of the table stays.
        kmc::removeRimEntries(f.table, kmc::EnergeticsParams{}.n_min);
      }
      if (s.kmc->hop_key == "environment" && f.table.environment_keys.empty()) {
        kmc->fail("hop_key", "'environment' needs samples with environment keys, and " + f.file.string() +
                                 " holds none; allowed: class");
      }
      s.material.hop_table = std::move(f.table);
    } else if (s.kmc->hop_key == "environment") {
      kmc->fail("hop_key",
                "'environment' reads the entries of a hop catalogue, so it needs energetics: catalogue; "
                "allowed: class");
    }
  }
  if (auto loading = root.optionalMap("loading")) s.loading = readLoadingSection(*loading);
  const std::string default_model = defaultNucleationModel(s.material.nucleation_barriers.has_value());
  if (auto nucleation = root.optionalMap("nucleation")) {
    s.nucleation = readNucleationSection(*nucleation, default_model);
    if (s.nucleation.model == "computed") {
      if (!s.material.nucleation_barriers)
        nucleation->fail("model", "'computed' needs barriers computed for the material, and " + s.material.name +
                                      "'s file names none; allowed: linear or power, or a material with "
                                      "nucleation_barriers: {file, source}");
      s.nucleation_barriers = loadNucleationBarriers(s.material);
    }
    if (s.nucleation.activation_entropy == "meyer_neldel") {
      const double temperature_K = temperatureK(s);
      if (!s.material.meyer_neldel_temperature_K)
        nucleation->fail("activation_entropy",
                         "'meyer_neldel' needs the material's Meyer-Neldel temperature, and " + s.material.name +
                             "'s file has no meyer_neldel_temperature_K; allowed: none, or a material with "
                             "meyer_neldel_temperature_K: {value, unit: K, source, tag}");
      if (!(*s.material.meyer_neldel_temperature_K > temperature_K))
        nucleation->fail("activation_entropy",
                         fmt::format("'meyer_neldel' needs the temperature ({:g} K) below {}'s Meyer-Neldel "
                                     "temperature ({:g} K), where the barrier would vanish; allowed: none",
                                     temperature_K, s.material.name, *s.material.meyer_neldel_temperature_K));
    }
    if (s.loading && s.nucleation.model != "computed")
      readLinearLawFor(s, [&](const std::string& what) { nucleation->fail("model", what); });
  } else if (s.loading) {
    // Without a `nucleation:` section the model is the material's default. A KMC-only run nucleates nothing.
    s.nucleation.model = default_model;
    if (s.nucleation.model == "computed")
      s.nucleation_barriers = loadNucleationBarriers(s.material);
    else
      readLinearLawFor(s, [&](const std::string& what) { root.fail("material", what); });
  }
  if (acceleration) {
    if (s.kmc && s.kmc->hop_key_stated && s.kmc->hop_key == "environment" &&
        (s.acceleration.enabled || s.super_moves.enabled))
      acceleration->fail(s.acceleration.enabled ? "rate_scaling" : "super_moves",
                         "true: acceleration acts on class pairs, and kmc.hop_key: environment runs with exact "
                         "kinetics only; allowed: false");
  }
  if (s.kmc && s.kmc->energetics == "catalogue" && !s.kmc->hop_key_stated) {
    // The default key: the environment where the catalogue keys its samples by environment and the kinetics are
    // exact (acceleration acts on class pairs), the class otherwise.
    const bool environments =
        !s.material.hop_table->environment_keys.empty() && !s.acceleration.enabled && !s.super_moves.enabled;
    s.kmc->hop_key = environments ? "environment" : "class";
    if (!environments) kmc::removeEnvironmentEntries(*s.material.hop_table);
  }
  s.replicas = static_cast<int>(root.optionalInteger("replicas", 1, 100000).value_or(1));
  if (root.has("ablation")) {
    s.ablation = *coupling::parseAblation(root.choice("ablation", {"none", "frozen_surface", "as_cut_sites"}));
    if (s.ablation != coupling::Ablation::kNone && !s.loading)
      root.fail("ablation", "an ablation leaves part of the coupled model out, so it needs a loading: section");
  }
  s.checkpoint_every_s = root.optionalNumber("checkpoint_every_s", NumberRange::positive(kMaxCheckpointInterval_s));
  // The sweep itself is expanded by loadSweepPlan(); here it only has to be a map.
  if (root.optionalMap("sweep")) {
    s.has_sweep = true;
    s.sweep_location = root.location("sweep");
  }
  if (s.loading) {
    // Bounded memory: a replica stores one sample per analysis interval up to max_strain (ramp) or
    // duration_s (held stress).
    const LoadingSection& l = *s.loading;
    const double horizon_s = l.strain_rate_per_s ? l.max_strain / *l.strain_rate_per_s : l.duration_s.value_or(0.0);
    const double samples = horizon_s / s.nucleation.analysis_interval_s;
    if (!(samples <= kMaxSamples))
      root.fail("nucleation", fmt::format("analysis_interval_s {:g} s over a loading of {:g} s would store {:.3g} "
                                          "samples; at most {:g} are allowed: raise nucleation.analysis_interval_s "
                                          "to at least {:.3g} s",
                                          s.nucleation.analysis_interval_s, horizon_s, samples, kMaxSamples,
                                          horizon_s / kMaxSamples));
  }
  if (s.kmc && s.kmc->duration_s) {
    // The same bound on a KMC run's time series and snapshots; an interval far below the duration
    // would also lose sampling silently once duration / interval outgrows a double's precision.
    const double duration_s = *s.kmc->duration_s;
    const auto cap = [&](const std::optional<double>& every_s, const char* key, double max_count) {
      if (every_s && !(duration_s / *every_s <= max_count))
        root.fail("kmc", fmt::format("{} {:g} s over duration_s {:g} s would take {:.3g} samples; at most {:g} are "
                                     "allowed: raise kmc.{} to at least {:.3g} s",
                                     key, *every_s, duration_s, duration_s / *every_s, max_count, key,
                                     duration_s / max_count));
    };
    cap(s.kmc->timeseries_every_s, "timeseries_every_s", kMaxSamples);
    cap(s.kmc->snapshot_every_s, "snapshot_every_s", kMaxSnapshots);
  }
  if (s.kmc && !s.loading && !s.kmc->duration_s && !s.kmc->max_events)
    root.fail("kmc", "without a loading section the KMC needs duration_s or max_events to know when to stop");
  root.finish();
  return s;
}

}  // namespace

Scenario loadScenario(const std::filesystem::path& path) {
  const YamlDocument doc(SourceFile::read(path));
  MapReader root = doc.root();
  return readScenario(doc.source(), root);
}

Scenario loadScenario(const SourceFile& file, const YAML::Node& root) {
  MapReader reader(file, root, "", YAML::Mark());
  return readScenario(file, reader);
}

}  // namespace surfkmc::app
