// SPDX-License-Identifier: MIT
// `surfkmc sweep SCENARIO [--threads N] [--out DIR] [--resume DIR] [--data FILE]`.
#pragma once

#include <filesystem>
#include <iosfwd>
#include <optional>

namespace surfkmc::app {

struct SweepOptions {
  /// Scenario file; may be omitted with `resume_dir` (then the one the run in it was started with).
  std::optional<std::filesystem::path> scenario;
  /// Results folder; default results/<name>.
  std::optional<std::filesystem::path> out_dir;
  /// Folder of a killed sweep to continue: its finished (point, replica) results are kept.
  std::optional<std::filesystem::path> resume_dir;
  /// Experimental yield strengths for the yield-vs-diameter figure (skipped if the file is absent).
  std::optional<std::filesystem::path> data_file;
  /// Worker threads (0: all cores). Results do not depend on it.
  int threads = 0;
};

/// Expands the scenario's sweep (loadSweepPlan: every point validated before any runs), runs every
/// (point, replica) to its first nucleation in parallel, each with streams from (seed, point,
/// replica), saving each finished result at once to <dir>/points/ (atomically), and then writes the
/// report (writeSweepReport) and prints its table to `out`. Every scenario point needs `loading:`.
void sweepCommand(const SweepOptions& options, std::ostream& out);

}  // namespace surfkmc::app
