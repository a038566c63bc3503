// SPDX-License-Identifier: MIT
// Checkpoints through the surfkmc binary: a coupled run, a KMC-only run and a sweep, each killed
// with SIGKILL once a checkpoint exists and resumed with --resume, give results identical to an
// uninterrupted run with checkpoints and to one without (provenance lines and wall times aside).
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <gtest/gtest.h>

#include <algorithm>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <optional>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include "tests/regression/app/csv_rows.hpp"
#include "tests/unit/app/test_files.hpp"

namespace surfkmc::app {
namespace {

namespace fs = std::filesystem;
using test::comparableCsv;

const std::string kBinary = std::string(SURFKMC_BINARY_DIR) + "/bin/surfkmc";
const fs::path kHere = fs::path(SURFKMC_SOURCE_DIR) / "tests/regression/app";

pid_t start(const std::vector<std::string>& args, const fs::path& stdout_file,
            const fs::path& stderr_file = "/dev/null") {
  const pid_t pid = ::fork();
  if (pid == 0) {
    std::vector<char*> argv{const_cast<char*>(kBinary.c_str())};
    for (const std::string& a : args) argv.push_back(const_cast<char*>(a.c_str()));
    argv.push_back(nullptr);
    if (!std::freopen(stdout_file.c_str(), "w", stdout)) ::_exit(126);
    if (!std::freopen(stderr_file.c_str(), "w", stderr)) ::_exit(126);
    ::execv(kBinary.c_str(), argv.data());
    ::_exit(127);
  }
  return pid;
}

/// Runs surfkmc to the end; returns its exit code and leaves its standard output in `printed` (and
/// its standard error in `errors`).
int runSurfkmc(const std::vector<std::string>& args, std::string* printed = nullptr, std::string* errors = nullptr) {
  const test::TempDir tmp;
  const pid_t pid = start(args, tmp.path() / "stdout", tmp.path() / "stderr");
  int status = 0;
  ::waitpid(pid, &status, 0);
  const auto read = [](const fs::path& file) {
    std::ifstream in(file);
    std::ostringstream text;
    text << in.rdbuf();
    return text.str();
  };
  if (printed) *printed = read(tmp.path() / "stdout");
  if (errors) *errors = read(tmp.path() / "stderr");
  return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

bool hasCheckpoint(const fs::path& dir) {
  std::error_code ec;
  for (fs::directory_iterator it(dir, ec), end; !ec && it != end; it.increment(ec))
    if (it->path().extension() == ".ckpt") return true;
  return false;
}

/// Starts surfkmc, kills it with SIGKILL as soon as a checkpoint is in `checkpoints` (or, with
/// `file`, as soon as that file exists), and says whether it was killed (false: it finished first).
bool killAfterFirstCheckpoint(const std::vector<std::string>& args, const fs::path& checkpoints,
                              const fs::path& file = {}) {
  const test::TempDir tmp;
  const pid_t pid = start(args, tmp.path() / "stdout");
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(60);
  const auto ready = [&] { return file.empty() ? hasCheckpoint(checkpoints) : fs::exists(file); };
  while (!ready() && std::chrono::steady_clock::now() < deadline) {
    int status = 0;
    if (::waitpid(pid, &status, WNOHANG) == pid) return false;
    std::this_thread::sleep_for(std::chrono::milliseconds(2));
  }
  ::kill(pid, SIGKILL);
  int status = 0;
  ::waitpid(pid, &status, 0);
  return WIFSIGNALED(status);
}

std::string text(const fs::path& file) {
  std::ifstream in(file, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

TEST(CheckpointRegression, CoupledRunKilledAndResumedMatchesUninterruptedRuns) {
  const test::TempDir dir;
  const std::string scenario = (kHere / "checkpoint_coupled.yaml").string();
  const fs::path plain = dir.path() / "plain", ckpt = dir.path() / "ckpt", killed = dir.path() / "killed";
  ASSERT_EQ(runSurfkmc({"run", scenario, "--threads", "2", "--out", plain.string()}), 0);
  ASSERT_EQ(runSurfkmc({"run", scenario, "--threads", "2", "--out", ckpt.string(), "--checkpoint-every", "0.02"}), 0);
  EXPECT_FALSE(fs::exists(ckpt / "checkpoints")) << "checkpoints are removed once the results are written";

  ASSERT_TRUE(killAfterFirstCheckpoint(
      {"run", scenario, "--threads", "2", "--out", killed.string(), "--checkpoint-every", "0.02"},
      killed / "checkpoints"))
      << "the run finished before it could be killed; make it longer";
  EXPECT_FALSE(fs::exists(killed / "yield.csv"));
  // Another scenario cannot continue this run.
  EXPECT_EQ(runSurfkmc({"run", (kHere / "checkpoint_kmc.yaml").string(), "--resume", killed.string()}), 2);
  std::string printed;
  ASSERT_EQ(runSurfkmc({"run", "--resume", killed.string(), "--threads", "2"}, &printed), 0);
  EXPECT_NE(printed.find("resumed: "), std::string::npos) << printed;
  EXPECT_EQ(printed.find(" 0 continued from checkpoints"), std::string::npos) << printed;

  for (const fs::path& other : {ckpt, killed}) {
    EXPECT_EQ(comparableCsv(other / "yield.csv", {"wall_time_s"}), comparableCsv(plain / "yield.csv", {"wall_time_s"}))
        << other;
    EXPECT_EQ(comparableCsv(other / "timeseries.csv"), comparableCsv(plain / "timeseries.csv")) << other;
    EXPECT_EQ(test::comparableSummary(other / "summary.json"), test::comparableSummary(plain / "summary.json"))
        << other;
    EXPECT_EQ(text(other / "yield_r0.xyz"), text(plain / "yield_r0.xyz")) << other;
    EXPECT_EQ(text(other / "yield_r1.xyz"), text(plain / "yield_r1.xyz")) << other;
  }
}

// Issue 20: a replica finished before the kill comes back from its record, which must hold all
// the run writes about it (stop reason, site counts, acceleration report): the resumed files equal
// the uninterrupted run's, provenance and wall times aside.
TEST(CheckpointRegression, CoupledRunKilledAfterAReplicaFinishedMatchesAnUninterruptedRun) {
  const test::TempDir dir;
  const std::string scenario = (kHere / "checkpoint_coupled.yaml").string();
  const fs::path plain = dir.path() / "plain", killed = dir.path() / "killed";
  ASSERT_EQ(runSurfkmc({"run", scenario, "--threads", "1", "--out", plain.string()}), 0);
  // One thread: replica 0 finishes (its record, then its snapshot appear), then replica 1 runs and
  // is killed.
  ASSERT_TRUE(killAfterFirstCheckpoint(
      {"run", scenario, "--threads", "1", "--out", killed.string(), "--checkpoint-every", "0.02"},
      killed / "checkpoints", killed / "yield_r0.xyz"))
      << "the run finished before it could be killed; make it longer";
  EXPECT_FALSE(fs::exists(killed / "yield.csv"));
  std::string printed;
  ASSERT_EQ(runSurfkmc({"run", "--resume", killed.string(), "--threads", "1"}, &printed), 0);
  EXPECT_NE(printed.find("resumed: 1 of 2 replicas were finished"), std::string::npos) << printed;
  EXPECT_EQ(comparableCsv(killed / "yield.csv", {"wall_time_s"}), comparableCsv(plain / "yield.csv", {"wall_time_s"}));
  EXPECT_EQ(comparableCsv(killed / "timeseries.csv"), comparableCsv(plain / "timeseries.csv"));
  EXPECT_EQ(test::comparableSummary(killed / "summary.json"), test::comparableSummary(plain / "summary.json"));
  EXPECT_EQ(text(killed / "yield_r0.xyz"), text(plain / "yield_r0.xyz"));
  EXPECT_EQ(text(killed / "yield_r1.xyz"), text(plain / "yield_r1.xyz"));
}

// Issue 20: every input is part of a run's identity. A material file edited between the kill and
// the resume is refused (exit 2) and named; the folder is left as it was.
TEST(CheckpointRegression, ResumeAfterAMaterialEditExitsTwoNamingTheFile) {
  const test::TempDir dir;
  const fs::path material = dir.path() / "my_ag.yaml";
  std::ofstream(material, std::ios::binary) << test::portableMaterial("Ag");
  std::string yaml = text(kHere / "checkpoint_coupled.yaml");
  yaml.replace(yaml.find("material: Ag"), 12, "material: ./my_ag.yaml");
  const fs::path scenario = dir.write("run.yaml", yaml);
  const fs::path killed = dir.path() / "killed";
  ASSERT_TRUE(killAfterFirstCheckpoint(
      {"run", scenario.string(), "--threads", "2", "--out", killed.string(), "--checkpoint-every", "0.02"},
      killed / "checkpoints"))
      << "the run finished before it could be killed; make it longer";
  std::string ag = text(material);
  ag.replace(ag.find("description:"), 12, "# edited\ndescription:");
  std::ofstream(material, std::ios::binary | std::ios::trunc) << ag;
  std::string errors;
  EXPECT_EQ(runSurfkmc({"run", "--resume", killed.string()}, nullptr, &errors), 2);
  EXPECT_NE(errors.find(material.string() + ": changed since the run"), std::string::npos) << errors;
  EXPECT_FALSE(fs::exists(killed / "yield.csv"));
  EXPECT_TRUE(hasCheckpoint(killed / "checkpoints")) << "nothing was deleted";
}

TEST(CheckpointRegression, KmcOnlyRunKilledAndResumedMatchesUninterruptedRuns) {
  const test::TempDir dir;
  const std::string scenario = (kHere / "checkpoint_kmc.yaml").string();
  const fs::path plain = dir.path() / "plain", ckpt = dir.path() / "ckpt", killed = dir.path() / "killed";
  ASSERT_EQ(runSurfkmc({"run", scenario, "--out", plain.string()}), 0);
  ASSERT_EQ(runSurfkmc({"run", scenario, "--out", ckpt.string(), "--checkpoint-every", "0.02"}), 0);
  ASSERT_TRUE(killAfterFirstCheckpoint({"run", scenario, "--out", killed.string(), "--checkpoint-every", "0.02"},
                                       killed / "checkpoints"))
      << "the run finished before it could be killed; make it longer";
  std::string printed;
  ASSERT_EQ(runSurfkmc({"run", "--resume", killed.string()}, &printed), 0);
  EXPECT_NE(printed.find("continuing from the checkpoint at"), std::string::npos) << printed;

  const nlohmann::json want = test::comparableSummary(plain / "summary.json");
  ASSERT_EQ(want["events"], 1500000);
  for (const fs::path& other : {ckpt, killed}) {
    const nlohmann::json got = test::comparableSummary(other / "summary.json");
    EXPECT_EQ(got["events"], want["events"]) << other;
    EXPECT_EQ(got["simulated_time_s"], want["simulated_time_s"]) << other;
    EXPECT_EQ(got["atoms_final"], want["atoms_final"]) << other;
    EXPECT_EQ(got, want) << other;
    EXPECT_EQ(comparableCsv(other / "timeseries.csv"), comparableCsv(plain / "timeseries.csv")) << other;
    EXPECT_EQ(text(other / "snapshots.xyz"), text(plain / "snapshots.xyz")) << other;
  }
}

TEST(CheckpointRegression, SweepReplicaKilledMidwayResumesFromItsCheckpoint) {
  const test::TempDir dir;
  const std::string scenario = (kHere / "checkpoint_sweep.yaml").string();
  // The same sweep without checkpoint_every_s: the reference that never checkpoints.
  std::string without = text(scenario);
  without.replace(without.find("checkpoint_every_s: 0.05"), 24, "");
  const fs::path plain_scenario = dir.write("plain.yaml", without);
  const fs::path plain = dir.path() / "plain", killed = dir.path() / "killed";
  ASSERT_EQ(runSurfkmc({"sweep", plain_scenario.string(), "--threads", "1", "--out", plain.string()}), 0);

  ASSERT_TRUE(
      killAfterFirstCheckpoint({"sweep", scenario, "--threads", "1", "--out", killed.string()}, killed / "checkpoints"))
      << "the sweep finished before it could be killed; make it longer";
  EXPECT_TRUE(hasCheckpoint(killed / "checkpoints"));
  EXPECT_FALSE(fs::exists(killed / "points.csv"));

  // The resumed sweep reads the checkpoint: a damaged one is a clear error (exit 2), not ignored.
  fs::path saved;
  for (const auto& e : fs::directory_iterator(killed / "checkpoints"))
    if (e.path().extension() == ".ckpt") saved = e.path();
  const std::string good = text(saved);
  std::ofstream(saved, std::ios::binary | std::ios::trunc) << good.substr(0, good.size() / 2);
  EXPECT_EQ(runSurfkmc({"sweep", "--resume", killed.string(), "--threads", "1"}), 2);
  std::ofstream(saved, std::ios::binary | std::ios::trunc) << good;

  ASSERT_EQ(runSurfkmc({"sweep", "--resume", killed.string(), "--threads", "1"}), 0);
  EXPECT_FALSE(hasCheckpoint(killed / "checkpoints")) << "a finished replica's checkpoint is removed";

  EXPECT_EQ(comparableCsv(killed / "points.csv", {"wall_time_s"}),
            comparableCsv(plain / "points.csv", {"wall_time_s"}));
  EXPECT_EQ(comparableCsv(killed / "stress_strain.csv"), comparableCsv(plain / "stress_strain.csv"));
}

// Issue 19: a run that goes on after nucleating, killed once a checkpoint newer than its first slip
// is on disk, resumes to the results of the uninterrupted run: curves, slip events and the frames
// streamed before and after each slip.
TEST(CheckpointRegression, FlowingRunKilledAfterItsFirstSlipResumesBitForBit) {
  const test::TempDir dir;
  const fs::path scenario =
      dir.write("flow.yaml",
                "schema_version: 1\nname: flow_ckpt\nseed: 9\nmaterial: Ag\n"
                "geometry: {shape: cylinder, diameter_nm: 2, length_nm: 10}\nkmc: {temperature_K: 300}\n"
                "loading: {strain_rate_per_s: 10.0, max_strain: 0.1, until: max_strain}\n"
                "nucleation: {analysis_interval_s: 0.0002}\nreplicas: 1\n");
  const fs::path plain = dir.path() / "plain", killed = dir.path() / "killed";
  ASSERT_EQ(runSurfkmc({"run", scenario.string(), "--out", plain.string()}), 0);

  const test::TempDir tmp;
  const pid_t pid =
      start({"run", scenario.string(), "--out", killed.string(), "--checkpoint-every", "0.001"}, tmp.path() / "stdout");
  const fs::path frames = killed / "frames_r0.xyz";
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(60);
  std::optional<fs::file_time_type> slipped;
  bool killed_after_slip = false;
  while (std::chrono::steady_clock::now() < deadline) {
    int status = 0;
    if (::waitpid(pid, &status, WNOHANG) == pid) break;
    if (!slipped && fs::exists(frames) && text(frames).find("slip=after") != std::string::npos)
      slipped = fs::file_time_type::clock::now();
    if (slipped && hasCheckpoint(killed / "checkpoints")) {
      bool newer = false;
      for (const auto& e : fs::directory_iterator(killed / "checkpoints"))
        if (e.path().extension() == ".ckpt" && fs::last_write_time(e.path()) > *slipped) newer = true;
      if (newer) {
        ::kill(pid, SIGKILL);
        ::waitpid(pid, &status, 0);
        killed_after_slip = WIFSIGNALED(status);
        break;
      }
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(1));
  }
  ASSERT_TRUE(killed_after_slip) << "the run finished before a checkpoint after its first slip; make it longer";
  ASSERT_EQ(runSurfkmc({"run", "--resume", killed.string()}), 0);

  const std::string curves = comparableCsv(plain / "stress_strain.csv");
  EXPECT_NE(curves.find(",slip,"), std::string::npos);
  EXPECT_EQ(comparableCsv(killed / "stress_strain.csv"), curves);
  EXPECT_EQ(comparableCsv(killed / "points.csv", {"wall_time_s"}),
            comparableCsv(plain / "points.csv", {"wall_time_s"}));
  EXPECT_EQ(comparableCsv(killed / "timeseries.csv"), comparableCsv(plain / "timeseries.csv"));
  EXPECT_EQ(text(killed / "frames_r0.xyz"), text(plain / "frames_r0.xyz"));
}

}  // namespace
}  // namespace surfkmc::app
