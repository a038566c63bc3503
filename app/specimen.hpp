// SPDX-License-Identifier: MIT
// Building a scenario's specimen, with builder errors located at its `geometry:` section.
#pragma once

#include "app/scenario.hpp"
#include "lattice/wire_builder.hpp"

namespace surfkmc::app {

/// Builds the scenario's wire or slab from its material's lattice constant. An InputError from
/// the builder (e.g. a box too large) is re-thrown located at the `geometry:` section.
lattice::BuiltWire buildSpecimen(const Scenario& scenario);

}  // namespace surfkmc::app
