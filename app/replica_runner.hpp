// SPDX-License-Identifier: MIT
// One replica of a scenario: its parameters in engine units and the coupled run that gives its yield.
#pragma once

#include <cstdint>
#include <filesystem>
#include <functional>
#include <string>

#include "app/checkpoint_policy.hpp"
#include "app/progress_meter.hpp"
#include "app/scenario.hpp"
#include "coupling/coupled_run.hpp"

namespace surfkmc::app {

/// The coupled-run parameters of a scenario (material + kmc + loading + nucleation sections) for a
/// specimen of the given diameter [Å] and gauge length [Å]. Requires a `loading:` section.
coupling::CoupledRunParams coupledParams(const Scenario& scenario, double diameter_A, double gauge_length_A);

/// The specimen's diameter [Å]: the gauge's for a gauged cylinder, the equivalent circle's (same
/// area) for a rectangle or slab section.
double specimenDiameterA(const Scenario& scenario);

/// Free surface per cross-section of the specimen, P/A [1/Å]: 4/D for a cylinder (its gauge's, if gauged),
/// 2(w + t)/(w t) for a rectangle, 2/t for a slab (two free faces).
double surfacePerSectionPerA(const lattice::WireSpec& wire);

/// σ_off of the computed nucleation laws on this specimen (docs/model.md#nucleation, "Which stress the
/// computed laws see"): the segment's surface-stress force per area, σ_s, minus the specimen's, σ_s (P/A) / (4/D_s).
/// Zero without computed laws.
double computedStressOffsetGPa(const Scenario& scenario);

/// What one replica returns.
struct ReplicaOutput {
  std::uint64_t point = 0;
  std::uint64_t replica = 0;
  coupling::CoupledResult result;
  std::int64_t atoms_initial = 0;
  std::int64_t atoms_final = 0;
  double wall_time_s = 0.0;
  /// Continued from a checkpoint (not from the start).
  bool resumed = false;
  /// extXYZ frame of the specimen at yield with the nucleation site marked (empty if not kept).
  std::string yield_snapshot;

  friend bool operator==(const ReplicaOutput&, const ReplicaOutput&) = default;
};

/// What a replica shows while it runs; all optional.
struct ReplicaWatch {
  /// Called at every analysis boundary with where the replica is.
  std::function<void(const TaskProgress&)> progress;
  /// Time series streamed row by row (coupledSeriesRow); `series_head` starts a new one.
  std::filesystem::path series_file;
  std::string series_head;
  /// extXYZ frames streamed at the first boundary at or after each multiple of `frame_every_s`
  /// (0: none), just before and just after each slip event (`slip=before|after` in the comment
  /// line), and, always, a final frame (the yield snapshot).
  std::filesystem::path frames_file;
  double frame_every_s = 0.0;
};

/// The time-series header line (newline included) and one row of replica `replica`.
std::string coupledSeriesHeader();
std::string coupledSeriesRow(std::uint64_t replica, const coupling::CoupledSample& sample);

/// Builds the specimen and runs one coupled replica with streams from (seed, point, replica).
/// With `checkpoints`: continues from the replica's checkpoint if one is there and `resume` is set
/// (InputError if it belongs to another scenario, point or replica), writes one at the first
/// analysis boundary after every `every_s` of wall time, and when the replica is done saves its
/// record (if `record_dir`) and then deletes the checkpoint. The result is the same bit for bit
/// with or without checkpoints, resumed or not (only wall_time_s differs), and so are the files
/// `watch` streams: a checkpoint holds their lengths and checksums, and a resume cuts them back.
/// On a stop request (stop_request.hpp) the replica writes its checkpoint at the next boundary
/// and throws Stopped.
ReplicaOutput runCoupledReplica(const Scenario& scenario, std::uint64_t point, std::uint64_t replica,
                                bool keep_snapshot, const CheckpointPolicy& checkpoints = {},
                                const ReplicaWatch& watch = {});

}  // namespace surfkmc::app
