// SPDX-License-Identifier: MIT
// Loading scenario files (schema_version 1) into a validated Scenario.
#pragma once

#include <filesystem>

#include "app/scenario.hpp"

namespace surfkmc::app {

/// Reads, parses and validates a scenario and the material it names. Every user error is an
/// InputError `file:line:column: key: ...` quoting the offending line.
Scenario loadScenario(const std::filesystem::path& path);

}  // namespace surfkmc::app
