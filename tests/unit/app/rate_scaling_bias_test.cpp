// SPDX-License-Identifier: MIT
// Rate scaling's bias on mass transport, measured by the run that uses it (issue 16, item 7):
// the probe finds no bias where the scaler never acts, finds the slow-down where it scales a lone
// adatom's hops, is reproducible, and a run reports it in summary.json and warns above 5 %. On the
// production Ag material (data/materials/Ag.yaml).
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include <cmath>
#include <fstream>
#include <string>
#include <vector>

#include "app/acceleration_section.hpp"
#include "app/material_loader.hpp"
#include "core/random_stream.hpp"
#include "kmc/engine.hpp"
#include "kmc/rate_scaling_bias.hpp"
#include "lattice/wire_builder.hpp"
#include "test_files.hpp"
#include "tests/unit/kmc/production_energetics.hpp"
#include "tests/unit/kmc/test_lattices.hpp"

namespace surfkmc::app {
namespace {

kmc::EnergeticsParams productionAg(double temperature_K) {
  return energeticsFor(kmc::testing::shippedMaterial("Ag", false), temperature_K);
}

lattice::Lattice smallWire() {
  lattice::WireSpec spec;
  spec.shape = lattice::Shape::kCylinder;
  spec.diameter_A = 20.0;
  spec.length_A = 25.0;
  return lattice::buildWire(kmc::testing::kAgLattice_A, spec).lattice;
}

kmc::EngineOptions scaling(double buffer, double min_rate_per_s) {
  kmc::EngineOptions o;
  o.rate_scaling.enabled = true;
  o.rate_scaling.buffer = buffer;
  o.rate_scaling.min_rate_per_s = min_rate_per_s;
  o.rate_scaling.window_events = 2000;
  o.rate_scaling.min_executions = 20;
  return o;
}

TEST(RateScalingBias, ScalingThatNeverActsMeasuresNoBias) {
  // No pair is fast enough to be eligible, so the scaled arm is plain KMC with other random numbers:
  // the measured ratio must be 1 within its own standard error, and the arms do as many events.
  const lattice::Lattice wire = smallWire();
  kmc::RateScalingBiasParams p;
  p.probes = 12;
  p.plain_events = 20000;
  RandomStream rng(7, StreamId::kTest);
  const kmc::RateScalingBias b =
      kmc::measureRateScalingBias(wire, productionAg(400.0), scaling(3.0, 1.0e19), 0.0, p, rng);
  ASSERT_EQ(b.probes, 12);
  EXPECT_GT(b.probe_time_s, 0.0);
  EXPECT_NEAR(b.acceleration, 1.0, 1e-9);  // the unscaled and scaled totals, summed apart
  EXPECT_GT(b.standard_error, 0.0);
  EXPECT_LT(b.standard_error, 0.15) << "the test could not see a 30 % bias";
  EXPECT_LT(std::abs(b.transport_ratio - 1.0), 4.0 * b.standard_error)
      << b.transport_ratio << " ± " << b.standard_error;
  EXPECT_NEAR(b.scaled_events / b.plain_events, 1.0, 0.05);
}

TEST(RateScalingBias, ScaledLoneAdatomIsSlowedByItsScale) {
  // A lone adatom on a (111) terrace is a random walk: Σ|Δr|² = a² × its hops in either arm. Once
  // the scaler slows its (self-reverse) terrace hop, it makes fewer hops in the same physical time
  // and the measured ratio is the ratio of hops.
  lattice::Lattice slab = kmc::testing::slab111(30.0, 8.0).lattice;
  slab.place(kmc::testing::topSiteWithCoordination(slab, 3));
  kmc::RateScalingBiasParams p;
  p.probes = 8;
  p.plain_events = 20000;
  RandomStream rng(11, StreamId::kTest);
  const kmc::RateScalingBias b =
      kmc::measureRateScalingBias(slab, productionAg(300.0), scaling(10.0, 100.0), 0.0, p, rng);
  ASSERT_EQ(b.probes, 8);
  EXPECT_GT(b.acceleration, 2.0);
  EXPECT_LT(b.transport_ratio + 4.0 * b.standard_error, 1.0) << b.transport_ratio << " ± " << b.standard_error;
  EXPECT_LT(std::abs(b.transport_ratio - b.scaled_events / b.plain_events), 4.0 * b.standard_error)
      << "hops ratio " << b.scaled_events / b.plain_events;
}

TEST(RateScalingBias, SameSeedsGiveTheSameBiasAndTheStartIsUntouched) {
  const lattice::Lattice wire = smallWire();
  kmc::RateScalingBiasParams p;
  p.probes = 2;
  p.plain_events = 5000;
  const auto measure = [&] {
    RandomStream rng(3, StreamId::kTest);
    return kmc::measureRateScalingBias(wire, productionAg(300.0), scaling(3.0, 100.0), 0.5, p, rng);
  };
  const lattice::Lattice before = wire;
  EXPECT_EQ(measure(), measure());
  for (lattice::SiteIndex s = 0; s < wire.siteCount(); ++s) ASSERT_EQ(wire.occupied(s), before.occupied(s));
}

TEST(RateScalingBias, ProbeTimeNeverExceedsTheRunsLength) {
  const lattice::Lattice wire = smallWire();
  kmc::RateScalingBiasParams p;
  p.probes = 2;
  p.plain_events = 1'000'000;
  p.max_time_s = 1.0e-9;
  RandomStream rng(5, StreamId::kTest);
  const kmc::RateScalingBias b =
      kmc::measureRateScalingBias(wire, productionAg(300.0), scaling(3.0, 100.0), 0.0, p, rng);
  EXPECT_LE(b.probe_time_s, 1.0e-9);
  EXPECT_LT(b.plain_events, 1.0e6);
}

TEST(RateScalingBias, ReplicasPoolAsTheMeanOfTheirRatios) {
  kmc::RateScalingBias a, b, none;
  a.probes = 4;
  a.transport_ratio = 0.6;
  a.standard_error = 0.03;
  a.probe_time_s = 1.0;
  b.probes = 4;
  b.transport_ratio = 0.8;
  b.standard_error = 0.04;
  b.probe_time_s = 3.0;
  const kmc::RateScalingBias pooled = kmc::poolRateScalingBias({a, none, b});
  EXPECT_EQ(pooled.probes, 8);
  EXPECT_DOUBLE_EQ(pooled.transport_ratio, 0.7);
  EXPECT_DOUBLE_EQ(pooled.standard_error, 0.025);  // sqrt(0.03² + 0.04²) / 2
  EXPECT_DOUBLE_EQ(pooled.probe_time_s, 2.0);
  EXPECT_FALSE(kmc::poolRateScalingBias({none, none}).measured());
}

TEST(RateScalingBias, WarnsOnlyBeyondFivePercentAtTheStartOrAtTheEnd) {
  kmc::RateScalingBias b, fine, none;
  b.probes = 4;
  fine.probes = 4;
  fine.transport_ratio = 1.0;
  b.transport_ratio = 0.96;
  EXPECT_FALSE(rateScalingBiasWarning(b, fine, "").has_value());
  b.transport_ratio = 0.94;
  ASSERT_TRUE(rateScalingBiasWarning(b, fine, "point 2: ").has_value());
  EXPECT_NE(rateScalingBiasWarning(b, fine, "point 2: ")->find("point 2: rate scaling multiplies"), std::string::npos);
  EXPECT_TRUE(rateScalingBiasWarning(fine, b, "").has_value()) << "a bias found only at the end counts too";
  b.transport_ratio = 1.06;
  EXPECT_TRUE(rateScalingBiasWarning(none, b, "").has_value());
  EXPECT_FALSE(rateScalingBiasWarning(none, none, "").has_value()) << "not measured: nothing to say";
}

const std::string kScaledRun =
    "schema_version: 1\nname: biased\nseed: 4\nmaterial: Ag\n"
    "geometry: {shape: cylinder, diameter_nm: 2, length_nm: 2.5}\n"
    "kmc: {temperature_K: 300, max_events: 20000}\n"
    "acceleration: {rate_scaling: true, buffer: 3, min_rate_per_s: 100, window_events: 2000,"
    " bias_probes: 3, bias_probe_events: 5000}\n";

TEST(RateScalingBias, ARunReportsItsMeasuredBiasAndWarnsOnStderrAboveFivePercent) {
  const test::TempDir dir;
  const auto scenario = dir.write("biased.yaml", kScaledRun);
  const test::Outcome o = test::captureSurfkmc({"run", scenario.string(), "--out", (dir.path() / "out").string()});
  ASSERT_EQ(o.code, 0) << o.output;
  std::ifstream in(dir.path() / "out" / "summary.json");
  const nlohmann::json j = nlohmann::json::parse(in);
  const nlohmann::json& b = j.at("acceleration").at("rate_scaling_bias");
  ASSERT_TRUE(b.at("measured").get<bool>()) << b.dump();
  EXPECT_EQ(b.at("probes").get<int>(), 3);
  const double ratio = b.at("transport_ratio").get<double>();
  EXPECT_GT(b.at("standard_error").get<double>(), 0.0);
  const nlohmann::json& e = j.at("acceleration").at("rate_scaling_bias_at_end");
  ASSERT_TRUE(e.at("measured").get<bool>()) << e.dump();
  const double ratio_end = e.at("transport_ratio").get<double>();
  const bool warned = o.output.find("warning: rate scaling multiplies") != std::string::npos;
  EXPECT_EQ(warned,
            std::abs(ratio - 1.0) > kRateScalingBiasWarnAbove || std::abs(ratio_end - 1.0) > kRateScalingBiasWarnAbove)
      << ratio << " " << ratio_end << "\n"
      << o.output;
}

TEST(RateScalingBias, ExactRunsCarryNoBiasAndBadProbeSettingsFailLocated) {
  const test::TempDir dir;
  std::string exact = kScaledRun;
  exact.replace(exact.find("rate_scaling: true"), 18, "rate_scaling: false");
  const auto scenario = dir.write("exact.yaml", exact);
  const test::Outcome o = test::captureSurfkmc({"run", scenario.string(), "--out", (dir.path() / "out").string()});
  ASSERT_EQ(o.code, 0) << o.output;
  std::ifstream in(dir.path() / "out" / "summary.json");
  EXPECT_FALSE(nlohmann::json::parse(in).at("acceleration").contains("rate_scaling_bias"));

  std::string bad = kScaledRun;
  bad.replace(bad.find("bias_probes: 3"), 14, "bias_probes: 1");
  const auto bad_file = dir.write("bad.yaml", bad);
  const test::Outcome e = test::captureSurfkmc({"check", bad_file.string()});
  EXPECT_EQ(e.code, 2) << e.output;
  EXPECT_NE(e.output.find("bad.yaml:7:"), std::string::npos) << e.output;
  EXPECT_NE(e.output.find("bias_probes"), std::string::npos) << e.output;
}

}  // namespace
}  // namespace surfkmc::app

namespace surfkmc::app {
namespace {

TEST(RateScalingBias, ALoadedRunReportsItPerReplicaAndPooledPerPoint) {
  const test::TempDir dir;
  const auto scenario =
      dir.write("loaded.yaml",
                "schema_version: 1\nname: loaded\nseed: 4\nmaterial: Ag\n"
                "geometry: {shape: cylinder, diameter_nm: 2, length_nm: 2.5}\n"
                "kmc: {temperature_K: 300, max_events: 20000}\n"
                "loading: {stress_GPa: 0.5, duration_s: 1.0e-3}\nnucleation: {analysis_interval_s: 2.0e-4}\n"
                "acceleration: {rate_scaling: true, buffer: 3, min_rate_per_s: 100, window_events: 2000,"
                " bias_probes: 2, bias_probe_events: 5000}\nreplicas: 2\n");
  const test::Outcome o =
      test::captureSurfkmc({"run", scenario.string(), "--out", (dir.path() / "out").string(), "--threads", "2"});
  ASSERT_EQ(o.code, 0) << o.output;
  std::ifstream in(dir.path() / "out" / "summary.json");
  const nlohmann::json j = nlohmann::json::parse(in);
  double sum = 0.0;
  for (const nlohmann::json& r : j.at("per_replica")) {
    const nlohmann::json& a = r.at("acceleration");
    ASSERT_TRUE(a.at("rate_scaling_bias").at("measured").get<bool>()) << a.dump();
    ASSERT_TRUE(a.at("rate_scaling_bias_at_end").at("measured").get<bool>()) << a.dump();
    EXPECT_EQ(a.at("rate_scaling_bias").at("probes").get<int>(), 2);
    sum += a.at("rate_scaling_bias").at("transport_ratio").get<double>();
  }
  const nlohmann::json& point = j.at("points").at(0);
  EXPECT_EQ(point.at("rate_scaling_bias").at("probes").get<int>(), 4);
  EXPECT_DOUBLE_EQ(point.at("rate_scaling_bias").at("transport_ratio").get<double>(), sum / 2.0);
  EXPECT_EQ(point.at("energetics").get<std::string>(), "bond_counting");
}

}  // namespace
}  // namespace surfkmc::app
