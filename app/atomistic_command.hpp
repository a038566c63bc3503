// SPDX-License-Identifier: MIT
// `surfkmc atomistic properties|barriers|hamiltonian`: a material's potential through the KIM API.
#pragma once

#include <filesystem>
#include <iosfwd>
#include <optional>
#include <string>

namespace surfkmc::app {

struct AtomisticOptions {
  std::string material;  ///< shipped name (Ag) or path to a materials file
  int threads = 1;
  /// properties: optional JSON file (stdout otherwise); barriers: the results folder.
  std::optional<std::filesystem::path> out;
  double axial_strain = 0.0;
  /// hamiltonian: extXYZ snapshots of KMC wires (`surfkmc run`) added to the training and held-out sets.
  std::optional<std::filesystem::path> kmc_training;
  std::optional<std::filesystem::path> kmc_held_out;
};

/// Prints (or writes to options.out) the JSON of the potential's zero-kelvin properties.
void atomisticPropertiesCommand(const AtomisticOptions& options, std::ostream& out);
/// Computes the canonical surface processes; writes out/barriers.json and prints a table.
void atomisticBarriersCommand(const AtomisticOptions& options, std::ostream& out);
/// Relaxes the Hamiltonian data set, fits the site energies E(n), checks them on held-out
/// configurations and on surface, step and kink energies; writes out/hamiltonian.json and prints a table.
void atomisticHamiltonianCommand(const AtomisticOptions& options, std::ostream& out);

}  // namespace surfkmc::app
