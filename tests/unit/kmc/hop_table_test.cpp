// SPDX-License-Identifier: MIT
// The barrier table built from computed hops: exact detailed balance with its own pair Hamiltonian,
// the fitted pair energy, what unstable and failed samples do, and the engine's count of hops the
// table did not hold.
#include "kmc/hop_table.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <limits>
#include <string>
#include <vector>

#include "core/error.hpp"
#include "core/units.hpp"
#include "kmc/energetics.hpp"
#include "kmc/engine.hpp"
#include "kmc/observer.hpp"
#include "tests/unit/kmc/bond_counting_sets.hpp"
#include "tests/unit/kmc/pair_balance.hpp"
#include "tests/unit/kmc/test_lattices.hpp"

namespace surfkmc::kmc {
namespace {

using Status = HopBarrierSample::Status;

/// Samples of a known saddle model: KRA K(c) = 0.3 + 0.1 c, pair energy ε, no noise.
HopBarrierSample exactSample(int n_i, int n_j, int c, double eps) {
  const double kra = 0.3 + 0.1 * c;
  const double dh = eps * (n_i - n_j);
  return {n_i, n_j, c, kra + 0.5 * dh, kra - 0.5 * dh, dh, Status::kValid};
}

EnergeticsParams withTable(const HopTable& t, double temperature_K) {
  EnergeticsParams p = silverParams(temperature_K);
  p.barrier_table_eV = t.barrier_eV;
  p.bond_energy_eV = t.pair_energy_eV;
  p.stress_GPa = 1.3;
  p.migration_volume_A3 = 2.0;
  return p;
}

TEST(HopTable, RecoversAnExactPairModel) {
  const double eps = 0.23;
  std::vector<HopBarrierSample> samples;
  for (int a = 4; a <= 9; ++a) samples.push_back(exactSample(a, a - 1, 2, eps));
  samples.push_back(exactSample(5, 5, 1, eps));
  const HopTable t = buildHopTable(samples, 3);
  EXPECT_NEAR(t.pair_energy_eV, eps, 1e-12);
  EXPECT_NEAR(t.pair_energy_rms_eV, 0.0, 1e-12);
  EXPECT_EQ(t.valid_samples, 7);
  EXPECT_EQ(t.catalogued_pairs, 7);
  for (int a = 4; a <= 9; ++a) {
    // Both directions of each computed pair, the reverse never sampled.
    EXPECT_NEAR(t.barrier_eV[Energetics::index(a, a - 1, 2)], 0.5 + 0.5 * eps, 1e-12);
    EXPECT_NEAR(t.barrier_eV[Energetics::index(a - 1, a, 2)], 0.5 - 0.5 * eps, 1e-12);
  }
  EXPECT_NEAR(t.barrier_eV[Energetics::index(5, 5, 1)], 0.4, 1e-12);
  EXPECT_TRUE(std::isnan(t.barrier_eV[Energetics::index(6, 4, 3)]));  // never sampled: the fallback
  EXPECT_TRUE(std::isinf(t.barrier_eV[Energetics::index(2, 5, 1)]));  // below n_min: no hop at all
}

TEST(HopTable, UnstableSamplesForbidBothDirectionsAndFailedOnesSayNothing) {
  std::vector<HopBarrierSample> samples{exactSample(5, 4, 2, 0.2)};
  samples.push_back({6, 3, 2, 0.0, 0.0, 0.0, Status::kUnstable});
  samples.push_back({7, 4, 2, 0.0, 0.0, 0.0, Status::kFailed});
  // A pair with a valid sample stays catalogued even if another of its samples is unstable.
  samples.push_back({4, 5, 2, 0.0, 0.0, 0.0, Status::kUnstable});
  const HopTable t = buildHopTable(samples, 3);
  EXPECT_TRUE(std::isinf(t.barrier_eV[Energetics::index(6, 3, 2)]));
  EXPECT_TRUE(std::isinf(t.barrier_eV[Energetics::index(3, 6, 2)]));
  EXPECT_TRUE(std::isnan(t.barrier_eV[Energetics::index(7, 4, 2)]));
  EXPECT_TRUE(std::isnan(t.barrier_eV[Energetics::index(4, 7, 2)]));
  EXPECT_TRUE(std::isfinite(t.barrier_eV[Energetics::index(4, 5, 2)]));
  EXPECT_EQ(t.forbidden_pairs, 1);
  EXPECT_EQ(t.catalogued_pairs, 1);
}

TEST(HopTable, ASaddleBelowTheHigherEndStateBecomesThatEndState) {
  // K = 0.05 eV but ΔH = ε·3 = 0.6 eV: the barriers become 0.6 uphill and 0 downhill.
  const HopBarrierSample s{6, 3, 1, 0.35, -0.25, 0.6, Status::kValid};
  const HopTable t = buildHopTable({s}, 3);
  ASSERT_NEAR(t.pair_energy_eV, 0.2, 1e-12);
  EXPECT_NEAR(t.barrier_eV[Energetics::index(6, 3, 1)], 0.6, 1e-12);
  EXPECT_EQ(t.barrier_eV[Energetics::index(3, 6, 1)], 0.0);
}

TEST(HopTable, NeedsAValidSampleThatChangesTheCoordination) {
  EXPECT_THROW(buildHopTable({exactSample(5, 5, 2, 0.2)}, 3), InvariantError);
  EXPECT_THROW(buildHopTable({{5, 4, 2, 0.5, 0.3, 0.2, Status::kUnstable}}, 3), InvariantError);
}

// With H = −ε·(bonds) a hop i → j changes H by ε (n_i − n_j), so detailed balance is
// k(n_i, n_j, c) / k(n_j, n_i, c) = exp(−ε (n_i − n_j) / kT), for catalogued, clamped and fallback entries
// alike, and a forbidden hop is forbidden both ways. Noisy samples, so no entry is exact by construction.
TEST(HopTable, RatesObeyDetailedBalanceWithThePairHamiltonian) {
  std::vector<HopBarrierSample> samples;
  RandomStream rng(3, StreamId::kTest);
  for (int a = 3; a <= 11; ++a)
    for (int b = 3; b <= 11; ++b)
      for (int c = 1; c <= 4; ++c) {
        if (rng.uniform() < 0.4) continue;
        HopBarrierSample s = exactSample(a, b, c, 0.21);
        s.forward_eV += 0.05 * (rng.uniform() - 0.5);
        s.delta_eV += 0.04 * (rng.uniform() - 0.5);
        s.status = rng.uniform() < 0.15 ? Status::kUnstable : Status::kValid;
        if (a == 6 && b == 3) s.forward_eV = s.backward_eV = 0.01;  // a clamped pair
        samples.push_back(s);
      }
  const HopTable t = buildHopTable(samples, 3);
  int checked = 0, forbidden = 0;
  for (double temperature : {300.0, 400.0}) {
    const Energetics e(withTable(t, temperature));
    const testing::PairBalanceCount n =
        testing::expectPairDetailedBalance(e, t.pair_energy_eV, std::to_string(temperature) + " K");
    checked += n.checked;
    forbidden += n.forbidden;
  }
  EXPECT_GT(checked, 300);
  EXPECT_GT(forbidden, 0);
  EXPECT_GT(t.forbidden_pairs, 0);
}

TEST(Energetics, TableEntriesReplaceTheFormulaWhereTheyExist) {
  const HopTable t = buildHopTable({exactSample(5, 4, 2, 0.2), {6, 3, 2, 0, 0, 0, Status::kUnstable}}, 3);
  const EnergeticsParams p = withTable(t, 300.0);
  const Energetics e(p);
  const double shift = units::gpaVolumeToEV(p.stress_GPa, p.migration_volume_A3);
  EXPECT_NEAR(e.barrier_eV(5, 4, 2), 0.5 + 0.1 - shift, 1e-12);
  EXPECT_TRUE(std::isinf(e.barrier_eV(6, 3, 2)));
  EXPECT_EQ(e.rate(6, 3, 2), 0.0);
  // Not catalogued: the bond-counting formula with the table's ε.
  EXPECT_NEAR(e.barrier_eV(7, 5, 3), p.e0_by_common_eV[3] + 0.2 * 7 - shift, 1e-12);
  EXPECT_TRUE(e.catalogue());
  EXPECT_TRUE(e.uncatalogued(Energetics::index(7, 5, 3)));
  EXPECT_FALSE(e.uncatalogued(Energetics::index(5, 4, 2)));
  EXPECT_FALSE(e.uncatalogued(Energetics::index(6, 3, 2)));
  EXPECT_FALSE(e.uncatalogued(Energetics::index(2, 5, 1)));  // not allowed at all: never an event
  EXPECT_FALSE(Energetics(silverParams(300.0)).uncatalogued(Energetics::index(7, 5, 3)));
}

TEST(Energetics, ValidateRejectsATableOfTheWrongSizeOrANegativeBarrier) {
  EnergeticsParams p = silverParams(300.0);
  p.barrier_table_eV.assign(10, 0.5);
  EXPECT_THROW(Energetics{p}, InputError);
  p.barrier_table_eV.assign(kBarrierTableSize, 0.5);
  p.barrier_table_eV[7] = -0.1;
  EXPECT_THROW(Energetics{p}, InputError);
}

/// Counts the events of the classes the table does not hold.
class UncataloguedCounter : public Observer {
 public:
  explicit UncataloguedCounter(const Energetics& e) : e_(e) {}
  void onEvent(const Engine&, const StepResult& s) override {
    if (e_.uncatalogued(Energetics::index(s.n_i, s.n_j, s.common))) ++count;
  }
  std::int64_t count = 0;

 private:
  const Energetics& e_;
};

TEST(Engine, CountsTheEventsWhoseBarrierTheTableDidNotHold) {
  // Catalogue only the c = 2 hops between 4 and 7 neighbours; a rough wire performs others too.
  std::vector<HopBarrierSample> samples;
  for (int a = 4; a <= 7; ++a)
    for (int b = 4; b <= 7; ++b) samples.push_back(exactSample(a, b, 2, 0.2));
  const HopTable t = buildHopTable(samples, 3);
  lattice::BuiltWire wire = testing::roughWire(30.0, 25.0, 0.2, 5);
  Engine engine(wire.lattice, withTable(t, 500.0), RandomStream(9, StreamId::kTest));
  UncataloguedCounter counter(engine.energetics());
  RunLimits limits;
  limits.max_events = 20000;
  engine.run(limits, &counter);
  EXPECT_EQ(engine.statistics().uncatalogued_events, counter.count);
  EXPECT_GT(counter.count, 0);
  EXPECT_LT(counter.count, engine.events());
}

}  // namespace
}  // namespace surfkmc::kmc
