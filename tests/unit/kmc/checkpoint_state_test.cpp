// SPDX-License-Identifier: MIT
// Save/restore of the kmc state (selectors, rate scaler, u_el profile, observers, engine): a
// restored copy continues exactly as the original, event for event.
#include <gtest/gtest.h>

#include <limits>
#include <sstream>
#include <string>
#include <tuple>
#include <vector>

#include "core/binary_reader.hpp"
#include "core/binary_writer.hpp"
#include "core/error.hpp"
#include "kmc/composition_rejection.hpp"
#include "kmc/engine.hpp"
#include "kmc/rate_scaler.hpp"
#include "kmc/rate_tree.hpp"
#include "kmc/strain_energy_profile.hpp"
#include "kmc/time_series_observer.hpp"
#include "kmc/transport_observer.hpp"
#include "test_lattices.hpp"
#include "tests/unit/kmc/bond_counting_sets.hpp"

namespace surfkmc::kmc {
namespace {

using lattice::SiteIndex;

TEST(CompositionRejectionState, RestoredSelectorDrawsTheSameKeysAfterTheSameUpdates) {
  constexpr std::int64_t kKeys = 500;
  CompositionRejection a(kKeys);
  RandomStream fill(3, StreamId::kTest);
  for (int i = 0; i < 5000; ++i)
    a.set(static_cast<std::int64_t>(fill.below(kKeys)), fill.uniform() < 0.2 ? 0.0 : std::exp(20.0 * fill.uniform()));
  BinaryWriter w;
  a.saveState(w);

  CompositionRejection b(kKeys);
  b.set(1, 5.0);  // whatever b held is replaced
  BinaryReader r(w.bytes());
  b.restoreState(r);
  r.expectEnd();
  EXPECT_EQ(b.size(), a.size());
  EXPECT_EQ(b.total(), a.total());
  RandomStream ra(4, StreamId::kTest), rb(4, StreamId::kTest), more(5, StreamId::kTest);
  for (int i = 0; i < 2000; ++i) {
    double ua = 0.0, ub = 0.0;
    ASSERT_EQ(a.select(ra, ua), b.select(rb, ub));
    ASSERT_EQ(ua, ub);
    const auto key = static_cast<std::int64_t>(more.below(kKeys));
    const double rate = more.uniform() < 0.1 ? 0.0 : std::exp(20.0 * more.uniform());
    a.set(key, rate);
    b.set(key, rate);
    ASSERT_EQ(a.total(), b.total());
  }

  CompositionRejection other(kKeys + 1);
  BinaryReader r2(w.bytes());
  EXPECT_THROW(other.restoreState(r2), InputError);
}

TEST(RateTreeState, RestoredTreeHasTheSameNodes) {
  RateTree a(100);
  for (int i = 0; i < 100; ++i) a.set(i, 0.5 * i);
  BinaryWriter w;
  a.saveState(w);
  RateTree b(100);
  BinaryReader r(w.bytes());
  b.restoreState(r);
  EXPECT_EQ(b.total(), a.total());
  for (int i = 0; i < 100; ++i) EXPECT_EQ(b.leaf(i), a.leaf(i));
  RateTree small(10);
  BinaryReader r2(w.bytes());
  EXPECT_THROW(small.restoreState(r2), InputError);
}

TEST(RateScalerState, RestoredScalerEndsTheOpenWindowLikeTheOriginal) {
  RateScalingParams p;
  p.enabled = true;
  p.window_events = 1000;
  p.min_executions = 10;
  p.min_rate_per_s = 1.0;
  RateScaler a(p);
  RateScaler::Table base{};
  base.fill(1.0e6);
  RateScaler::Table scales{};
  const int fwd = Energetics::index(3, 5, 2), rev = Energetics::index(5, 3, 2), slow = Energetics::index(6, 2, 1);
  for (int w = 0; w < 3; ++w)
    for (int i = 0; i < 1000; ++i)
      if (a.record(i % 10 == 0 ? slow : (i % 2 ? fwd : rev))) a.update(base.data(), scales);
  for (int i = 0; i < 400; ++i) a.record(i % 2 ? fwd : rev);  // an open window
  BinaryWriter w;
  a.saveState(w);
  RateScaler b(p);
  BinaryReader r(w.bytes());
  b.restoreState(r);
  EXPECT_EQ(b.windows(), a.windows());
  EXPECT_EQ(b.scales(), a.scales());
  bool ends_a = false, ends_b = false;
  for (int i = 0; i < 600; ++i) {
    ends_a = a.record(slow);
    ends_b = b.record(slow);
    ASSERT_EQ(ends_a, ends_b);
  }
  ASSERT_TRUE(ends_a);
  RateScaler::Table sa{}, sb{};
  EXPECT_EQ(a.update(base.data(), sa), b.update(base.data(), sb));
  EXPECT_EQ(sa, sb);
}

TEST(StrainEnergyProfileState, RestoredProfileHasTheSameFactorsAndDrift) {
  lattice::BuiltWire w = testing::roughWire(16.0, 22.0, 0.3, 2);
  StrainEnergyParams p;
  p.enabled = true;
  StrainEnergyProfile a(w.lattice, p);
  a.setState(1.5, 0.03);
  a.commit();
  // Move atoms between slabs in the bookkeeping only.
  const int slabs = a.slabCount();
  for (int k = 0; k < 30; ++k) {
    const auto from = static_cast<SiteIndex>((k % slabs) * (w.lattice.siteCount() / slabs));
    const auto to = static_cast<SiteIndex>(((k + 1) % slabs) * (w.lattice.siteCount() / slabs));
    a.onMove(from, to);
  }
  BinaryWriter out;
  a.saveState(out);
  StrainEnergyProfile b(w.lattice, p);
  BinaryReader r(out.bytes());
  b.restoreState(r);
  r.expectEnd();
  EXPECT_EQ(b.maxDrift(), a.maxDrift());
  EXPECT_EQ(b.refreshes(), a.refreshes());
  EXPECT_EQ(b.nonUniform(), a.nonUniform());
  for (int s = 0; s < slabs; ++s) {
    EXPECT_EQ(b.lnFactor(s), a.lnFactor(s));
    EXPECT_EQ(b.atomsInSlab(s), a.atomsInSlab(s));
  }
}

/// Records every event's hop and waiting time.
class StepLog : public Observer {
 public:
  void onEvent(const Engine& /*engine*/, const StepResult& s) override { steps.push_back({s.from, s.to, s.dt_s}); }
  struct Step {
    SiteIndex from, to;
    double dt;
    bool operator==(const Step&) const = default;
  };
  std::vector<Step> steps;
};

// Rate scaling, u_el and super-moves after every second lone hop, so that the save falls between
// super-moves with a solved basin cached (and, in some runs, one pending).
EngineOptions accelerated(Selector selector) {
  EngineOptions o = testing::acceleratedOptions(selector);
  o.super_moves = {.enabled = true, .after_hops = 2, .basin_sites = 24};
  return o;
}

EnergeticsParams stressed() {
  EnergeticsParams p = silverParams(700.0);
  p.migration_volume_A3 = 2.4;
  return p;
}

/// The same with a per-hop strain response instead of V_m: a barrier table that holds no hop (bond counting
/// throughout) whose bond energy follows the strain, so every new σ refills the table.
EnergeticsParams stressedPerHop() {
  EnergeticsParams p = silverParams(700.0);
  p.barrier_table_eV.assign(kBarrierTableSize, std::numeric_limits<double>::quiet_NaN());
  p.barrier_strain_slope_eV.assign(kBarrierTableSize, 0.0);
  p.bond_energy_strain_slope_eV = 1.5;
  p.axial_compliance_per_GPa = 1.0 / 80.0;
  return p;
}

// Phases of a rising stress, as the coupled run drives the engine.
void runPhases(Engine& e, int first, int last, Observer* observer) {
  for (int k = first; k < last; ++k) {
    e.setStress(0.2 * k);
    e.run({.max_events = 1'500}, observer);
  }
}

/// The selector, and whether stress acts per hop (a table refill at every new σ) or through V_m.
class EngineState : public ::testing::TestWithParam<std::tuple<Selector, bool>> {
 protected:
  Selector selector() const { return std::get<0>(GetParam()); }
  EnergeticsParams energetics() const { return std::get<1>(GetParam()) ? stressedPerHop() : stressed(); }
};

// The engine is saved after rate-scaling windows and u_el refreshes have happened, mid-window;
// the restored engine (on a fresh wire whose occupancy was restored, in checking mode so every
// restored rate is also checked against its from-scratch value) makes the same hops with the same
// waiting times, and ends with the same clock, statistics and acceleration report.
TEST_P(EngineState, RestoredEngineContinuesEventForEvent) {
  lattice::BuiltWire a = testing::roughWire(16.0, 22.0, 0.3, 9);
  Engine ea(a.lattice, energetics(), RandomStream(5, StreamId::kKmc), accelerated(selector()));
  TransportObserver ta(a.lattice.nextAtomId(), 100);
  runPhases(ea, 1, 8, &ta);
  ea.run({.max_events = 123}, &ta);
  // Up to a super-move that stopped inside its basin: the basin stays cached and the event it
  // hands to the rest of the system is pending.
  for (AccelerationReport r0 = ea.accelerationReport();;) {
    ta.onEvent(ea, ea.step());
    const AccelerationReport r = ea.accelerationReport();
    if (r.super_moves > r0.super_moves && r.super_move_exits == r0.super_move_exits) break;
    r0 = r;
  }
  BinaryWriter w;
  a.lattice.saveOccupancy(w);
  ea.saveState(w);
  ta.saveState(w);

  lattice::BuiltWire b = testing::roughWire(16.0, 22.0, 0.3, 9);
  EngineOptions checking = accelerated(selector());
  checking.checking = true;
  TransportObserver tb(b.lattice.nextAtomId(), 1);
  {
    lattice::BuiltWire c = testing::roughWire(16.0, 22.0, 0.3, 9);
    Engine wrong(c.lattice, energetics(), RandomStream(5, StreamId::kKmc),
                 accelerated(selector() == Selector::kSumTree ? Selector::kCompositionRejection : Selector::kSumTree));
    BinaryReader r(w.bytes());
    c.lattice.restoreOccupancy(r);
    EXPECT_THROW(wrong.restoreState(r), InputError) << "another selector is refused";
  }
  Engine rb(b.lattice, energetics(), RandomStream(77, StreamId::kKmc), checking);
  BinaryReader r(w.bytes());
  b.lattice.restoreOccupancy(r);
  ASSERT_NO_THROW(rb.restoreState(r));
  tb.restoreState(r);
  r.expectEnd();
  EXPECT_EQ(rb.time_s(), ea.time_s());
  EXPECT_EQ(rb.totalRate(), ea.totalRate());

  StepLog la, lb;
  ea.run({.max_events = 77}, &la);
  rb.run({.max_events = 77}, &lb);
  runPhases(ea, 8, 11, &la);
  runPhases(rb, 8, 11, &lb);
  ASSERT_EQ(la.steps.size(), lb.steps.size());
  for (std::size_t i = 0; i < la.steps.size(); ++i) ASSERT_TRUE(la.steps[i] == lb.steps[i]) << "event " << i;
  EXPECT_EQ(rb.time_s(), ea.time_s());
  EXPECT_EQ(rb.statistics().by_class, ea.statistics().by_class);
  const AccelerationReport ra = ea.accelerationReport(), rr = rb.accelerationReport();
  EXPECT_EQ(rr.scaling_windows, ra.scaling_windows);
  EXPECT_EQ(rr.scale_refreshes, ra.scale_refreshes);
  EXPECT_EQ(rr.effective_acceleration, ra.effective_acceleration);
  EXPECT_EQ(rr.profile_refreshes, ra.profile_refreshes);
  EXPECT_EQ(rr.profile_drift, ra.profile_drift);
  EXPECT_EQ(rr.super_moves, ra.super_moves);
  EXPECT_EQ(rr.super_move_exits, ra.super_move_exits);
  EXPECT_EQ(rr.basin_solves, ra.basin_solves);
  EXPECT_EQ(rr.basin_cache_hits, ra.basin_cache_hits);
  EXPECT_EQ(rr.super_move_hops, ra.super_move_hops);
  EXPECT_GT(ra.super_moves, 0);
  EXPECT_GT(ra.scale_refreshes, 0);
  EXPECT_GT(ra.profile_refreshes, 1);
  for (SiteIndex s = 0; s < a.lattice.siteCount(); ++s) ASSERT_EQ(a.lattice.atomAt(s), b.lattice.atomAt(s));
  EXPECT_EQ(tb.sumSquareDisplacement(), ta.sumSquareDisplacement());
}

INSTANTIATE_TEST_SUITE_P(Selectors, EngineState,
                         ::testing::Combine(::testing::Values(Selector::kSumTree, Selector::kCompositionRejection),
                                            ::testing::Bool()),
                         [](const ::testing::TestParamInfo<std::tuple<Selector, bool>>& info) {
                           return std::string(std::get<0>(info.param) == Selector::kSumTree ? "SumTree"
                                                                                            : "CompositionRejection") +
                                  (std::get<1>(info.param) ? "StressPerHop" : "");
                         });

// A time series written in two parts around a save/restore is the one written in one go.
// The shape cache is part of the state: a run resumed from a checkpoint taken with solved shapes
// kept finds the same basins solved as the uninterrupted run (an adatom on a pristine (111)
// terrace, whose basins are translated copies of one shape), so its counters match too.
TEST(EngineState, RestoredShapeCacheGivesTheSameHits) {
  lattice::BuiltWire a = testing::slab111(60.0, 8.0);
  a.lattice.place(testing::topSiteWithCoordination(a.lattice, 3));
  lattice::Lattice b_lattice = a.lattice;
  EngineOptions o;
  o.super_moves = {.enabled = true, .after_hops = 1, .basin_sites = 16};
  Engine ea(a.lattice, silverParams(300.0), RandomStream(8, StreamId::kKmc), o);
  ea.run({.max_events = 300});
  ASSERT_GT(ea.accelerationReport().basin_cache_hits, 0);
  BinaryWriter w;
  a.lattice.saveOccupancy(w);
  ea.saveState(w);

  Engine eb(b_lattice, silverParams(300.0), RandomStream(99, StreamId::kKmc), o);
  BinaryReader r(w.bytes());
  b_lattice.restoreOccupancy(r);
  ASSERT_NO_THROW(eb.restoreState(r));
  r.expectEnd();
  ea.run({.max_events = 300});
  eb.run({.max_events = 300});
  const AccelerationReport ra = ea.accelerationReport(), rb = eb.accelerationReport();
  EXPECT_EQ(rb.basin_solves, ra.basin_solves);
  EXPECT_EQ(rb.basin_cache_hits, ra.basin_cache_hits);
  EXPECT_EQ(rb.super_moves, ra.super_moves);
  EXPECT_EQ(eb.time_s(), ea.time_s());
  for (SiteIndex s = 0; s < a.lattice.siteCount(); ++s) ASSERT_EQ(b_lattice.atomAt(s), a.lattice.atomAt(s));

  // A checkpoint whose cache holds more shapes than this engine may keep is refused.
  EngineOptions small = o;
  small.super_moves.cache_shapes = 0;
  lattice::Lattice c_lattice = b_lattice;
  Engine ec(c_lattice, silverParams(300.0), RandomStream(99, StreamId::kKmc), small);
  BinaryReader again(w.bytes());
  c_lattice.restoreOccupancy(again);
  EXPECT_THROW(ec.restoreState(again), InputError);
}

TEST(TimeSeriesObserverState, RestoredObserverContinuesTheRows) {
  lattice::BuiltWire a = testing::roughWire(16.0, 22.0, 0.3, 4);
  Engine ea(a.lattice, silverParams(700.0), RandomStream(8, StreamId::kKmc));
  std::ostringstream whole;
  TimeSeriesObserver ta(whole, {.every_events = 250});
  ta.onStart(ea);
  ea.run({.max_events = 1'000}, nullptr);
  lattice::BuiltWire b = testing::roughWire(16.0, 22.0, 0.3, 4);
  Engine eb(b.lattice, silverParams(700.0), RandomStream(8, StreamId::kKmc));
  std::ostringstream first;
  TimeSeriesObserver tb(first, {.every_events = 250});
  tb.onStart(eb);
  eb.run({.max_events = 1'000}, nullptr);
  // From here both see the same events; b is saved and restored into a new observer c.
  struct Events : Observer {
    explicit Events(Observer& o) : inner(o) {}
    void onEvent(const Engine& e, const StepResult& s) override { inner.onEvent(e, s); }
    Observer& inner;
  };
  Events fa(ta), fb(tb);
  ea.run({.max_events = 600}, &fa);
  eb.run({.max_events = 600}, &fb);
  BinaryWriter w;
  tb.saveState(w);
  std::ostringstream second;
  TimeSeriesObserver tc(second, {.every_events = 250});
  BinaryReader r(w.bytes());
  tc.restoreState(r);
  Events fc(tc);
  ea.run({.max_events = 900}, &fa);
  eb.run({.max_events = 900}, &fc);
  ta.onFinish(ea);
  tc.onFinish(eb);
  EXPECT_EQ(first.str() + second.str(), whole.str());
  EXPECT_EQ(tc.rows(), ta.rows());
}

}  // namespace
}  // namespace surfkmc::kmc
