// SPDX-License-Identifier: MIT
// `surfkmc compare`: simulated yield strengths of a results folder against the paper and user data.
#pragma once

#include <filesystem>
#include <iosfwd>
#include <optional>
#include <vector>

namespace surfkmc::app {

struct CompareOptions {
  std::filesystem::path results_dir;
  /// Yield data in the format of docs/data_format.md (residuals, experimental points in the figure).
  std::optional<std::filesystem::path> data;
  /// The paper's targets; default data/experiments/wang2021_observations.yaml.
  std::optional<std::filesystem::path> observations;
  /// T [K] of results without a temperature column whose scenario cannot be read.
  std::optional<double> temperature_K;
  /// Judge the paper's targets T1–T7 (false: `--no-targets`, for a study that is not the paper's; no
  /// verdicts, no paper values, no targets.md).
  bool judge_targets = true;
  /// Step-velocity measurements (the output of tools/kmc/step_velocity, docs/data_format.md#step-velocity),
  /// judged in T5 with any step velocities the results carry.
  std::vector<std::filesystem::path> step_velocity;
  /// A results folder of a sweep over temperature (e.g. scenarios/paper_fig1_temperature.yaml) on which T6 is
  /// judged instead of on `results_dir`: its own Ag curves at 1e-3 /s, 300 and 350 K. Read only.
  std::optional<std::filesystem::path> temperature_sweep;
};

/// Reads points.csv (or yield.csv) of `results_dir`, groups by (material, ε̇, T, D), and writes
/// compare.txt, compare.json, targets.md (verdicts on T1–T7, unless not judged) and compare_yield_vs_diameter.png into
/// it (each atomically); prints the table on `out`. Throws InputError (located) for missing or malformed inputs.
void compareCommand(const CompareOptions& options, std::ostream& out);

}  // namespace surfkmc::app
