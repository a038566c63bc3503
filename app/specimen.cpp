// SPDX-License-Identifier: MIT
// Building a scenario's specimen.
#include "app/specimen.hpp"

#include "core/error.hpp"

namespace surfkmc::app {

lattice::BuiltWire buildSpecimen(const Scenario& scenario) {
  try {
    return lattice::buildWire(scenario.material.lattice_constant_A, scenario.wire);
  } catch (const InputError& e) {
    throw InputError(scenario.geometry_location.message("geometry", e.what()));
  }
}

}  // namespace surfkmc::app
