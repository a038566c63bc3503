// SPDX-License-Identifier: MIT
// `surfkmc atomistic hops SCENARIO`: the hops of a KMC surface by class and environment, with CI-NEB
// barriers of sampled hops from the material's potential (docs/atomistic.md, "Hop barriers on KMC surfaces").
#pragma once

#include <filesystem>
#include <iosfwd>
#include <string>

namespace surfkmc::app {

struct HopsOptions {
  /// A KMC-only scenario (kmc.duration_s, no loading) whose material names a potential.
  std::filesystem::path scenario;
  /// Results folder (hops.json).
  std::filesystem::path out;
  /// Hops sampled per (n_i, n_j, c) class, uniformly over its occurrences in all frames.
  int per_class = 3;
  /// Frames after the start, evenly spaced over kmc.duration_s (the as-built specimen is frame 0).
  int frames = 4;
  /// Cluster cut around each hop: free radius and held shell [Å].
  double free_radius_A = 10.0;
  double shell_A = 6.5;
  /// Uniaxial strain along the wire axis of every NEB.
  double axial_strain = 0.0;
  /// Smallest n_j of a hop's target (the KMC's own n_min applies to n_i).
  int min_to = 2;
  /// "on": for every frame sample to a rim site (n_j = 2), the crossings over it to its stable exits, by hop
  /// and by exchange; "off": none.
  std::string crossings = "on";
  int threads = 1;
};

/// Runs the scenario's KMC (exact, no acceleration), counts every hop of every frame by class and
/// environment, samples hops per class, computes their barriers by CI-NEB on clusters cut around
/// them; writes out/hops.json and prints a table against the KMC's rate table.
void atomisticHopsCommand(const HopsOptions& options, std::ostream& out);

}  // namespace surfkmc::app
