// SPDX-License-Identifier: MIT
// The rate table: detailed balance, the terrace barriers it was calibrated to, the direct formula.
#include "kmc/energetics.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <string>

#include "core/error.hpp"
#include "core/units.hpp"
#include "tests/unit/kmc/bond_counting_sets.hpp"

namespace surfkmc::kmc {
namespace {

EnergeticsParams loaded(EnergeticsParams p) {
  p.stress_GPa = 1.7;
  p.migration_volume_A3 = 2.4;
  return p;
}

// docs/model.md#surface-kinetics: with H = −ε_b·(bonds), a hop i → j changes the bond count by n_j − n_i, so
// detailed balance demands k(n_i, n_j, c) e^{−H_i/kT} = k(n_j, n_i, c) e^{−H_f/kT}, i.e.
// k(n_i, n_j, c) / k(n_j, n_i, c) = exp(ε_b (n_j − n_i) / kT), and allowed(i→j) = allowed(j→i).
// Every (n_i, n_j, c) with c ≤ min(n_i, n_j) (common neighbours are counted in both) is reachable.
TEST(Energetics, RateTableObeysDetailedBalanceForEveryReachableEntry) {
  for (const EnergeticsParams& p : {loaded(silverParams(300.0)), loaded(platinumParams(900.0))}) {
    const Energetics e(p);
    const double kt = units::thermalEnergy_eV(p.temperature_K);
    int checked = 0;
    for (int ni = 0; ni <= 11; ++ni)
      for (int nj = 0; nj <= 11; ++nj)
        for (int c = 0; c <= std::min({ni, nj, kMaxCommon}); ++c) {
          ASSERT_EQ(e.allowed(ni, nj), e.allowed(nj, ni));
          const double forward = e.rate(ni, nj, c) * std::exp(ni * p.bond_energy_eV / kt);   // k_ij e^{−H_i/kT}
          const double backward = e.rate(nj, ni, c) * std::exp(nj * p.bond_energy_eV / kt);  // k_ji e^{−H_f/kT}
          if (!e.allowed(ni, nj)) {
            EXPECT_EQ(e.rate(ni, nj, c), 0.0);
            continue;
          }
          EXPECT_NEAR(forward / backward, 1.0, 1e-12) << ni << ' ' << nj << ' ' << c;
          ++checked;
        }
    EXPECT_GT(checked, 300);
  }
}

// The table is ν_0 exp(−E_a/kT) with E_a = E_0(c) + ε_b n_i + E_ES [c ≤ c_ES] − σ V_m written out
// again here, independently of Energetics::fill.
TEST(Energetics, RateTableEqualsTheDirectFormula) {
  EnergeticsParams p = loaded(silverParams(650.0));
  p.es_max_common = 1;
  const Energetics e(p);
  const double kt = units::thermalEnergy_eV(p.temperature_K);
  const double sigma_v = p.stress_GPa * p.migration_volume_A3 * 1.0e-21 / 1.602176634e-19;
  for (int ni = 0; ni <= 12; ++ni)
    for (int nj = 0; nj <= 11; ++nj)
      for (int c = 0; c <= 4; ++c) {
        const bool allowed = ni >= 3 && nj >= 3 && ni <= 11;
        const double ea = p.e0_by_common_eV[c] + 0.16 * ni + (c <= 1 ? 0.12 : 0.0) - sigma_v;
        const double expected = allowed ? 1.0e12 * std::exp(-ea / kt) : 0.0;
        if (allowed) {
          EXPECT_NEAR(e.rate(ni, nj, c) / expected, 1.0, 1e-13) << ni << ' ' << nj << ' ' << c;
          EXPECT_NEAR(e.barrier_eV(ni, nj, c), ea, 1e-14);
        } else {
          EXPECT_EQ(e.rate(ni, nj, c), 0.0);
          EXPECT_TRUE(std::isinf(e.barrier_eV(ni, nj, c)));
        }
      }
}

// The calibration identity: a (111) adatom hop has (n_i, c) = (3, 1), a (100) one (4, 2), so
// their barriers are the inputs whatever ε_b is (Ag 0.10 / 0.40 eV, Pt 0.26 / 0.47 eV).
TEST(Energetics, TerraceBarriersComeOutAsTheInputsForAnyBondEnergy) {
  for (const double eb : {0.10, 0.16, 0.30, 0.5}) {
    EnergeticsParams p = silverParams(300.0);
    p.bond_energy_eV = eb;
    p.e0_by_common_eV = e0FromTerraceBarriers(0.10, 0.40, eb);
    const Energetics e(p);
    EXPECT_NEAR(e.barrier_eV(3, 3, 1), 0.10, 1e-14);
    EXPECT_NEAR(e.barrier_eV(4, 4, 2), 0.40, 1e-14);
  }
  const Energetics pt(platinumParams(300.0));
  EXPECT_NEAR(pt.barrier_eV(3, 3, 1), 0.26, 1e-14);
  EXPECT_NEAR(pt.barrier_eV(4, 4, 2), 0.47, 1e-14);
  // c = 0 (over an edge) pays the ES extra on top of the (111) saddle.
  EXPECT_NEAR(pt.barrier_eV(3, 3, 0), 0.26 + 0.06, 1e-14);
}

TEST(Energetics, StressScalesEveryRateByOneFactor) {
  EnergeticsParams p = silverParams(300.0);
  p.migration_volume_A3 = 0.1 * 24.11;
  Energetics e(p);
  const double before = e.rate(5, 4, 2);
  e.setStress(2.0);
  const double expected = std::exp(units::gpaVolumeToEV(2.0, p.migration_volume_A3) / units::thermalEnergy_eV(300.0));
  EXPECT_NEAR(e.rate(5, 4, 2) / before, expected, 1e-12);
  EXPECT_NEAR(e.barrier_eV(5, 4, 2), p.e0_by_common_eV[2] + 5 * 0.16 - units::gpaVolumeToEV(2.0, p.migration_volume_A3),
              1e-14);
  e.setTemperature(600.0);
  EXPECT_NEAR(
      e.rate(3, 3, 1),
      1e12 * std::exp(-(0.10 - units::gpaVolumeToEV(2.0, p.migration_volume_A3)) / units::thermalEnergy_eV(600.0)),
      1e-3);
}

TEST(Energetics, ValidateNamesTheBadField) {
  auto expectError = [](EnergeticsParams p, const std::string& field) {
    try {
      p.validate();
      ADD_FAILURE() << "no error for " << field;
    } catch (const InputError& e) {
      EXPECT_NE(std::string(e.what()).find(field), std::string::npos) << e.what();
    }
  };
  EnergeticsParams p = silverParams(300.0);
  EXPECT_NO_THROW(p.validate());
  auto q = p;
  q.temperature_K = -5.0;
  expectError(q, "temperature_K");
  q = p;
  q.attempt_frequency_per_s = 0.0;
  expectError(q, "attempt_frequency_per_s");
  q = p;
  q.n_min = 0;
  expectError(q, "n_min");
  q = p;
  q.es_max_common = 5;
  expectError(q, "es_max_common");
  q = p;
  q.e0_by_common_eV[3] = std::nan("");
  expectError(q, "e0_by_common_eV[3]");
  q = p;
  q.bond_energy_eV = -0.1;
  expectError(q, "bond_energy_eV");
  EXPECT_THROW(Energetics{q}, InputError);
}

}  // namespace
}  // namespace surfkmc::kmc
