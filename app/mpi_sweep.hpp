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
/// Bad input is found by rank 0 alone and thrown there (the other ranks return quietly). A task
/// that fails stops the handing out; the tasks running finish and are saved, then rank 0 throws the
/// first failure. A rank killed part-way ends the whole job (mpirun does that); the records saved so
/// far stay, and `--resume DIR` continues. Throws InputError when built without MPI.
void mpiSweep(const SweepOptions& options, std::ostream& out, std::ostream& err);

}  // namespace surfkmc::app
