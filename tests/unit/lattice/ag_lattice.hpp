// SPDX-License-Identifier: MIT
// The lattice constant the lattice tests build their wires with (Ag, docs/parameters.md#bulk-constants).
#pragma once

namespace surfkmc::lattice::testing {

inline constexpr double kAg = 4.0857;

}  // namespace surfkmc::lattice::testing
