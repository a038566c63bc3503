// SPDX-License-Identifier: MIT
// `surfkmc atomistic properties|barriers|hamiltonian|nucleation`: a material's potential through the KIM API.
#pragma once

#include <filesystem>
#include <iosfwd>
#include <optional>
#include <string>
#include <vector>

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
  // nucleation
  std::vector<std::string> sites{"edge"};                                ///< NucleationSite names
  std::vector<double> strains{0.0, 0.01, 0.02, 0.03, 0.04, 0.05, 0.06};  ///< axial strains of the NEBs
  double diameter_A = 15.0;
  double length_A = 42.0;
  int images = 9;
  /// nucleation: a second band between the initial state and the first image past the saddle
  /// (atomistic::NucleationSettings::refine).
  bool refine = false;
  /// nucleation: an extXYZ file written by `surfkmc run` of a wire of the segment's diameter and length; the
  /// segment takes the occupancy of its frame `surface_frame` (negative: counted from the end, −1 the last),
  /// moved along the axis by each of `shifts` repeat cells in turn (one site per shift, "kmc_s<shift>").
  std::optional<std::filesystem::path> surface;
  int surface_frame = -1;
  std::vector<int> shifts{0};
  /// nucleation-merge: the results folders whose nucleation.json files are merged.
  std::vector<std::filesystem::path> parts;
};

/// Prints (or writes to options.out) the JSON of the potential's zero-kelvin properties.
void atomisticPropertiesCommand(const AtomisticOptions& options, std::ostream& out);
/// Computes the canonical surface processes; writes out/barriers.json and prints a table.
void atomisticBarriersCommand(const AtomisticOptions& options, std::ostream& out);
/// Relaxes the Hamiltonian data set, fits the site energies E(n), checks them on held-out
/// configurations and on surface, step and kink energies; writes out/hamiltonian.json and prints a table.
void atomisticHamiltonianCommand(const AtomisticOptions& options, std::ostream& out);
/// CI-NEB barriers of partial-dislocation nucleation per site and strain on a wire segment, and the
/// power-law fit per site; writes out/nucleation.json and out/saddle_<site>_<strain>.xyz, prints a table.
void atomisticNucleationCommand(const AtomisticOptions& options, std::ostream& out);
/// Merges the nucleation.json of several `atomistic nucleation` runs on one material, potential, segment and
/// NEB settings (for example one strain per run) into out/nucleation.json: the points of every site in strain
/// order, which points enter the fit decided again over all of them, the fits redone, the saddles copied.
void atomisticNucleationMergeCommand(const AtomisticOptions& options, std::ostream& out);

}  // namespace surfkmc::app
