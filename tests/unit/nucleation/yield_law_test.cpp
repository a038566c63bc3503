// SPDX-License-Identifier: MIT
// Eq. 2 in closed form against the hand-computed numbers of docs/parameters.md#eq2-numbers and an SI-unit
// recomputation.
#include "nucleation/yield_law.hpp"

#include <gtest/gtest.h>

#include <cmath>

#include "core/error.hpp"

namespace surfkmc::nucleation {
namespace {

constexpr double kBAg = 2.889;  // full Burgers vector of Ag [Å] (docs/parameters.md#bulk-constants)
constexpr double kBPt = 2.775;

YieldLawInputs ag(double omega_b3, double sites) {
  YieldLawInputs in;
  in.temperature_K = 300.0;
  in.sigma_ath_GPa = 8.0;
  in.activation_volume_A3 = omega_b3 * kBAg * kBAg * kBAg;
  in.site_count = sites;
  in.attempt_frequency_per_s = 5.0e12;
  in.youngs_modulus_GPa = 83.4;
  in.strain_rate_per_s = 1.0e-3;
  return in;
}

// docs/parameters.md#eq2-numbers quotes three significant figures; the tolerances are half a unit in the last place.
TEST(YieldLaw, ThermalStressScaleMatchesParameterTable) {
  EXPECT_NEAR(thermalStressScale_GPa(300.0, 0.24 * std::pow(kBAg, 3)), 0.716, 0.0005);
  EXPECT_NEAR(thermalStressScale_GPa(300.0, 1.0 * std::pow(kBAg, 3)), 0.172, 0.0005);
  EXPECT_NEAR(thermalStressScale_GPa(300.0, 1.02 * std::pow(kBPt, 3)), 0.190, 0.0005);
}

TEST(YieldLaw, LogTermMatchesParameterTable) {
  EXPECT_NEAR(eq2LogTerm(ag(0.24, 1.0)), 31.4, 0.05);
  EXPECT_NEAR(eq2LogTerm(ag(0.24, 100.0)), 36.0, 0.05);
  EXPECT_NEAR(eq2LogTerm(ag(0.24, 1.0e4)), 40.6, 0.05);
  EXPECT_NEAR(eq2LogTerm(ag(1.0, 1.0)), 30.0, 0.05);
  YieldLawInputs pt = ag(1.0, 1.0);
  pt.activation_volume_A3 = 1.02 * std::pow(kBPt, 3);
  pt.youngs_modulus_GPa = 185.3;
  EXPECT_NEAR(eq2LogTerm(pt), 29.3, 0.05);
}

// Independent recomputation in SI units (J, m³, Pa): σ* = σ_ath − (k_B T/Ω) ln(k_B T Ñ ν / (E ε̇ Ω)).
TEST(YieldLaw, ModalStressEqualsEq2InSiUnits) {
  for (double omega_b3 : {0.24, 1.0})
    for (double sites : {1.0, 37.0, 1.0e5}) {
      const YieldLawInputs in = ag(omega_b3, sites);
      const double kt_J = 1.380649e-23 * in.temperature_K;
      const double omega_m3 = in.activation_volume_A3 * 1e-30;
      const double e_pa = in.youngs_modulus_GPa * 1e9;
      const double sigma_pa = in.sigma_ath_GPa * 1e9 - kt_J / omega_m3 *
                                                           std::log(kt_J * sites * in.attempt_frequency_per_s /
                                                                    (e_pa * in.strain_rate_per_s * omega_m3));
      EXPECT_NEAR(modalYieldStress_GPa(in), sigma_pa * 1e-9, 1e-9 * in.sigma_ath_GPa);
    }
}

TEST(YieldLaw, GumbelMomentsAndShape) {
  const GumbelLaw law = yieldStressLaw(ag(1.0, 100.0));
  EXPECT_DOUBLE_EQ(law.mode_GPa, modalYieldStress_GPa(ag(1.0, 100.0)));
  EXPECT_NEAR(law.scale_GPa, 0.172, 0.0005);
  EXPECT_NEAR(law.mean_GPa(), law.mode_GPa - 0.5772156649 * law.scale_GPa, 1e-12);
  EXPECT_NEAR(law.stddev_GPa(), 3.14159265358979 / std::sqrt(6.0) * law.scale_GPa, 1e-12);
  EXPECT_NEAR(law.cdf(law.mode_GPa), 1.0 - std::exp(-1.0), 1e-14);
  // The density integrates to one and peaks at the mode.
  double integral = 0.0;
  const double h = law.scale_GPa / 200.0;
  for (double s = law.mode_GPa - 40.0 * law.scale_GPa; s < law.mode_GPa + 10.0 * law.scale_GPa; s += h)
    integral += law.pdf(s + 0.5 * h) * h;
  EXPECT_NEAR(integral, 1.0, 1e-6);
  EXPECT_GT(law.pdf(law.mode_GPa), law.pdf(law.mode_GPa - 1e-3));
  EXPECT_GT(law.pdf(law.mode_GPa), law.pdf(law.mode_GPa + 1e-3));
}

TEST(YieldLaw, ValidateNamesTheField) {
  YieldLawInputs in = ag(1.0, 1.0);
  in.strain_rate_per_s = 0.0;
  try {
    in.validate();
    FAIL() << "expected InputError";
  } catch (const InputError& e) {
    EXPECT_NE(std::string(e.what()).find("strain_rate_per_s"), std::string::npos);
  }
  in = ag(1.0, 1.0);
  in.activation_volume_A3 = -1.0;
  EXPECT_THROW(modalYieldStress_GPa(in), InputError);
}

}  // namespace
}  // namespace surfkmc::nucleation
