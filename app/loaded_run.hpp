// SPDX-License-Identifier: MIT
// `surfkmc run` with a loading: section: replicas of one wire loaded to their first nucleation.
#pragma once

#include <filesystem>
#include <iosfwd>

#include "app/checkpoint_policy.hpp"
#include "app/progress_meter.hpp"
#include "app/provenance.hpp"
#include "app/scenario.hpp"

namespace surfkmc::app {

/// Runs the `replicas` replicas of `s` on `threads` threads into `dir`. While they run, each
/// streams timeseries_r<k>.csv (the rows of timeseries.csv) and frames_r<k>.xyz (a frame every
/// kmc.snapshot_every_s, if set, and a final one); at the end come yield.csv, timeseries.csv (all
/// replicas, in order), summary.json and yield_r<k>.xyz. Finished replicas are kept as records in
/// `checkpoints.record_dir`, so a resumed run neither loses nor recomputes them. A stop request
/// makes every running replica write its checkpoint and throws Stopped.
void runLoaded(const Scenario& s, const std::filesystem::path& dir, const Provenance& prov, int threads,
               const CheckpointPolicy& checkpoints, const ProgressOptions& progress, std::ostream& out);

}  // namespace surfkmc::app
