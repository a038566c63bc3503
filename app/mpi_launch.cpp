// SPDX-License-Identifier: MIT
// Recognising an MPI launcher from the environment it gives its processes.
#include "app/mpi_launch.hpp"

#include <cstdlib>
#include <initializer_list>

#include "core/parse_number.hpp"

namespace surfkmc::app {
namespace {

/// The positive integer in environment variable `name`, or 0.
int positiveVariable(const char* name) {
  const char* text = std::getenv(name);
  if (!text) return 0;
  const auto value = parseWhole<int>(text);
  return value && *value > 0 ? *value : 0;
}

}  // namespace

int mpiLauncherRanks() {
  const bool launched = std::getenv("OMPI_COMM_WORLD_SIZE") || std::getenv("PMI_RANK") || std::getenv("PMI_SIZE") ||
                        std::getenv("PMIX_RANK");
  if (!launched) return 0;
  for (const char* name : {"OMPI_COMM_WORLD_SIZE", "PMI_SIZE", "SLURM_STEP_NUM_TASKS"})
    if (const int n = positiveVariable(name); n > 0) return n;
  return 1;
}

}  // namespace surfkmc::app
