// SPDX-License-Identifier: MIT
// The `ablation` key: a frozen surface is the coupled model without the KMC, and as-cut sites change
// only what the hazard sees, so the KMC's contribution to the yield is the difference of two runs.
#include <gtest/gtest.h>

#include <string>

#include "app/replica_runner.hpp"
#include "app/scenario_loader.hpp"
#include "app/specimen.hpp"
#include "app/sweep_plan.hpp"
#include "core/binary_reader.hpp"
#include "core/binary_writer.hpp"
#include "core/error.hpp"
#include "test_files.hpp"

namespace surfkmc::app {
namespace {

// A coupled Ag replica of ~10 analysis intervals whose surface changes within the first few.
const std::string kLoadedFast = "loading: {strain_rate_per_s: 10.0}\nnucleation: {analysis_interval_s: 0.0005}\n";
const std::string kWire = "geometry: {shape: cylinder, diameter_nm: 2, length_nm: 2.5}\n";
const std::string kKmc = "kmc: {temperature_K: 300}\n";

coupling::CoupledResult runOnce(const Scenario& s) {
  lattice::BuiltWire wire = buildSpecimen(s);
  return coupling::CoupledRun(wire.lattice, coupledParams(s, s.wire.diameter_A, wire.length_A), s.seed, 0, 1).run();
}

TEST(Ablation, AsCutSitesChangeOnlyWhatTheHazardSees) {
  const test::TempDir dir;
  const Scenario full = loadScenario(dir.write("full.yaml", test::kHead + kWire + kKmc + kLoadedFast));
  const Scenario as_cut =
      loadScenario(dir.write("cut.yaml", test::kHead + kWire + kKmc + kLoadedFast + "ablation: as_cut_sites\n"));
  ASSERT_EQ(as_cut.ablation, coupling::Ablation::kAsCutSites);
  const coupling::CoupledResult a = runOnce(full);
  const coupling::CoupledResult b = runOnce(as_cut);
  ASSERT_GT(a.samples.size(), 3u);
  ASSERT_GT(b.samples.size(), 3u);

  // The KMC's streams do not depend on the hazard, so up to the earlier end the two runs are one:
  // same clock, loading, creep, transport and events at every boundary.
  const std::size_t common = std::min(a.samples.size(), b.samples.size());
  bool surface_changed = false;
  for (std::size_t i = 0; i < common; ++i) {
    const coupling::CoupledSample& x = a.samples[i];
    const coupling::CoupledSample& y = b.samples[i];
    EXPECT_EQ(x.time_s, y.time_s) << i;
    EXPECT_EQ(x.applied_strain, y.applied_strain) << i;
    EXPECT_EQ(x.stress_GPa, y.stress_GPa) << i;
    EXPECT_EQ(x.diffusion_strain, y.diffusion_strain) << i;
    EXPECT_EQ(x.surface_diffusivity_A2_per_s, y.surface_diffusivity_A2_per_s) << i;
    EXPECT_EQ(x.events, y.events) << i;
    // The ablated run's hazard sees the specimen's sites throughout; the full run's follow the surface.
    EXPECT_EQ(y.sites, a.samples.front().sites) << i;
    if (x.sites != a.samples.front().sites) surface_changed = true;
  }
  EXPECT_TRUE(surface_changed) << "the full run's surface must change for the comparison to mean anything";
  EXPECT_GT(b.events, 0);
}

TEST(Ablation, AFrozenSurfaceIsTheModelWithoutKmc) {
  const test::TempDir dir;
  const Scenario frozen =
      loadScenario(dir.write("frozen.yaml", test::kHead + kWire + kKmc + kLoadedFast + "ablation: frozen_surface\n"));
  const Scenario no_kmc = loadScenario(dir.write("nokmc.yaml", test::kHead + kWire + kLoadedFast));
  const coupling::CoupledResult a = runOnce(frozen);
  EXPECT_EQ(a, runOnce(no_kmc));
  EXPECT_EQ(a.events, 0);
  ASSERT_FALSE(a.samples.empty());
  const double E = frozen.material.youngs_modulus_112_GPa;
  for (const coupling::CoupledSample& c : a.samples) {
    EXPECT_EQ(c.diffusion_strain, 0.0);
    EXPECT_EQ(c.sites, a.samples.front().sites);
    // No creep: the loading is elastic, σ = E ε.
    EXPECT_DOUBLE_EQ(c.stress_GPa, E * c.applied_strain);
  }
}

// Without creep the KMC reaches the yield only through the sites the hazard sees, so the as-cut arm, whose hazard
// sees the specimen's sites, yields exactly as the frozen surface: the same stress, time and site at every boundary,
// though its KMC ran. (`compare` therefore reads the frozen arm's effect as the sites' effect when creep is none.)
TEST(Ablation, WithoutCreepAsCutSitesYieldAsTheFrozenSurface) {
  const test::TempDir dir;
  const std::string no_creep =
      "loading: {strain_rate_per_s: 10.0, creep: none}\nnucleation: {analysis_interval_s: 0.0005}\n";
  const Scenario as_cut =
      loadScenario(dir.write("cut.yaml", test::kHead + kWire + kKmc + no_creep + "ablation: as_cut_sites\n"));
  const Scenario frozen =
      loadScenario(dir.write("frozen.yaml", test::kHead + kWire + kKmc + no_creep + "ablation: frozen_surface\n"));
  const coupling::CoupledResult a = runOnce(as_cut);
  const coupling::CoupledResult f = runOnce(frozen);
  EXPECT_GT(a.events, 0);
  EXPECT_EQ(f.events, 0);
  EXPECT_EQ(a.nucleated, f.nucleated);
  EXPECT_EQ(a.stop_reason, f.stop_reason);
  EXPECT_EQ(a.yield_stress_GPa, f.yield_stress_GPa);
  EXPECT_EQ(a.yield_strain, f.yield_strain);
  EXPECT_EQ(a.time_s, f.time_s);
  EXPECT_EQ(a.site, f.site);
  EXPECT_EQ(a.site_class, f.site_class);
  ASSERT_EQ(a.samples.size(), f.samples.size());
  ASSERT_GT(a.samples.size(), 3u);
  for (std::size_t i = 0; i < a.samples.size(); ++i) {
    EXPECT_EQ(a.samples[i].stress_GPa, f.samples[i].stress_GPa) << i;
    EXPECT_EQ(a.samples[i].sites, f.samples[i].sites) << i;
    EXPECT_EQ(a.samples[i].cumulative_hazard, f.samples[i].cumulative_hazard) << i;
  }
}

TEST(Ablation, AsCutSitesResumeBitForBit) {
  const test::TempDir dir;
  const Scenario s =
      loadScenario(dir.write("cut.yaml", test::kHead + kWire + kKmc + kLoadedFast + "ablation: as_cut_sites\n"));
  const coupling::CoupledResult plain = runOnce(s);
  ASSERT_GT(plain.samples.size(), 5u);

  lattice::BuiltWire a_wire = buildSpecimen(s);
  coupling::CoupledRun a(a_wire.lattice, coupledParams(s, s.wire.diameter_A, a_wire.length_A), s.seed, 0, 1);
  int boundary = 0;
  std::string saved;
  EXPECT_EQ(a.run([&](const coupling::CoupledRun& run) {
    if (++boundary != 4) return;
    BinaryWriter w;
    run.saveState(w);
    saved = w.bytes();
  }),
            plain);
  ASSERT_FALSE(saved.empty());
  // Restored into a specimen as built: the as-cut sites come from it, not from the saved surface.
  lattice::BuiltWire b_wire = buildSpecimen(s);
  coupling::CoupledRun b(b_wire.lattice, coupledParams(s, s.wire.diameter_A, b_wire.length_A), s.seed, 0, 1);
  BinaryReader r(saved);
  b.restoreState(r);
  r.expectEnd();
  EXPECT_EQ(b.run(), plain);
}

TEST(Ablation, SweptArmsShareThePointsRandomStreams) {
  // Common random numbers: every arm of a swept `ablation` takes the streams of the first point that
  // differs from it only in `ablation`; other swept keys keep their own streams.
  const test::TempDir dir;
  const std::string sweep =
      "replicas: 2\nsweep:\n  geometry.diameter_nm: [2, 2.5]\n  ablation: [none, frozen_surface, "
      "as_cut_sites]\n";
  const SweepPlan plan = loadSweepPlan(dir.write("arms.yaml", test::kHead + kWire + kKmc + kLoadedFast + sweep));
  ASSERT_EQ(plan.points.size(), 6u);
  for (const SweepPoint& p : plan.points)
    EXPECT_EQ(p.scenario.stream_point, p.index < 3 ? 0u : 3u) << "point " << p.index;
  const SweepPlan plain = loadSweepPlan(
      dir.write("sizes.yaml", test::kHead + kWire + kKmc + kLoadedFast + "sweep: {geometry.diameter_nm: [2, 2.5]}\n"));
  for (const SweepPoint& p : plain.points) EXPECT_FALSE(p.scenario.stream_point.has_value());

  // Replica by replica, the arms see the same random numbers. At 100 K the Ag surface makes no event
  // before it yields, so its sites stay as cut and it does not creep: all three arms are one model,
  // and with common streams they must agree bit for bit (with a stream of their own, they differ).
  const SweepPlan cold = loadSweepPlan(
      dir.write("cold.yaml", test::kHead + kWire + "kmc: {temperature_K: 100}\n" +
                                 "loading: {strain_rate_per_s: 10.0}\nnucleation: {analysis_interval_s: 0.0005}\n" +
                                 "replicas: 2\nsweep: {ablation: [none, frozen_surface, as_cut_sites]}\n"));
  for (std::uint64_t replica : {0u, 1u}) {
    const ReplicaOutput none = runCoupledReplica(cold.points[0].scenario, 0, replica, false);
    ASSERT_EQ(none.result.events, 0) << "the test needs a surface that makes no event";
    for (std::size_t arm : {1u, 2u}) {
      const ReplicaOutput other = runCoupledReplica(cold.points[arm].scenario, arm, replica, false);
      EXPECT_EQ(other.result.yield_stress_GPa, none.result.yield_stress_GPa) << "arm " << arm << " replica " << replica;
    }
    Scenario own = cold.points[1].scenario;
    own.stream_point.reset();
    EXPECT_NE(runCoupledReplica(own, 1, replica, false).result.yield_stress_GPa, none.result.yield_stress_GPa)
        << "without common streams the arms draw other thresholds";
  }
}

TEST(Ablation, TheKeyIsCheckedAndNeedsALoading) {
  const test::TempDir dir;
  const auto message = [&](const std::string& name, const std::string& text) -> std::string {
    try {
      loadScenario(dir.write(name, text));
    } catch (const InputError& e) {
      return e.what();
    }
    return "(no error)";
  };
  const std::string bad = message("bad.yaml", test::kHead + kWire + kKmc + kLoadedFast + "ablation: no_kmc\n");
  EXPECT_NE(bad.find("bad.yaml:"), std::string::npos) << bad;
  EXPECT_NE(bad.find("ablation"), std::string::npos) << bad;
  EXPECT_NE(bad.find("no_kmc"), std::string::npos) << bad;
  EXPECT_NE(bad.find("frozen_surface"), std::string::npos) << bad;
  const std::string kmc_only =
      message("kmc.yaml", test::kHead + kWire + "kmc: {temperature_K: 300, duration_s: 1}\nablation: frozen_surface\n");
  EXPECT_NE(kmc_only.find("kmc.yaml:"), std::string::npos) << kmc_only;
  EXPECT_NE(kmc_only.find("loading"), std::string::npos) << kmc_only;
  EXPECT_EQ(
      loadScenario(dir.write("none.yaml", test::kHead + kWire + kKmc + kLoadedFast + "ablation: none\n")).ablation,
      coupling::Ablation::kNone);
}

}  // namespace
}  // namespace surfkmc::app
