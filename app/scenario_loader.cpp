// SPDX-License-Identifier: MIT
// Loading scenario files: one reader per section, all through MapReader.
#include "app/scenario_loader.hpp"

#include <algorithm>
#include <cctype>

#include "app/acceleration_section.hpp"
#include "app/edit_distance.hpp"
#include "app/geometry_section.hpp"
#include "app/loading_section.hpp"
#include "app/nucleation_section.hpp"
#include "app/map_reader.hpp"
#include "app/material_loader.hpp"
#include "app/yaml_document.hpp"
#include "core/error.hpp"

namespace surfkmc::app {
namespace {

constexpr std::size_t kMaxNameLength = 64;
/// A year: longer than any run, short enough to be a typo when exceeded.
constexpr double kMaxCheckpointInterval_s = 3.2e7;

std::string readName(MapReader& root) {
  std::string name = root.string("name");
  const bool ok = !name.empty() && name.size() <= kMaxNameLength && std::all_of(name.begin(), name.end(), [](char c) {
    return std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '-' || c == '.';
  });
  if (!ok) root.failValue("name", "1 to 64 letters, digits, '_', '-' or '.' (it names output files)");
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
  std::error_code ec;
  if (!std::filesystem::is_regular_file(*path, ec))
    root.fail("material", "bad value '" + value + "'; no materials file at '" + path->string() + "'");
  return loadMaterialFile(*path);
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
  if (auto kmc = root.optionalMap("kmc")) s.kmc = readKmcSection(*kmc);
  if (auto loading = root.optionalMap("loading")) s.loading = readLoadingSection(*loading);
  if (auto nucleation = root.optionalMap("nucleation")) s.nucleation = readNucleationSection(*nucleation);
  if (auto acceleration = root.optionalMap("acceleration"))
    s.acceleration = readAccelerationSection(*acceleration, s.super_moves);
  s.replicas = static_cast<int>(root.optionalInteger("replicas", 1, 100000).value_or(1));
  s.checkpoint_every_s = root.optionalNumber("checkpoint_every_s", NumberRange::positive(kMaxCheckpointInterval_s));
  // The sweep itself is expanded by loadSweepPlan(); here it only has to be a map.
  if (root.optionalMap("sweep")) {
    s.has_sweep = true;
    s.sweep_location = root.location("sweep");
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
