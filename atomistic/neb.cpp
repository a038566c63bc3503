// SPDX-License-Identifier: MIT
// CI-NEB with the improved tangent (Henkelman & Jónsson, JCP 113, 9978 (2000)), optimised by FIRE
// on all intermediate images at once.
#include "atomistic/neb.hpp"

#include <algorithm>
#include <cmath>
#include <utility>

#include "core/error.hpp"

namespace surfkmc::atomistic {

void NebParams::validate() const {
  require(images >= 1, "NEB: images must be >= 1");
  require(spring > 0.0 && force_tolerance > 0.0 && climb_after >= force_tolerance,
          "NEB: need spring > 0 and climb_after >= force_tolerance > 0");
  fire.validate();
}

NebResult runNeb(const ForceFunction& function, const Eigen::VectorXd& initial, const Eigen::VectorXd& final_state,
                 const NebParams& p) {
  p.validate();
  require(initial.size() == final_state.size(), "NEB: end states differ in size");
  std::vector<Eigen::VectorXd> band(static_cast<std::size_t>(p.images + 2));
  for (int i = 0; i < p.images + 2; ++i) band[i] = initial + (final_state - initial) * (double(i) / (p.images + 1));
  return runNeb(function, std::move(band), p);
}

NebResult runNeb(const ForceFunction& function, std::vector<Eigen::VectorXd> initial_band, const NebParams& p) {
  p.validate();
  require(initial_band.size() == static_cast<std::size_t>(p.images + 2), "NEB: the band must hold images + 2 states");
  const int m = p.images;
  const Eigen::Index dim = initial_band.front().size();
  for (const auto& image : initial_band) require(image.size() == dim, "NEB: images differ in size");
  NebResult r;
  r.path = std::move(initial_band);
  r.energies.assign(static_cast<std::size_t>(m + 2), 0.0);
  Eigen::VectorXd scratch(dim);
  r.energies.front() = function(r.path.front(), scratch);
  r.energies.back() = function(r.path.back(), scratch);
  r.energy_evaluations = 2;

  bool climb = false;
  std::vector<Eigen::VectorXd> true_forces(static_cast<std::size_t>(m + 2), Eigen::VectorXd::Zero(dim));
  // The band as one vector of the m intermediate images; the NEB force is its "force".
  const ForceFunction band = [&](const Eigen::VectorXd& x, Eigen::VectorXd& f) {
    for (int i = 1; i <= m; ++i) {
      r.path[i] = x.segment((i - 1) * dim, dim);
      r.energies[i] = function(r.path[i], true_forces[i]);
    }
    r.energy_evaluations += m;
    r.climbing_image =
        static_cast<int>(std::max_element(r.energies.begin() + 1, r.energies.end() - 1) - r.energies.begin());
    f.resize(x.size());
    for (int i = 1; i <= m; ++i) {
      const Eigen::VectorXd up = r.path[i + 1] - r.path[i], down = r.path[i] - r.path[i - 1];
      const double ep = r.energies[i + 1], e0 = r.energies[i], em = r.energies[i - 1];
      Eigen::VectorXd tau;
      if (ep > e0 && e0 > em) {
        tau = up;
      } else if (ep < e0 && e0 < em) {
        tau = down;
      } else {
        const double dmax = std::max(std::abs(ep - e0), std::abs(em - e0));
        const double dmin = std::min(std::abs(ep - e0), std::abs(em - e0));
        tau = ep > em ? Eigen::VectorXd(up * dmax + down * dmin) : Eigen::VectorXd(up * dmin + down * dmax);
      }
      const double tn = tau.norm();
      if (tn > 0.0) tau /= tn;
      const Eigen::VectorXd& g = true_forces[i];
      Eigen::VectorXd fi;
      if (climb && i == r.climbing_image) {
        fi = g - 2.0 * g.dot(tau) * tau;
      } else {
        fi = g - g.dot(tau) * tau + p.spring * (up.norm() - down.norm()) * tau;
      }
      f.segment((i - 1) * dim, dim) = fi;
    }
    return *std::max_element(r.energies.begin(), r.energies.end());
  };

  Eigen::VectorXd x(dim * m);
  for (int i = 1; i <= m; ++i) x.segment((i - 1) * dim, dim) = r.path[i];
  FireParams fire = p.fire;
  fire.force_tolerance = p.climb_after;
  FireResult stage = minimiseFire(band, x, fire);
  r.steps = stage.steps;
  climb = true;
  fire.force_tolerance = p.force_tolerance;
  fire.max_steps = std::max(1, p.fire.max_steps - r.steps);
  stage = minimiseFire(band, x, fire);
  r.steps += stage.steps;
  r.converged = stage.converged;
  r.max_force = stage.max_force;
  r.saddle_energy = r.energies[r.climbing_image];
  r.barrier_forward = r.saddle_energy - r.energies.front();
  r.barrier_backward = r.saddle_energy - r.energies.back();
  return r;
}

}  // namespace surfkmc::atomistic
