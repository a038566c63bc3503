// SPDX-License-Identifier: MIT
// StrainEnergyProfile: u_el per slab from the section profile, refresh tolerance, uniform skip.
#include "kmc/strain_energy_profile.hpp"

#include <gtest/gtest.h>

#include <cmath>

#include "core/error.hpp"
#include "core/units.hpp"
#include "lattice/lattice.hpp"
#include "test_lattices.hpp"

namespace surfkmc::kmc {
namespace {

using lattice::SiteIndex;

// A 4-slab box filled with 36, 36, 36 and 18 atoms: N̄ = 31.5, the thin slab has σ(x) = σ·31.5/18,
// u_el − u_el(N̄) = Ω σ²/(2E)·((N̄/N)² − 1).
TEST(StrainEnergyProfile, SlabEnergiesFollowTheSectionProfile) {
  const lattice::Frame f(testing::kAgLattice_A);
  lattice::Lattice lat(f, {4, 2, 3, true, false, true});  // 36 sites per slab
  for (SiteIndex s = 0; s < lat.siteCount(); ++s)
    if (s < 3 * 36 || s < 3 * 36 + 18) lat.place(s);
  StrainEnergyParams p;
  p.enabled = true;
  StrainEnergyProfile prof(lat, p);
  EXPECT_EQ(prof.slabCount(), 4);
  EXPECT_EQ(prof.atomsInSlab(3), 18);
  const double kt = units::thermalEnergy_eV(300.0);
  EXPECT_TRUE(prof.setState(2.0, kt));
  prof.commit();
  EXPECT_TRUE(prof.nonUniform());
  const double nbar = 126.0 / 4.0;
  const double w = 2.0 * 2.0 / (2.0 * 83.4);
  EXPECT_NEAR(prof.strainEnergy_eV(3), units::gpaVolumeToEV(w * ((nbar / 18) * (nbar / 18) - 1.0), 17.05), 1e-15);
  EXPECT_NEAR(prof.strainEnergy_eV(0), units::gpaVolumeToEV(w * ((nbar / 36) * (nbar / 36) - 1.0), 17.05), 1e-15);
  EXPECT_DOUBLE_EQ(prof.maxDrift(), 0.0);
}

// Uniform wire: every factor equal, so the engine may skip them; and moves within a slab cost nothing.
TEST(StrainEnergyProfile, UniformProfileIsFlaggedUniform) {
  const lattice::Frame f(testing::kAgLattice_A);
  lattice::Lattice lat(f, {4, 2, 3, true, false, true});
  for (SiteIndex s = 0; s < lat.siteCount(); ++s)
    if (s % 36 < 20) lat.place(s);
  StrainEnergyProfile prof(lat, {.enabled = true});
  prof.setState(2.0, 0.025);
  prof.commit();
  EXPECT_FALSE(prof.nonUniform());
  EXPECT_FALSE(prof.onMove(0, 30));
}

// The tolerance: at σ = 2 GPa, 300 K one atom leaving a 20-atom slab changes ln g by ~3e-3; a
// tolerance of 1e-2 lets it pass, 1e-3 demands a refresh; σ 2 → 2.001 GPa passes 1e-3.
TEST(StrainEnergyProfile, RefreshIsRequestedExactlyWhenTheDriftPassesTheTolerance) {
  const lattice::Frame f(testing::kAgLattice_A);
  lattice::Lattice lat(f, {4, 2, 3, true, false, true});
  for (SiteIndex s = 0; s < lat.siteCount(); ++s)
    if (s % 36 < 20) lat.place(s);
  const double kt = units::thermalEnergy_eV(300.0);
  for (double tol : {1e-2, 1e-3}) {
    StrainEnergyProfile prof(lat, {.enabled = true, .stress_refresh_tolerance = tol});
    prof.setState(2.0, kt);
    prof.commit();
    const bool refresh = prof.onMove(19, 36 + 25);  // slab 0 → slab 1
    const double drift = prof.maxDrift();
    EXPECT_EQ(refresh, drift > 0.5 * std::log1p(tol)) << "tol " << tol << " drift " << drift;
  }
  StrainEnergyProfile prof(lat, {.enabled = true, .stress_refresh_tolerance = 1e-3});
  prof.setState(2.0, kt);
  prof.commit();
  EXPECT_FALSE(prof.setState(2.001, kt));  // uniform: the exact ln g stay equal to each other... and to 0
}

TEST(StrainEnergyProfile, ValidateNamesTheField) {
  StrainEnergyParams p;
  p.youngs_modulus_GPa = -1.0;
  EXPECT_THROW(p.validate(), InputError);
  p = {};
  p.stress_refresh_tolerance = 0.0;
  try {
    p.validate();
    FAIL();
  } catch (const InputError& e) {
    EXPECT_NE(std::string(e.what()).find("stress_refresh_tolerance"), std::string::npos);
  }
}

}  // namespace
}  // namespace surfkmc::kmc
