// SPDX-License-Identifier: MIT
// mpiSweep and mpiTeam for a build without MPI (SURFKMC_WITH_MPI=OFF, or no MPI library found).
#include "app/mpi_sweep.hpp"
#include "app/rank_team.hpp"

#include "core/error.hpp"

namespace surfkmc::app {

bool mpiSweepBuilt() { return false; }

void mpiSweep(const SweepOptions&, std::ostream&, std::ostream&) {
  throw InputError("sweep: this surfkmc was built without MPI; rebuild it with MPI (cmake -DSURFKMC_WITH_MPI=ON)");
}

bool mpiTeamBuilt() { return false; }

std::unique_ptr<RankTeam> mpiTeam() {
  throw InputError("this surfkmc was built without MPI; rebuild it with MPI (cmake -DSURFKMC_WITH_MPI=ON)");
}

}  // namespace surfkmc::app
