// SPDX-License-Identifier: MIT
// The loading law (Eq. 1): elastic ramp, exact creep relaxation, slip drops, constant stress.
#include "coupling/loading.hpp"

#include <gtest/gtest.h>

#include <cmath>

#include "core/binary_reader.hpp"
#include "core/binary_writer.hpp"
#include "core/error.hpp"

namespace surfkmc::coupling {
namespace {

LoadingParams elastic() {
  LoadingParams p;
  p.youngs_modulus_GPa = 83.4;
  p.strain_rate_per_s = 1e-3;
  p.max_strain = 0.05;
  return p;
}

/// elastic() with the Coble term on: C = 1, a 10 nm wire, Ag's atomic volume and (111) site density.
LoadingParams creeping() {
  LoadingParams p = elastic();
  p.coble_constant = 1.0;
  p.diameter_A = 100.0;
  p.atomic_volume_A3 = 17.05;
  p.surface_site_density_per_A2 = 1.0 / 7.228;
  return p;
}

TEST(Loading, WithoutCreepStressRisesAsYoungsModulusTimesAppliedStrain) {
  Loading l(elastic());
  for (int i = 0; i < 10; ++i) l.advance(1.0, 1e6);
  EXPECT_NEAR(l.stress(), 83.4 * 1e-3 * 10.0, 1e-12);
  EXPECT_DOUBLE_EQ(l.diffusionStrain(), 0.0);
}

TEST(Loading, CreepRelaxationMatchesTheExactSolutionWhateverTheStep) {
  LoadingParams p = creeping();
  p.temperature_K = 300.0;
  const double ds = 1.0e4;  // Å²/s
  Loading coarse(p), fine(p);
  const double A = coarse.creepCoefficient(ds);
  ASSERT_GT(A, 0.0);
  // σ(t) = (ε̇/A)(1 − e^{−EAt}) solves dσ/dt = E(ε̇ − Aσ), σ(0) = 0.
  const double t = 20.0;
  coarse.advance(t, ds);
  for (int i = 0; i < 1000; ++i) fine.advance(t / 1000, ds);
  const double exact = p.strain_rate_per_s / A * (1.0 - std::exp(-p.youngs_modulus_GPa * A * t));
  EXPECT_NEAR(coarse.stress(), exact, 1e-12 * std::abs(exact) + 1e-15);
  EXPECT_NEAR(fine.stress(), exact, 1e-9 * std::abs(exact));
  // Strains add up: σ = E(ε_applied − ε_diff).
  EXPECT_NEAR(coarse.stress(), p.youngs_modulus_GPa * (coarse.appliedStrain() - coarse.diffusionStrain()), 1e-12);
}

TEST(Loading, AnAlmostFrozenSurfaceLoadsElastically) {
  // A Pt surface on its catalogue at 300 K measures D_s ~ 1e-19 Å²/s: the creep coefficient is then
  // ~1e-27 /(GPa s) and the stress must rise as E ε̇ t to the last digit; the earlier form of the step
  // lost σ0 to rounding against ε̇/A ~ 1e24 GPa and dropped the stress to 0.
  LoadingParams p = creeping();
  p.temperature_K = 300.0;
  Loading l(p);
  const double ds = 1.0e-19;
  ASSERT_GT(l.creepCoefficient(ds), 0.0);
  for (int i = 0; i < 600; ++i) l.advance(0.1, ds);
  EXPECT_NEAR(l.stress(), p.youngs_modulus_GPa * p.strain_rate_per_s * 60.0, 1e-12);
  EXPECT_LT(l.diffusionStrain(), 1e-20);
}

TEST(Loading, CreepGrowsWithStressAndWithInverseDiameterCubed) {
  LoadingParams p = elastic();
  p.coble_constant = 1.0;
  p.diameter_A = 100.0;
  p.atomic_volume_A3 = 17.05;
  p.surface_site_density_per_A2 = 0.14;
  const double a100 = Loading(p).creepCoefficient(1e3);
  p.diameter_A = 200.0;
  EXPECT_NEAR(Loading(p).creepCoefficient(1e3), a100 / 8.0, 1e-15 * a100);
}

TEST(Loading, SlipDropsStressByYoungsModulusTimesSlipStrain) {
  LoadingParams p = elastic();
  p.gauge_length_A = 250.0;
  Loading l(p);
  l.advance(20.0, 0.0);
  const double before = l.stress();
  l.slip(1.25);
  EXPECT_NEAR(before - l.stress(), 83.4 * 1.25 / 250.0, 1e-12);
  EXPECT_NEAR(l.slipStrain(), 1.25 / 250.0, 1e-18);
}

TEST(Loading, ConstantStressModeHoldsTheStress) {
  LoadingParams p = elastic();
  p.strain_rate_per_s = 0.0;
  p.constant_stress_GPa = 2.0;
  Loading l(p);
  l.advance(100.0, 1e3);
  EXPECT_DOUBLE_EQ(l.stress(), 2.0);
  EXPECT_FALSE(l.finished());
}

TEST(Loading, RejectsBadParameters) {
  LoadingParams p = elastic();
  p.youngs_modulus_GPa = -1.0;
  EXPECT_THROW(Loading{p}, InputError);
  p = elastic();
  p.strain_rate_per_s = 0.0;
  EXPECT_THROW(Loading{p}, InputError);
  p = elastic();
  p.max_strain = std::nan("");
  EXPECT_THROW(Loading{p}, InputError);
}

TEST(Loading, SavedStateComesBackBitForBit) {
  LoadingParams p = creeping();
  p.gauge_length_A = 200.0;
  Loading a(p);
  for (int i = 0; i < 7; ++i) a.advance(0.37, 3.0e4);
  a.slip(2.5);
  BinaryWriter w;
  a.saveState(w);
  Loading b(p);
  BinaryReader r(w.bytes());
  b.restoreState(r);
  r.expectEnd();
  EXPECT_EQ(b.time(), a.time());
  EXPECT_EQ(b.stress(), a.stress());
  EXPECT_EQ(b.diffusionStrain(), a.diffusionStrain());
  a.advance(0.5, 2.0e4);
  b.advance(0.5, 2.0e4);
  EXPECT_EQ(b.stress(), a.stress());
  EXPECT_EQ(b.appliedStrain(), a.appliedStrain());
}

}  // namespace
}  // namespace surfkmc::coupling
