// SPDX-License-Identifier: MIT
// Recognising mpirun / srun from the environment, so a plain `surfkmc sweep` never starts MPI.
#include "app/mpi_launch.hpp"

#include <gtest/gtest.h>

#include <cstdlib>
#include <optional>
#include <string>

namespace surfkmc::app {
namespace {

/// Sets (or, with nullopt, removes) environment variables for one test and restores them after.
class ScopedEnvironment {
 public:
  ScopedEnvironment() {
    for (const char* name : kNames) {
      const char* value = std::getenv(name);
      saved_.push_back(value ? std::optional<std::string>(value) : std::nullopt);
      ::unsetenv(name);
    }
  }
  ~ScopedEnvironment() {
    for (std::size_t i = 0; i < std::size(kNames); ++i)
      saved_[i] ? (void)::setenv(kNames[i], saved_[i]->c_str(), 1) : (void)::unsetenv(kNames[i]);
  }
  void set(const char* name, const char* value) { ::setenv(name, value, 1); }

  static constexpr const char* kNames[] = {"OMPI_COMM_WORLD_SIZE", "PMI_RANK", "PMI_SIZE", "PMIX_RANK",
                                           "SLURM_STEP_NUM_TASKS"};

 private:
  std::vector<std::optional<std::string>> saved_;
};

TEST(MpiLaunch, NoLauncherMeansNoMpi) {
  ScopedEnvironment env;
  EXPECT_EQ(mpiLauncherRanks(), 0);
  env.set("SLURM_STEP_NUM_TASKS", "4");  // inside a Slurm step, but not an MPI launch
  EXPECT_EQ(mpiLauncherRanks(), 0);
}

TEST(MpiLaunch, ReadsTheRankCountOfEachLauncher) {
  {
    ScopedEnvironment env;
    env.set("OMPI_COMM_WORLD_SIZE", "3");
    EXPECT_EQ(mpiLauncherRanks(), 3);
  }
  {
    ScopedEnvironment env;
    env.set("PMI_RANK", "0");
    env.set("PMI_SIZE", "16");
    EXPECT_EQ(mpiLauncherRanks(), 16);
  }
  {
    ScopedEnvironment env;
    env.set("PMIX_RANK", "0");
    env.set("SLURM_STEP_NUM_TASKS", "8");
    EXPECT_EQ(mpiLauncherRanks(), 8);
  }
  {
    ScopedEnvironment env;
    env.set("PMIX_RANK", "0");
    EXPECT_EQ(mpiLauncherRanks(), 1) << "launched, size unknown";
    env.set("SLURM_STEP_NUM_TASKS", "many");
    EXPECT_EQ(mpiLauncherRanks(), 1);
  }
}

}  // namespace
}  // namespace surfkmc::app
