// SPDX-License-Identifier: MIT
// `surfkmc run` without a loading: section: the surface KMC for a duration or a number of events.
#pragma once

#include <filesystem>
#include <iosfwd>

#include "app/checkpoint_policy.hpp"
#include "app/progress_meter.hpp"
#include "app/provenance.hpp"
#include "app/scenario.hpp"

namespace surfkmc::app {

/// Runs the KMC of `s` into the results folder `dir` in chunks of events: timeseries.csv and
/// snapshots.xyz grow while it runs (a frame at the start, every kmc.snapshot_every_s, and at the
/// end), progress goes to `progress`, a checkpoint is written every `checkpoints.every_s` and on
/// a stop request (SIGTERM/SIGINT; then Stopped is thrown), and summary.json is written at the
/// end. With `checkpoints.resume` it continues from the checkpoint (if any), the streamed files
/// cut back to their length at that checkpoint: the files end byte for byte as an uninterrupted
/// run's would (the provenance line aside).
void runKmcOnly(const Scenario& s, const std::filesystem::path& dir, const Provenance& prov,
                const CheckpointPolicy& checkpoints, const ProgressOptions& progress, std::ostream& out);

}  // namespace surfkmc::app
