// SPDX-License-Identifier: MIT
// The power-law barrier fit recovers known parameters, and its activation volume is −dΔG/dσ.
#include "nucleation/power_barrier_fit.hpp"

#include <gtest/gtest.h>

#include <cmath>

#include "core/error.hpp"

namespace surfkmc::nucleation {
namespace {

TEST(PowerBarrierFit, RecoversExactParametersFromFourStresses) {
  // A steep law (large α, σ_ath close above the data), the hardest case for the σ_ath search.
  const PowerBarrierFit truth{4.8, 5.2, 4.1, 0.0};
  std::vector<double> stress{2.0, 2.8, 3.6, 4.4}, barrier;
  for (double s : stress) barrier.push_back(truth.energy_eV(s));
  const PowerBarrierFit fit = fitPowerBarrier(stress, barrier);
  EXPECT_NEAR(fit.barrier_eV, 4.8, 1e-3);
  EXPECT_NEAR(fit.sigma_ath_GPa, 5.2, 1e-3);
  EXPECT_NEAR(fit.exponent, 4.1, 1e-3);
  EXPECT_LT(fit.rms_log, 1e-6);
}

TEST(PowerBarrierFit, ActivationVolumeIsMinusTheSlope) {
  const PowerBarrierFit f{1.3, 6.0, 2.5, 0.0};
  for (double s : {0.5, 1.0, 2.0, 4.0}) {
    const double h = 1e-5;
    const double slope = (f.energy_eV(s + h) - f.energy_eV(s - h)) / (2 * h);
    EXPECT_NEAR(f.activationVolume_eV_per_GPa(s), -slope, 1e-7) << s;
  }
  EXPECT_EQ(f.energy_eV(7.0), 0.0);
  EXPECT_EQ(f.activationVolume_eV_per_GPa(7.0), 0.0);
}

TEST(PowerBarrierFit, NoisyDataStayNearTheTruth) {
  // ±2 % scatter (alternating sign) moves the fit a little, not off to another branch.
  const PowerBarrierFit truth{1.5, 7.0, 2.2, 0.0};
  std::vector<double> stress{1.0, 2.0, 3.0, 4.0, 5.0}, barrier;
  for (std::size_t i = 0; i < stress.size(); ++i) barrier.push_back(truth.energy_eV(stress[i]) * (i % 2 ? 1.02 : 0.98));
  const PowerBarrierFit fit = fitPowerBarrier(stress, barrier);
  EXPECT_NEAR(fit.energy_eV(0.0), 1.5, 0.15);
  EXPECT_NEAR(fit.energy_eV(2.5), truth.energy_eV(2.5), 0.05);
  EXPECT_LT(fit.rms_log, 0.03);
}

TEST(PowerBarrierFit, RejectsTooFewOrNonPositivePoints) {
  EXPECT_THROW(fitPowerBarrier({1.0, 2.0}, {1.0, 0.5}), InputError);
  EXPECT_THROW(fitPowerBarrier({1.0, 2.0, 3.0}, {1.0, 0.5, 0.0}), InputError);
  EXPECT_THROW(fitPowerBarrier({1.0, 1.0, 1.0}, {1.0, 1.0, 1.0}), InputError);
}

}  // namespace
}  // namespace surfkmc::nucleation
