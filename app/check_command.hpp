// SPDX-License-Identifier: MIT
// `surfkmc check SCENARIO`: validate a scenario, build its specimen, print a summary.
#pragma once

#include <filesystem>
#include <iosfwd>

namespace surfkmc::app {

/// Loads the scenario, builds the specimen and writes a summary to `out`: material, atom count,
/// surface atoms by facet, box [nm], rounding applied, then every section as the run will use it
/// (kmc, loading, nucleation, acceleration; keys a run of this kind ignores are not echoed but
/// warned about), the expanded sweep point by point, and a cost estimate from a short timing
/// (cost_estimate.hpp). Warnings (a temperature at or near the material's melting point, ignored
/// keys) go to `err`; they are not errors. Throws InputError on bad input.
void checkCommand(const std::filesystem::path& scenario, std::ostream& out, std::ostream& err);

}  // namespace surfkmc::app
