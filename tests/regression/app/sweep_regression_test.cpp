// SPDX-License-Identifier: MIT
// Fixed-seed sweeps through the surfkmc binary: results do not depend on the thread count, and a
// sweep killed with SIGKILL part-way resumes (--resume) to the same results.
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <gtest/gtest.h>

#include <algorithm>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include "tests/unit/app/test_files.hpp"

namespace surfkmc::app {
namespace {

namespace fs = std::filesystem;

const std::string kBinary = std::string(SURFKMC_BINARY_DIR) + "/bin/surfkmc";
const fs::path kScenario = fs::path(SURFKMC_SOURCE_DIR) / "tests/regression/app/sweep_small.yaml";

/// Runs surfkmc with `args` (stdout and stderr to /dev/null) and returns its exit code (-1: killed).
int runSurfkmc(const std::vector<std::string>& args) {
  const pid_t pid = ::fork();
  if (pid == 0) {
    std::vector<char*> argv{const_cast<char*>(kBinary.c_str())};
    for (const std::string& a : args) argv.push_back(const_cast<char*>(a.c_str()));
    argv.push_back(nullptr);
    std::freopen("/dev/null", "w", stdout);
    std::freopen("/dev/null", "w", stderr);
    ::execv(kBinary.c_str(), argv.data());
    ::_exit(127);
  }
  int status = 0;
  ::waitpid(pid, &status, 0);
  return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

/// A results CSV without what legitimately differs between runs: the `#` provenance line (it holds
/// the thread count and the date) and, in points.csv, the last column (wall_time_s).
std::string comparable(const fs::path& csv, bool drop_last_column) {
  std::ifstream in(csv);
  std::string line, out;
  while (std::getline(in, line)) {
    if (line.starts_with('#')) continue;
    if (drop_last_column) line = line.substr(0, line.rfind(','));
    out += line + '\n';
  }
  return out;
}

void expectSameResults(const fs::path& a, const fs::path& b) {
  const std::string points = comparable(a / "points.csv", true);
  EXPECT_EQ(std::count(points.begin(), points.end(), '\n'), 1 + 12) << "header + 6 points x 2 replicas";
  EXPECT_EQ(points, comparable(b / "points.csv", true));
  EXPECT_EQ(comparable(a / "stress_strain.csv", false), comparable(b / "stress_strain.csv", false));
}

TEST(SweepRegression, OneAndTwoThreadsGiveIdenticalResults) {
  const test::TempDir dir;
  ASSERT_EQ(runSurfkmc({"sweep", kScenario.string(), "--threads", "1", "--out", (dir.path() / "t1").string()}), 0);
  ASSERT_EQ(runSurfkmc({"sweep", kScenario.string(), "--threads", "2", "--out", (dir.path() / "t2").string()}), 0);
  expectSameResults(dir.path() / "t1", dir.path() / "t2");
}

std::size_t recordCount(const fs::path& records) {
  std::error_code ec;
  std::size_t n = 0;
  for (fs::directory_iterator it(records, ec), end; !ec && it != end; it.increment(ec))
    if (it->path().extension() == ".json") ++n;
  return n;
}

TEST(SweepRegression, SweepKilledPartWayResumesToIdenticalResults) {
  const test::TempDir dir;
  const fs::path killed = dir.path() / "killed";
  const fs::path whole = dir.path() / "whole";

  const pid_t pid = ::fork();
  if (pid == 0) {
    std::freopen("/dev/null", "w", stdout);
    std::freopen("/dev/null", "w", stderr);
    ::execl(kBinary.c_str(), kBinary.c_str(), "sweep", kScenario.c_str(), "--threads", "1", "--out", killed.c_str(),
            static_cast<char*>(nullptr));
    ::_exit(127);
  }
  // Kill it once some, but not all, of the 12 (point, replica) results are on disk.
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(50);
  while (recordCount(killed / "points") < 2 && std::chrono::steady_clock::now() < deadline)
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
  ::kill(pid, SIGKILL);
  int status = 0;
  ::waitpid(pid, &status, 0);
  ASSERT_TRUE(WIFSIGNALED(status)) << "the sweep finished before it could be killed; make it longer";
  const std::size_t kept = recordCount(killed / "points");
  ASSERT_GE(kept, 2u);
  ASSERT_LT(kept, 12u);
  EXPECT_FALSE(fs::exists(killed / "points.csv"));

  // Finished results are kept, not recomputed: their files stay as they were.
  std::vector<std::pair<fs::path, fs::file_time_type>> before;
  for (const auto& e : fs::directory_iterator(killed / "points"))
    if (e.path().extension() == ".json") before.emplace_back(e.path(), fs::last_write_time(e.path()));
  ASSERT_EQ(runSurfkmc({"sweep", "--resume", killed.string(), "--threads", "2"}), 0);
  for (const auto& [file, time] : before) EXPECT_EQ(fs::last_write_time(file), time) << file;
  EXPECT_EQ(recordCount(killed / "points"), 12u);

  ASSERT_EQ(runSurfkmc({"sweep", kScenario.string(), "--threads", "2", "--out", whole.string()}), 0);
  expectSameResults(killed, whole);
}

TEST(SweepRegression, ResumeRefusesAChangedScenario) {
  const test::TempDir dir;
  // Pt without a kmc: section (a frozen surface): fast.
  const std::string text =
      "schema_version: 1\nname: r\nseed: 1\nmaterial: Pt\ngeometry: {shape: cylinder, diameter_nm: 2, length_nm: 3}\n"
      "loading: {strain_rate_per_s: 1.0}\nsweep: {geometry.diameter_nm: [2, 2.5]}\n";
  const fs::path scenario = dir.write("s.yaml", text);
  const fs::path out = dir.path() / "out";
  ASSERT_EQ(runSurfkmc({"sweep", scenario.string(), "--out", out.string()}), 0);
  ASSERT_EQ(runSurfkmc({"sweep", "--resume", out.string()}), 0) << "an unchanged scenario resumes (nothing to do)";
  dir.write("s.yaml", text + "# changed\n");
  EXPECT_EQ(runSurfkmc({"sweep", "--resume", out.string()}), 2);
  EXPECT_EQ(runSurfkmc({"sweep", "--resume", (dir.path() / "nowhere").string()}), 2);
}

}  // namespace
}  // namespace surfkmc::app
