// SPDX-License-Identifier: MIT
// Issue 22: a run shows its progress and streams its time series and frames while it goes; SIGTERM
// and SIGINT stop it with a checkpoint from which it resumes bit for bit; `status` reads its folder.
#include <gtest/gtest.h>
#include <signal.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <filesystem>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include "app/progress_meter.hpp"
#include "app/replica_runner.hpp"
#include "app/scenario_loader.hpp"
#include "app/streamed_file.hpp"
#include "core/error.hpp"
#include "test_files.hpp"

namespace surfkmc::app {
namespace {

namespace fs = std::filesystem;

/// A KMC-only Ag run of a few seconds (3e6 events, about 4e-4 s simulated) with a time series and frames.
const std::string kKmcScenario =
    "schema_version: 1\nname: live_kmc\nseed: 5\nmaterial: Ag\n"
    "geometry: {shape: cylinder, diameter_nm: 2.5, length_nm: 3}\n"
    "kmc: {temperature_K: 500, max_events: 3000000, snapshot_every_s: 5.0e-5, timeseries_every_s: 1.0e-6}\n"
    "acceleration: {rate_scaling: true, window_events: 2000, bias_probes: 2, bias_probe_events: 1000}\n";

/// A coupled Ag run of two replicas of about a second each, with frames every 5 ms.
const std::string kCoupledScenario =
    "schema_version: 1\nname: live_coupled\nseed: 11\nmaterial: Ag\n"
    "geometry: {shape: cylinder, diameter_nm: 2.5, length_nm: 3}\n"
    "kmc: {temperature_K: 300, snapshot_every_s: 0.005}\nloading: {strain_rate_per_s: 2.0}\n"
    "acceleration: {rate_scaling: true, window_events: 2000, bias_probes: 2, bias_probe_events: 1000}\nnucleation: "
    "{analysis_interval_s: 0.001}\nreplicas: 2\n";

/// Waits (up to `limit_s`) until `ready()` or the process has ended; true if ready() while it ran.
template <class Ready>
bool waitWhileRunning(pid_t pid, Ready ready, double limit_s = 60.0) {
  const auto start = std::chrono::steady_clock::now();
  while (std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count() < limit_s) {
    if (ready()) return ::kill(pid, 0) == 0;
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  return false;
}

// The acceptance test of items 1 and 2: a KMC-only run streams its time series (read here while it
// runs), prints progress rows with a time-left estimate, stops on SIGTERM with exit 143 and a
// checkpoint, is reported stopped by `status`, and resumes to files identical to an uninterrupted
// run's (time series and frames byte for byte, the provenance line aside); a second resume says
// the run is complete.
TEST(LiveRun, KmcRunStreamsStopsOnSigtermAndResumesBitForBit) {
  test::TempDir dir;
  const fs::path scenario = dir.write("live_kmc.yaml", kKmcScenario);
  const fs::path plain = dir.path() / "plain", killed = dir.path() / "killed";
  ASSERT_EQ(test::captureSurfkmc({"run", scenario.string(), "--out", plain.string(), "--quiet"}).code, 0);

  const fs::path log = dir.path() / "killed.log";
  const pid_t pid = test::startSurfkmc({"run", scenario.string(), "--out", killed.string()}, log);
  ASSERT_GT(pid, 0);
  const bool streaming = waitWhileRunning(pid, [&] { return test::dataLines(killed / "timeseries.csv") >= 30; });
  ASSERT_TRUE(streaming) << "the time series did not grow while the run went (or the run ended first)";
  ASSERT_EQ(::kill(pid, SIGTERM), 0);
  EXPECT_EQ(test::waitForExit(pid), 128 + SIGTERM);

  const std::string printed = test::readAll(log);
  EXPECT_NE(printed.find("sim_time_s"), std::string::npos) << printed;
  EXPECT_NE(printed.find("events/s"), std::string::npos) << printed;
  EXPECT_NE(printed.find("continue with: surfkmc run --resume"), std::string::npos) << printed;
  EXPECT_FALSE(fs::exists(killed / "summary.json"));
  EXPECT_TRUE(fs::exists(killed / "checkpoints" / "p00000_r0000.ckpt"));
  const auto progress = nlohmann::json::parse(test::readAll(killed / "progress.json"));
  EXPECT_EQ(progress["state"], "stopped");
  EXPECT_GT(progress["fraction_done"].get<double>(), 0.0);
  EXPECT_LT(progress["fraction_done"].get<double>(), 1.0);

  const test::Outcome status = test::captureSurfkmc({"status", killed.string()});
  EXPECT_EQ(status.code, 0) << status.output;
  EXPECT_NE(status.output.find("stopped"), std::string::npos) << status.output;
  EXPECT_NE(status.output.find("surfkmc run --resume"), std::string::npos) << status.output;

  const test::Outcome resumed = test::captureSurfkmc({"run", "--resume", killed.string(), "--quiet"});
  ASSERT_EQ(resumed.code, 0) << resumed.output;
  EXPECT_EQ(test::withoutComments(killed / "timeseries.csv"), test::withoutComments(plain / "timeseries.csv"));
  EXPECT_EQ(test::readAll(killed / "snapshots.xyz"), test::readAll(plain / "snapshots.xyz"));
  EXPECT_EQ(test::comparableSummary(killed / "summary.json"), test::comparableSummary(plain / "summary.json"));

  const test::Outcome again = test::captureSurfkmc({"run", "--resume", killed.string()});
  EXPECT_EQ(again.code, 0);
  EXPECT_NE(again.output.find("is complete"), std::string::npos) << again.output;
  EXPECT_NE(test::captureSurfkmc({"status", killed.string()}).output.find("complete"), std::string::npos);
}

// A loaded run streams timeseries_r<k>.csv and frames_r<k>.xyz while it goes, stops on SIGINT
// (exit 130) with a checkpoint per running replica, and resumes to the files of an uninterrupted
// run; the final frame of each replica is its yield snapshot.
TEST(LiveRun, LoadedRunStreamsStopsOnSigintAndResumesBitForBit) {
  test::TempDir dir;
  const fs::path scenario = dir.write("live_coupled.yaml", kCoupledScenario);
  const fs::path plain = dir.path() / "plain", killed = dir.path() / "killed";
  ASSERT_EQ(test::captureSurfkmc({"run", scenario.string(), "--out", plain.string(), "--threads", "2", "-q"}).code, 0);

  const pid_t pid =
      test::startSurfkmc({"run", scenario.string(), "--out", killed.string(), "--threads", "2"}, dir.path() / "log");
  ASSERT_GT(pid, 0);
  ASSERT_TRUE(waitWhileRunning(pid, [&] { return test::dataLines(killed / "timeseries_r0.csv") >= 6; }))
      << "the replica's time series did not grow while the run went";
  ASSERT_EQ(::kill(pid, SIGINT), 0);
  EXPECT_EQ(test::waitForExit(pid), 128 + SIGINT);
  EXPECT_FALSE(fs::exists(killed / "yield.csv"));

  ASSERT_EQ(test::captureSurfkmc({"run", "--resume", killed.string(), "--threads", "2", "-q"}).code, 0);
  for (const char* name : {"timeseries_r0.csv", "timeseries_r1.csv", "timeseries.csv"})
    EXPECT_EQ(test::withoutComments(killed / name), test::withoutComments(plain / name)) << name;
  for (const char* name : {"frames_r0.xyz", "frames_r1.xyz", "yield_r0.xyz", "yield_r1.xyz"})
    EXPECT_EQ(test::readAll(killed / name), test::readAll(plain / name)) << name;
  EXPECT_EQ(test::comparableSummary(killed / "summary.json"), test::comparableSummary(plain / "summary.json"));
  const std::string frames = test::readAll(plain / "frames_r0.xyz"), last = test::readAll(plain / "yield_r0.xyz");
  ASSERT_GE(frames.size(), last.size());
  EXPECT_EQ(frames.substr(frames.size() - last.size()), last) << "the last frame is the yield snapshot";
}

// Progress comes between analysis boundaries too (every 65536 events), with a clock that never
// runs backwards, and watching does not change the replica: the same yield, events and samples.
TEST(LiveRun, ProgressBetweenBoundariesLeavesTheReplicaUnchanged) {
  test::TempDir dir;
  const Scenario s = loadScenario(dir.write("c.yaml", kCoupledScenario));
  const ReplicaOutput plain = runCoupledReplica(s, 0, 0, false);
  std::vector<TaskProgress> seen;
  ReplicaWatch watch;
  watch.progress = [&](const TaskProgress& now) { seen.push_back(now); };
  const ReplicaOutput watched = runCoupledReplica(s, 0, 0, false, {}, watch);
  EXPECT_EQ(watched.result.yield_stress_GPa, plain.result.yield_stress_GPa);
  EXPECT_EQ(watched.result.events, plain.result.events);
  EXPECT_EQ(watched.result.samples.size(), plain.result.samples.size());
  // One update per boundary but the last, plus the ticks in between.
  EXPECT_GT(seen.size(), plain.result.samples.size() - 1 + plain.result.events / (std::int64_t{1} << 16) / 2);
  for (std::size_t i = 1; i < seen.size(); ++i) {
    EXPECT_GE(seen[i].time_s, seen[i - 1].time_s) << i;
    EXPECT_GE(seen[i].events, seen[i - 1].events) << i;
  }
}

TEST(LiveRun, StatusOfAFolderThatIsNotAResultsFolderIsAnInputError) {
  test::TempDir dir;
  const test::Outcome o = test::captureSurfkmc({"status", dir.path().string()});
  EXPECT_EQ(o.code, 2);
  EXPECT_NE(o.output.find("not the results folder of a run or sweep"), std::string::npos) << o.output;
}

// Rows on a non-terminal are rate-limited: a burst of updates gives the header and one row; quiet
// gives none; the row carries the least advanced task's state and a time-left estimate.
TEST(ProgressMeter, RowsAreRateLimitedAndQuietPrintsNothing) {
  std::FILE* file = std::tmpfile();
  ASSERT_NE(file, nullptr);
  {
    ProgressOptions options;
    options.stream = file;
    ProgressMeter meter(2, 0, options);
    TaskProgress p;
    for (int i = 1; i <= 100; ++i) {
      p.time_s = 1e-3 * i;
      p.events = 1000 * i;
      p.fraction = 0.005 * i;
      meter.update(0, p);
    }
  }
  std::rewind(file);
  char buffer[4096] = {};
  const std::string shown(buffer, std::fread(buffer, 1, sizeof buffer - 1, file));
  std::fclose(file);
  int lines = 0;
  for (char c : shown) lines += c == '\n';
  EXPECT_EQ(lines, 2) << shown;
  EXPECT_NE(shown.find("sim_time_s"), std::string::npos) << shown;
  EXPECT_NE(shown.find("left"), std::string::npos) << shown;

  std::FILE* quiet_file = std::tmpfile();
  ASSERT_NE(quiet_file, nullptr);
  {
    ProgressOptions options;
    options.stream = quiet_file;
    options.quiet = true;
    ProgressMeter meter(1, 0, options);
    meter.update(0, TaskProgress{});
    meter.taskDone(0, 1.0, 10);
    meter.finish();
  }
  EXPECT_EQ(std::ftell(quiet_file), 0L);
  std::fclose(quiet_file);
}

// The time left extrapolates the growth of the tasks' fractions: half of one of two tasks done in
// about 0.6 s leaves about 1.8 s.
TEST(ProgressMeter, TimeLeftExtrapolatesTheFractionsDone) {
  test::TempDir dir;
  ProgressOptions options;
  options.quiet = true;
  options.status_file = dir.path() / "progress.json";
  ProgressMeter meter(2, 0, options);
  TaskProgress p;
  meter.update(7, p);
  std::this_thread::sleep_for(std::chrono::milliseconds(2100));  // the status is rewritten every 2 s
  p.fraction = 0.5;
  p.stress_GPa = 1.5;
  meter.update(7, p);
  const auto status = nlohmann::json::parse(test::readAll(options.status_file));
  EXPECT_EQ(status["state"], "running");
  EXPECT_NEAR(status["fraction_done"].get<double>(), 0.25, 1e-12);
  const double elapsed = status["wall_time_s"].get<double>();
  EXPECT_NEAR(status["time_left_s"].get<double>(), elapsed / 0.5 * 1.5, 1e-9);
  EXPECT_DOUBLE_EQ(status["stress_GPa"].get<double>(), 1.5);
}

// A streamed file resumed from a mark is cut back to it; one that changed, shrank or is a symbolic
// link is refused with its name.
TEST(StreamedFile, ResumeCutsBackToTheMarkAndRefusesAnotherFile) {
  test::TempDir dir;
  const fs::path path = dir.path() / "series.csv";
  StreamMark mark;
  {
    StreamedFile f = StreamedFile::start(path);
    f.append("a,b\n1,2\n");
    mark = f.mark();
    f.append("3,4\n");
  }
  EXPECT_EQ(mark.length, 8u);
  {
    StreamedFile f = StreamedFile::resume(path, mark);
    f.append("5,6\n");
  }
  EXPECT_EQ(test::readAll(path), "a,b\n1,2\n5,6\n");

  dir.write("series.csv", "a,b\n1,9\n5,6\n");
  try {
    (void)StreamedFile::resume(path, mark);
    ADD_FAILURE() << "a changed file was resumed";
  } catch (const InputError& e) {
    EXPECT_NE(std::string(e.what()).find("changed since the checkpoint"), std::string::npos) << e.what();
  }
  dir.write("series.csv", "a,b\n");
  EXPECT_THROW((void)StreamedFile::resume(path, mark), InputError);
  fs::remove(path);
  const fs::path target = dir.write("elsewhere.csv", "a,b\n1,2\n");
  fs::create_symlink(target, path);
  EXPECT_THROW((void)StreamedFile::resume(path, mark), InputError);
  StreamedFile fresh = StreamedFile::start(path);  // replaces the link, never writes through it
  fresh.append("x\n");
  EXPECT_EQ(test::readAll(target), "a,b\n1,2\n");
  EXPECT_FALSE(fs::is_symlink(path));
}

}  // namespace
}  // namespace surfkmc::app
