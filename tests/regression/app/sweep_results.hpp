// SPDX-License-Identifier: MIT
// Helpers of the sweep regression tests: start the surfkmc binary (or mpiexec) and compare results
// folders without what legitimately differs between runs.
#pragma once

#include <sys/wait.h>
#include <unistd.h>

#include <gtest/gtest.h>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <utility>
#include <vector>

#include "tests/regression/app/csv_rows.hpp"

namespace surfkmc::app::test {

inline const std::string kBinary = std::string(SURFKMC_BINARY_DIR) + "/bin/surfkmc";
/// 6 points x 2 replicas, about 0.12 s each on one thread (1.7 s for the sweep, figures included; 2026-12-06):
/// long enough to kill a single-process sweep part-way, whose test polls every 5 ms. The MPI test, which must
/// first find a rank's pid, runs it at a tenth of its strain rates.
inline const std::filesystem::path kSmallSweep =
    std::filesystem::path(SURFKMC_SOURCE_DIR) / "tests/regression/app/sweep_small.yaml";
/// 6 points x 2 replicas of a few hundredths of a second each (0.27 s for the sweep, 2026-12-06).
inline const std::filesystem::path kFastSweep =
    std::filesystem::path(SURFKMC_SOURCE_DIR) / "tests/regression/app/sweep_fast.yaml";

/// Starts `program` with `args` and the extra environment `env`, its stdout and stderr going to `log`.
inline pid_t spawn(const std::string& program, const std::vector<std::string>& args,
                   const std::vector<std::pair<std::string, std::string>>& env = {},
                   const std::filesystem::path& log = "/dev/null") {
  const pid_t pid = ::fork();
  if (pid == 0) {
    std::vector<char*> argv{const_cast<char*>(program.c_str())};
    for (const std::string& a : args) argv.push_back(const_cast<char*>(a.c_str()));
    argv.push_back(nullptr);
    for (const auto& [name, value] : env) ::setenv(name.c_str(), value.c_str(), 1);
    if (!std::freopen(log.c_str(), "w", stdout) || ::dup2(STDOUT_FILENO, STDERR_FILENO) < 0) ::_exit(126);
    ::execv(program.c_str(), argv.data());
    ::_exit(127);
  }
  return pid;
}

/// Waits for a spawned process: its exit code, or -1 if a signal ended it.
inline int waitExit(pid_t pid) {
  int status = 0;
  ::waitpid(pid, &status, 0);
  return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

/// Runs surfkmc with `args` (output to /dev/null) and returns its exit code (-1: killed).
inline int runSurfkmc(const std::vector<std::string>& args) { return waitExit(spawn(kBinary, args)); }

inline std::string readText(const std::filesystem::path& file) {
  std::ifstream in(file, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

/// The two results folders (of kSmallSweep or kFastSweep) hold the same results.
inline void expectSameResults(const std::filesystem::path& a, const std::filesystem::path& b) {
  const std::string points = comparableCsv(a / "points.csv", {"wall_time_s"});
  EXPECT_EQ(std::count(points.begin(), points.end(), '\n'), 1 + 12) << "header + 6 points x 2 replicas";
  EXPECT_EQ(points, comparableCsv(b / "points.csv", {"wall_time_s"})) << a << " vs " << b;
  EXPECT_EQ(comparableCsv(a / "stress_strain.csv"), comparableCsv(b / "stress_strain.csv")) << a << " vs " << b;
}

/// Number of result records in a points/ folder.
inline std::size_t recordCount(const std::filesystem::path& records) {
  std::error_code ec;
  std::size_t n = 0;
  for (std::filesystem::directory_iterator it(records, ec), end; !ec && it != end; it.increment(ec))
    if (it->path().extension() == ".json") ++n;
  return n;
}

/// Every record in a points/ folder with its modification time: a kept record must not change.
inline std::vector<std::pair<std::filesystem::path, std::filesystem::file_time_type>> recordTimes(
    const std::filesystem::path& records) {
  std::vector<std::pair<std::filesystem::path, std::filesystem::file_time_type>> times;
  for (const auto& e : std::filesystem::directory_iterator(records))
    if (e.path().extension() == ".json") times.emplace_back(e.path(), std::filesystem::last_write_time(e.path()));
  return times;
}

}  // namespace surfkmc::app::test
