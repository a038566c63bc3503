// SPDX-License-Identifier: MIT
// Loading scenario files (schema_version 1) into a validated Scenario.
#pragma once

#include <yaml-cpp/yaml.h>

#include <filesystem>

#include "app/scenario.hpp"
#include "app/source_file.hpp"

namespace surfkmc::app {

/// Reads, parses and validates a scenario and the material it names. Every user error is an
/// InputError `file:line:column: key: ...` quoting the offending line.
Scenario loadScenario(const std::filesystem::path& path);

/// The same from a tree already parsed from `file` (which must outlive the call): a sweep overrides
/// the tree per point and loads each result here, so swept values get the same validation, located
/// at their place in the sweep list.
Scenario loadScenario(const SourceFile& file, const YAML::Node& root);

}  // namespace surfkmc::app
