// SPDX-License-Identifier: MIT
// `surfkmc sweep`: every (point, replica) of a scenario's sweep, in parallel, resumable.
#include "app/sweep_command.hpp"

#include <tbb/blocked_range.h>
#include <tbb/global_control.h>
#include <tbb/parallel_for.h>
#include <tbb/partitioner.h>

#include <filesystem>
#include <ostream>
#include <string>

#include "app/mpi_launch.hpp"
#include "app/mpi_sweep.hpp"
#include "app/progress_meter.hpp"
#include "app/replica_runner.hpp"
#include "app/source_file.hpp"
#include "app/stop_request.hpp"
#include "app/sweep_job.hpp"
#include "core/error.hpp"

namespace surfkmc::app {
namespace {

void runTasks(const SweepJob& job, int threads, ProgressMeter& progress) {
  tbb::global_control limit(tbb::global_control::max_allowed_parallelism, static_cast<std::size_t>(threads));
  // One task per chunk: replicas take seconds to minutes, so balance beats scheduling overhead.
  const std::vector<SweepTask>& todo = job.todo();
  tbb::parallel_for(
      tbb::blocked_range<std::size_t>(0, todo.size(), 1),
      [&](const tbb::blocked_range<std::size_t>& range) {
        for (std::size_t i = range.begin(); i != range.end(); ++i) {
          ReplicaWatch watch = job.watchFor(todo[i]);
          watch.progress = [&progress, i](const TaskProgress& now) { progress.update(i, now); };
          progress.taskDone(i, job.run(todo[i], watch));
        }
      },
      tbb::simple_partitioner());
}

}  // namespace

void sweepCommand(const SweepOptions& options, std::ostream& out, std::ostream& err) {
  if (const int ranks = mpiLauncherRanks(); ranks > 0) {
    if (mpiSweepBuilt()) {
      mpiSweep(options, out, err);
      return;
    }
    if (ranks > 1)
      throw InputError("sweep: started as " + std::to_string(ranks) +
                       " MPI ranks, but this surfkmc was built without MPI, so each would run the whole sweep "
                       "into the same folder; rebuild it with MPI (libopenmpi-dev; cmake -DSURFKMC_WITH_MPI=ON), "
                       "or run one process without mpirun");
  }

  const int threads = sweepThreadCount(options.threads);
  const SweepJob job = SweepJob::prepare(options, threads, 1);
  if (!job.movedAside().empty())
    out << "moved the earlier results in " << printableText(job.dir().string(), 4096) << " aside to "
        << printableText(job.movedAside().string(), 4096) << "\n";
  if (job.resumed())
    out << "resuming " << printableText(job.dir().string(), 4096) << ": " << job.alreadyDone() << " of " << job.total()
        << " done\n";

  ProgressMeter progress(job.total(), job.alreadyDone(), job.progressOptions(options.quiet));
  // From here a signal asks every running replica to write its checkpoint and stop.
  installStopHandlers();
  try {
    runTasks(job, threads, progress);
  } catch (const Stopped& e) {
    progress.finish("stopped");
    throw job.stopped(e.signal(), e.what());
  }
  progress.finish();
  job.finish(options.data_file, out);
}

}  // namespace surfkmc::app
