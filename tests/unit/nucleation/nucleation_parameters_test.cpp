// SPDX-License-Identifier: MIT
// Class parameters and the bounded lowering laws in step height and pit size.
#include "nucleation/nucleation_parameters.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <utility>

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

ClassParameters law(double q, double sigma_ath, double alpha) {
  ClassParameters c;
  c.barrier_eV = q;
  c.sigma_ath_GPa = sigma_ath;
  c.exponent = alpha;
  return c;
}

TEST(NucleationParameters, ComputedLawsTakeTheLargestComputedSizeNotAboveTheSite) {
  NucleationParameters p = sample();
  p.form = BarrierForm::kPower;
  ComputedLaws laws;
  laws.edge = {{1, law(6.0, 10.0, 5.0), {}}};
  laws.step = {{1, law(5.0, 9.0, 4.0), {}}, {2, law(3.5, 4.0, 0.8), {}}};
  laws.pit = {{1, law(8.0, 13.0, 8.0), {}}, {3, law(6.0, 8.0, 4.5), {}}};
  p.computed = laws;
  EXPECT_NO_THROW(p.validate());
  const auto expect = [&](SiteClass c, int size, const ClassParameters& want) {
    const Barrier b = p.barrierFor(c, size);
    EXPECT_EQ(b.form, BarrierForm::kPower);
    EXPECT_EQ(b.barrier_eV, want.barrier_eV) << siteClassName(c) << " " << size;
    EXPECT_EQ(b.sigma_ath_GPa, want.sigma_ath_GPa) << siteClassName(c) << " " << size;
    EXPECT_EQ(b.exponent, want.exponent) << siteClassName(c) << " " << size;
    EXPECT_EQ(b.stress_concentration, 1.0);
    // Q*(1 − σ/σ_ath)^α, exactly, with no floor and no size law.
    EXPECT_DOUBLE_EQ(b.energy_eV(2.0), want.barrier_eV * std::pow(1.0 - 2.0 / want.sigma_ath_GPa, want.exponent));
  };
  expect(SiteClass::kFacetEdge, 1, laws.edge[0].params);
  expect(SiteClass::kStep, 1, laws.step[0].params);
  expect(SiteClass::kMultiStep, 2, laws.step[1].params);
  expect(SiteClass::kMultiStep, 6, laws.step[1].params);  // taller than computed: the tallest computed
  expect(SiteClass::kSlipStep, 1, laws.step[0].params);
  expect(SiteClass::kPit, 1, laws.pit[0].params);
  expect(SiteClass::kPit, 2, laws.pit[0].params);  // between computed sizes: the smaller one
  expect(SiteClass::kPit, 9, laws.pit[1].params);
}

TEST(NucleationParameters, ComputedLawsAreValidated) {
  NucleationParameters p = sample();
  p.form = BarrierForm::kPower;
  ComputedLaws laws;
  laws.edge = {{1, law(6.0, 10.0, 5.0), {}}};
  laws.step = {{2, law(3.5, 4.0, 0.8), {}}, {1, law(5.0, 9.0, 4.0), {}}};
  laws.pit = {{1, law(8.0, 13.0, 8.0), {}}};
  p.computed = laws;
  try {
    p.validate();
    FAIL() << "an unsorted list was accepted";
  } catch (const InputError& e) {
    EXPECT_NE(std::string(e.what()).find("computed.step[1].size"), std::string::npos) << e.what();
  }
  std::swap(p.computed->step[0], p.computed->step[1]);
  EXPECT_NO_THROW(p.validate());
  p.computed->pit.clear();
  EXPECT_THROW(p.validate(), InputError);
  p.computed->pit = {{1, law(8.0, 13.0, 0.0), {}}};
  EXPECT_THROW(p.validate(), InputError);
  p.computed->pit = {{1, law(8.0, 13.0, 8.0), {}}};
  p.form = BarrierForm::kLinear;
  EXPECT_THROW(p.validate(), InputError);
}

}  // namespace
}  // namespace surfkmc::nucleation
