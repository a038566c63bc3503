// SPDX-License-Identifier: MIT
// Barriers: the linear form of Eq. 2 and the power form of Zhu et al. 2008, clamped at zero.
#include "nucleation/barrier.hpp"

#include <gtest/gtest.h>

#include <cmath>

#include "core/error.hpp"

namespace surfkmc::nucleation {
namespace {

constexpr double kGpaA3ToEV = 1e-21 / 1.602176634e-19;

TEST(Barrier, LinearFormIsOmegaTimesStressGapAndClampsAtZero) {
  Barrier b;
  b.sigma_ath_GPa = 6.0;
  b.activation_volume_A3 = 24.11;
  b.stress_concentration = 1.5;
  EXPECT_NEAR(b.energy_eV(1.0), 24.11 * (6.0 - 1.5) * kGpaA3ToEV, 1e-12);
  EXPECT_NEAR(b.athermalAppliedStress_GPa(), 4.0, 1e-15);
  EXPECT_EQ(b.energy_eV(4.0), 0.0);
  EXPECT_EQ(b.energy_eV(9.0), 0.0);
}

TEST(Barrier, PowerFormFollowsZhu2008) {
  Barrier b;
  b.form = BarrierForm::kPower;
  b.sigma_ath_GPa = 5.2;
  b.barrier_eV = 4.8;
  b.exponent = 4.1;
  EXPECT_NEAR(b.energy_eV(0.0), 4.8, 1e-15);
  EXPECT_NEAR(b.energy_eV(2.6), 4.8 * std::pow(0.5, 4.1), 1e-12);
  EXPECT_EQ(b.energy_eV(5.2), 0.0);
  EXPECT_EQ(b.energy_eV(7.0), 0.0);
}

TEST(Barrier, AnOffsetIsAddedToTheLocalStressOfBothForms) {
  Barrier lin;
  lin.sigma_ath_GPa = 6.0;
  lin.activation_volume_A3 = 24.11;
  lin.stress_concentration = 1.5;
  lin.stress_offset_GPa = 1.2;
  EXPECT_NEAR(lin.energy_eV(1.0), 24.11 * (6.0 - 1.5 - 1.2) * kGpaA3ToEV, 1e-12);
  EXPECT_NEAR(lin.athermalAppliedStress_GPa(), (6.0 - 1.2) / 1.5, 1e-15);
  Barrier pow;
  pow.form = BarrierForm::kPower;
  pow.sigma_ath_GPa = 5.2;
  pow.barrier_eV = 4.8;
  pow.exponent = 4.1;
  pow.stress_offset_GPa = -1.0;  // a specimen thinner than the segment: its own surface pull is larger
  EXPECT_NEAR(pow.energy_eV(3.6), 4.8 * std::pow(0.5, 4.1), 1e-12);
  EXPECT_NEAR(pow.energy_eV(1.0), 4.8, 1e-12);
  EXPECT_EQ(pow.energy_eV(6.2), 0.0);
  pow.stress_offset_GPa = std::nan("");
  EXPECT_THROW(pow.validate(), InputError);
}

TEST(Barrier, ValidateNamesTheField) {
  Barrier b;
  b.sigma_ath_GPa = 1.0;
  try {
    b.validate();
    FAIL() << "expected InputError";
  } catch (const InputError& e) {
    EXPECT_NE(std::string(e.what()).find("activation_volume_A3"), std::string::npos);
  }
  b.form = BarrierForm::kPower;
  b.barrier_eV = 1.0;
  b.exponent = 0.5;  // a concave law (α < 1) is a valid fit
  EXPECT_NO_THROW(b.validate());
  b.exponent = 0.0;
  EXPECT_THROW(b.validate(), InputError);
}

}  // namespace
}  // namespace surfkmc::nucleation
