// SPDX-License-Identifier: MIT
// Building a scenario's specimen.
#include "app/specimen.hpp"

#include <optional>
#include <string>
#include <utility>

#include "core/error.hpp"

namespace surfkmc::app {

lattice::BuiltWire buildSpecimen(const Scenario& scenario) {
  std::optional<lattice::BuiltWire> built;
  try {
    built.emplace(lattice::buildWire(scenario.material.lattice_constant_A, scenario.wire));
  } catch (const InputError& e) {
    throw InputError(scenario.geometry_location.message("geometry", e.what()));
  }
  // An empty or near-empty specimen has no surface to evolve and no cross-section to carry a
  // stress: every result on it would be wrong, not merely noisy.
  const std::int64_t atoms = built->lattice.atomCount();
  if (atoms < kMinSpecimenAtoms)
    throw InputError(scenario.geometry_location.message(
        "geometry", "the specimen holds " + std::to_string(atoms) + " atoms; at least " +
                        std::to_string(kMinSpecimenAtoms) + " are needed to have a surface (make it larger)"));
  return std::move(*built);
}

}  // namespace surfkmc::app
