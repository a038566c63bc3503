// SPDX-License-Identifier: MIT
// Whether this process was started by an MPI launcher, read from its environment (no MPI needed).
#pragma once

namespace surfkmc::app {

/// The number of ranks an MPI launcher started this process among: OMPI_COMM_WORLD_SIZE (Open MPI's
/// mpirun), PMI_SIZE (MPICH, `srun --mpi=pmi2`), or for PMIx alone (`srun --mpi=pmix`) Slurm's
/// SLURM_STEP_NUM_TASKS. 0 when no launcher started it (no OMPI_COMM_WORLD_SIZE, PMI_RANK, PMI_SIZE
/// or PMIX_RANK in the environment); at least 1 otherwise.
int mpiLauncherRanks();

}  // namespace surfkmc::app
