// SPDX-License-Identifier: MIT
// `surfkmc run SCENARIO [--out DIR] [--threads N] [--checkpoint-every S] [--resume DIR]`: evolve a
// wire, or load it to yield.
#pragma once

#include <filesystem>
#include <iosfwd>
#include <optional>

namespace surfkmc::app {

struct RunOptions {
  /// Results folder; default results/<scenario name>.
  std::optional<std::filesystem::path> out_dir;
  /// Worker threads for replicas (0: all cores). Results do not depend on it.
  int threads = 0;
  /// Wall time between checkpoints [s]; overrides the scenario's `checkpoint_every_s`.
  std::optional<double> checkpoint_every_s;
  /// Results folder of a killed run to continue (the scenario may then be omitted).
  std::optional<std::filesystem::path> resume_dir;
  /// Start afresh over the results of an earlier run: its folder is moved aside to `<dir>.old-<n>`.
  bool force = false;
  /// No progress rows on stderr (progress.json is still kept up to date).
  bool quiet = false;
};

/// Without a `loading:` section: runs the KMC for kmc.duration_s / max_events and writes
/// summary.json, timeseries.csv and (with snapshot_every_s) snapshots.xyz. With one: runs
/// `replicas` coupled replicas to their first nucleation and writes yield.csv, timeseries.csv,
/// summary.json and yield_r<replica>.xyz. Prints a short report to `out`.
///
/// Every run writes `run.json` (scenario path and hash) into its folder. With a checkpoint interval
/// it writes checkpoints into `<dir>/checkpoints/` (a KMC-only run between chunks of events, a
/// coupled replica at its analysis boundaries) and a record of each finished replica; `resume_dir`
/// continues from them to results identical to an uninterrupted run's. `scenario` may be empty
/// with `resume_dir`; a finished run (summary.json written) is reported complete and left as it is.
/// The checkpoints are deleted once the results are written.
///
/// While it runs: progress rows on stderr (ProgressMeter) unless `quiet`, progress.json in the
/// folder, and streamed time series and frames (docs/outputs.md). SIGTERM or SIGINT writes a
/// checkpoint at the next boundary and throws Stopped (exit 128 + signal).
void runCommand(const std::filesystem::path& scenario, const RunOptions& options, std::ostream& out);

}  // namespace surfkmc::app
