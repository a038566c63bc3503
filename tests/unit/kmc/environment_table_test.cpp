// SPDX-License-Identifier: MIT
// Barriers keyed by environment (kmc.hop_key: environment): the entries a hop file's samples give, the barriers
// a hop and its reverse take from one entry, and the engine's incremental rates with them (checking mode). The
// Boltzmann law they keep is tested against exact enumeration on the production catalogue in
// tests/validation/kmc/detailed_balance_test.cpp.
#include <gtest/gtest.h>

#include <cmath>
#include <limits>
#include <set>
#include <vector>

#include "core/error.hpp"
#include "kmc/energetics.hpp"
#include "kmc/engine.hpp"
#include "kmc/hop_environment_index.hpp"
#include "kmc/hop_table.hpp"
#include "tests/unit/kmc/bond_counting_sets.hpp"
#include "tests/unit/kmc/test_lattices.hpp"

namespace surfkmc::kmc::environment_table {
namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
constexpr double kInf = std::numeric_limits<double>::infinity();

HopBarrierSample sample(int n_i, int n_j, int c, double f, double b, std::uint32_t key,
                        HopBarrierSample::Status st = HopBarrierSample::Status::kValid) {
  HopBarrierSample s{n_i, n_j, c, f, b, 0.0, st};
  s.environment = key;
  return s;
}

TEST(EnvironmentTable, SamplesGiveOneEntryPerEnvironment) {
  HopTable t;
  using St = HopBarrierSample::Status;
  const std::vector<HopBarrierSample> samples{sample(5, 6, 2, 0.50, 0.30, 7),
                                              sample(6, 5, 2, 0.36, 0.52, 7),  // K = 0.40 and 0.44: mean 0.42
                                              sample(4, 4, 1, 0.0, 0.0, 9, St::kUnstable),  // only unstable: forbidden
                                              sample(4, 4, 1, 0.0, 0.0, 11, St::kFailed),   // only failed: no entry
                                              sample(5, 2, 1, 0.20, 0.10, 13),  // into a rim: its class entry stays
                                              sample(5, 6, 2, 0.50, 0.30, kNoEnvironment)};
  addEnvironments(t, samples, 3);
  ASSERT_EQ(t.environment_keys, (std::vector<std::uint32_t>{7, 9}));
  EXPECT_NEAR(t.environment_kra_eV[0], 0.42, 1e-12);
  EXPECT_TRUE(std::isinf(t.environment_kra_eV[1]));
  EXPECT_EQ(t.environment_valid_samples, 2);
  EXPECT_TRUE(std::isnan(t.environment_kra_strain_slope_eV[0]));

  // Strained copies: sample 0 valid at both strains (dK/de = (0.45 − 0.41)/0.02 = 2), sample 1 only at one.
  std::vector<HopBarrierSample> low = samples, high = samples;
  low[0].forward_eV = 0.51, low[0].backward_eV = 0.31;
  high[0].forward_eV = 0.55, high[0].backward_eV = 0.35;
  low[1].status = St::kFailed;
  addEnvironmentStrainResponse(t, samples, low, -0.01, high, 0.01);
  EXPECT_NEAR(t.environment_kra_strain_slope_eV[0], 2.0, 1e-12);
  EXPECT_TRUE(std::isnan(t.environment_kra_strain_slope_eV[1]));
  EXPECT_EQ(t.environment_strain_resolved, 1);
  high[2].environment = 8;
  EXPECT_THROW(addEnvironmentStrainResponse(t, samples, low, -0.01, high, 0.01), InvariantError);
  EXPECT_THROW(addEnvironments(t, {sample(5, 6, 2, 0.5, 0.3, 1u << 18)}, 3), InvariantError);
}

/// A bond-counting table of NaN (every class hop from the formula) with environment entries `keys` at K `kra`.
EnergeticsParams withEnvironments(const std::vector<std::uint32_t>& keys, const std::vector<double>& kra) {
  EnergeticsParams p = silverParams(600.0);
  p.barrier_table_eV.assign(kBarrierTableSize, kNaN);
  p.environment_keys = keys;
  p.environment_kra_eV = kra;
  p.environment_kra_strain_slope_eV.assign(keys.size(), kNaN);
  return p;
}

TEST(EnvironmentTable, AHopAndItsReverseDifferByThePairHamiltonian) {
  // Entry 0 an ordinary saddle, entry 1 low enough to be clamped for large |Δn|, entry 2 forbidden.
  EnergeticsParams p = withEnvironments({5, 6, 7}, {0.5, 0.05, kInf});
  const Energetics e(p);
  const double eps = p.bond_energy_eV;
  for (int entry = 0; entry < 2; ++entry)
    for (int dn = 0; dn <= 11; ++dn) {
      const double up = e.environmentBarrier_eV(entry, dn), down = e.environmentBarrier_eV(entry, -dn);
      EXPECT_NEAR(up - down, eps * dn, 1e-12) << "entry " << entry << ", Δn " << dn;
      EXPECT_GE(down, 0.0);
    }
  EXPECT_NEAR(e.environmentBarrier_eV(0, 2), 0.5 + eps, 1e-12);
  EXPECT_NEAR(e.environmentBarrier_eV(1, 3), 3 * eps, 1e-12);  // K = 0.05 < 3ε/2: max(0, ΔH)
  EXPECT_EQ(e.environmentBarrier_eV(1, -3), 0.0);
  for (int dn = -11; dn <= 11; ++dn) EXPECT_EQ(e.environmentRates()[2 * kEnvironmentRateStride + dn + 11], 0.0);

  // Under strain: K moves by its own slope, or by its class pair's where it has none; ε by its own slope.
  p.barrier_strain_slope_eV.assign(kBarrierTableSize, 0.0);
  const auto cls = HopEnvironmentIndex::classOf(5);
  p.barrier_strain_slope_eV[Energetics::index(cls.n_i, cls.n_j, cls.c)] = 3.0;
  p.barrier_strain_slope_eV[Energetics::index(cls.n_j, cls.n_i, cls.c)] = 1.0;  // the pair's dK/de: 2
  p.environment_kra_strain_slope_eV = {kNaN, -4.0, kNaN};
  p.bond_energy_strain_slope_eV = 0.5;
  p.axial_compliance_per_GPa = 0.01;
  p.stress_GPa = 2.0;  // strain 0.02
  const Energetics s(p);
  const double eps_s = eps + 0.02 * 0.5;
  EXPECT_NEAR(s.environmentBarrier_eV(0, 2), 0.5 + 0.02 * 2.0 + eps_s, 1e-12);
  EXPECT_NEAR(s.environmentBarrier_eV(0, 2) - s.environmentBarrier_eV(0, -2), 2 * eps_s, 1e-12);
  EXPECT_NEAR(s.environmentBarrier_eV(1, 0), std::max(0.0, 0.05 - 0.02 * 4.0), 1e-12);

  EnergeticsParams bad = withEnvironments({5}, {0.5});
  bad.environment_kra_eV = {kNaN};
  EXPECT_THROW(Energetics{bad}, InputError);
  bad = withEnvironments({5}, {0.5});
  bad.barrier_table_eV.clear();
  EXPECT_THROW(Energetics{bad}, InputError);
}

using testing::occupancyMask;

/// The pair keys of every open hop of the wire's atoms with 3–11 neighbours.
std::vector<std::uint32_t> environmentsOf(const lattice::Lattice& lat) {
  const HopEnvironmentIndex index;
  std::set<std::uint32_t> keys;
  for (lattice::SiteIndex s = 0; s < lat.siteCount(); ++s) {
    if (!lat.occupied(s) || lat.coordination(s) < 3 || lat.coordination(s) > 11) continue;
    for (int d = 0; d < lattice::kNeighbourCount; ++d) {
      const lattice::SiteIndex t = lat.neighbour(s, d);
      if (t == lat.sentinel() || lat.occupied(t)) continue;
      keys.insert(HopEnvironmentIndex::pairKey(index.bits(occupancyMask(lat, s), occupancyMask(lat, t), d)));
    }
  }
  return {keys.begin(), keys.end()};
}

// Every rate checked against its from-scratch value after every event (checking mode), on a roughened wire whose
// every environment has an entry (K drawn in 0.2–0.8 eV, every seventh forbidden), both selectors, under stress
// with the u_el term: a move must re-rate every atom beside a vacant site next to either end, the common
// neighbours included, which the class key never needs.
TEST(EnvironmentTable, IncrementalRatesStayExact) {
  for (const Selector selector : {Selector::kCompositionRejection, Selector::kSumTree}) {
    lattice::BuiltWire w = testing::roughWire(22.0, 30.0, 0.15, 9);
    const std::vector<std::uint32_t> keys = environmentsOf(w.lattice);
    ASSERT_GT(keys.size(), 50u);
    std::vector<double> kra;
    RandomStream rng(17, StreamId::kTest);
    for (std::size_t e = 0; e < keys.size(); ++e) kra.push_back(e % 7 == 3 ? kInf : 0.2 + 0.6 * rng.uniform());
    EnergeticsParams p = withEnvironments(keys, kra);
    p.stress_GPa = 1.0;
    p.migration_volume_A3 = 2.0;
    EngineOptions o{.selector = selector, .checking = true};
    o.strain_energy.enabled = true;
    Engine engine(w.lattice, p, RandomStream(31, StreamId::kTest), o);
    const std::int64_t atoms = w.lattice.atomCount();
    ASSERT_NO_THROW(engine.run({.max_events = 4000}));
    EXPECT_EQ(engine.events(), 4000);
    EXPECT_EQ(w.lattice.atomCount(), atoms);
    // Every environment of the start had an entry, but the run makes new ones: some events fall back.
    EXPECT_LT(engine.statistics().uncatalogued_events, engine.events());
  }
}

// The same without u_el, at 600 K so that atoms flicker: a move that takes back an earlier move gives the atoms it
// lists their rates from before that move (Engine::prior_rate_), which checking mode compares with their
// from-scratch values after every event, so the selector is set to the values a computation gives, in the same
// order: the same run. Between the two halves the stress changes the table (a strain response), after which no
// prior from before may be read (the epoch). Each condition of the rule was removed once and the test failed
// (without the mover's record it fails after 96 events; without the epoch, 7 events after the stress step).
TEST(EnvironmentTable, RatesTakenBackStayExact) {
  for (const Selector selector : {Selector::kCompositionRejection, Selector::kSumTree}) {
    lattice::BuiltWire w = testing::roughWire(22.0, 30.0, 0.15, 9);
    const std::vector<std::uint32_t> keys = environmentsOf(w.lattice);
    std::vector<double> kra;
    std::vector<double> slope;
    RandomStream rng(17, StreamId::kTest);
    for (std::size_t e = 0; e < keys.size(); ++e) {
      kra.push_back(e % 7 == 3 ? kInf : 0.2 + 0.6 * rng.uniform());
      slope.push_back(-4.0 + 8.0 * rng.uniform());
    }
    EnergeticsParams p = withEnvironments(keys, kra);
    p.temperature_K = 600.0;
    p.barrier_strain_slope_eV.assign(kBarrierTableSize, 0.0);
    p.environment_kra_strain_slope_eV = slope;
    p.axial_compliance_per_GPa = 0.012;
    Engine engine(w.lattice, p, RandomStream(31, StreamId::kTest),
                  EngineOptions{.selector = selector, .checking = true});
    ASSERT_NO_THROW(engine.run({.max_events = 10000}));
    const std::int64_t restored = engine.ratesRestored();
    // The path is taken: most listed atoms of a move taken back get their priors.
    EXPECT_GT(restored, 10000);
    engine.setStress(1.5);
    ASSERT_NO_THROW(engine.run({.max_events = 10000}));
    EXPECT_EQ(engine.events(), 20000);
    EXPECT_GT(engine.ratesRestored() - restored, 10000);
  }
}

TEST(EnvironmentTable, AccelerationIsRefused) {
  lattice::BuiltWire w = testing::roughWire(22.0, 30.0, 0.15, 9);
  const EnergeticsParams p = withEnvironments(environmentsOf(w.lattice), {});
  EnergeticsParams q = p;
  q.environment_kra_eV.assign(q.environment_keys.size(), 0.4);
  EXPECT_THROW(Engine(w.lattice, q, RandomStream(1, StreamId::kTest), testing::acceleratedOptions(Selector::kSumTree)),
               InputError);
  EngineOptions super;
  super.super_moves.enabled = true;
  EXPECT_THROW(Engine(w.lattice, q, RandomStream(1, StreamId::kTest), super), InputError);
  EXPECT_NO_THROW(Engine(w.lattice, q, RandomStream(1, StreamId::kTest)));
}

}  // namespace
}  // namespace surfkmc::kmc::environment_table
