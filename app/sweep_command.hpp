// SPDX-License-Identifier: MIT
// `surfkmc sweep SCENARIO [--threads N] [--out DIR] [--resume DIR] [--data FILE] [--shard I/N] [--series]`.
#pragma once

#include <filesystem>
#include <iosfwd>
#include <optional>

#include "app/sweep_shard.hpp"

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
  /// Run only this share of the tasks (a job-array task); the report is left to a final --resume.
  std::optional<SweepShard> shard;
  /// Worker threads per process (0: the cores it may use). Results do not depend on it.
  int threads = 0;
  /// Wall time between mid-replica checkpoints [s] (`--checkpoint-every`); overrides the
  /// scenario's `checkpoint_every_s`.
  std::optional<double> checkpoint_every_s;
  /// Start afresh over the results of an earlier sweep: its folder is moved aside to `<dir>.old-<n>`.
  bool force = false;
  /// No progress rows on stderr (progress.json is still kept up to date).
  bool quiet = false;
  /// Every replica streams its time series to series/p<point>_r<replica>.csv (`--series`). A
  /// property of the sweep, kept in its manifest: a resumed sweep goes on as it was started, and
  /// `--resume --series` of a sweep started without it is an InputError (its replicas so far wrote
  /// no series, so the set would be half-written).
  bool series = false;
};

/// Expands the scenario's sweep (loadSweepPlan: every point validated before any runs), runs every
/// (point, replica) to its first nucleation in parallel, each with streams from (seed, point,
/// replica), saving each finished result at once to <dir>/points/ (atomically), and then writes the
/// report (writeSweepReport) and prints its table to `out`. Every scenario point needs `loading:`.
/// While it runs it shows its progress (stderr rows unless `quiet`, <dir>/progress.json), streams
/// what SweepJob::watchFor asks of each replica (frames, and with `series` the time series), and a
/// SIGTERM or SIGINT makes every running replica write its checkpoint and stop: then it throws
/// Stopped, whose message names `surfkmc sweep --resume DIR`.
/// Started by mpirun or srun (and built with MPI), it spreads the tasks over the ranks (mpiSweep);
/// otherwise it runs them with oneTBB in this process. `err` takes the messages of a rank that has
/// to abort an MPI job.
void sweepCommand(const SweepOptions& options, std::ostream& out, std::ostream& err);

}  // namespace surfkmc::app
