// SPDX-License-Identifier: MIT
// `surfkmc wire SCENARIO -o FILE.xyz`: write a scenario's initial structure as extended XYZ.
#pragma once

#include <filesystem>
#include <iosfwd>

namespace surfkmc::app {

/// Builds the scenario's specimen and writes it to `output` (extXYZ, written to a temporary file
/// and renamed, so no half-written file is left). Reports the atom count and the rounding applied on `out`.
void wireCommand(const std::filesystem::path& scenario, const std::filesystem::path& output, std::ostream& out);

}  // namespace surfkmc::app
