// SPDX-License-Identifier: MIT
// `surfkmc sweep --series` (issue 22): every replica streams its time series to
// series/p<point>_r<replica>.csv with the rows a loaded run of the same point writes; a sweep stopped
// by SIGTERM resumes to the same series, frames and results; the flag is fixed when a sweep starts.
#include <gtest/gtest.h>
#include <signal.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <filesystem>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include "test_files.hpp"
#include "tests/regression/app/csv_rows.hpp"

namespace surfkmc::app {
namespace {

namespace fs = std::filesystem;

/// Ag pulled fast: replicas of a few tenths of a second, each with a few dozen analysis steps.
const std::string kFastPoint =
    "schema_version: 1\nname: series\nseed: 7\nmaterial: Ag\n"
    "geometry: {shape: cylinder, diameter_nm: 2.5, length_nm: 3}\n"
    "kmc: {temperature_K: 300}\nloading: {strain_rate_per_s: 10.0}\nnucleation: {analysis_interval_s: "
    "0.0002}\nreplicas: 2\n";

/// Replicas of about a second with an analysis step every millisecond and frames every 5 ms: long
/// enough to stop part-way, with many boundaries to stop at.
const std::string kSlowSweep =
    "schema_version: 1\nname: series_slow\nseed: 11\nmaterial: Ag\n"
    "geometry: {shape: cylinder, diameter_nm: 2.5, length_nm: 3}\n"
    "kmc: {temperature_K: 300, snapshot_every_s: 0.005}\nloading: {strain_rate_per_s: 2.0}\n"
    "acceleration: {rate_scaling: true, window_events: 2000, bias_probes: 2, bias_probe_events: 1000}\nnucleation: "
    "{analysis_interval_s: 0.001}\n"
    "replicas: 2\nsweep:\n  geometry.diameter_nm: [2.5, 3]\n";

// A sweep's point 0 is the scenario a `run` of the same file without `sweep:` loads, with streams
// from the same (seed, point 0, replica): its series files hold exactly the run's
// timeseries_r<k>.csv (header and rows; the provenance lines name different commands).
TEST(SweepSeries, RowsAreThoseOfALoadedRunOfThePoint) {
  test::TempDir dir;
  const fs::path run_scenario = dir.write("run.yaml", kFastPoint);
  const fs::path sweep_scenario = dir.write("sweep.yaml", kFastPoint + "sweep:\n  geometry.diameter_nm: [2.5, 3]\n");
  const fs::path run = dir.path() / "run", sweep = dir.path() / "sweep";
  const test::Outcome swept = test::captureSurfkmc(
      {"sweep", sweep_scenario.string(), "--series", "--threads", "2", "--out", sweep.string(), "-q"});
  ASSERT_EQ(swept.code, 0) << swept.output;
  const test::Outcome ran =
      test::captureSurfkmc({"run", run_scenario.string(), "--threads", "2", "--out", run.string(), "-q"});
  ASSERT_EQ(ran.code, 0) << ran.output;

  EXPECT_EQ(test::fileNames(sweep / "series"),
            (std::vector<std::string>{"p00000_r0000.csv", "p00000_r0001.csv", "p00001_r0000.csv", "p00001_r0001.csv"}));
  EXPECT_FALSE(fs::exists(sweep / "frames")) << "no kmc.snapshot_every_s: no frames";
  for (const char* k : {"0", "1"}) {
    const fs::path mine = sweep / "series" / (std::string("p00000_r000") + k + ".csv");
    const fs::path theirs = run / (std::string("timeseries_r") + k + ".csv");
    EXPECT_GT(test::dataLines(theirs), 2u);
    EXPECT_EQ(test::withoutComments(mine), test::withoutComments(theirs)) << mine;
    EXPECT_EQ(test::readAll(mine).rfind("# surfkmc ", 0), 0u) << "a provenance line first";
  }
  // Point 1 has its own rows (its own streams and diameter), under the same header.
  const std::string other = test::withoutComments(sweep / "series" / "p00001_r0000.csv");
  const std::string header = test::withoutComments(run / "timeseries_r0.csv");
  EXPECT_NE(other, test::withoutComments(sweep / "series" / "p00000_r0000.csv"));
  EXPECT_EQ(other.substr(0, other.find('\n')), header.substr(0, header.find('\n')));
  EXPECT_TRUE(nlohmann::json::parse(test::readAll(sweep / "sweep.json")).at("series").get<bool>());
}

// The acceptance test of --series with a stop: a sweep stopped by SIGTERM part-way exits 143 with a
// checkpoint per running replica and the --resume hint; resumed (without repeating --series: the
// sweep keeps what it was started with) it ends with series, frames and points.csv identical to an
// uninterrupted sweep's.
TEST(SweepSeries, StoppedSweepResumesToIdenticalFiles) {
  test::TempDir dir;
  const fs::path scenario = dir.write("slow.yaml", kSlowSweep);
  const fs::path plain = dir.path() / "plain", stopped = dir.path() / "stopped";
  const test::Outcome whole =
      test::captureSurfkmc({"sweep", scenario.string(), "--series", "--threads", "2", "--out", plain.string(), "-q"});
  ASSERT_EQ(whole.code, 0) << whole.output;

  const fs::path log = dir.path() / "stopped.log";
  const pid_t pid =
      test::startSurfkmc({"sweep", scenario.string(), "--series", "--threads", "2", "--out", stopped.string()}, log);
  ASSERT_GT(pid, 0);
  const auto start = std::chrono::steady_clock::now();
  bool streaming = false;
  while (!streaming && std::chrono::steady_clock::now() - start < std::chrono::seconds(60)) {
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
    for (const std::string& name : test::fileNames(stopped / "series"))
      streaming = streaming || test::dataLines(stopped / "series" / name) >= 6;
  }
  ASSERT_TRUE(streaming) << "no replica's series grew\n" << test::readAll(log);
  ASSERT_EQ(::kill(pid, SIGTERM), 0);
  ASSERT_EQ(test::waitForExit(pid), 128 + SIGTERM) << test::readAll(log);

  const std::string printed = test::readAll(log);
  EXPECT_NE(printed.find("continue with: surfkmc sweep --resume " + stopped.string()), std::string::npos) << printed;
  EXPECT_EQ(nlohmann::json::parse(test::readAll(stopped / "progress.json")).at("state"), "stopped");
  EXPECT_FALSE(fs::exists(stopped / "points.csv"));
  EXPECT_FALSE(test::fileNames(stopped / "checkpoints").empty()) << "the running replicas wrote their checkpoints";
  const test::Outcome status = test::captureSurfkmc({"status", stopped.string()});
  EXPECT_NE(status.output.find("stopped"), std::string::npos) << status.output;
  EXPECT_NE(status.output.find("  series/: "), std::string::npos) << status.output;
  EXPECT_NE(status.output.find("  frames/: "), std::string::npos) << status.output;

  const test::Outcome resumed = test::captureSurfkmc({"sweep", "--resume", stopped.string(), "-q"});
  ASSERT_EQ(resumed.code, 0) << resumed.output;
  ASSERT_EQ(test::fileNames(stopped / "series"), test::fileNames(plain / "series"));
  EXPECT_EQ(test::fileNames(plain / "series").size(), 4u);
  for (const std::string& name : test::fileNames(plain / "series"))
    EXPECT_EQ(test::withoutComments(stopped / "series" / name), test::withoutComments(plain / "series" / name)) << name;
  ASSERT_EQ(test::fileNames(stopped / "frames"), test::fileNames(plain / "frames"));
  for (const std::string& name : test::fileNames(plain / "frames"))
    EXPECT_EQ(test::readAll(stopped / "frames" / name), test::readAll(plain / "frames" / name)) << name;
  EXPECT_EQ(test::comparableCsv(stopped / "points.csv", {"wall_time_s"}),
            test::comparableCsv(plain / "points.csv", {"wall_time_s"}));
}

// --series is fixed when a sweep starts: --resume cannot turn it on (the replicas run so far wrote
// no series), and the shards of one array must agree on it. Both are bad input (exit 2) that
// leaves the folder as it was.
TEST(SweepSeries, ResumeOrAShardCannotChangeIt) {
  test::TempDir dir;
  // Pt without a kmc: section (a frozen surface): a fraction of a second.
  const fs::path scenario = dir.write("s.yaml",
                                      "schema_version: 1\nname: r\nseed: 1\nmaterial: Pt\n"
                                      "geometry: {shape: cylinder, diameter_nm: 2, length_nm: 3}\n"
                                      "loading: {strain_rate_per_s: 1.0}\nsweep: {geometry.diameter_nm: [2, 2.5]}\n");
  const fs::path without = dir.path() / "without";
  ASSERT_EQ(test::captureSurfkmc({"sweep", scenario.string(), "--out", without.string(), "-q"}).code, 0);
  const test::Outcome refused = test::captureSurfkmc({"sweep", "--resume", without.string(), "--series"});
  EXPECT_EQ(refused.code, 2) << refused.output;
  EXPECT_NE(refused.output.find("was started without --series"), std::string::npos) << refused.output;
  EXPECT_FALSE(fs::exists(without / "series"));

  const fs::path shards = dir.path() / "shards";
  ASSERT_EQ(
      test::captureSurfkmc({"sweep", scenario.string(), "--out", shards.string(), "--shard", "0/2", "--series", "-q"})
          .code,
      0);
  const test::Outcome other =
      test::captureSurfkmc({"sweep", scenario.string(), "--out", shards.string(), "--shard", "1/2"});
  EXPECT_EQ(other.code, 2) << other.output;
  EXPECT_NE(other.output.find("give every shard of the array the same flags"), std::string::npos) << other.output;
  EXPECT_EQ(test::fileNames(shards / "series").size(), 1u) << "only shard 0's replica streamed";
  // The final --resume writes the report and keeps the sweep's --series.
  ASSERT_EQ(test::captureSurfkmc({"sweep", "--resume", shards.string(), "-q"}).code, 0);
  EXPECT_EQ(test::fileNames(shards / "series").size(), 2u);
}

}  // namespace
}  // namespace surfkmc::app
