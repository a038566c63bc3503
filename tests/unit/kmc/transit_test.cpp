// SPDX-License-Identifier: MIT
// Interlayer transits (docs/model.md#interlayer): rim entries come only from a table, the rim's exit factor is
// the pair Hamiltonian's, crossings give the entries, and the engine's incremental rates stay exact while
// atoms cross (checking mode, every selector and option). The law they keep is tested against exact
// enumeration on the production catalogue in tests/validation/kmc/detailed_balance_test.cpp.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <limits>
#include <vector>

#include "core/error.hpp"
#include "core/units.hpp"
#include "kmc/energetics.hpp"
#include "kmc/engine.hpp"
#include "kmc/hop_table.hpp"
#include "kmc/observer.hpp"
#include "tests/unit/kmc/bond_counting_sets.hpp"
#include "tests/unit/kmc/test_lattices.hpp"

namespace surfkmc::kmc {
namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

/// Bond counting through a table of NaN (every ordinary hop from the formula) with every rim entry (n, 2, c),
/// n = 3..11, at `rim_eV`: transits from everywhere, for the mechanism tests.
EnergeticsParams withRimEntries(double temperature_K, double rim_eV) {
  EnergeticsParams p = silverParams(temperature_K);
  p.barrier_table_eV.assign(kBarrierTableSize, kNaN);
  for (int n = 3; n <= 11; ++n)
    for (int c = 0; c <= kMaxCommon; ++c) p.barrier_table_eV[Energetics::index(n, 2, c)] = rim_eV;
  p.interlayer_transit = true;
  return p;
}

TEST(Transit, RimEntriesComeOnlyFromTheTableAndTheExitFactorIsThePairHamiltonians) {
  EnergeticsParams p = withRimEntries(500.0, 0.3);
  p.barrier_table_eV[Energetics::index(4, 2, 1)] = kNaN;  // a rim entry the table does not hold
  const Energetics e(p);
  const double kt = units::thermalEnergy_eV(500.0);
  EXPECT_DOUBLE_EQ(e.baseRate(5, 2, 1), p.attempt_frequency_per_s * std::exp(-0.3 / kt));
  EXPECT_EQ(e.baseRate(4, 2, 1), 0.0);  // not in the table: no transit, and no bond-counting fallback
  EXPECT_FALSE(e.uncatalogued(Energetics::index(4, 2, 1)));
  EXPECT_EQ(e.baseRate(5, 1, 1), 0.0);  // below the rim: never
  EXPECT_EQ(e.baseRate(2, 5, 1), 0.0);  // out of a rim: not a table hop
  for (int n = 0; n < kTargetValues; ++n)
    EXPECT_NEAR(e.transitExitFactor(n), std::exp(p.bond_energy_eV * (n - 2) / kt), 1e-12 * e.transitExitFactor(n));

  p.interlayer_transit = false;
  EXPECT_EQ(Energetics(p).baseRate(5, 2, 1), 0.0);  // the switch off: the n_min rule as before
  EnergeticsParams bare = silverParams(500.0);
  bare.interlayer_transit = true;
  EXPECT_THROW(Energetics{bare}, InputError);  // rim entries need a table
}

TEST(Transit, CrossingsGiveTheRimEntriesAndTheirStrainSlopes) {
  HopTable t;
  t.barrier_eV.assign(kBarrierTableSize, std::numeric_limits<double>::infinity());
  // (5, c = 1): two valid crossings; (7, c = 2): only an invalid one; (9, c = 0): none.
  const std::vector<RimEntrySample> zero{
      {5, 1, 0.40, true}, {5, 1, 0.50, true}, {7, 2, 0.0, false}, {5, 1, 0.9, false}};
  addRimEntries(t, zero, 3);
  EXPECT_DOUBLE_EQ(t.barrier_eV[Energetics::index(5, 2, 1)], 0.45);
  EXPECT_TRUE(std::isinf(t.barrier_eV[Energetics::index(7, 2, 2)]));
  EXPECT_TRUE(std::isinf(t.barrier_eV[Energetics::index(9, 2, 0)]));
  EXPECT_EQ(t.rim_entries, 1);
  EXPECT_EQ(t.rim_forbidden_entries, 1);
  EXPECT_EQ(t.rim_valid_samples, 2);
  EXPECT_THROW(addRimEntries(t, {{2, 1, 0.1, true}}, 3), InvariantError);

  t.strain_slope_eV.assign(kBarrierTableSize, 0.0);
  std::vector<RimEntrySample> low = zero, high = zero;
  low[0].barrier_eV = 0.38;  // slope (0.44 − 0.38)/0.02 = 3
  high[0].barrier_eV = 0.44;
  low[1].barrier_eV = 0.50;  // slope 1
  high[1].barrier_eV = 0.52;
  high[3].valid = true;  // valid at one strain only: not paired
  addRimStrainResponse(t, zero, low, -0.01, high, 0.01, 3);
  EXPECT_NEAR(t.strain_slope_eV[Energetics::index(5, 2, 1)], 2.0, 1e-12);
  EXPECT_EQ(t.rim_strain_resolved_entries, 1);
  low[2].c = 1;
  EXPECT_THROW(addRimStrainResponse(t, zero, low, -0.01, high, 0.01, 3), InvariantError);
}

// Every rate checked against its from-scratch value after every event (checking mode) while atoms cross rims,
// on a roughened wire with every option on: two selectors, rate scaling and u_el (acceleratedOptions), and
// super-moves, whose exits may be transits too.
TEST(Transit, IncrementalRatesStayExactWhileAtomsCrossRims) {
  for (const Selector selector : {Selector::kCompositionRejection, Selector::kSumTree}) {
    lattice::BuiltWire w = testing::roughWire(22.0, 30.0, 0.15, 9);
    EngineOptions o = testing::acceleratedOptions(selector, true);
    o.super_moves.enabled = true;
    o.super_moves.after_hops = 4;
    EnergeticsParams p = withRimEntries(700.0, 0.35);
    p.stress_GPa = 1.0;
    Engine engine(w.lattice, p, RandomStream(31, StreamId::kTest), o);
    const std::int64_t atoms = w.lattice.atomCount();
    // Every event reports n_j as the moved atom's neighbours where it lands, and a transit lands it on a site
    // with at least n_min of them (never on a rim), and never beside its origin (that move is an ordinary hop).
    struct Landing : Observer {
      long wrong = 0, on_rim = 0, beside = 0, transits = 0;
      void onEvent(const Engine& e, const StepResult& r) override {
        if (r.super_move) return;
        wrong += r.n_j != e.lattice().coordination(r.to) ? 1 : 0;
        if (!r.transit) return;
        ++transits;
        on_rim += r.n_j < e.energetics().params().n_min ? 1 : 0;
        const lattice::SiteIndex* nf = e.lattice().neighbours(r.from);
        beside += std::find(nf, nf + lattice::kNeighbourCount, r.to) != nf + lattice::kNeighbourCount ? 1 : 0;
      }
    } landing;
    ASSERT_NO_THROW(engine.run({.max_events = 6000}, &landing));
    EXPECT_EQ(landing.wrong, 0);
    EXPECT_EQ(landing.on_rim, 0);
    EXPECT_EQ(landing.beside, 0);
    EXPECT_GT(landing.transits, 0);
    const EventStatistics& s = engine.statistics();
    EXPECT_GT(s.transits, 20) << "too few transits to test";
    EXPECT_GT(s.transit_returns, 0);
    EXPECT_EQ(w.lattice.atomCount(), atoms);
    ::testing::Test::RecordProperty("transits", static_cast<int>(s.transits));
    ::testing::Test::RecordProperty("transit_returns", static_cast<int>(s.transit_returns));
  }
}

// With the switch off, the same table makes the same run as a table without rim entries: no transit, and the
// ordinary hops bit for bit the same.
TEST(Transit, WithoutTheSwitchTheRunIsTheOneWithoutRimEntries) {
  auto run = [](bool transit, bool rim_entries) {
    lattice::BuiltWire w = testing::roughWire(22.0, 30.0, 0.15, 9);
    EnergeticsParams p = withRimEntries(700.0, 0.35);
    if (!rim_entries)
      for (int n = 3; n <= 11; ++n)
        for (int c = 0; c <= kMaxCommon; ++c) p.barrier_table_eV[Energetics::index(n, 2, c)] = kNaN;
    p.interlayer_transit = transit;
    Engine engine(w.lattice, p, RandomStream(5, StreamId::kTest));
    engine.run({.max_events = 3000});
    return std::make_pair(engine.time_s(), engine.statistics().transits);
  };
  const auto off = run(false, true);
  const auto none = run(true, false);
  EXPECT_EQ(off.first, none.first);
  EXPECT_EQ(off.second, 0);
  EXPECT_EQ(none.second, 0);
  const auto on = run(true, true);
  EXPECT_GT(on.second, 0);
}

}  // namespace
}  // namespace surfkmc::kmc
