// SPDX-License-Identifier: MIT
// `surfkmc run SCENARIO [--out DIR] [--threads N]`: evolve a wire, or load it to yield.
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
};

/// Without a `loading:` section: runs the KMC for kmc.duration_s / max_events and writes
/// summary.json, timeseries.csv and (with snapshot_every_s) snapshots.xyz. With one: runs
/// `replicas` coupled replicas to their first nucleation and writes yield.csv, timeseries.csv,
/// summary.json and yield_r<replica>.xyz. Prints a short report to `out`.
void runCommand(const std::filesystem::path& scenario, const RunOptions& options, std::ostream& out);

}  // namespace surfkmc::app
