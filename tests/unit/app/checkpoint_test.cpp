// SPDX-License-Identifier: MIT
// Checkpoints in app/: the file envelope and its refusals, a coupled replica saved at an analysis
// boundary and restored, the checkpoint_every_s key, and the progress meter's terminal check.
#include <fcntl.h>
#include <poll.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>

#include <gtest/gtest.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

#include "app/checkpoint_file.hpp"
#include "app/checkpoint_policy.hpp"
#include "app/progress_meter.hpp"
#include "app/replica_runner.hpp"
#include "app/scenario_loader.hpp"
#include "app/specimen.hpp"
#include "core/binary_reader.hpp"
#include "core/binary_writer.hpp"
#include "core/error.hpp"
#include "test_files.hpp"

namespace surfkmc::app {
namespace {

namespace fs = std::filesystem;

// A coupled Ag replica of ~10 analysis intervals and ~6e4 events: well under a second.
const std::string kCoupled = test::kHead +
                             "geometry: {shape: cylinder, diameter_nm: 2, length_nm: 2.5}\n"
                             "kmc: {temperature_K: 300}\n"
                             "loading: {strain_rate_per_s: 10.0}\n"
                             "acceleration: {rate_scaling: true, window_events: 1000, bias_probes: 2, "
                             "bias_probe_events: 1000, super_moves: true, super_move_after_hops: 2}\n"
                             "nucleation: {analysis_interval_s: 0.0005}\n";

CheckpointHeader header(std::uint64_t point = 1, std::uint64_t replica = 2) {
  CheckpointHeader h;
  h.kind = CheckpointKind::kCoupled;
  h.scenario_hash = "fnv1a64:0123";
  h.point = point;
  h.replica = replica;
  h.wall_time_s = 12.5;
  return h;
}

std::string messageOf(const fs::path& file, const CheckpointHeader& expected) {
  double wall = 0.0;
  try {
    readCheckpoint(file, expected, wall);
  } catch (const InputError& e) {
    return e.what();
  }
  return "(no error)";
}

TEST(CheckpointFile, RoundTripAndMissingFile) {
  const test::TempDir dir;
  const fs::path file = dir.path() / "c.ckpt";
  double wall = 0.0;
  EXPECT_FALSE(readCheckpoint(file, header(), wall));
  const std::string state("state\0bytes", 11);
  writeCheckpoint(file, header(), state);
  const auto back = readCheckpoint(file, header(), wall);
  ASSERT_TRUE(back);
  EXPECT_EQ(*back, state);
  EXPECT_EQ(wall, 12.5);
  for (const auto& e : fs::directory_iterator(dir.path())) EXPECT_EQ(e.path(), file) << "no temporary left behind";
}

TEST(CheckpointFile, AnotherScenarioPointReplicaOrKindIsAClearInputError) {
  const test::TempDir dir;
  const fs::path file = dir.path() / "c.ckpt";
  writeCheckpoint(file, header(), "x");
  CheckpointHeader other = header();
  other.scenario_hash = "fnv1a64:9999";
  EXPECT_NE(messageOf(file, other).find("another version of the scenario"), std::string::npos)
      << messageOf(file, other);
  EXPECT_NE(messageOf(file, other).find(file.string()), std::string::npos);
  EXPECT_NE(messageOf(file, header(1, 3)).find("replica 2, expected point 1 replica 3"), std::string::npos);
  other = header();
  other.kind = CheckpointKind::kKmc;
  EXPECT_NE(messageOf(file, other).find("not of a KMC-only run"), std::string::npos);
}

TEST(CheckpointFile, ForeignTruncatedOrDamagedFilesAreRefused) {
  const test::TempDir dir;
  const fs::path file = dir.path() / "c.ckpt";
  writeCheckpoint(file, header(), std::string(1000, 'a'));
  std::ifstream in(file, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  const std::string bytes = text.str();

  dir.write("foreign.ckpt", "schema_version: 1\n");
  EXPECT_NE(messageOf(dir.path() / "foreign.ckpt", header()).find("not a surfkmc checkpoint"), std::string::npos);
  dir.write("short.ckpt", bytes.substr(0, bytes.size() / 2));
  EXPECT_NE(messageOf(dir.path() / "short.ckpt", header()).find("truncated or corrupt"), std::string::npos);
  std::string damaged = bytes;
  damaged[damaged.size() - 100] = 'b';
  dir.write("damaged.ckpt", damaged);
  EXPECT_NE(messageOf(dir.path() / "damaged.ckpt", header()).find("checksum"), std::string::npos);
  std::string version = bytes;
  version[8] = 99;  // the version follows the 8-byte magic
  dir.write("version.ckpt", version);
  EXPECT_NE(messageOf(dir.path() / "version.ckpt", header()).find("format version 99"), std::string::npos);
  // Issue 20: a FIFO would block a plain read forever; it is refused at once.
  ASSERT_EQ(::mkfifo((dir.path() / "fifo.ckpt").c_str(), 0600), 0);
  EXPECT_NE(messageOf(dir.path() / "fifo.ckpt", header()).find("not a regular file"), std::string::npos);
}

// The coupled run saved at its 5th analysis boundary and restored into a run on a freshly built
// specimen ends exactly as the uninterrupted one (and as one that never saved).
TEST(CoupledRunState, RestoredAtABoundaryTheRunEndsBitForBitTheSame) {
  const test::TempDir dir;
  const Scenario s = loadScenario(dir.write("c.yaml", kCoupled));
  const auto fresh = [&](lattice::BuiltWire& built) { return coupledParams(s, s.wire.diameter_A, built.length_A); };
  lattice::BuiltWire plain_wire = buildSpecimen(s);
  const coupling::CoupledResult plain = coupling::CoupledRun(plain_wire.lattice, fresh(plain_wire), s.seed, 0, 1).run();
  ASSERT_TRUE(plain.nucleated);
  ASSERT_GT(plain.samples.size(), 6u);

  lattice::BuiltWire a_wire = buildSpecimen(s);
  coupling::CoupledRun a(a_wire.lattice, fresh(a_wire), s.seed, 0, 1);
  int boundary = 0;
  std::string saved;
  const coupling::CoupledResult ra = a.run([&](const coupling::CoupledRun& run) {
    if (++boundary != 5) return;
    BinaryWriter w;
    run.saveState(w);
    saved = w.bytes();
  });
  ASSERT_FALSE(saved.empty());

  lattice::BuiltWire b_wire = buildSpecimen(s);
  coupling::CoupledRun b(b_wire.lattice, fresh(b_wire), s.seed, 0, 1);
  BinaryReader r(saved);
  b.restoreState(r);
  r.expectEnd();
  const coupling::CoupledResult rb = b.run();

  for (const coupling::CoupledResult* x : {&ra, &rb}) {
    EXPECT_EQ(x->yield_stress_GPa, plain.yield_stress_GPa);
    EXPECT_EQ(x->yield_strain, plain.yield_strain);
    EXPECT_EQ(x->time_s, plain.time_s);
    EXPECT_EQ(x->events, plain.events);
    EXPECT_EQ(x->site, plain.site);
    EXPECT_EQ(x->surface_diffusivity_A2_per_s, plain.surface_diffusivity_A2_per_s);
    EXPECT_EQ(x->acceleration.effective_acceleration, plain.acceleration.effective_acceleration);
    ASSERT_EQ(x->samples.size(), plain.samples.size());
    for (std::size_t i = 0; i < plain.samples.size(); ++i) {
      EXPECT_EQ(x->samples[i].stress_GPa, plain.samples[i].stress_GPa) << i;
      EXPECT_EQ(x->samples[i].cumulative_hazard, plain.samples[i].cumulative_hazard) << i;
      EXPECT_EQ(x->samples[i].surface_diffusivity_A2_per_s, plain.samples[i].surface_diffusivity_A2_per_s) << i;
      EXPECT_EQ(x->samples[i].sites, plain.samples[i].sites) << i;
      EXPECT_EQ(x->samples[i].events, plain.samples[i].events) << i;
    }
  }
  for (lattice::SiteIndex i = 0; i < plain_wire.lattice.siteCount(); ++i)
    ASSERT_EQ(b_wire.lattice.atomAt(i), plain_wire.lattice.atomAt(i));
}

// runCoupledReplica with a policy: resumes a checkpoint of the same (point, replica), writes the
// record before deleting the checkpoint, and refuses a checkpoint of another replica.
TEST(CoupledRunState, ReplicaRunnerResumesRecordsAndCleansUp) {
  const test::TempDir dir;
  const Scenario s = loadScenario(dir.write("c.yaml", kCoupled));
  const ReplicaOutput plain = runCoupledReplica(s, 0, 0, false);

  lattice::BuiltWire wire = buildSpecimen(s);
  coupling::CoupledRun run(wire.lattice, coupledParams(s, s.wire.diameter_A, wire.length_A), s.seed, 0, 0);
  int boundary = 0;
  std::string saved;
  run.run([&](const coupling::CoupledRun& at) {
    if (++boundary != 4) return;
    BinaryWriter w;
    at.saveState(w);
    saved = w.bytes();
  });
  CheckpointPolicy policy;
  policy.dir = dir.path() / "checkpoints";
  policy.resume = true;
  policy.scenario_hash = s.source_hash;
  policy.record_dir = dir.path();
  fs::create_directories(policy.dir);
  CheckpointHeader h;
  h.scenario_hash = s.source_hash;
  writeCheckpoint(policy.file(0, 0), h, saved);

  const ReplicaOutput resumed = runCoupledReplica(s, 0, 0, false, policy);
  EXPECT_TRUE(resumed.resumed);
  EXPECT_EQ(resumed.result.yield_stress_GPa, plain.result.yield_stress_GPa);
  EXPECT_EQ(resumed.result.events, plain.result.events);
  EXPECT_EQ(resumed.result.samples.size(), plain.result.samples.size());
  EXPECT_FALSE(fs::exists(policy.file(0, 0)));
  EXPECT_TRUE(fs::exists(dir.path() / "p00000_r0000.json"));

  // The same state under the name of replica 1 is refused: it would continue another replica.
  writeCheckpoint(policy.file(0, 1), h, saved);
  EXPECT_THROW(runCoupledReplica(s, 0, 1, false, policy), InputError);
}

TEST(CheckpointInterval, ScenarioKeyIsReadAndTheCommandLineOverridesIt) {
  const test::TempDir dir;
  const Scenario with = loadScenario(dir.write("a.yaml", kCoupled + "checkpoint_every_s: 600\n"));
  ASSERT_TRUE(with.checkpoint_every_s);
  EXPECT_EQ(*with.checkpoint_every_s, 600.0);
  EXPECT_EQ(checkpointInterval(std::nullopt, with), 600.0);
  EXPECT_EQ(checkpointInterval(30.0, with), 30.0);
  const Scenario without = loadScenario(dir.write("b.yaml", kCoupled));
  EXPECT_EQ(checkpointInterval(std::nullopt, without), 0.0);
}

TEST(CheckpointInterval, NonPositiveIntervalIsALocatedError) {
  const test::TempDir dir;
  for (const std::string value : {"0", "-5", ".inf", "soon"}) {
    const fs::path file = dir.write("bad.yaml", kCoupled + "checkpoint_every_s: " + value + "\n");
    try {
      loadScenario(file);
      ADD_FAILURE() << value << " was accepted";
    } catch (const InputError& e) {
      const std::string what = e.what();
      EXPECT_NE(what.find(file.string() + ":10:21:"), std::string::npos) << what;
      EXPECT_NE(what.find("checkpoint_every_s: bad value '" + value + "'"), std::string::npos) << what;
      EXPECT_NE(what.find("> 0"), std::string::npos) << what;
    }
  }
}

// On a terminal the meter's first row comes at once, with the tasks done and the time left.
TEST(ProgressMeter, PrintsARowToATerminalAtOnce) {
  const int master = ::posix_openpt(O_RDWR | O_NOCTTY);
  ASSERT_GE(master, 0);
  ASSERT_EQ(::grantpt(master), 0);
  ASSERT_EQ(::unlockpt(master), 0);
  const int slave = ::open(::ptsname(master), O_RDWR | O_NOCTTY);
  ASSERT_GE(slave, 0);
  std::FILE* terminal = ::fdopen(slave, "w");
  ASSERT_NE(terminal, nullptr);
  {
    ProgressOptions options;
    options.stream = terminal;
    ProgressMeter meter(3, 1, options);
    meter.taskDone(2.5);
    meter.finish();
  }
  // Everything is written by now, but a pseudo-terminal hands it over in pieces (a line at a time):
  // read until nothing more comes within a second.
  std::string shown;
  for (pollfd p{master, POLLIN, 0}; ::poll(&p, 1, 1000) > 0 && (p.revents & POLLIN);) {
    char buffer[1024];
    const ssize_t n = ::read(master, buffer, sizeof buffer);
    if (n <= 0) break;
    shown.append(buffer, static_cast<std::size_t>(n));
  }
  ASSERT_FALSE(shown.empty());
  EXPECT_NE(shown.find("2/3"), std::string::npos) << shown;
  EXPECT_NE(shown.find("left"), std::string::npos) << shown;
  std::fclose(terminal);
  ::close(master);
}

}  // namespace
}  // namespace surfkmc::app
