// SPDX-License-Identifier: MIT
// KIM potential: forces are the exact gradient of the energy; energy and forces respect the symmetries
// of space; periodic images are complete.
#include "atomistic/kim_potential.hpp"

#include <gtest/gtest.h>

#include <Eigen/Geometry>

#include <random>

#include "atomistic/configuration.hpp"
#include "core/error.hpp"
#include "tests/unit/atomistic/ag_model.hpp"

namespace surfkmc::atomistic {
namespace {

/// A 2×2×2 cubic Ag crystal with its atoms shaken by up to ±0.15 Å (all forces nonzero).
Configuration shakenCrystal(bool periodic, unsigned seed) {
  Configuration c =
      orientedCrystal(4.09, {{{1, 0, 0}, {0, 1, 0}, {0, 0, 1}}}, {2, 2, 2}, {periodic, periodic, periodic})
          .configuration([](const Eigen::Vector3d&) { return false; });
  std::mt19937 rng(seed);
  std::uniform_real_distribution<double> u(-0.15, 0.15);
  for (int i = 0; i < c.size(); ++i)
    for (int k = 0; k < 3; ++k) c.positions(k, i) += u(rng);
  return c;
}

TEST(KimPotential, UnknownModelOrSpeciesIsAnInputError) {
  EXPECT_THROW(KimPotential({"No_Such_Model__MO_000000000000_000", "Ag"}), InputError);
  EXPECT_THROW(KimPotential({test::agModel().kim_model, "Pt"}), InputError);
}

// Central differences: truncation error h² E'''/6 ~ 1e-10 eV/Å at h = 1e-5 Å, rounding
// ~ 1e-16 × |E| / h ~ 1e-9 eV/Å; the cubic-Hermite tables of the model are C¹, so the analytic force
// is the exact derivative of the tabulated energy. 1e-6 eV/Å leaves room for both.
TEST(KimPotential, ForcesAreMinusTheEnergyGradient) {
  for (bool periodic : {true, false}) {
    KimPotential pot(test::agModel());
    Configuration c = shakenCrystal(periodic, 3);
    Eigen::Matrix3Xd f;
    pot.compute(c, &f);
    const double h = 1e-5;
    for (int i : {0, 5, 17, 31})
      for (int k = 0; k < 3; ++k) {
        Configuration p = c, m = c;
        p.positions(k, i) += h;
        m.positions(k, i) -= h;
        const double numeric = -(pot.compute(p) - pot.compute(m)) / (2.0 * h);
        EXPECT_NEAR(f(k, i), numeric, 1e-6) << "periodic " << periodic << " atom " << i << " axis " << k;
      }
  }
}

TEST(KimPotential, EnergyAndForcesAreInvariantUnderTranslationAndRotation) {
  KimPotential pot(test::agModel());
  // Translation, periodic box (images and wrapping must not matter) and open cluster.
  for (bool periodic : {true, false}) {
    Configuration c = shakenCrystal(periodic, 11);
    Eigen::Matrix3Xd f0, f1;
    const double e0 = pot.compute(c, &f0);
    c.positions.colwise() += Eigen::Vector3d(3.7, -12.2, 25.1);
    const double e1 = pot.compute(c, &f1);
    EXPECT_NEAR(e1, e0, 1e-9 * std::abs(e0));
    EXPECT_LT((f1 - f0).cwiseAbs().maxCoeff(), 1e-9);
  }
  // Rotation of an open cluster: E unchanged, forces rotate with it; Newton's third law: ΣF = 0.
  Configuration c = shakenCrystal(false, 12);
  Eigen::Matrix3Xd f0, f1;
  const double e0 = pot.compute(c, &f0);
  const Eigen::Matrix3d r = Eigen::AngleAxisd(0.7, Eigen::Vector3d(1.0, -2.0, 0.5).normalized()).toRotationMatrix();
  c.positions = r * c.positions;
  const double e1 = pot.compute(c, &f1);
  EXPECT_NEAR(e1, e0, 1e-9 * std::abs(e0));
  EXPECT_LT((f1 - r * f0).cwiseAbs().maxCoeff(), 1e-8);
  EXPECT_LT(f0.rowwise().sum().norm(), 1e-9);
}

TEST(KimPotential, PeriodicImagesAreComplete) {
  // A one-cell periodic crystal and its 3×2×2 supercell have the same energy per atom, however
  // small the cell is against the cutoff.
  KimPotential pot(test::agModel());
  const auto crystal = [&](std::array<int, 3> r) {
    return orientedCrystal(4.09, {{{1, 0, 0}, {0, 1, 0}, {0, 0, 1}}}, r, {true, true, true})
        .configuration([](const Eigen::Vector3d&) { return false; });
  };
  const Configuration one = crystal({1, 1, 1}), many = crystal({3, 2, 2});
  EXPECT_NEAR(pot.compute(one) / one.size(), pot.compute(many) / many.size(), 1e-10);
  EXPECT_GT(pot.influenceDistance(), 4.09);
}

}  // namespace
}  // namespace surfkmc::atomistic
