// SPDX-License-Identifier: MIT
// `surfkmc learn SCENARIO...`: grows the material's hop catalogue by the environments the scenarios' KMC meets
// and the catalogue does not hold, until the share of events that fall back to a class entry is below a target
// in every one of them (docs/model.md#learning).
#pragma once

#include <filesystem>
#include <iosfwd>
#include <vector>

namespace surfkmc::app {

struct LearnOptions {
  /// Scenarios with a `kmc:` section (duration_s or max_events) on `energetics: catalogue`, all on one material
  /// file and its catalogue.
  std::vector<std::filesystem::path> scenarios;
  /// Results folder: hops.json (and hops_strain_low.json, hops_strain_high.json when the material's catalogue
  /// has a strain response); it must not hold a hops.json already.
  std::filesystem::path out;
  /// Rounds of computing at most; each is followed by a run that measures the grown catalogue.
  int rounds = 4;
  /// The uncatalogued share of events to get below.
  double target = 1.0e-4;
  /// Environments computed per round at most (the first ones the runs met, scenario by scenario).
  int max_new = 400;
  /// The scenarios' runs in parallel, then the CI-NEBs in parallel.
  int threads = 1;
  /// Held axial stresses [GPa] each scenario's KMC runs at, one run per scenario and stress (scenario by scenario,
  /// in this order): the hops' own strain slopes and the strain-energy site term as a loaded run has them. At most
  /// 8 distinct values in [−10, 10].
  std::vector<double> stresses_GPa{0.0};
};

/// Runs each scenario's KMC (exact, no acceleration, the scenario's seed) on the environment key at each held stress
/// of `stresses_GPa` (the scenario's own `loading:` sets only whether the strain-energy term is on);
/// while the share of a run's events whose environment the catalogue lacks is at or above the target, computes by
/// CI-NEB (as `surfkmc atomistic hops` does, with the catalogue's own cluster and NEB settings, at zero strain and
/// at the strains of its strain response) one performed hop of each environment the runs lacked, appends them to
/// the catalogue as learned samples, and runs again. Writes the grown catalogue to `out` after every round and
/// prints a row per run.
///
/// Started by mpirun or srun (and built with MPI), the work spreads over the ranks: run k (scenario by scenario, then
/// stress by stress) runs on rank k mod ranks, and that rank computes the environments its run was the first to
/// lack; rank 0 gathers the runs' counts and the NEBs' samples in run order, prints and writes. The grown files are
/// those of one process for any number of ranks and threads (only the NEBs' wall times differ). Bad input is reported
/// once, by rank 0, with exit code 2; a failure on a rank during the work ends the job.
void learnCommand(const LearnOptions& options, std::ostream& out);

}  // namespace surfkmc::app
