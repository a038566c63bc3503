// SPDX-License-Identifier: MIT
// Ω_app = k_BT Δln ε̇ / Δσ_y recovers the Ω of Eq. 2 exactly, and propagates standard errors.
#include "nucleation/activation_volume.hpp"

#include <gtest/gtest.h>

#include <cmath>

#include "core/error.hpp"
#include "nucleation/yield_law.hpp"

namespace surfkmc::nucleation {
namespace {

// Eq. 2 is linear in ln ε̇ with slope k_BT/Ω, so any pair of rates gives back Ω; so does the Gumbel
// mean, which is Eq. 2 shifted by the rate-independent γ_E k_BT/Ω.
TEST(ActivationVolume, RecoversOmegaFromTwoEq2YieldStresses) {
  for (double omega : {5.79, 24.11, 21.79})
    for (double sites : {1.0, 1.0e3}) {
      YieldLawInputs in;
      in.sigma_ath_GPa = 30.0;
      in.activation_volume_A3 = omega;
      in.site_count = sites;
      in.youngs_modulus_GPa = 83.4;
      in.strain_rate_per_s = 1.0e-3;
      const double slow = modalYieldStress_GPa(in);
      const double slow_mean = yieldStressLaw(in).mean_GPa();
      in.strain_rate_per_s = 1.0e-2;
      const double fast = modalYieldStress_GPa(in);
      const double fast_mean = yieldStressLaw(in).mean_GPa();
      EXPECT_GT(fast, slow);
      const ActivationVolume v = apparentActivationVolume({1e-3, slow, 0.0}, {1e-2, fast, 0.0}, 300.0);
      EXPECT_NEAR(v.volume_A3, omega, 1e-9 * omega);
      EXPECT_EQ(v.std_error_A3, 0.0);
      const ActivationVolume vm = apparentActivationVolume({1e-3, slow_mean, 0.0}, {1e-2, fast_mean, 0.0}, 300.0);
      EXPECT_NEAR(vm.volume_A3, omega, 1e-9 * omega);
    }
}

TEST(ActivationVolume, PropagatesIndependentStandardErrors) {
  const ActivationVolume v = apparentActivationVolume({1e-3, 2.0, 0.03}, {1e-2, 2.4, 0.04}, 300.0);
  // k_BT ln 10 / 0.4 GPa in Å³, and δΩ/Ω = √(0.03² + 0.04²) / 0.4 = 0.125.
  const double expected = 8.617333262e-5 * 300.0 * std::log(10.0) / (0.4 * 1e-21 / 1.602176634e-19);
  EXPECT_NEAR(v.volume_A3, expected, 1e-9 * expected);
  EXPECT_NEAR(v.std_error_A3, 0.125 * expected, 1e-9 * expected);
}

TEST(ActivationVolume, RejectsDegeneratePairs) {
  EXPECT_THROW(apparentActivationVolume({1e-3, 2.0, 0.0}, {1e-3, 2.5, 0.0}, 300.0), InputError);
  EXPECT_THROW(apparentActivationVolume({1e-3, 2.0, 0.0}, {1e-2, 2.0, 0.0}, 300.0), InputError);
  EXPECT_THROW(apparentActivationVolume({1e-3, 2.0, 0.0}, {1e-2, 2.5, 0.0}, 0.0), InputError);
}

}  // namespace
}  // namespace surfkmc::nucleation
