// SPDX-License-Identifier: MIT
// FIRE: damped dynamics that mixes the velocity toward the force while the power F·v stays positive.
#include "atomistic/fire_minimiser.hpp"

#include <algorithm>
#include <cmath>

#include "core/error.hpp"

namespace surfkmc::atomistic {

void FireParams::validate() const {
  require(force_tolerance > 0.0, "FIRE: force_tolerance must be > 0");
  require(max_steps > 0 && group >= 1, "FIRE: max_steps and group must be >= 1");
  require(dt_start > 0.0 && dt_max >= dt_start && max_step > 0.0, "FIRE: need 0 < dt_start <= dt_max, max_step > 0");
}

double maxGroupNorm(const Eigen::VectorXd& f, int group) {
  double best = 0.0;
  for (Eigen::Index i = 0; i + group <= f.size(); i += group) best = std::max(best, f.segment(i, group).norm());
  return best;
}

FireResult minimiseFire(const ForceFunction& function, Eigen::VectorXd& x, const FireParams& p) {
  p.validate();
  Eigen::VectorXd v = Eigen::VectorXd::Zero(x.size()), f(x.size());
  double dt = p.dt_start, alpha = p.alpha_start;
  int positive = 0;
  FireResult r;
  for (r.steps = 0;; ++r.steps) {
    r.energy = function(x, f);
    r.max_force = maxGroupNorm(f, p.group);
    if (r.max_force < p.force_tolerance) {
      r.converged = true;
      return r;
    }
    if (r.steps >= p.max_steps) return r;
    const double power = f.dot(v);
    if (power > 0.0) {
      const double fn = f.norm();
      if (fn > 0.0) v = (1.0 - alpha) * v + alpha * v.norm() / fn * f;
      if (++positive > p.n_min) {
        dt = std::min(dt * p.f_inc, p.dt_max);
        alpha *= p.f_alpha;
      }
    } else {
      // Uphill: stop, take a smaller step and restart the mixing (Bitzek et al. 2006).
      v.setZero();
      dt *= p.f_dec;
      alpha = p.alpha_start;
      positive = 0;
    }
    v += dt * f;
    Eigen::VectorXd dx = dt * v;
    const double longest = maxGroupNorm(dx, p.group);
    if (longest > p.max_step) dx *= p.max_step / longest;
    x += dx;
  }
}

}  // namespace surfkmc::atomistic
