// SPDX-License-Identifier: MIT
// `surfkmc sweep` over MPI: rank 0 hands out the (point, replica) tasks, every rank runs them with
// oneTBB. Compiled from mpi_sweep.cpp when built with MPI, else from mpi_sweep_stub.cpp.
#pragma once

#include <iosfwd>

#include "app/sweep_command.hpp"

namespace surfkmc::app {

/// Whether this surfkmc was built with MPI (CMake option SURFKMC_WITH_MPI).
bool mpiSweepBuilt();

/// The sweep of sweepCommand spread over the ranks of MPI_COMM_WORLD, for a process started by
/// mpirun or srun; every rank calls it with the same options. Rank 0 prepares the results folder
/// (SweepJob::prepare), hands out the tasks longest first, one per free thread of whichever rank asks,
/// runs tasks itself too, and writes the report; the other ranks run `options.threads` tasks at a
/// time and save their records themselves (the ranks share the file system). The results are those
/// of a one-process run: they do not depend on the number of ranks or threads.
///
/// Every rank streams the frames and series files of its tasks (SweepJob::watchFor), the same files
/// a one-process sweep writes; rank 0 shows the progress (SweepJob::progressOptions: rows unless
/// `options.quiet`, progress.json).
///
/// Bad input is found by rank 0 alone and thrown there (the other ranks return quietly). A task
/// that fails stops the handing out; the tasks running finish and are saved, then rank 0 throws the
/// first failure. SIGTERM or SIGINT on any rank (installStopHandlers on every rank) stops the
/// handing out and is passed on to every rank: each running task writes its checkpoint and stops,
/// and rank 0 throws Stopped with the `--resume DIR` hint (exit 128 + signal), unless every task had
/// finished anyway. A rank killed part-way ends the whole job (mpirun does that); the records saved
/// so far stay, and `--resume DIR` continues. Throws InputError when built without MPI.
void mpiSweep(const SweepOptions& options, std::ostream& out, std::ostream& err);

}  // namespace surfkmc::app
