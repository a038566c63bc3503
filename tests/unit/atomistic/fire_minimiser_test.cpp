// SPDX-License-Identifier: MIT
// FIRE finds the minimum of an anisotropic quadratic and stops on its force criterion.
#include "atomistic/fire_minimiser.hpp"

#include <gtest/gtest.h>

namespace surfkmc::atomistic {
namespace {

TEST(Fire, MinimisesAnIllConditionedQuadratic) {
  // E = ½ Σ k_i (x_i − c_i)², stiffnesses over two decades: the minimum is x = c exactly.
  const Eigen::VectorXd k = Eigen::VectorXd::LinSpaced(9, 0.1, 10.0), c = Eigen::VectorXd::LinSpaced(9, -1.0, 2.0);
  const ForceFunction f = [&](const Eigen::VectorXd& x, Eigen::VectorXd& g) {
    g = -k.cwiseProduct(x - c);
    return 0.5 * (x - c).cwiseProduct(k).dot(x - c);
  };
  Eigen::VectorXd x = Eigen::VectorXd::Zero(9);
  FireParams p;
  p.force_tolerance = 1e-8;
  const FireResult r = minimiseFire(f, x, p);
  ASSERT_TRUE(r.converged);
  EXPECT_LT(r.max_force, 1e-8);
  // |x − c| <= |F|/k_min per coordinate.
  EXPECT_LT((x - c).cwiseAbs().maxCoeff(), 1e-8 / 0.1 * 1.01);
}

TEST(Fire, ReportsNonConvergence) {
  const ForceFunction f = [](const Eigen::VectorXd& x, Eigen::VectorXd& g) {
    g = -x;
    return 0.5 * x.squaredNorm();
  };
  Eigen::VectorXd x = Eigen::VectorXd::Constant(3, 100.0);
  FireParams p;
  p.max_steps = 3;
  EXPECT_FALSE(minimiseFire(f, x, p).converged);
}

}  // namespace
}  // namespace surfkmc::atomistic
