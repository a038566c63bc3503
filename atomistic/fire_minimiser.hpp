// SPDX-License-Identifier: MIT
// FIRE minimisation (Bitzek et al., PRL 97, 170201 (2006)) of any energy with forces.
#pragma once

#include <Eigen/Core>

#include <functional>

namespace surfkmc::atomistic {

/// Energy [eV] at x; writes forces = −∇E [eV/Å], same length as x. Held coordinates get force 0.
using ForceFunction = std::function<double(const Eigen::VectorXd& x, Eigen::VectorXd& forces)>;

/// FIRE settings. Masses are 1 and time is in units where a force of 1 eV/Å moves a coordinate
/// 1 Å per unit time²; dt values below are in those units.
struct FireParams {
  /// Converged when the largest force on any atom (norm over its `group` coordinates) is below
  /// this [eV/Å].
  double force_tolerance = 1.0e-3;
  int max_steps = 20000;
  /// Coordinates per atom for the force norm and the step cap (3 for atoms, 1 or 2 for model surfaces).
  int group = 3;
  double dt_start = 0.05;
  double dt_max = 0.3;
  /// Largest displacement of one atom per step [Å].
  double max_step = 0.1;
  // Bitzek et al. 2006, Table I: N_min = 5, f_inc = 1.1, f_dec = 0.5, α_start = 0.1, f_α = 0.99.
  int n_min = 5;
  double f_inc = 1.1;
  double f_dec = 0.5;
  double alpha_start = 0.1;
  double f_alpha = 0.99;
  void validate() const;
};

struct FireResult {
  double energy = 0.0;     ///< [eV]
  double max_force = 0.0;  ///< largest atomic force at the end [eV/Å]
  int steps = 0;
  bool converged = false;
};

/// Largest norm of consecutive `group`-coordinate blocks of f.
double maxGroupNorm(const Eigen::VectorXd& f, int group);

/// Minimises from x (updated in place).
FireResult minimiseFire(const ForceFunction& function, Eigen::VectorXd& x, const FireParams& params);

}  // namespace surfkmc::atomistic
