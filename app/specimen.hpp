// SPDX-License-Identifier: MIT
// Building a scenario's specimen, with builder errors located at its `geometry:` section.
#pragma once

#include <cstdint>

#include "app/scenario.hpp"
#include "lattice/wire_builder.hpp"

namespace surfkmc::app {

/// Fewest atoms a specimen may hold: fewer have no surface to speak of (a 0.1 nm "wire" is empty).
inline constexpr std::int64_t kMinSpecimenAtoms = 50;

/// Builds the scenario's wire or slab from its material's lattice constant. An InputError from
/// the builder (e.g. a box too large), or a specimen of fewer than kMinSpecimenAtoms atoms, is
/// thrown located at the `geometry:` section.
lattice::BuiltWire buildSpecimen(const Scenario& scenario);

}  // namespace surfkmc::app
