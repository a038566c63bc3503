// SPDX-License-Identifier: MIT
// A scenario's `sweep:` expanded into its points: one validated Scenario per combination of values.
#pragma once

#include <cstddef>
#include <filesystem>
#include <string>
#include <vector>

#include "app/scenario.hpp"

namespace surfkmc::app {

/// Most points a sweep may have (the product of its list lengths): a typo such as a 10⁴-long list
/// should fail at once, not queue days of work.
inline constexpr std::size_t kMaxSweepPoints = 10000;
/// Most (point, replica) tasks a sweep may have: each task is kept in memory until the report, so
/// points x replicas is bounded as well as the points.
inline constexpr std::size_t kMaxSweepTasks = 200000;

/// One point of a sweep: the value of every swept key (as written in the file) and the scenario
/// with those values in place.
struct SweepPoint {
  std::size_t index = 0;
  /// One text per SweepPlan::keys entry: the scalar as written, or a flow-style YAML for a map/list.
  std::vector<std::string> values;
  Scenario scenario;
};

/// The points of a scenario file, in row-major order of the `sweep:` keys (the first key varies
/// slowest). A file without `sweep:` is one point.
struct SweepPlan {
  /// Swept keys as written, dotted (`geometry.diameter_nm`).
  std::vector<std::string> keys;
  std::vector<SweepPoint> points;
  std::filesystem::path source_path;
  std::string source_hash;
};

/// Reads the scenario, checks its `sweep:` map and loads every point with the normal scenario loader
/// on the file's tree with the swept values put in place, so each value is validated like any other
/// and its errors point into the sweep list. Throws a located InputError before anything runs.
SweepPlan loadSweepPlan(const std::filesystem::path& path);

}  // namespace surfkmc::app
