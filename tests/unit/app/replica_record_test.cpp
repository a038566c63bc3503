// SPDX-License-Identifier: MIT
// Result records of a sweep: exact round trip, and refusal of another scenario's or point's record.
#include "app/replica_record.hpp"

#include <gtest/gtest.h>

#include <sys/stat.h>

#include <cmath>
#include <fstream>
#include <limits>
#include <nlohmann/json.hpp>

#include "core/error.hpp"
#include "tests/unit/app/test_files.hpp"

namespace surfkmc::app {
namespace {

ReplicaOutput sample() {
  ReplicaOutput o;
  o.point = 3;
  o.replica = 1;
  o.atoms_initial = 1234;
  o.atoms_final = 1234;
  o.wall_time_s = 0.1 + 0.2;  // not exactly 0.3: the bits must survive
  coupling::CoupledResult& r = o.result;
  r.nucleated = true;
  r.yield_stress_GPa = std::nextafter(1.0 / 3.0, 1.0);
  r.yield_strain = 1e-300;
  r.time_s = 12345.678901234567;
  r.site_class = nucleation::SiteClass::kPit;
  r.site_size = 4;
  r.site = 99;
  r.position_A = {1.5, -2.25, 1e10};
  r.events = (std::int64_t{1} << 53) + 1;
  r.surface_diffusivity_A2_per_s = 4.2e-2;
  for (int i = 0; i < 3; ++i) {
    coupling::CoupledSample c;
    c.time_s = 0.1 * i;
    c.applied_strain = std::sqrt(2.0) * i;
    c.stress_GPa = std::exp(-i);
    c.cumulative_hazard = 5e-324 * i;  // denormal
    c.events = i;
    r.samples.push_back(c);
  }
  return o;
}

TEST(ReplicaRecord, RoundTripsEveryBit) {
  const test::TempDir dir;
  const ReplicaOutput o = sample();
  const auto file = replicaRecordPath(dir.path(), o.point, o.replica);
  EXPECT_EQ(file.filename(), "p00003_r0001.json");
  saveReplicaRecord(file, o, "fnv1a64:abc");
  const auto back = loadReplicaRecord(file, 3, 1, "fnv1a64:abc");
  ASSERT_TRUE(back);
  EXPECT_EQ(back->wall_time_s, o.wall_time_s);
  EXPECT_EQ(back->result.yield_stress_GPa, o.result.yield_stress_GPa);
  EXPECT_EQ(back->result.yield_strain, o.result.yield_strain);
  EXPECT_EQ(back->result.time_s, o.result.time_s);
  EXPECT_EQ(back->result.site_class, o.result.site_class);
  EXPECT_EQ(back->result.position_A.z, o.result.position_A.z);
  EXPECT_EQ(back->result.events, o.result.events);
  ASSERT_EQ(back->result.samples.size(), 3u);
  for (std::size_t i = 0; i < 3; ++i) {
    EXPECT_EQ(back->result.samples[i].applied_strain, o.result.samples[i].applied_strain);
    EXPECT_EQ(back->result.samples[i].stress_GPa, o.result.samples[i].stress_GPa);
    EXPECT_EQ(back->result.samples[i].cumulative_hazard, o.result.samples[i].cumulative_hazard);
  }
}

/// A result with every field of the record set to a value other than its default.
ReplicaOutput everyFieldSet() {
  ReplicaOutput o = sample();
  coupling::CoupledResult& r = o.result;
  r.stop_reason = coupling::StopReason::kNucleated;
  coupling::CoupledSample& c = r.samples[1];
  c.diffusion_strain = 1e-5;
  c.slip_strain = 2e-5;
  c.surface_diffusivity_A2_per_s = 3.5;
  c.sites = {1, 2, 3, 4};
  c.max_step_height = 2;
  c.pit_vacancies = 7;
  c.hazard_per_s = 0.25;
  kmc::AccelerationReport& a = r.acceleration;
  a = {true,
       11,
       12,
       13,
       {{3, 4, 1, 0.125}, {2, 5, 0, 0.5}},
       0.125,
       17.5,
       30.0,
       2.5e-3,
       {4, 0.625, 0.03125, 1.5e-3, 5e4, 7e3, 6.5},
       {3, 0.25, 0.0625, 2.5e-3, 6e4, 8e3, 9.5},
       true,
       21,
       22,
       23,
       24,
       1234.5,
       9.75,
       true,
       31,
       1e-9};
  return o;
}

TEST(ReplicaRecord, EveryFieldRoundTripsThroughJson) {
  const ReplicaOutput o = everyFieldSet();
  const nlohmann::json j = o;
  const ReplicaOutput back = j.get<ReplicaOutput>();
  // The whole struct, every field (resumed and yield_snapshot are not in a record, and are at their
  // defaults here), and the JSON, which names every field.
  EXPECT_EQ(back, o);
  EXPECT_EQ(nlohmann::json(back), j);
  // And a changed field is seen.
  ReplicaOutput other = o;
  other.result.acceleration.profile_refreshes = 32;
  EXPECT_NE(other, o);
  EXPECT_NE(nlohmann::json(other), j);
  other = o;
  other.result.acceleration.rate_scaling_bias.standard_error = 0.0625;
  EXPECT_NE(other, o);
  EXPECT_NE(nlohmann::json(other), j);
  other = o;
  other.result.acceleration.rate_scaling_bias_at_end.transport_ratio = 0.5;
  EXPECT_NE(other, o);
  EXPECT_NE(nlohmann::json(other), j);
  other = o;
  other.result.samples[1].pit_vacancies = 8;
  EXPECT_NE(other, o);
  EXPECT_NE(nlohmann::json(other), j);
}

TEST(ReplicaRecord, MissingIsNulloptAndForeignIsAnError) {
  const test::TempDir dir;
  EXPECT_FALSE(loadReplicaRecord(dir.path() / "none.json", 0, 0, "h"));
  const ReplicaOutput o = sample();
  const auto file = replicaRecordPath(dir.path(), o.point, o.replica);
  saveReplicaRecord(file, o, "h1");
  EXPECT_THROW((void)loadReplicaRecord(file, 3, 1, "h2"), InputError);
  EXPECT_THROW((void)loadReplicaRecord(file, 3, 0, "h1"), InputError);
  const auto broken = dir.write("broken.json", "{\"scenario_hash\": \"h1\", \"point\": ");
  EXPECT_THROW((void)loadReplicaRecord(broken, 3, 1, "h1"), InputError);
}

TEST(ReplicaRecord, KeepsEverythingTheReportsWriteAndNonFiniteValues) {
  const test::TempDir dir;
  ReplicaOutput o = sample();
  o.result.nucleated = false;
  o.result.stop_reason = coupling::StopReason::kMaxEvents;
  o.result.yield_stress_GPa = std::nan("");
  o.result.yield_strain = -std::numeric_limits<double>::infinity();
  o.result.surface_diffusivity_A2_per_s = std::numeric_limits<double>::infinity();
  o.result.samples[1].sites = {1, 2, 3, 4};
  o.result.samples[1].max_step_height = 3;
  o.result.samples[1].pit_vacancies = 11;
  o.result.samples[2].hazard_per_s = std::nan("");
  o.result.acceleration.rate_scaling_enabled = true;
  o.result.acceleration.scaled_pairs.push_back({3, 4, 1, 0.125});
  o.result.acceleration.effective_acceleration = 17.5;
  o.result.acceleration.super_moves_enabled = true;
  o.result.acceleration.basin_cache_hits = 9;
  o.result.acceleration.profile_drift = std::nan("");
  const auto file = replicaRecordPath(dir.path(), o.point, o.replica);
  saveReplicaRecord(file, o, "h");
  const auto back = loadReplicaRecord(file, 3, 1, "h");
  ASSERT_TRUE(back);
  const coupling::CoupledResult& r = back->result;
  EXPECT_EQ(r.stop_reason, coupling::StopReason::kMaxEvents);
  EXPECT_TRUE(std::isnan(r.yield_stress_GPa));
  EXPECT_EQ(r.yield_strain, -std::numeric_limits<double>::infinity());
  EXPECT_EQ(r.surface_diffusivity_A2_per_s, std::numeric_limits<double>::infinity());
  EXPECT_EQ(r.samples[1].sites, o.result.samples[1].sites);
  EXPECT_EQ(r.samples[1].max_step_height, 3);
  EXPECT_EQ(r.samples[1].pit_vacancies, 11);
  EXPECT_TRUE(std::isnan(r.samples[2].hazard_per_s));
  EXPECT_TRUE(r.acceleration.rate_scaling_enabled);
  ASSERT_EQ(r.acceleration.scaled_pairs.size(), 1u);
  EXPECT_EQ(r.acceleration.scaled_pairs[0].scale, 0.125);
  EXPECT_EQ(r.acceleration.effective_acceleration, 17.5);
  EXPECT_EQ(r.acceleration.basin_cache_hits, 9);
  EXPECT_TRUE(std::isnan(r.acceleration.profile_drift));
}

TEST(ReplicaRecord, ADamagedRecordOrANonRegularFileIsRefused) {
  const test::TempDir dir;
  const ReplicaOutput o = sample();
  const auto file = replicaRecordPath(dir.path(), o.point, o.replica);
  saveReplicaRecord(file, o, "h");
  std::string text;
  {
    std::ifstream in(file);
    std::getline(in, text);
  }
  const std::size_t at = text.find("\"site_size\":4");
  ASSERT_NE(at, std::string::npos) << text;
  text[at + 12] = '5';  // a plausible edit, still valid JSON
  dir.write(file.filename().string(), text + "\n");
  try {
    (void)loadReplicaRecord(file, 3, 1, "h");
    ADD_FAILURE() << "a damaged record was accepted";
  } catch (const InputError& e) {
    EXPECT_NE(std::string(e.what()).find("checksum"), std::string::npos) << e.what();
  }
  // A FIFO would block a plain read forever.
  const auto fifo = replicaRecordPath(dir.path(), 0, 0);
  ASSERT_EQ(::mkfifo(fifo.c_str(), 0600), 0);
  EXPECT_THROW((void)loadReplicaRecord(fifo, 0, 0, "h"), InputError);
}

}  // namespace
}  // namespace surfkmc::app
