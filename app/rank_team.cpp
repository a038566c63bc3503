// SPDX-License-Identifier: MIT
#include "app/rank_team.hpp"

#include "app/mpi_launch.hpp"
#include "core/error.hpp"

namespace surfkmc::app {
namespace {

class SoloTeam final : public RankTeam {
 public:
  int rank() const override { return 0; }
  int size() const override { return 1; }
  std::vector<std::string> gather(const std::string& mine) override { return {mine}; }
  std::string broadcast(const std::string& text) override { return text; }
  [[noreturn]] void abort(std::exception_ptr failure, std::ostream&) override { std::rethrow_exception(failure); }
};

}  // namespace

std::unique_ptr<RankTeam> soloTeam() { return std::make_unique<SoloTeam>(); }

std::unique_ptr<RankTeam> launchedTeam(const std::string& command) {
  const int ranks = mpiLauncherRanks();
  if (ranks > 0 && mpiTeamBuilt()) return mpiTeam();
  if (ranks > 1)
    throw InputError(command + ": started as " + std::to_string(ranks) +
                     " MPI ranks, but this surfkmc was built without MPI, so each would do the whole work into the "
                     "same folder; rebuild it with MPI (libopenmpi-dev; cmake -DSURFKMC_WITH_MPI=ON), or run one "
                     "process without mpirun");
  return soloTeam();
}

}  // namespace surfkmc::app
