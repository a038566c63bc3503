// SPDX-License-Identifier: MIT
// Sweeps over MPI through mpiexec and the surfkmc binary: 1, 2 and 3 ranks give the results of a
// one-process sweep (and its series and frames files, and progress.json), a job whose worker rank is
// killed with SIGKILL resumes to the same results, and one whose worker gets SIGTERM stops every rank
// with checkpoints (exit 143) and resumes to them too; `surfkmc learn` over 2 and 3 ranks grows the catalogue a
// one-process run grows, and reports bad input once. Built only with MPI (SURFKMC_WITH_MPI).
#include <signal.h>
#include <sys/types.h>
#include <unistd.h>

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include <algorithm>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <thread>
#include <utility>
#include <vector>

#include "tests/regression/app/learn_scenarios.hpp"
#include "tests/regression/app/sweep_results.hpp"
#include "tests/unit/app/test_files.hpp"

namespace surfkmc::app {
namespace {

namespace fs = std::filesystem;
using test::expectSameResults;
using test::readText;
using test::recordCount;
using test::recordTimes;

const std::string kMpiexec = SURFKMC_MPIEXEC;

/// What Open MPI needs to run a small job on one small machine, such as CI's (docs/cluster.md):
/// as root (CI runs as root), more ranks than cores, no binding of ranks to cores (each rank's
/// threads may use every core), and no single-copy transfers (containers forbid the ptrace they use).
const std::vector<std::pair<std::string, std::string>> kOpenMpiEnvironment = {
    {"OMPI_ALLOW_RUN_AS_ROOT", "1"},
    {"OMPI_ALLOW_RUN_AS_ROOT_CONFIRM", "1"},
    {"OMPI_MCA_rmaps_base_oversubscribe", "1"},
    {"OMPI_MCA_hwloc_base_binding_policy", "none"},
    {"OMPI_MCA_btl_vader_single_copy_mechanism", "none"},
};

/// Starts `mpiexec -n RANKS surfkmc ARGS...`, its output going to `log`.
pid_t startMpi(int ranks, const std::vector<std::string>& args, const fs::path& log) {
  std::vector<std::string> all{"-n", std::to_string(ranks), test::kBinary};
  all.insert(all.end(), args.begin(), args.end());
  return test::spawn(kMpiexec, all, kOpenMpiEnvironment, log);
}

/// Runs it to the end and returns its exit code (-1: killed by a signal).
int runMpi(int ranks, const std::vector<std::string>& args, const fs::path& log) {
  return test::waitExit(startMpi(ranks, args, log));
}

/// Parent pid of a process (from /proc), or -1.
pid_t parentOf(pid_t pid) {
  std::ifstream stat("/proc/" + std::to_string(pid) + "/stat");
  std::string line;
  std::getline(stat, line);
  // pid (comm) state ppid ...: comm may hold spaces, so read after the last ')'.
  const std::size_t close = line.rfind(')');
  if (close == std::string::npos) return -1;
  std::istringstream rest(line.substr(close + 1));
  char state = 0;
  pid_t ppid = -1;
  rest >> state >> ppid;
  return ppid;
}

/// The process under `launcher` (its child, or grandchild through a daemon) whose environment says
/// it is MPI rank `rank`, or -1.
pid_t findRank(pid_t launcher, int rank) {
  const std::string wanted = "OMPI_COMM_WORLD_RANK=" + std::to_string(rank);
  std::error_code ec;
  for (fs::directory_iterator it("/proc", ec), end; !ec && it != end; it.increment(ec)) {
    const std::string name = it->path().filename().string();
    if (name.find_first_not_of("0123456789") != std::string::npos) continue;
    const pid_t pid = std::stoi(name);
    const pid_t parent = parentOf(pid);
    if (parent != launcher && parentOf(parent) != launcher) continue;
    const std::string environment = readText(it->path() / "environ");
    for (std::size_t at = 0; at < environment.size(); at = environment.find('\0', at) + 1) {
      if (environment.compare(at, wanted.size() + 1, wanted + '\0') == 0) return pid;
      if (environment.find('\0', at) == std::string::npos) break;
    }
  }
  return -1;
}

/// The series/ and frames/ of two sweeps hold the same files: frames byte for byte, series but for
/// the provenance line.
void expectSameStreams(const fs::path& a, const fs::path& b, std::size_t tasks) {
  ASSERT_EQ(test::fileNames(a / "series"), test::fileNames(b / "series"));
  ASSERT_EQ(test::fileNames(a / "frames"), test::fileNames(b / "frames"));
  EXPECT_EQ(test::fileNames(a / "series").size(), tasks);
  EXPECT_EQ(test::fileNames(a / "frames").size(), tasks);
  for (const std::string& name : test::fileNames(a / "series"))
    EXPECT_EQ(test::withoutComments(a / "series" / name), test::withoutComments(b / "series" / name)) << name;
  for (const std::string& name : test::fileNames(a / "frames"))
    EXPECT_EQ(readText(a / "frames" / name), readText(b / "frames" / name)) << name;
}

/// 2 points x `replicas` replicas of a second or two, with an analysis step (a place to stop, a
/// row of the series) every millisecond and a frame every 5 ms.
std::string stoppableSweep(int replicas) {
  return "schema_version: 1\nname: mpi_streams\nseed: 11\nmaterial: Ag\n"
         "geometry: {shape: cylinder, diameter_nm: 2.5, length_nm: 3}\n"
         "kmc: {temperature_K: 300, snapshot_every_s: 0.005}\nloading: {strain_rate_per_s: 2.0}\n"
         "acceleration: {rate_scaling: true, window_events: 2000, bias_probes: 2, bias_probe_events: "
         "1000}\nnucleation: {analysis_interval_s: 0.001}\n"
         "replicas: " +
         std::to_string(replicas) + "\nsweep:\n  geometry.diameter_nm: [2.5, 3]\n";
}

TEST(MpiSweep, OneTwoAndThreeRanksGiveTheResultsOfOneProcess) {
  const test::TempDir dir;
  ASSERT_EQ(test::runSurfkmc(
                {"sweep", test::kFastSweep.string(), "--threads", "2", "--out", (dir.path() / "plain").string()}),
            0);
  for (const int ranks : {1, 2, 3}) {
    const fs::path out = dir.path() / ("ranks" + std::to_string(ranks));
    const fs::path log = dir.path() / ("ranks" + std::to_string(ranks) + ".log");
    // One rank runs two threads, so the dispatcher's own slots and its thread arena are exercised too.
    const std::string threads = ranks == 1 ? "2" : "1";
    ASSERT_EQ(runMpi(ranks, {"sweep", test::kFastSweep.string(), "--threads", threads, "--out", out.string()}, log), 0)
        << readText(log);
    SCOPED_TRACE(std::to_string(ranks) + " ranks");
    expectSameResults(out, dir.path() / "plain");
    EXPECT_NE(readText(out / "points.csv").find(" ranks=" + std::to_string(ranks) + " "), std::string::npos)
        << "the provenance line names the rank count";
  }
}

TEST(MpiSweep, JobWithAKilledRankResumesToIdenticalResults) {
  const test::TempDir dir;
  const fs::path killed = dir.path() / "killed";
  const fs::path log = dir.path() / "killed.log";
  // kSmallSweep at a tenth of its strain rates, so each replica loads ten times longer: at its own rates the 12
  // results took about 2 s in all, and on a busy machine every one could be on disk before the kill landed.
  std::string text = readText(test::kSmallSweep);
  const std::string rates = "[1.0, 3.0]";
  ASSERT_NE(text.find(rates), std::string::npos);
  text.replace(text.find(rates), rates.size(), "[0.1, 0.3]");
  const fs::path scenario = dir.write("slow.yaml", text);

  const pid_t launcher = startMpi(3, {"sweep", scenario.string(), "--threads", "1", "--out", killed.string()}, log);
  // Kill worker rank 1 once some, but not all, of the 12 (point, replica) results are on disk.
  pid_t victim = -1;
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(60);
  while ((victim < 0 || recordCount(killed / "points") < 2) && std::chrono::steady_clock::now() < deadline) {
    if (victim < 0) victim = findRank(launcher, 1);
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
  }
  ASSERT_GT(victim, 0) << "rank 1 not found\n" << readText(log);
  ::kill(victim, SIGKILL);
  EXPECT_NE(test::waitExit(launcher), 0) << "mpiexec ends the job when a rank dies\n" << readText(log);
  const std::size_t kept = recordCount(killed / "points");
  ASSERT_GE(kept, 2u);
  ASSERT_LT(kept, 12u) << "the sweep finished before a rank could be killed; make it longer";
  EXPECT_FALSE(fs::exists(killed / "points.csv"));

  // Resumed with another rank count: finished results are kept as they were, the rest is run.
  const auto before = recordTimes(killed / "points");
  const fs::path resume_log = dir.path() / "resume.log";
  ASSERT_EQ(runMpi(2, {"sweep", "--resume", killed.string(), "--threads", "1"}, resume_log), 0) << readText(resume_log);
  for (const auto& [file, time] : before) EXPECT_EQ(fs::last_write_time(file), time) << file;
  EXPECT_EQ(recordCount(killed / "points"), 12u);
  EXPECT_NE(readText(resume_log).find("resuming"), std::string::npos) << readText(resume_log);

  const fs::path whole = dir.path() / "whole";
  ASSERT_EQ(test::runSurfkmc({"sweep", scenario.string(), "--threads", "2", "--out", whole.string()}), 0);
  expectSameResults(killed, whole);
}

// What a replica streams does not depend on where it ran: with --series and frames, two ranks
// write the series/ and frames/ files of one process (frames byte for byte, series but for the
// provenance line), and rank 0 keeps progress.json as a one-process sweep does.
TEST(MpiSweep, SeriesFramesAndProgressAreThoseOfOneProcess) {
  const test::TempDir dir;
  const fs::path scenario = dir.write("frames.yaml", stoppableSweep(2));
  const fs::path plain = dir.path() / "plain", ranks = dir.path() / "ranks";
  ASSERT_EQ(test::runSurfkmc({"sweep", scenario.string(), "--series", "--threads", "2", "--out", plain.string()}), 0);
  const fs::path log = dir.path() / "ranks.log";
  ASSERT_EQ(runMpi(2, {"sweep", scenario.string(), "--series", "--threads", "1", "--out", ranks.string(), "-q"}, log),
            0)
      << readText(log);
  expectSameStreams(ranks, plain, 4);
  EXPECT_NE(readText(ranks / "series" / "p00000_r0000.csv").find(" ranks=2 "), std::string::npos)
      << "every rank heads its series with rank 0's provenance line";
  const auto progress = nlohmann::json::parse(readText(ranks / "progress.json"));
  EXPECT_EQ(progress.at("mode"), "sweep");
  EXPECT_EQ(progress.at("state"), "finished");
  EXPECT_EQ(progress.at("tasks_total"), 4);
  EXPECT_EQ(progress.at("tasks_done"), 4);
  EXPECT_EQ(readText(log).find("sim_time_s"), std::string::npos) << "--quiet: no progress rows\n" << readText(log);
}

// SIGTERM to one worker rank (as a kill on one node would send it) stops the whole job in order:
// rank 1's running replica writes its checkpoint and reports Stopped, rank 0 hands out nothing
// more and passes the stop on, every running replica checkpoints, and mpiexec exits 143 (rank 0's
// Stopped) with the --resume hint. Resumed on two ranks, the sweep ends with the records, series and
// frames of an uninterrupted one-process sweep.
TEST(MpiSweep, SigtermToOneRankStopsEveryRankAndResumes) {
  const test::TempDir dir;
  const fs::path scenario = dir.write("stop.yaml", stoppableSweep(3));
  const fs::path stopped = dir.path() / "stopped", log = dir.path() / "stopped.log";
  const pid_t launcher =
      startMpi(3, {"sweep", scenario.string(), "--series", "--threads", "1", "--out", stopped.string()}, log);
  // Every rank has its handlers once progress.json exists; wait until replicas are well under way.
  pid_t victim = -1;
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(120);
  const auto streaming = [&] {
    for (const std::string& name : test::fileNames(stopped / "series")) {
      const std::string text = readText(stopped / "series" / name);
      if (std::count(text.begin(), text.end(), '\n') >= 8) return true;
    }
    return false;
  };
  while ((victim < 0 || !fs::exists(stopped / "progress.json") || !streaming()) &&
         std::chrono::steady_clock::now() < deadline) {
    if (victim < 0) victim = findRank(launcher, 1);
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  ASSERT_GT(victim, 0) << "rank 1 not found\n" << readText(log);
  ASSERT_TRUE(fs::exists(stopped / "progress.json")) << readText(log);
  ::kill(victim, SIGTERM);
  ASSERT_EQ(test::waitExit(launcher), 128 + SIGTERM) << readText(log);

  const std::string printed = readText(log);
  EXPECT_NE(printed.find("continue with: surfkmc sweep --resume " + stopped.string()), std::string::npos) << printed;
  EXPECT_EQ(nlohmann::json::parse(readText(stopped / "progress.json")).at("state"), "stopped");
  EXPECT_FALSE(fs::exists(stopped / "points.csv"));
  const std::size_t kept = recordCount(stopped / "points");
  EXPECT_LT(kept, 6u);
  EXPECT_FALSE(test::fileNames(stopped / "checkpoints").empty()) << "the running replicas wrote their checkpoints";

  const auto before = recordTimes(stopped / "points");
  const fs::path resume_log = dir.path() / "resume.log";
  ASSERT_EQ(runMpi(2, {"sweep", "--resume", stopped.string(), "--threads", "1", "-q"}, resume_log), 0)
      << readText(resume_log);
  for (const auto& [file, time] : before) EXPECT_EQ(fs::last_write_time(file), time) << file;
  EXPECT_EQ(recordCount(stopped / "points"), 6u);

  const fs::path whole = dir.path() / "whole";
  ASSERT_EQ(test::runSurfkmc({"sweep", scenario.string(), "--series", "--threads", "2", "--out", whole.string()}), 0);
  EXPECT_EQ(test::comparableCsv(stopped / "points.csv", {"wall_time_s"}),
            test::comparableCsv(whole / "points.csv", {"wall_time_s"}));
  expectSameStreams(stopped, whole, 6);
}

TEST(MpiSweep, BadInputIsReportedOnceWithExitCode2) {
  const test::TempDir dir;
  const fs::path log = dir.path() / "bad.log";
  const fs::path scenario = dir.write("bad.yaml", test::kHead + "geometry: {shape: cylinder, diameter_nm: -3}\n");
  EXPECT_EQ(runMpi(2, {"sweep", scenario.string(), "--out", (dir.path() / "out").string()}, log), 2) << readText(log);
  const std::string output = readText(log);
  const std::string message = "bad.yaml:5:";
  const std::size_t first = output.find(message);
  ASSERT_NE(first, std::string::npos) << output;
  EXPECT_EQ(output.find(message, first + 1), std::string::npos) << "one rank reports it, not every rank\n" << output;
  EXPECT_EQ(runMpi(2, {"sweep", "--resume", (dir.path() / "nowhere").string()}, log), 2) << readText(log);
}

// Runs that go on after nucleating (issue 19): slip events, their frames and curves are the same
// for one thread, two threads and two ranks.
TEST(MpiSweep, FlowingRunsGiveTheSameResultsForAnyThreadOrRankCount) {
  const test::TempDir dir;
  const fs::path scenario =
      dir.write("flow.yaml",
                "schema_version: 1\nname: flow_ranks\nseed: 5\nmaterial: Ag\n"
                "geometry: {shape: cylinder, diameter_nm: 2, length_nm: 10}\nkmc: {temperature_K: 300}\n"
                "loading: {strain_rate_per_s: 100.0, max_strain: 0.1, until: max_strain}\n"
                "nucleation: {analysis_interval_s: 0.0001}\nreplicas: 2\nsweep:\n  material: [Ag, Pt]\n");
  const fs::path t1 = dir.path() / "t1", t2 = dir.path() / "t2", r2 = dir.path() / "r2";
  ASSERT_EQ(test::runSurfkmc({"sweep", scenario.string(), "--threads", "1", "--out", t1.string(), "-q"}), 0);
  ASSERT_EQ(test::runSurfkmc({"sweep", scenario.string(), "--threads", "2", "--out", t2.string(), "-q"}), 0);
  const fs::path log = dir.path() / "r2.log";
  ASSERT_EQ(runMpi(2, {"sweep", scenario.string(), "--threads", "1", "--out", r2.string(), "-q"}, log), 0)
      << readText(log);
  const std::string points = test::withoutComments(t1 / "points.csv");
  EXPECT_NE(points.find(",max_strain,"), std::string::npos) << points;
  const std::string curves = test::withoutComments(t1 / "stress_strain.csv");
  EXPECT_NE(curves.find(",slip,"), std::string::npos) << "the runs must slip for this to test anything";
  for (const fs::path& other : {t2, r2}) {
    SCOPED_TRACE(other.filename().string());
    EXPECT_EQ(test::comparableCsv(other / "points.csv", {"wall_time_s"}),
              test::comparableCsv(t1 / "points.csv", {"wall_time_s"}));
    EXPECT_EQ(test::withoutComments(other / "stress_strain.csv"), curves);
    ASSERT_EQ(test::fileNames(other / "frames"), test::fileNames(t1 / "frames"));
    for (const std::string& name : test::fileNames(t1 / "frames"))
      EXPECT_EQ(readText(other / "frames" / name), readText(t1 / "frames" / name)) << name;
  }
}

// `surfkmc learn` over ranks: each scenario runs on one rank, which computes the environments its run was the first
// to lack; the grown files are those of one process (only the NEBs' wall times differ), for 2 ranks and for 3, more
// ranks than scenarios.
TEST(MpiLearn, TwoAndThreeRanksGrowTheCatalogueOfOneProcess) {
  const test::TempDir dir;
  const std::string ag = dir.write("ag_v2.yaml", test::agBeforeLearning()).string();
  const fs::path a = dir.write("hot.yaml", test::hotWire(ag));
  const fs::path b = dir.write("hot_seed6.yaml", test::hotWire(ag, "6"));
  const auto args = [&](const std::string& out) {
    return std::vector<std::string>{"learn",    a.string(), b.string(),  "--out", (dir.path() / out).string(),
                                    "--rounds", "1",        "--max-new", "4",     "--threads",
                                    "1"};
  };
  const test::Outcome one = test::captureSurfkmc(args("one"));
  ASSERT_EQ(one.code, 0) << one.output;
  const auto read = [&](const std::string& out, const char* file) {
    nlohmann::json j = nlohmann::json::parse(readText(dir.path() / out / file));
    for (nlohmann::json& x : j.at("samples")) x.erase("wall_time_s");
    return j;
  };
  for (const int ranks : {2, 3}) {
    const std::string out = "ranks" + std::to_string(ranks);
    const fs::path log = dir.path() / (out + ".log");
    ASSERT_EQ(runMpi(ranks, args(out), log), 0) << readText(log);
    const std::string shown = readText(log);
    EXPECT_EQ(shown.find("learning environments"), shown.rfind("learning environments")) << "one rank prints\n"
                                                                                         << shown;
    for (const char* file : {"hops.json", "hops_strain_low.json", "hops_strain_high.json"}) {
      const nlohmann::json x = read("one", file);
      const nlohmann::json y = read(out, file);
      ASSERT_EQ(y.at("samples").size(), x.at("samples").size()) << ranks << " " << file;
      EXPECT_GT(x.at("samples").size(),
                y.at("learn").at("rounds")[0].at("computed").at("environments").get<std::size_t>());
      EXPECT_TRUE(y.at("samples") == x.at("samples")) << ranks << " ranks, " << file;
      EXPECT_EQ(y.at("learn").at("provenance").at("ranks"), ranks);
      const nlohmann::json& rx = x.at("learn").at("rounds");
      const nlohmann::json& ry = y.at("learn").at("rounds");
      ASSERT_EQ(ry.size(), rx.size());
      for (std::size_t r = 0; r < rx.size(); ++r)
        for (std::size_t k = 0; k < 2; ++k)
          for (const char* field : {"kmc_events", "kmc_time_s", "uncatalogued_events", "uncatalogued_environments"})
            EXPECT_EQ(ry[r].at("runs")[k].at(field), rx[r].at("runs")[k].at(field)) << ranks << " " << r << " " << k;
    }
  }
}

TEST(MpiLearn, BadInputIsReportedOnceWithExitCode2) {
  const test::TempDir dir;
  const fs::path scenario = dir.write("hot.yaml", test::hotWire("Ag"));
  const fs::path log = dir.path() / "bad.log";
  for (const std::vector<std::string>& args :
       {std::vector<std::string>{"learn", scenario.string(), "--out", (dir.path() / "o").string(), "--target", "0"},
        std::vector<std::string>{"learn",
                                 dir.write("bad.yaml", test::kHead + "geometry: {shape: cylinder, "
                                                                     "diameter_nm: -3}\n")
                                     .string(),
                                 "--out", (dir.path() / "o").string()}}) {
    EXPECT_EQ(runMpi(2, args, log), 2) << readText(log);
    const std::string output = readText(log);
    const std::size_t first = output.find("surfkmc: error");
    ASSERT_NE(first, std::string::npos) << output;
    EXPECT_EQ(output.find("surfkmc: error", first + 1), std::string::npos) << "one rank reports it\n" << output;
    EXPECT_FALSE(fs::exists(dir.path() / "o"));
  }
}

}  // namespace
}  // namespace surfkmc::app
