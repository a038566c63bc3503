// SPDX-License-Identifier: MIT
// Expanding a scenario's `sweep:` into validated points.
#include "app/sweep_plan.hpp"

#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <utility>

#include "app/edit_distance.hpp"
#include "app/scenario_loader.hpp"
#include "app/source_file.hpp"
#include "app/yaml_document.hpp"
#include "core/error.hpp"

namespace surfkmc::app {
namespace {

struct Axis {
  std::string key;
  std::vector<std::string> path;
  std::size_t size = 0;
};

std::vector<std::string> splitPath(const std::string& key) {
  std::vector<std::string> parts;
  std::size_t start = 0;
  while (true) {
    const std::size_t dot = key.find('.', start);
    parts.push_back(key.substr(start, dot == std::string::npos ? std::string::npos : dot - start));
    if (dot == std::string::npos) break;
    start = dot + 1;
  }
  return parts;
}

std::string valueText(const YAML::Node& node) {
  if (node.IsScalar()) return node.Scalar();
  YAML::Emitter e;
  e << YAML::Flow << node;
  return e.c_str();
}

class SweepReader {
 public:
  explicit SweepReader(const SourceFile& file) : file_(file) {}

  [[noreturn]] void fail(const YAML::Mark& mark, const std::string& key, const std::string& what) const {
    const SourceLocation at = mark.is_null() ? file_.location(0, 0) : file_.location(mark.line, mark.column);
    throw InputError(at.message(key, what));
  }

  /// Checks the `sweep:` map against the file's tree and returns its axes.
  std::vector<Axis> axes(const YAML::Node& root) const {
    std::vector<Axis> out;
    const YAML::Node sweep = root["sweep"];
    if (!sweep) return out;
    if (!sweep.IsMap() || sweep.size() == 0)
      fail(sweep.Mark(), "sweep",
           std::string(sweep.IsMap() ? "empty map" : "bad value") +
               "; allowed: a map of 'dotted.key: [values]' lines, e.g. 'geometry.diameter_nm: [4, 6, 8]'");
    std::size_t total = 1;
    for (auto it = sweep.begin(); it != sweep.end(); ++it) {
      const YAML::Node key = it->first;
      const YAML::Node values = it->second;
      if (!key.IsScalar()) fail(key.Mark(), "sweep", "keys must be dotted key names, not a list or map");
      Axis axis;
      axis.key = key.Scalar();
      const std::string where = "sweep." + axis.key;
      for (const Axis& a : out)
        if (a.key == axis.key) fail(key.Mark(), where, "swept twice");
      axis.path = splitPath(axis.key);
      for (const std::string& part : axis.path)
        if (part.empty()) fail(key.Mark(), where, "bad key; allowed: names joined by single dots");
      if (axis.path.front() == "sweep") fail(key.Mark(), where, "the sweep cannot sweep itself");
      checkSections(root, axis, key.Mark());
      if (!values.IsSequence())
        fail(values.IsNull() || values.Mark().is_null() ? key.Mark() : values.Mark(), where,
             "bad value" + std::string(values.IsScalar() ? " '" + printableText(values.Scalar(), 60) + "'" : "") +
                 "; allowed: a list of values, e.g. [4, 6, 8]");
      if (values.size() == 0) fail(values.Mark(), where, "empty list; give at least one value");
      axis.size = values.size();
      total *= axis.size;  // each factor ≤ the file size, so checking after each step cannot overflow
      if (total > kMaxSweepPoints)
        fail(sweep.Mark(), "sweep",
             "too many points (more than " + std::to_string(kMaxSweepPoints) + "); split the sweep into several files");
      out.push_back(std::move(axis));
    }
    return out;
  }

 private:
  /// Every section on a swept key's path must already be a map in the file: a misspelt section
  /// would otherwise be created silently and reported far from the sweep.
  void checkSections(const YAML::Node& root, const Axis& axis, const YAML::Mark& mark) const {
    YAML::Node map = root;
    std::string prefix;
    for (std::size_t i = 0; i + 1 < axis.path.size(); ++i) {
      const std::string& part = axis.path[i];
      const YAML::Node next = map[part];
      if (!next || !next.IsMap()) {
        std::vector<std::string> names;
        for (auto it = map.begin(); it != map.end(); ++it)
          if (it->first.IsScalar() && it->second.IsMap() && it->first.Scalar() != "sweep")
            names.push_back(it->first.Scalar());
        std::string what = "'" + prefix + part + "' is not a section of this scenario;";
        if (const auto s = closestName(part, names)) what += " did you mean '" + prefix + *s + "'?";
        what += names.empty() ? " it has none here" : " sections here: " + joinNames(names);
        fail(mark, "sweep." + axis.key, what);
      }
      map.reset(next);
      prefix += part + ".";
    }
  }

  const SourceFile& file_;
};

/// Puts `value` at the dotted `path` of `root`. Assigning a node shares its data, mark included, so
/// errors about the value point into the sweep list.
void place(YAML::Node root, const std::vector<std::string>& path, const YAML::Node& value) {
  YAML::Node map = root;
  for (std::size_t i = 0; i + 1 < path.size(); ++i) map.reset(map[path[i]]);
  map[path.back()] = value;
}

}  // namespace

SweepPlan loadSweepPlan(const std::filesystem::path& path) {
  // YamlDocument reports syntax errors (and guards against yaml-cpp's LoadAll hang); the tree is
  // then parsed again per point, since every point needs its own tree to change.
  const YamlDocument doc(SourceFile::read(path));
  const SourceFile& file = doc.source();
  const SweepReader reader(file);
  SweepPlan plan;
  plan.source_path = path;
  plan.source_hash = file.hash();

  const YAML::Node first = YAML::Load(file.text());
  if (!first.IsMap()) (void)doc.root();  // throws the loader's located "(document)" error
  const std::vector<Axis> axes = reader.axes(first);
  std::size_t count = 1;
  for (const Axis& a : axes) {
    plan.keys.push_back(a.key);
    count *= a.size;
  }

  std::size_t tasks = 0;
  for (std::size_t p = 0; p < count; ++p) {
    YAML::Node tree = YAML::Load(file.text());
    SweepPoint point;
    point.index = p;
    // The point's value index on each axis, the last axis varying fastest.
    std::vector<std::size_t> digit(axes.size());
    std::size_t rest = p;
    for (std::size_t a = axes.size(); a-- > 0;) {
      digit[a] = rest % axes[a].size;
      rest /= axes[a].size;
    }
    // Appended in place, never shifted: assigning one YAML::Node to another writes through to the node it
    // refers to, so a vector that moves its elements by assignment (an insert at the front) would overwrite
    // the tree's values with each other. It did, for sweeps of four keys or more, until 2026-12-04.
    std::vector<std::pair<const Axis*, YAML::Node>> chosen;
    chosen.reserve(axes.size());
    for (std::size_t a = 0; a < axes.size(); ++a) chosen.emplace_back(&axes[a], tree["sweep"][axes[a].key][digit[a]]);
    for (const auto& [axis, value] : chosen) point.values.push_back(valueText(value));
    for (const auto& [axis, value] : chosen) place(tree, axis->path, value);
    tree.remove("sweep");
    point.scenario = loadScenario(file, tree);
    tasks += static_cast<std::size_t>(point.scenario.replicas);
    if (tasks > kMaxSweepTasks)
      reader.fail(first["sweep"].Mark(), "sweep",
                  "too many tasks: the points times their replicas exceed " + std::to_string(kMaxSweepTasks) +
                      " (at point " + std::to_string(p) +
                      "); split the sweep into several files or use fewer replicas");
    plan.points.push_back(std::move(point));
  }
  // Common random numbers for ablation arms: the point with the same values on every other key.
  const auto swept = std::find(plan.keys.begin(), plan.keys.end(), "ablation");
  if (swept != plan.keys.end()) {
    const auto a = static_cast<std::size_t>(swept - plan.keys.begin());
    const auto sameBesideAblation = [a](const SweepPoint& x, const SweepPoint& y) {
      for (std::size_t k = 0; k < x.values.size(); ++k)
        if (k != a && x.values[k] != y.values[k]) return false;
      return true;
    };
    for (SweepPoint& p : plan.points)
      for (const SweepPoint& q : plan.points)
        if (sameBesideAblation(p, q)) {
          p.scenario.stream_point = q.index;
          break;
        }
  }
  return plan;
}

}  // namespace surfkmc::app
