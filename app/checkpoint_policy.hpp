// SPDX-License-Identifier: MIT
// When and where a run writes checkpoints, and whether it continues from them.
#pragma once

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>

#include "app/scenario.hpp"

namespace surfkmc::app {

struct SweepPlan;

/// Checkpoints of one run or replica. The default writes none and resumes none.
struct CheckpointPolicy {
  /// Folder of the checkpoint files (created on the first write); empty: no checkpoints.
  std::filesystem::path dir;
  /// Wall time between two checkpoints [s]; 0: none written (one found is still resumed).
  double every_s = 0.0;
  /// Continue from a checkpoint found in `dir` (otherwise one there is ignored and overwritten).
  bool resume = false;
  /// inputsHash() of the scenario and material files (input_identity.hpp): a checkpoint or record
  /// must match it.
  std::string scenario_hash;
  /// Where a finished replica's record (replica_record.hpp) is saved before its checkpoint is
  /// deleted, so no finished work depends on a file that is about to go.
  std::optional<std::filesystem::path> record_dir;

  /// Whether checkpoints are written.
  bool writes() const { return !dir.empty() && every_s > 0.0; }
  /// `<dir>/p<point>_r<replica>.ckpt`.
  std::filesystem::path file(std::uint64_t point, std::uint64_t replica) const;
};

/// The checkpoint interval in force [s]: the command line's, else the scenario's
/// `checkpoint_every_s`, else 0 (none).
double checkpointInterval(const std::optional<double>& command_line_s, const Scenario& scenario);

/// The policy of the replicas of point `point` of a sweep writing into `results_dir`: checkpoints
/// every `checkpoint_every_s` of the point's scenario in `<results_dir>/checkpoints/`, continued
/// when the sweep is `resumed` (otherwise overwritten), each removed once the replica's record is
/// in `<results_dir>/points/`. (`--checkpoint-every` reaches it through the points' scenarios.)
CheckpointPolicy sweepCheckpoints(const std::filesystem::path& results_dir, const SweepPlan& plan, std::size_t point,
                                  bool resumed);

}  // namespace surfkmc::app
