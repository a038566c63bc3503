// SPDX-License-Identifier: MIT
// Fixed-seed sweeps through the surfkmc binary: results do not depend on the thread count, a sweep
// killed with SIGKILL part-way resumes (--resume) to the same results, and the shards of a job array
// (--shard) add up to the whole sweep.
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <gtest/gtest.h>

#include <chrono>
#include <filesystem>
#include <string>
#include <thread>
#include <vector>

#include "tests/regression/app/sweep_results.hpp"
#include "tests/unit/app/test_files.hpp"

namespace surfkmc::app {
namespace {

namespace fs = std::filesystem;
using test::expectSameResults;
using test::recordCount;
using test::recordTimes;
using test::runSurfkmc;

const fs::path kScenario = test::kSmallSweep;

TEST(SweepRegression, OneAndTwoThreadsGiveIdenticalResults) {
  const test::TempDir dir;
  ASSERT_EQ(runSurfkmc({"sweep", kScenario.string(), "--threads", "1", "--out", (dir.path() / "t1").string()}), 0);
  ASSERT_EQ(runSurfkmc({"sweep", kScenario.string(), "--threads", "2", "--out", (dir.path() / "t2").string()}), 0);
  expectSameResults(dir.path() / "t1", dir.path() / "t2");
}

TEST(SweepRegression, SweepKilledPartWayResumesToIdenticalResults) {
  const test::TempDir dir;
  const fs::path killed = dir.path() / "killed";
  const fs::path whole = dir.path() / "whole";

  const pid_t pid =
      test::spawn(test::kBinary, {"sweep", kScenario.string(), "--threads", "1", "--out", killed.string()});
  // Kill it once some, but not all, of the 12 (point, replica) results are on disk.
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(50);
  while (recordCount(killed / "points") < 2 && std::chrono::steady_clock::now() < deadline)
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
  ::kill(pid, SIGKILL);
  ASSERT_EQ(test::waitExit(pid), -1) << "the sweep finished before it could be killed; make it longer";
  const std::size_t kept = recordCount(killed / "points");
  ASSERT_GE(kept, 2u);
  ASSERT_LT(kept, 12u);
  EXPECT_FALSE(fs::exists(killed / "points.csv"));

  // Finished results are kept, not recomputed: their files stay as they were.
  const auto before = recordTimes(killed / "points");
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
  // A shard of another scenario must not join the folder (nor delete anything in it).
  EXPECT_EQ(runSurfkmc({"sweep", scenario.string(), "--out", out.string(), "--shard", "0/2"}), 2);
  EXPECT_EQ(recordCount(out / "points"), 2u);
}

TEST(SweepRegression, BadShardExitsTwoBeforeTouchingAnything) {
  const test::TempDir dir;
  for (const std::string bad : {"3/3", "1/0", "x", "-1/2", "1/2/3"})
    EXPECT_EQ(runSurfkmc({"sweep", test::kFastSweep.string(), "--out", (dir.path() / "out").string(), "--shard", bad}),
              2)
        << bad;
  EXPECT_FALSE(fs::exists(dir.path() / "out"));
}

TEST(SweepRegression, ShardsOfAJobArrayAddUpToTheWholeSweep) {
  const test::TempDir dir;
  const fs::path shards = dir.path() / "shards";
  const fs::path whole = dir.path() / "whole";

  // Three array tasks started at once into one new folder, as Slurm may start them.
  std::vector<pid_t> tasks;
  for (int i = 0; i < 3; ++i)
    tasks.push_back(test::spawn(test::kBinary, {"sweep", test::kFastSweep.string(), "--threads", "1", "--out",
                                                shards.string(), "--shard", std::to_string(i) + "/3"}));
  for (const pid_t pid : tasks) EXPECT_EQ(test::waitExit(pid), 0);
  EXPECT_EQ(recordCount(shards / "points"), 12u) << "no shard deleted another's records";
  EXPECT_FALSE(fs::exists(shards / "points.csv")) << "the report is left to the final --resume";

  // An array task run again (say, requeued) redoes nothing and deletes nothing.
  const auto before = recordTimes(shards / "points");
  ASSERT_EQ(runSurfkmc({"sweep", test::kFastSweep.string(), "--out", shards.string(), "--shard", "1/3"}), 0);
  for (const auto& [file, time] : before) EXPECT_EQ(fs::last_write_time(file), time) << file;

  ASSERT_EQ(runSurfkmc({"sweep", "--resume", shards.string()}), 0);
  for (const auto& [file, time] : before) EXPECT_EQ(fs::last_write_time(file), time) << file;
  ASSERT_EQ(runSurfkmc({"sweep", test::kFastSweep.string(), "--threads", "2", "--out", whole.string()}), 0);
  expectSameResults(shards, whole);
}

}  // namespace
}  // namespace surfkmc::app
