// SPDX-License-Identifier: MIT
// `surfkmc check SCENARIO`: validate a scenario, build its specimen, print a summary.
#pragma once

#include <filesystem>
#include <iosfwd>

namespace surfkmc::app {

/// Loads the scenario, builds the specimen and writes a summary to `out`: material, atom count,
/// surface atoms by facet, box [nm], rounding applied. Throws InputError on bad input.
void checkCommand(const std::filesystem::path& scenario, std::ostream& out);

}  // namespace surfkmc::app
