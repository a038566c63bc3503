// SPDX-License-Identifier: MIT
// Beyond the first dislocation (`loading.until: max_strain`): each nucleation slips the wire on the
// lattice, the stress drops by E b cos λ / L_g, and the run goes on to max_strain; the part before the
// first nucleation is the run that stops there; a run resumed after a slip ends bit for bit the same.
#include <gtest/gtest.h>

#include <cmath>
#include <fstream>
#include <sstream>
#include <string>

#include "app/replica_runner.hpp"
#include "app/scenario_loader.hpp"
#include "app/specimen.hpp"
#include "core/binary_reader.hpp"
#include "core/binary_writer.hpp"
#include "core/error.hpp"
#include "lattice/slip.hpp"
#include "test_files.hpp"

namespace surfkmc::app {
namespace {

// A thin Ag wire, 10 nm long so that one slip (b cos λ = 2.5 Å) drops the stress by ~2 GPa, pulled
// fast enough that it yields within a few hundred analysis intervals and slips several times by 0.1.
const std::string kFlow =
    "geometry: {shape: cylinder, diameter_nm: 2, length_nm: 10}\n"
    "kmc: {temperature_K: 300}\n"
    "nucleation: {analysis_interval_s: 0.0001}\n";
const std::string kUntilMaxStrain = "loading: {strain_rate_per_s: 100.0, max_strain: 0.1, until: max_strain}\n";
const std::string kUntilFirst = "loading: {strain_rate_per_s: 100.0, max_strain: 0.1}\n";

struct Specimen {
  lattice::BuiltWire wire;
  coupling::CoupledRunParams params;
};

Specimen prepare(const Scenario& s) {
  lattice::BuiltWire wire = buildSpecimen(s);
  coupling::CoupledRunParams p = coupledParams(s, s.wire.diameter_A, wire.length_A);
  return {std::move(wire), p};
}

TEST(Flow, EachNucleationSlipsTheWireAndDropsTheStressByEBCosLambdaOverL) {
  const test::TempDir dir;
  const Scenario s = loadScenario(dir.write("f.yaml", test::kHead + kFlow + kUntilMaxStrain));
  ASSERT_TRUE(s.loading->until_max_strain);
  Specimen run = prepare(s);
  const std::int64_t atoms = run.wire.lattice.atomCount();
  const coupling::CoupledResult r = coupling::CoupledRun(run.wire.lattice, run.params, s.seed, 0, 1).run();

  ASSERT_GE(r.slips.size(), 2u) << "the wire must slip more than once by a strain of 0.1";
  EXPECT_EQ(r.stop_reason, coupling::StopReason::kMaxStrain);
  EXPECT_TRUE(r.nucleated);
  EXPECT_EQ(run.wire.lattice.atomCount(), atoms);
  EXPECT_GE(r.samples.back().applied_strain, 0.1);

  // Hand calculation: b cos λ = (a/√2)(√3/2) = a√6/4 over the gauge (here the wire's length).
  const double a = s.material.lattice_constant_A;
  const double slip_strain = a * std::sqrt(6.0) / 4.0 / run.wire.length_A;
  const double E = s.material.youngs_modulus_112_GPa;
  for (std::size_t k = 0; k < r.slips.size(); ++k) {
    const coupling::SlipEvent& e = r.slips[k];
    EXPECT_NEAR(e.stress_before_GPa - e.stress_after_GPa, E * slip_strain, 1e-12) << "slip " << k;
    EXPECT_NEAR(e.slip_strain_before, static_cast<double>(k) * slip_strain, 1e-15) << "slip " << k;
    EXPECT_GT(e.atoms_moved, 0);
    if (k > 0) {
      EXPECT_GT(e.time_s, r.slips[k - 1].time_s);
    }
  }
  EXPECT_NEAR(r.samples.back().slip_strain, static_cast<double>(r.slips.size()) * slip_strain, 1e-15);
  EXPECT_NEAR(r.meanStressDrop_GPa(), E * slip_strain, 1e-12);
  EXPECT_GT(r.flowStress_GPa(), 0.0);
  EXPECT_LT(r.flowStress_GPa(), r.strength_GPa());

  // Up to its first nucleation the flowing run is the run that stops there.
  const Scenario first = loadScenario(dir.write("g.yaml", test::kHead + kFlow + kUntilFirst));
  Specimen stop = prepare(first);
  const coupling::CoupledResult q = coupling::CoupledRun(stop.wire.lattice, stop.params, first.seed, 0, 1).run();
  ASSERT_TRUE(q.nucleated);
  EXPECT_EQ(q.stop_reason, coupling::StopReason::kNucleated);
  EXPECT_EQ(r.yield_stress_GPa, q.yield_stress_GPa);
  EXPECT_EQ(r.yield_strain, q.yield_strain);
  EXPECT_EQ(r.time_s, q.time_s);
  EXPECT_EQ(r.site, q.site);
  EXPECT_EQ(r.strength_GPa(), q.strength_GPa());
  for (std::size_t i = 0; i < q.samples.size(); ++i) EXPECT_EQ(r.samples[i], q.samples[i]) << i;
}

TEST(Flow, ARunResumedAfterItsFirstSlipEndsBitForBitTheSame) {
  const test::TempDir dir;
  const Scenario s = loadScenario(dir.write("f.yaml", test::kHead + kFlow + kUntilMaxStrain));
  Specimen plain = prepare(s);
  const coupling::CoupledResult whole = coupling::CoupledRun(plain.wire.lattice, plain.params, s.seed, 0, 1).run();
  ASSERT_GE(whole.slips.size(), 2u);

  Specimen a = prepare(s);
  std::string saved;
  coupling::CoupledRun(a.wire.lattice, a.params, s.seed, 0, 1).run([&](const coupling::CoupledRun& at) {
    if (saved.empty() && at.slips().size() == 1) {
      BinaryWriter w;
      at.saveState(w);
      saved = w.bytes();
    }
  });
  ASSERT_FALSE(saved.empty());
  Specimen b = prepare(s);
  coupling::CoupledRun resumed(b.wire.lattice, b.params, s.seed, 0, 1);
  BinaryReader in(saved);
  resumed.restoreState(in);
  in.expectEnd();
  EXPECT_EQ(resumed.slips().size(), 1u);
  EXPECT_EQ(resumed.run(), whole);
  for (lattice::SiteIndex i = 0; i < plain.wire.lattice.siteCount(); ++i)
    ASSERT_EQ(b.wire.lattice.atomAt(i), plain.wire.lattice.atomAt(i));
}

TEST(Flow, TheReplicaStreamsAFrameBeforeAndAfterEachSlip) {
  const test::TempDir dir;
  const Scenario s = loadScenario(dir.write("f.yaml", test::kHead + kFlow + kUntilMaxStrain));
  ReplicaWatch watch;
  watch.frames_file = dir.path() / "frames.xyz";
  const ReplicaOutput out = runCoupledReplica(s, 0, 1, false, {}, watch);
  std::ifstream in(watch.frames_file);
  std::stringstream text;
  text << in.rdbuf();
  const std::string all = text.str();
  const auto count = [&](const std::string& what) {
    std::size_t n = 0;
    for (std::size_t at = all.find(what); at != std::string::npos; at = all.find(what, at + 1)) ++n;
    return n;
  };
  ASSERT_GE(out.result.slips.size(), 2u);
  EXPECT_EQ(count("slip=before"), out.result.slips.size());
  EXPECT_EQ(count("slip=after"), out.result.slips.size());
}

TEST(Flow, UntilIsAChoiceAndNeedsTension) {
  const test::TempDir dir;
  try {
    loadScenario(dir.write("bad.yaml", test::kHead + kFlow + "loading: {strain_rate_per_s: 1.0, until: forever}\n"));
    FAIL() << "an unknown `until` must be refused";
  } catch (const InputError& e) {
    const std::string what = e.what();
    EXPECT_NE(what.find("bad.yaml:"), std::string::npos) << what;
    EXPECT_NE(what.find("until"), std::string::npos) << what;
    EXPECT_NE(what.find("max_strain"), std::string::npos) << what;
  }
  EXPECT_THROW(
      loadScenario(dir.write("held.yaml",
                             test::kHead + kFlow + "loading: {stress_GPa: 1.0, duration_s: 1, until: max_strain}\n")),
      InputError);
}

}  // namespace
}  // namespace surfkmc::app
