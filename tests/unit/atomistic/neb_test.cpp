// SPDX-License-Identifier: MIT
// CI-NEB on the Müller–Brown surface converges onto its exact saddle point.
#include "atomistic/neb.hpp"

#include <gtest/gtest.h>

#include <Eigen/Dense>

#include <array>
#include <cmath>

namespace surfkmc::atomistic {
namespace {

// Müller & Brown, Theor. Chim. Acta 53, 75 (1979): V = Σ_k A_k exp[a_k (x−x_k)² + b_k (x−x_k)(y−y_k) + c_k (y−y_k)²].
constexpr std::array<double, 4> kA{-200, -100, -170, 15}, ka{-1, -1, -6.5, 0.7}, kb{0, 0, 11, 0.6},
    kc{-10, -10, -6.5, 0.7}, kx{1, 0, -0.5, -1}, ky{0, 0.5, 1.5, 1};

double mullerBrown(const Eigen::VectorXd& p, Eigen::VectorXd& force) {
  double e = 0.0, gx = 0.0, gy = 0.0;
  for (int k = 0; k < 4; ++k) {
    const double dx = p[0] - kx[k], dy = p[1] - ky[k];
    const double t = kA[k] * std::exp(ka[k] * dx * dx + kb[k] * dx * dy + kc[k] * dy * dy);
    e += t;
    gx += t * (2 * ka[k] * dx + kb[k] * dy);
    gy += t * (kb[k] * dx + 2 * kc[k] * dy);
  }
  force.resize(2);
  force << -gx, -gy;
  return e;
}

/// The stationary point near `start`, by Newton's method on the analytic gradient (Hessian by
/// central differences of it): the exact saddle to ~1e-10.
Eigen::Vector2d stationaryPoint(Eigen::Vector2d x) {
  Eigen::VectorXd f(2), fp(2), fm(2);
  for (int it = 0; it < 50; ++it) {
    mullerBrown(x, f);
    Eigen::Matrix2d h;
    for (int j = 0; j < 2; ++j) {
      Eigen::VectorXd xp = x, xm = x;
      xp[j] += 1e-6;
      xm[j] -= 1e-6;
      mullerBrown(xp, fp);
      mullerBrown(xm, fm);
      h.col(j) = -(fp - fm) / 2e-6;
    }
    x -= h.inverse() * (-f);
  }
  return x;
}

TEST(Neb, FindsTheMullerBrownSaddle) {
  // Minima B (−0.050, 0.467) and C (0.623, 0.028); the saddle between them is at (0.212, 0.293),
  // V = −72.249, as tabulated since Müller & Brown 1979; checked here by Newton's method.
  FireParams relax;
  relax.group = 2;
  relax.force_tolerance = 1e-8;
  relax.dt_start = 1e-3;
  relax.dt_max = 1e-2;
  relax.max_step = 0.01;
  Eigen::VectorXd b(2), c(2);
  b << -0.05, 0.47;
  c << 0.62, 0.03;
  ASSERT_TRUE(minimiseFire(mullerBrown, b, relax).converged);
  ASSERT_TRUE(minimiseFire(mullerBrown, c, relax).converged);
  const Eigen::Vector2d exact = stationaryPoint({0.21, 0.29});
  EXPECT_NEAR(exact[0], 0.212487, 1e-5);
  EXPECT_NEAR(exact[1], 0.292988, 1e-5);
  Eigen::VectorXd scratch;
  const double e_exact = mullerBrown(exact, scratch);
  EXPECT_NEAR(e_exact, -72.24894, 1e-4);

  NebParams p;
  p.images = 9;
  p.spring = 50.0;
  p.force_tolerance = 1e-3;
  p.climb_after = 1.0;
  p.fire = relax;
  p.fire.max_steps = 100000;
  const NebResult r = runNeb(mullerBrown, b, c, p);
  ASSERT_TRUE(r.converged);
  // The climbing image sits where the force vanishes, so its distance from the saddle is at most
  // |F|/|λ_min| with the smallest Hessian eigenvalue |λ| ~ 1e2 here: ~1e-5.
  const Eigen::VectorXd& s = r.path[r.climbing_image];
  EXPECT_NEAR(s[0], exact[0], 1e-4);
  EXPECT_NEAR(s[1], exact[1], 1e-4);
  EXPECT_NEAR(r.saddle_energy, e_exact, 1e-5);
  EXPECT_NEAR(r.barrier_forward, e_exact - r.energies.front(), 1e-12);
  EXPECT_NEAR(r.energies.front(), -80.76782, 1e-4);
}

}  // namespace
}  // namespace surfkmc::atomistic
