// SPDX-License-Identifier: MIT
// Result records of a sweep: exact round trip, and refusal of another scenario's or point's record.
#include "app/replica_record.hpp"

#include <gtest/gtest.h>

#include <cmath>

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

}  // namespace
}  // namespace surfkmc::app
