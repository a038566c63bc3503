// SPDX-License-Identifier: MIT
// A sweep ready to run: its plan, results folder and tasks; what the one-process (oneTBB) and the
// MPI sweeps share.
#pragma once

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <iosfwd>
#include <optional>
#include <string>
#include <vector>

#include "app/progress_meter.hpp"
#include "app/provenance.hpp"
#include "app/replica_runner.hpp"
#include "app/results_folder.hpp"
#include "app/stop_request.hpp"
#include "app/sweep_command.hpp"
#include "app/sweep_plan.hpp"

namespace surfkmc::app {

/// One (point, replica) of a sweep.
struct SweepTask {
  std::size_t point = 0;
  std::uint64_t replica = 0;
};

/// Threads for `requested` (0: the cores this process may run on, which respects a cluster's or
/// mpirun's CPU binding).
int sweepThreadCount(int requested);

/// Everything about a sweep except how its tasks are spread over threads and ranks. Each finished
/// task is saved at once as a record in <dir>/points/ (replica_record.hpp); the report is built from
/// the records alone, so it does not depend on who ran which task, or when.
class SweepJob {
 public:
  /// The run `options` ask for, from the process that owns the results folder (the only process, or
  /// MPI rank 0): resolves SCENARIO / --resume / --out, loads and validates every point, opens and
  /// locks the results folder (ResultsFolder: a fresh sweep only into a new or empty folder, or with
  /// --force after moving the old one aside; shards share the lock), checks (on --resume, or --shard
  /// into a started folder) or writes the manifest `sweep.json`, and lists the tasks
  /// without a record, longest first; with --shard, only the shard's. `threads` per rank and `ranks`
  /// go into the provenance. Throws InputError for bad input.
  static SweepJob prepare(const SweepOptions& options, int threads, int ranks);

  /// What a sweep demands of its expanded plan beyond each point being a valid scenario: every
  /// point has a loading: section, and each distinct specimen builds (buildSpecimen: not empty).
  /// Throws InputError. prepare() and `check` both call it, before anything is written.
  static void checkPlan(const SweepPlan& plan);

  /// What prepare() resolved that every MPI rank must use alike (mpiSweep broadcasts it).
  struct Shared {
    std::filesystem::path scenario;  ///< the scenario file, absolute
    std::filesystem::path dir;       ///< the results folder, absolute
    std::string hash;                ///< the scenario file's hash
    bool resumed = false;
    bool series = false;
    /// The provenance line (`#`, no newline) of rank 0, which heads every streamed time series.
    std::string provenance_comment;
  };
  Shared shared() const;

  /// The same sweep on another MPI rank, from what prepare() resolved there: loads the plan again
  /// (every rank needs the points' scenarios) and throws InputError if the file's hash is no longer
  /// `shared.hash`. `checkpoint_every_s` is the command line's --checkpoint-every.
  static SweepJob attach(const Shared& shared, std::optional<double> checkpoint_every_s);

  const SweepPlan& plan() const { return plan_; }
  /// The results folder.
  const std::filesystem::path& dir() const { return dir_; }
  /// The tasks still to run, longest first (prepare() only).
  const std::vector<SweepTask>& todo() const { return todo_; }
  /// Tasks of this run (all, or the shard's), and how many of them had a record already.
  std::size_t total() const { return total_; }
  std::size_t alreadyDone() const { return total_ - todo_.size(); }
  /// Whether records of an earlier run were kept (--resume, or --shard into a started folder).
  bool resumed() const { return resumed_; }
  const std::optional<SweepShard>& shard() const { return shard_; }
  /// Whether every replica streams its time series (`--series`, as the sweep was started).
  bool series() const { return series_; }
  /// Where --force moved the earlier results (empty if it did not).
  const std::filesystem::path& movedAside() const { return moved_aside_; }

  /// What the replica of `task` streams while it runs, the same on every rank and in every run of
  /// the sweep (a resume cuts the files back to its checkpoint): with kmc.snapshot_every_s in the
  /// point's scenario, extXYZ frames to frames/p<point>_r<replica>.xyz (and always a final one);
  /// with series(), the time series to series/p<point>_r<replica>.csv, with the provenance line and
  /// the header of a loaded run's timeseries_r<k>.csv. Creates those folders. No progress callback.
  ReplicaWatch watchFor(const SweepTask& task) const;

  /// Runs one task and saves its record, showing what `watch` asks for while it runs (watchFor,
  /// plus a progress callback). Returns the simulated time to yield [s]. Thread-safe. On a stop
  /// request the replica writes its checkpoint and throws Stopped.
  double run(const SweepTask& task, const ReplicaWatch& watch) const;

  /// How a sweep shows its progress, on one process or MPI rank 0: rows on stderr unless `quiet`,
  /// and <dir>/progress.json with mode "sweep".
  ProgressOptions progressOptions(bool quiet) const;

  /// What a stopped sweep throws: Stopped with `what` and how to continue (`surfkmc sweep --resume DIR`).
  Stopped stopped(int signal, const std::string& what) const;

  /// Whether every task of todo() has its record now (a stop may come after the last one started).
  bool complete() const;

  /// After every task has run: writes the report from the records (writeSweepReport) and prints its
  /// table, or, for a shard, prints what is left to do. Throws RuntimeError if a record is missing.
  void finish(const std::optional<std::filesystem::path>& data_file, std::ostream& out) const;

 private:
  SweepJob() = default;

  SweepPlan plan_;
  std::filesystem::path dir_;
  std::filesystem::path records_;
  Provenance provenance_;
  std::vector<SweepTask> todo_;
  std::size_t total_ = 0;
  bool resumed_ = false;
  std::optional<SweepShard> shard_;
  /// The results folder, locked while the job (or a copy of it) lives; empty for attach().
  std::optional<ResultsFolder> folder_;
  std::filesystem::path moved_aside_;
  /// inputsHash() of the scenario and material files: what records and checkpoints must match.
  std::string inputs_hash_;
  bool series_ = false;
  /// Heads every streamed time series: a provenance line and coupledSeriesHeader().
  std::string series_head_;
};

}  // namespace surfkmc::app
