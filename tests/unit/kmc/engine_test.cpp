// SPDX-License-Identifier: MIT
// The rejection-free engine: exact local updates, conservation, event law, waiting times, errors.
#include "kmc/engine.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <map>
#include <vector>

#include "core/error.hpp"
#include "core/units.hpp"
#include "stats_helpers.hpp"
#include "test_lattices.hpp"
#include "tests/unit/kmc/bond_counting_sets.hpp"

namespace surfkmc::kmc {
namespace {

using lattice::SiteIndex;

// Recounts every site's coordination from occupancy: the lattice's incremental counts must agree.
void expectCoordinationConsistent(const lattice::Lattice& lat) {
  for (SiteIndex s = 0; s < lat.siteCount(); ++s) {
    int n = 0;
    for (int d = 0; d < lattice::kNeighbourCount; ++d) n += lat.occupied(lat.neighbour(s, d)) ? 1 : 0;
    ASSERT_EQ(n, lat.coordination(s)) << "site " << s;
  }
  EXPECT_FALSE(lat.occupied(lat.sentinel()));
}

// Checking mode recomputes every rate from scratch after each event and throws on any bit of
// difference, so 1e5 events at 900 K on a rough wire (every event class occurs) exercise the
// local-update set of Engine::updateAfterHop against the full recomputation.
class EngineSelectors : public ::testing::TestWithParam<Selector> {};

TEST_P(EngineSelectors, IncrementalRatesEqualFromScratchRatesAfter1e5Events) {
  lattice::BuiltWire w = testing::roughWire(16.0, 22.0, 0.3, 7);
  const auto atoms = w.lattice.atomCount();
  Engine engine(w.lattice, silverParams(900.0), RandomStream(1, StreamId::kKmc),
                {.selector = GetParam(), .checking = true});
  ASSERT_NO_THROW(engine.run({.max_events = 100'000}));
  EXPECT_EQ(engine.events(), 100'000);
  EXPECT_EQ(w.lattice.atomCount(), atoms);
  // Every class occurs (interlayer hops, c = 0, are rare: a handful per 1e5 events).
  for (int c = 0; c < kEventClassCount; ++c)
    EXPECT_GT(engine.statistics().by_class[c], 0) << eventClassName(static_cast<EventClass>(c));
  expectCoordinationConsistent(w.lattice);
}

// The same on a larger wire, checked once at the end (an error in the local set would persist).
TEST(Engine, RatesStayExactOnALargerWireWithoutCheckingMode) {
  lattice::BuiltWire w = testing::roughWire(40.0, 40.0, 0.2, 8);
  const auto atoms = w.lattice.atomCount();
  Engine engine(w.lattice, silverParams(800.0), RandomStream(2, StreamId::kKmc));
  engine.run({.max_events = 200'000});
  EXPECT_NO_THROW(engine.verifyRates());
  EXPECT_EQ(w.lattice.atomCount(), atoms);
  std::int64_t sum = 0;
  for (auto n : engine.statistics().by_class) sum += n;
  EXPECT_EQ(sum, engine.events());
  expectCoordinationConsistent(w.lattice);
}

// On the lattice itself: an adatom on a (111) slab has n = 3 and six in-plane hops with c = 1, an
// adatom in a (100) hollow n = 4 and four hops with c = 2, so their total rates are 6 and 4
// times ν_0 exp(−E_terrace / kT) with the input barriers (Ag 0.10 and 0.40 eV).
TEST(Engine, TerraceAdatomRatesUseTheInputBarriers) {
  const EnergeticsParams p = silverParams(300.0);
  const double kt = units::thermalEnergy_eV(300.0);
  lattice::BuiltWire slab = testing::slab111(30.0, 8.0);
  const SiteIndex top = testing::topSiteWithCoordination(slab.lattice, 3);
  ASSERT_NE(top, slab.lattice.sentinel());
  slab.lattice.place(top);
  Engine on111(slab.lattice, p, RandomStream(1, StreamId::kKmc));
  EXPECT_NEAR(on111.siteRate(top) / (6.0 * 1e12 * std::exp(-0.10 / kt)), 1.0, 1e-13);
  const StepResult hop = on111.step();
  EXPECT_EQ(hop.from, top);
  EXPECT_EQ(hop.n_i, 3);
  EXPECT_EQ(hop.n_j, 3);
  EXPECT_EQ(hop.common, 1);
  EXPECT_EQ(hop.event_class, EventClass::kTerraceHop);

  SiteIndex hollow = 0;
  lattice::Lattice film = testing::film100(hollow);
  ASSERT_EQ(film.coordination(hollow), 4);
  film.place(hollow);
  Engine on100(film, p, RandomStream(1, StreamId::kKmc));
  EXPECT_NEAR(on100.siteRate(hollow) / (4.0 * 1e12 * std::exp(-0.40 / kt)), 1.0, 1e-13);
  const StepResult hop100 = on100.step();
  EXPECT_EQ(hop100.from, hollow);
  EXPECT_EQ(hop100.n_i, 4);
  EXPECT_EQ(hop100.common, 2);
}

// R = 0 (no atom has an allowed hop): the next event never comes. step() cannot perform one and
// throws; run() performs none, and its clock reaches a given time limit or stays where it is.
TEST(Engine, FrozenSurfaceHasNoNextEvent) {
  const lattice::Frame f(testing::kAgLattice_A);
  lattice::Lattice lat(f, {3, 3, 3, true, true, true});
  lat.place(5);  // a lone atom: n = 0 < n_min, no allowed hop
  Engine engine(lat, silverParams(300.0), RandomStream(3, StreamId::kKmc));
  EXPECT_EQ(engine.totalRate(), 0.0);
  EXPECT_EQ(engine.mobileAtoms(), 0);
  EXPECT_THROW(engine.step(), RuntimeError);
  EXPECT_EQ(engine.run({.max_events = 10}), 0);
  EXPECT_EQ(engine.time_s(), 0.0);
  EXPECT_EQ(engine.run({.until_time_s = 2.5, .max_events = 10}), 0);
  EXPECT_EQ(engine.time_s(), 2.5);
  EXPECT_EQ(engine.events(), 0);
  lattice::Lattice empty(f, {3, 3, 3, true, true, true});
  Engine none(empty, silverParams(300.0), RandomStream(3, StreamId::kKmc));
  EXPECT_THROW(none.step(), RuntimeError);
  EXPECT_EQ(none.run({.until_time_s = 1.0}), 0);
  EXPECT_EQ(none.time_s(), 1.0);
}

// The independent event law: an event e (atom a, direction d) must fire with probability
// k_e / R, with k_e from the barrier formula of docs/model.md#surface-kinetics evaluated here from the lattice
// alone. One step from the same state is repeated N = 1e5 times (undoing it each time);
// Pearson's χ² over events with expectation ≥ 5 (the rest pooled) is χ²(bins − 1).
TEST_P(EngineSelectors, EventsAreChosenWithProbabilityProportionalToTheirRates) {
  lattice::BuiltWire w = testing::slab111(21.3, 5.0);
  lattice::Lattice& lat = w.lattice;
  RandomStream place(5, StreamId::kTest);
  for (int placed = 0; placed < 4;) {
    const auto s = static_cast<SiteIndex>(place.below(static_cast<std::uint64_t>(lat.siteCount())));
    if (lat.occupied(s) || lat.coordination(s) < 3 || lat.position(s).y < lat.boxLengths().y * 0.5) continue;
    lat.place(s);
    ++placed;
  }
  const EnergeticsParams p = silverParams(1200.0);
  const double kt = units::thermalEnergy_eV(p.temperature_K);
  std::map<std::pair<SiteIndex, int>, double> rate;
  double total = 0.0;
  for (SiteIndex a = 0; a < lat.siteCount(); ++a) {
    if (!lat.occupied(a)) continue;
    const int ni = lat.coordination(a);
    for (int d = 0; d < lattice::kNeighbourCount; ++d) {
      const SiteIndex t = lat.neighbour(a, d);
      if (t == lat.sentinel() || lat.occupied(t)) continue;
      const int nj = lat.coordination(t) - 1;
      int c = 0;
      for (int m : lat.frame().commonDirections(d)) c += lat.occupied(lat.neighbour(a, m)) ? 1 : 0;
      if (ni < 3 || nj < 3 || ni == 12) continue;
      const double ea = p.e0_by_common_eV[c] + p.bond_energy_eV * ni + (c == 0 ? p.es_barrier_eV : 0.0);
      rate[{a, d}] = p.attempt_frequency_per_s * std::exp(-ea / kt);
      total += rate[{a, d}];
    }
  }
  Engine engine(lat, p, RandomStream(6, StreamId::kKmc), {.selector = GetParam()});
  EXPECT_NEAR(engine.totalRate() / total, 1.0, 1e-12);
  constexpr long kTrials = 100'000;
  std::map<std::pair<SiteIndex, int>, long> count;
  for (long n = 0; n < kTrials; ++n) {
    const StepResult r = engine.step();
    ++count[{r.from, r.direction}];
    lat.move(r.to, r.from);
    engine.rebuildRates();
  }
  double chi2 = 0.0;
  int bins = 0;
  double pooled_expected = 0.0;
  long pooled_count = 0;
  for (const auto& [event, k] : rate) {
    const double expected = kTrials * k / total;
    const long seen = count.count(event) ? count[event] : 0;
    if (expected < 5.0) {
      pooled_expected += expected;
      pooled_count += seen;
      continue;
    }
    chi2 += (seen - expected) * (seen - expected) / expected;
    ++bins;
  }
  if (pooled_expected >= 5.0) {
    chi2 += (pooled_count - pooled_expected) * (pooled_count - pooled_expected) / pooled_expected;
    ++bins;
  }
  for (const auto& [event, seen] : count) EXPECT_TRUE(rate.count(event)) << "impossible event fired";
  ASSERT_GT(bins, 20);
  EXPECT_LT(chi2, testing::chiSquareCritical999(bins - 1));
}

// BKL: given the state, Δt ~ Exp(R), so x = R·Δt ~ Exp(1) with R the total rate before the
// event. The KS distance of 2e4 draws to 1 − e^{−x} must be below its α = 1e-3 critical value;
// the same draws mis-scaled by 5 % (e.g. a stress factor left out) exceed it.
TEST_P(EngineSelectors, WaitingTimesAreExponentialWithMeanOneOverTotalRate) {
  lattice::BuiltWire w = testing::roughWire(30.0, 30.0, 0.3, 9);
  Engine engine(w.lattice, silverParams(700.0), RandomStream(10, StreamId::kKmc), {.selector = GetParam()});
  engine.setStress(1.0);
  constexpr long kDraws = 20'000;
  std::vector<double> x;
  x.reserve(kDraws);
  for (long n = 0; n < kDraws; ++n) {
    const double r = engine.totalRate();
    x.push_back(engine.step().dt_s * r);
  }
  auto ks = [](std::vector<double> v, double scale) {
    for (double& e : v) e *= scale;
    std::sort(v.begin(), v.end());
    double d = 0.0;
    const double n = static_cast<double>(v.size());
    for (std::size_t k = 0; k < v.size(); ++k) {
      const double f = 1.0 - std::exp(-v[k]);
      d = std::max({d, std::abs(f - k / n), std::abs((k + 1) / n - f)});
    }
    return d;
  };
  const double crit = testing::ksCritical999(kDraws);
  EXPECT_LT(ks(x, 1.0), crit);
  EXPECT_GT(ks(x, 1.05), crit);
  double mean = 0.0;
  for (double e : x) mean += e;
  mean /= kDraws;
  EXPECT_NEAR(mean, 1.0, 5.0 / std::sqrt(double(kDraws)));  // Exp(1): σ = 1
}

INSTANTIATE_TEST_SUITE_P(Kmc, EngineSelectors, ::testing::Values(Selector::kSumTree, Selector::kCompositionRejection),
                         [](const auto& info) {
                           return info.param == Selector::kSumTree ? "SumTree" : "CompositionRejection";
                         });

TEST(Engine, SameSeedGivesTheSameTrajectory) {
  lattice::BuiltWire a = testing::roughWire(20.0, 22.0, 0.3, 4);
  lattice::BuiltWire b = testing::roughWire(20.0, 22.0, 0.3, 4);
  Engine ea(a.lattice, silverParams(800.0), RandomStream(42, StreamId::kKmc, 1, 2));
  Engine eb(b.lattice, silverParams(800.0), RandomStream(42, StreamId::kKmc, 1, 2));
  for (int n = 0; n < 5000; ++n) {
    const StepResult ra = ea.step();
    const StepResult rb = eb.step();
    ASSERT_EQ(ra.from, rb.from);
    ASSERT_EQ(ra.to, rb.to);
    ASSERT_EQ(ra.dt_s, rb.dt_s);
  }
  EXPECT_EQ(ea.time_s(), eb.time_s());
}

TEST(Engine, RunStopsExactlyAtTheRequestedTime) {
  lattice::BuiltWire w = testing::roughWire(20.0, 22.0, 0.3, 4);
  Engine engine(w.lattice, silverParams(600.0), RandomStream(4, StreamId::kKmc));
  const double horizon = 2000.0 / engine.totalRate();
  const auto done = engine.run({.until_time_s = horizon});
  EXPECT_GT(done, 100);
  EXPECT_EQ(engine.time_s(), horizon);
  EXPECT_EQ(engine.run({.until_time_s = horizon, .max_events = 10}), 0);
  EXPECT_THROW(engine.run({.until_time_s = horizon / 2}), InputError);
}

// σ·V_m is common to every hop, so the stress multiplies R by exp(σV_m/kT) and nothing else.
TEST(Engine, StressAndTemperatureChangesKeepRatesExact) {
  lattice::BuiltWire w = testing::roughWire(20.0, 22.0, 0.3, 4);
  EnergeticsParams p = silverParams(600.0);
  p.migration_volume_A3 = 2.4;
  Engine engine(w.lattice, p, RandomStream(4, StreamId::kKmc));
  engine.run({.max_events = 1000});
  const double r0 = engine.totalRate();
  engine.setStress(1.5);
  EXPECT_NEAR(engine.totalRate() / r0, std::exp(units::gpaVolumeToEV(1.5, 2.4) / units::thermalEnergy_eV(600.0)),
              1e-12);
  engine.setTemperature(500.0);
  engine.setStress(0.0);
  EXPECT_LT(engine.totalRate(), r0);
  EXPECT_NO_THROW(engine.verifyRates());
  engine.run({.max_events = 1000});
  EXPECT_NO_THROW(engine.verifyRates());
}

// Rate scaling (short windows, so scales change hundreds of times) and u_el under a rising σ
// (profile refreshes) on a rough wire in checking mode: every stored rate equals its from-scratch
// value after every event, through every refresh.
TEST_P(EngineSelectors, AcceleratedRatesStayExactInCheckingMode) {
  lattice::BuiltWire w = testing::roughWire(16.0, 22.0, 0.3, 9);
  EnergeticsParams p = silverParams(700.0);
  p.migration_volume_A3 = 2.4;
  Engine engine(w.lattice, p, RandomStream(5, StreamId::kKmc), testing::acceleratedOptions(GetParam(), true));
  for (int k = 1; k <= 20; ++k) {
    engine.setStress(0.2 * k);
    ASSERT_NO_THROW(engine.run({.max_events = 2'000}));
  }
  const AccelerationReport r = engine.accelerationReport();
  EXPECT_EQ(r.scaling_windows, 80);
  EXPECT_GT(r.scale_refreshes, 0);
  EXPECT_FALSE(r.scaled_pairs.empty());
  EXPECT_GT(r.effective_acceleration, 1.0);
  // Without super-moves the stale u_el factors are thinned (Engine, "Exact u_el by rejection"): refreshed
  // at the thinned tolerance, with draws rejected in between (checking mode also checks every slab's drift).
  EXPECT_GT(r.profile_refreshes, 0);
  EXPECT_GT(r.profile_rejections, 0);
  EXPECT_LE(r.profile_drift, 0.5 * std::log1p(StrainEnergyParams{}.thinned_refresh_tolerance));
  EXPECT_EQ(r.super_moves, 0);
  for (const ScaledPair& q : r.scaled_pairs) {
    EXPECT_GT(q.scale, 0.0);
    EXPECT_LT(q.scale, 1.0);
  }
}

// Super-moves after every second lone hop, on top of rate scaling and u_el under a rising σ, in
// checking mode: after each super-move, each event it hands to the rest of the system and each
// hop, every stored rate equals its from-scratch value (a super-move relocates its atom between
// sites that are not neighbours, and its exit runs through a selector without that atom).
TEST_P(EngineSelectors, SuperMovesKeepEveryRateExactInCheckingMode) {
  lattice::BuiltWire w = testing::roughWire(16.0, 22.0, 0.3, 9);
  EnergeticsParams p = silverParams(700.0);
  p.migration_volume_A3 = 2.4;
  EngineOptions o = testing::acceleratedOptions(GetParam(), true);
  o.super_moves = {.enabled = true, .after_hops = 2, .basin_sites = 24};
  Engine engine(w.lattice, p, RandomStream(5, StreamId::kKmc), o);
  const std::int64_t atoms = w.lattice.atomCount();
  for (int k = 1; k <= 20; ++k) {
    engine.setStress(0.2 * k);
    ASSERT_NO_THROW(engine.run({.max_events = 2'000}));
  }
  const AccelerationReport r = engine.accelerationReport();
  RecordProperty("super_moves", std::to_string(r.super_moves));
  RecordProperty("super_move_exits", std::to_string(r.super_move_exits));
  RecordProperty("basin_solves", std::to_string(r.basin_solves));
  RecordProperty("super_move_hops", std::to_string(r.super_move_hops));
  EXPECT_TRUE(r.super_moves_enabled);
  EXPECT_GT(r.super_moves, 20);
  EXPECT_GT(r.super_move_exits, 0);
  EXPECT_GT(r.basin_solves, 0);
  EXPECT_GT(r.super_move_hops, 0.0);
  // Plain KMC would have needed the replaced hops as events too.
  const double plain_events =
      static_cast<double>(engine.events() - r.super_moves + r.super_move_exits) + r.super_move_hops;
  EXPECT_DOUBLE_EQ(r.super_move_acceleration, plain_events / static_cast<double>(engine.events()));
  EXPECT_GT(r.super_move_acceleration, 1.0);
  EXPECT_EQ(w.lattice.atomCount(), atoms);
  std::int64_t total = 0;
  for (auto n : engine.statistics().by_class) total += n;
  EXPECT_EQ(total, engine.events());
}

// The shape cache returns exactly what solving would: an adatom on a pristine (111) terrace, with
// a super-move after every hop in basins of 16 sites, leaves each basin through its cut edge into
// a translated copy of the same shape. With the cache, most basins are found rather than solved
// (solves + hits = the solves without it), and the trajectory — sites, clock, every counter —
// is bit for bit that without the cache. The rough wire under rising σ with u_el (where regions
// carry different factors) gives the same trajectory with and without the cache too; its basins
// of 4 sites are short enough for the region's bound to clear the 44 Å period, while the
// terrace's regions (60 Å box) have their extent measured.
TEST(Engine, ShapeCacheGivesTheTrajectoryOfSolvingEveryBasin) {
  lattice::BuiltWire slab = testing::slab111(60.0, 8.0);
  const SiteIndex top = testing::topSiteWithCoordination(slab.lattice, 3);
  slab.lattice.place(top);
  lattice::BuiltWire wire = testing::roughWire(16.0, 44.0, 0.3, 9);
  EnergeticsParams hot = silverParams(700.0);
  hot.migration_volume_A3 = 2.4;
  struct Case {
    const lattice::Lattice* start;
    EnergeticsParams params;
    bool uel;
    int basin_sites;
  };
  for (const Case& c : {Case{&slab.lattice, silverParams(300.0), false, 16}, Case{&wire.lattice, hot, true, 4}}) {
    std::vector<lattice::Lattice> finals;
    std::vector<AccelerationReport> reports;
    std::vector<double> clocks;
    for (int shapes : {0, 256}) {
      lattice::Lattice lat = *c.start;
      EngineOptions o;
      o.strain_energy.enabled = c.uel;
      o.super_moves = {.enabled = true, .after_hops = 1, .basin_sites = c.basin_sites, .cache_shapes = shapes};
      Engine engine(lat, c.params, RandomStream(21, StreamId::kKmc), o);
      for (int k = 1; k <= 10; ++k) {
        if (c.uel) engine.setStress(0.3 * k);
        engine.run({.max_events = 500});
      }
      finals.push_back(lat);
      reports.push_back(engine.accelerationReport());
      clocks.push_back(engine.time_s());
    }
    SCOPED_TRACE(c.uel ? "rough wire, u_el" : "(111) terrace");
    RecordProperty(c.uel ? "wire_solves_hits" : "terrace_solves_hits",
                   std::to_string(reports[1].basin_solves) + "+" + std::to_string(reports[1].basin_cache_hits));
    EXPECT_EQ(reports[0].basin_cache_hits, 0);
    EXPECT_GT(reports[1].basin_cache_hits, c.uel ? 0 : reports[1].basin_solves);
    EXPECT_EQ(reports[1].basin_solves + reports[1].basin_cache_hits, reports[0].basin_solves);
    EXPECT_EQ(reports[1].super_moves, reports[0].super_moves);
    EXPECT_EQ(reports[1].super_move_exits, reports[0].super_move_exits);
    EXPECT_EQ(reports[1].super_move_hops, reports[0].super_move_hops);
    EXPECT_EQ(clocks[1], clocks[0]);
    for (SiteIndex s = 0; s < finals[0].siteCount(); ++s) ASSERT_EQ(finals[1].atomAt(s), finals[0].atomAt(s)) << s;
  }
}

// u_el with σ = 0 (uniform: all factors 1) and rate scaling that never judges (window longer
// than the run) leave the trajectory bit-identical to a plain run: acceleration off costs nothing
// in results.
TEST(Engine, InactiveAccelerationGivesThePlainTrajectory) {
  lattice::BuiltWire a = testing::roughWire(16.0, 22.0, 0.3, 11);
  lattice::BuiltWire b = testing::roughWire(16.0, 22.0, 0.3, 11);
  EngineOptions o;
  o.strain_energy.enabled = true;
  o.rate_scaling.enabled = true;
  o.rate_scaling.window_events = 1'000'000;
  Engine plain(a.lattice, silverParams(700.0), RandomStream(6, StreamId::kKmc));
  Engine accel(b.lattice, silverParams(700.0), RandomStream(6, StreamId::kKmc), o);
  plain.run({.max_events = 20'000});
  accel.run({.max_events = 20'000});
  EXPECT_EQ(plain.time_s(), accel.time_s());
  for (SiteIndex s = 0; s < a.lattice.siteCount(); ++s) ASSERT_EQ(a.lattice.atomAt(s), b.lattice.atomAt(s));
  EXPECT_EQ(accel.accelerationReport().effective_acceleration, 1.0);
}

}  // namespace
}  // namespace surfkmc::kmc
