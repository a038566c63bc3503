// SPDX-License-Identifier: MIT
// Each hop class's own response to the axial stress (issue 16 item 4): slopes from tables at two strains,
// the table at any stress, detailed balance with the strained pair Hamiltonian, and the engine's rates
// after a change of stress.
#include <gtest/gtest.h>

#include <cmath>
#include <string>
#include <vector>

#include "core/error.hpp"
#include "core/units.hpp"
#include "kmc/energetics.hpp"
#include "kmc/engine.hpp"
#include "kmc/hop_table.hpp"
#include "tests/unit/kmc/bond_counting_sets.hpp"
#include "tests/unit/kmc/pair_balance.hpp"
#include "tests/unit/kmc/test_lattices.hpp"

namespace surfkmc::kmc {
namespace {

using Status = HopBarrierSample::Status;

constexpr double kCompliance = 1.0 / 80.0;  // axial strain per GPa

/// A linear model in the axial strain e: K(c, e) = 0.30 + 0.08 c + (0.5 − 0.3 c) e, ε(e) = 0.22 + 0.9 e.
double modelKra(int c, double e) { return 0.30 + 0.08 * c + (0.5 - 0.3 * c) * e; }
double modelPair(double e) { return 0.22 + 0.9 * e; }

std::vector<HopBarrierSample> modelSamples(double e) {
  std::vector<HopBarrierSample> samples;
  for (int a = 4; a <= 9; ++a)
    for (int c = 1; c <= 3; ++c) {
      const double k = modelKra(c, e), dh = modelPair(e) * 1.0;  // a → a − 1: ΔH = ε
      samples.push_back({a, a - 1, c, k + 0.5 * dh, k - 0.5 * dh, dh, Status::kValid});
    }
  samples.push_back({6, 3, 2, 0.0, 0.0, 0.0, Status::kUnstable});
  return samples;
}

HopTable modelTable() {
  HopTable t = buildHopTable(modelSamples(0.0), 3);
  addStrainResponse(t, modelSamples(0.0), modelSamples(-0.01), -0.01, modelSamples(0.01), 0.01);
  return t;
}

EnergeticsParams strained(const HopTable& t, double temperature_K, double stress_GPa) {
  EnergeticsParams p = silverParams(temperature_K);
  p.barrier_table_eV = t.barrier_eV;
  p.bond_energy_eV = t.pair_energy_eV;
  p.migration_volume_A3 = 0.0;
  p.barrier_strain_slope_eV = t.strain_slope_eV;
  p.bond_energy_strain_slope_eV = t.pair_energy_strain_slope_eV;
  p.axial_compliance_per_GPa = kCompliance;
  p.stress_GPa = stress_GPa;
  return p;
}

TEST(HopTableStrain, SlopesOfALinearModelAreRecovered) {
  const HopTable t = modelTable();
  EXPECT_NEAR(t.pair_energy_strain_slope_eV, 0.9, 1e-9);
  EXPECT_EQ(t.strain_resolved_pairs, 18);
  EXPECT_EQ(t.strain_paired_samples, 18);
  EXPECT_EQ(t.strain_low, -0.01);
  EXPECT_EQ(t.strain_high, 0.01);
  for (int a = 4; a <= 9; ++a)
    for (int c = 1; c <= 3; ++c) {
      // dE(a → a−1)/de = dK/de + (dε/de)/2, and the reverse − (dε/de)/2.
      EXPECT_NEAR(t.strain_slope_eV[Energetics::index(a, a - 1, c)], 0.5 - 0.3 * c + 0.45, 1e-9);
      EXPECT_NEAR(t.strain_slope_eV[Energetics::index(a - 1, a, c)], 0.5 - 0.3 * c - 0.45, 1e-9);
    }
  EXPECT_EQ(t.strain_slope_eV[Energetics::index(6, 3, 2)], 0.0);  // forbidden both ways, at every strain
  EXPECT_EQ(t.strain_slope_eV[Energetics::index(7, 5, 3)], 0.0);  // not catalogued: the fallback's ε(e)
}

// For a model linear in strain the table at stress σ is the table that its samples at e = σ/E give.
TEST(HopTableStrain, TheTableAtAStressIsTheTableOfTheSamplesAtThatStrain) {
  const HopTable t = modelTable();
  for (double stress : {-1.5, 0.0, 0.8, 2.4}) {
    const double e = stress * kCompliance;
    const HopTable direct = buildHopTable(modelSamples(e), 3);
    const EnergeticsParams p = strained(t, 300.0, stress);
    const Energetics energetics(p);
    for (int a = 3; a <= 11; ++a)
      for (int b = 3; b <= 11; ++b)
        for (int c = 0; c <= kMaxCommon; ++c) {
          const double want = direct.barrier_eV[Energetics::index(a, b, c)];
          const double got = energetics.barrier_eV(a, b, c);
          if (std::isnan(want)) {
            // The fallback: bond counting with the strained pair energy.
            EXPECT_NEAR(got, p.e0_by_common_eV[c] + modelPair(e) * a + (c <= p.es_max_common ? p.es_barrier_eV : 0.0),
                        1e-12)
                << a << ' ' << b << ' ' << c;
          } else if (std::isinf(want)) {
            EXPECT_TRUE(std::isinf(got)) << a << ' ' << b << ' ' << c;
          } else {
            EXPECT_NEAR(got, want, 1e-12) << stress << " GPa: " << a << ' ' << b << ' ' << c;
          }
        }
  }
}

// Noisy samples at three strains, with a pair pushed into the clamp: k(a → b)/k(b → a) = exp(−ε(e)(a − b)/kT)
// for every allowed entry at every stress, and a forbidden hop is forbidden both ways.
TEST(HopTableStrain, RatesObeyDetailedBalanceWithTheStrainedPairHamiltonianAtEveryStress) {
  RandomStream rng(17, StreamId::kTest);
  const auto noisy = [&](double e) {
    std::vector<HopBarrierSample> samples;
    for (int a = 3; a <= 11; ++a)
      for (int b = 3; b <= 11; ++b)
        for (int c = 1; c <= 4; ++c) {
          if ((a * 7 + b * 3 + c) % 5 == 0) continue;  // the same pairs at every strain, some never sampled
          const double k = modelKra(c, e) + 0.03 * (rng.uniform() - 0.5);
          const double dh = modelPair(e) * (a - b) + 0.02 * (rng.uniform() - 0.5);
          HopBarrierSample s{a, b, c, k + 0.5 * dh, k - 0.5 * dh, dh, Status::kValid};
          if ((a + b + c) % 11 == 0) s.status = Status::kUnstable;
          if (a == 9 && b == 3 && c == 1) s.forward_eV = s.backward_eV = 0.3 * (1.0 + 40.0 * e);  // near the clamp
          samples.push_back(s);
        }
    return samples;
  };
  const std::vector<HopBarrierSample> zero = noisy(0.0);
  HopTable t = buildHopTable(zero, 3);
  addStrainResponse(t, zero, noisy(-0.01), -0.01, noisy(0.01), 0.01);
  int checked = 0, forbidden = 0;
  for (double stress : {-2.0, 0.0, 1.0, 3.5})
    for (double temperature : {300.0, 400.0}) {
      const Energetics e(strained(t, temperature, stress));
      const double eps = t.pair_energy_eV + stress * kCompliance * t.pair_energy_strain_slope_eV;
      const testing::PairBalanceCount n = testing::expectPairDetailedBalance(
          e, eps, std::to_string(stress) + " GPa, " + std::to_string(temperature) + " K");
      checked += n.checked;
      forbidden += n.forbidden;
      // The pairwise clamp keeps every barrier at or above zero (V_m is 0 here).
      for (int ni = 0; ni <= 11; ++ni)
        for (int nj = 0; nj <= 11; ++nj)
          for (int c = 0; c <= kMaxCommon; ++c) EXPECT_GE(e.barrier_eV(ni, nj, c), 0.0) << ni << ' ' << nj << ' ' << c;
    }
  EXPECT_GT(checked, 1000);
  EXPECT_GT(forbidden, 0);
}

TEST(HopTableStrain, OnlySamplesValidAtAllThreeStrainsCount) {
  const std::vector<HopBarrierSample> zero = modelSamples(0.0);
  std::vector<HopBarrierSample> high = modelSamples(0.01);
  for (HopBarrierSample& s : high)
    if (s.n_i == 7 && s.c == 2) s.status = Status::kUnstable;
  HopTable t = buildHopTable(zero, 3);
  addStrainResponse(t, zero, modelSamples(-0.01), -0.01, high, 0.01);
  EXPECT_EQ(t.strain_resolved_pairs, 17);
  EXPECT_EQ(t.strain_paired_samples, 17);
  // dK/de = 0 for the pair without a paired sample; the pair energy's slope still splits the two directions.
  EXPECT_NEAR(t.pair_energy_strain_slope_eV, 0.9, 1e-9);
  EXPECT_NEAR(t.strain_slope_eV[Energetics::index(7, 6, 2)], 0.45, 1e-9);
  EXPECT_NEAR(t.strain_slope_eV[Energetics::index(6, 7, 2)], -0.45, 1e-9);

  // A sample that is valid at one strain and not another would move a slope computed from unpaired means:
  // here the high list loses the pair's cheaper half, which raises its mean K but not its slope.
  std::vector<HopBarrierSample> zero2 = zero, low2 = modelSamples(-0.01), high2 = modelSamples(0.01);
  for (auto* list : {&zero2, &low2, &high2}) {
    HopBarrierSample extra = (*list)[0];  // (4, 3, 1), 0.2 eV cheaper
    extra.forward_eV -= 0.2;
    extra.backward_eV -= 0.2;
    list->push_back(extra);
  }
  high2.back().status = Status::kUnstable;
  HopTable t2 = buildHopTable(zero2, 3);
  addStrainResponse(t2, zero2, low2, -0.01, high2, 0.01);
  EXPECT_NEAR(t2.strain_slope_eV[Energetics::index(4, 3, 1)], 0.5 - 0.3 + 0.45, 1e-9);

  EXPECT_THROW(addStrainResponse(t, zero, zero, 0.01, zero, 0.02), InvariantError);  // not low < 0 < high
  std::vector<HopBarrierSample> shorter = zero;
  shorter.pop_back();
  EXPECT_THROW(addStrainResponse(t, zero, shorter, -0.01, zero, 0.01), InvariantError);
  std::vector<HopBarrierSample> other = zero;
  other[3].c = 4;
  EXPECT_THROW(addStrainResponse(t, zero, other, -0.01, zero, 0.01), InvariantError);
}

TEST(HopTableStrain, ValidateRejectsAResponseBesideAGlobalVolumeOrWithoutACatalogue) {
  const HopTable t = modelTable();
  EnergeticsParams p = strained(t, 300.0, 1.0);
  EXPECT_NO_THROW(Energetics{p});
  p.migration_volume_A3 = 2.0;
  EXPECT_THROW(Energetics{p}, InputError);
  p = strained(t, 300.0, 1.0);
  p.axial_compliance_per_GPa = 0.0;
  EXPECT_THROW(Energetics{p}, InputError);
  p = strained(t, 300.0, 1.0);
  p.barrier_strain_slope_eV.resize(12);
  EXPECT_THROW(Energetics{p}, InputError);
  p = strained(t, 300.0, 1.0);
  p.barrier_table_eV.clear();
  EXPECT_THROW(Energetics{p}, InputError);
  p = strained(t, 300.0, 1.0);
  p.barrier_strain_slope_eV[5] = std::nan("");
  EXPECT_THROW(Energetics{p}, InputError);
}

// After a new σ every stored rate equals its from-scratch value (verifyRates), under rate scaling and u_el
// too, and the engine's total rate equals that of an engine built at that stress on the same lattice.
TEST(HopTableStrain, EngineRatesFollowTheStressExactly) {
  const HopTable t = modelTable();
  for (const bool accelerated : {false, true}) {
    lattice::BuiltWire wire = testing::roughWire(30.0, 25.0, 0.2, 5);
    const EngineOptions options = accelerated ? testing::acceleratedOptions(Selector::kSumTree, true) : EngineOptions{};
    Engine engine(wire.lattice, strained(t, 500.0, 0.0), RandomStream(4, StreamId::kTest), options);
    RunLimits limits;
    limits.max_events = 3000;
    engine.run(limits);
    const double before = engine.totalRate();
    engine.setStress(2.5);
    EXPECT_NO_THROW(engine.verifyRates());
    EXPECT_NE(engine.totalRate(), before);
    if (!accelerated) {
      lattice::Lattice copy = engine.lattice();
      const Engine fresh(copy, strained(t, 500.0, 2.5), RandomStream(4, StreamId::kTest));
      EXPECT_NEAR(engine.totalRate(), fresh.totalRate(), 1e-12 * fresh.totalRate());
    }
    limits.max_events = 6000;
    engine.run(limits);
    engine.setStress(-1.0);
    EXPECT_NO_THROW(engine.verifyRates());
  }
}

}  // namespace
}  // namespace surfkmc::kmc
