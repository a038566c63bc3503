// SPDX-License-Identifier: MIT
// Class parameters and the bounded lowering laws in step height and pit size.
#include "nucleation/nucleation_parameters.hpp"

#include <gtest/gtest.h>

#include "core/error.hpp"

namespace surfkmc::nucleation {
namespace {

NucleationParameters sample() {
  NucleationParameters p;
  p.facet_edge = {8.0, 24.1, 1.0, 2.0, 1.5};
  p.step = {7.0, 20.0, 1.2, 1.8, 1.5};
  p.pit = {6.5, 15.0, 1.0, 1.6, 1.5};
  return p;
}

TEST(SaturatingLaw, StartsAtOneFallsMonotonicallyAndIsBoundedBelow) {
  const SaturatingLaw law{0.3, 0.7};
  EXPECT_EQ(law.factor(1.0, 1.0), 1.0);
  EXPECT_EQ(law.factor(0.0, 1.0), 1.0);
  double previous = 1.0;
  for (int h = 2; h <= 40; ++h) {
    const double f = law.factor(h, 1.0);
    EXPECT_LT(f, previous);
    EXPECT_GT(f, 0.3);
    previous = f;
  }
  EXPECT_NEAR(law.factor(200.0, 1.0), 0.3, 1e-12);
  EXPECT_EQ((SaturatingLaw{}.factor(10.0, 1.0)), 1.0);  // the default switches the law off
}

TEST(NucleationParameters, DefectsLowerTheAthermalStressByTheirLaws) {
  const NucleationParameters p = sample();
  p.validate();
  EXPECT_EQ(p.barrierFor(SiteClass::kFacetEdge, 1).sigma_ath_GPa, 8.0);
  const Barrier step = p.barrierFor(SiteClass::kStep, 1);
  EXPECT_EQ(step.sigma_ath_GPa, 7.0);
  EXPECT_EQ(step.stress_concentration, 1.2);
  const Barrier h2 = p.barrierFor(SiteClass::kMultiStep, 2);
  const Barrier h3 = p.barrierFor(SiteClass::kMultiStep, 3);
  EXPECT_NEAR(h2.sigma_ath_GPa, 7.0 * p.step_height_sigma.factor(2, 1), 1e-12);
  EXPECT_LT(h3.sigma_ath_GPa, h2.sigma_ath_GPa);
  EXPECT_GT(h3.sigma_ath_GPa, 7.0 * p.step_height_sigma.floor_fraction);
  EXPECT_EQ(h2.activation_volume_A3, 20.0);  // Ω lowering is off by default
  EXPECT_NEAR(h2.barrier_eV / h2.sigma_ath_GPa, 1.8 / 7.0, 1e-12);
  EXPECT_LT(p.barrierFor(SiteClass::kPit, 5).sigma_ath_GPa, p.barrierFor(SiteClass::kPit, 1).sigma_ath_GPa);

  NucleationParameters q = sample();
  q.step_height_volume = {0.24, 1.0};
  EXPECT_LT(q.barrierFor(SiteClass::kMultiStep, 3).activation_volume_A3, 20.0);
  EXPECT_GT(q.barrierFor(SiteClass::kMultiStep, 3).activation_volume_A3, 0.24 * 20.0);
}

TEST(NucleationParameters, ValidateNamesClassAndField) {
  NucleationParameters p = sample();
  p.step.activation_volume_A3 = 0.0;
  try {
    p.validate();
    FAIL() << "expected InputError";
  } catch (const InputError& e) {
    EXPECT_NE(std::string(e.what()).find("step.activation_volume_A3"), std::string::npos);
  }
  p = sample();
  p.pit_size_sigma.floor_fraction = 0.0;
  EXPECT_THROW(p.validate(), InputError);
}

}  // namespace
}  // namespace surfkmc::nucleation
