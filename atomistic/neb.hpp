// SPDX-License-Identifier: MIT
// Climbing-image nudged elastic band (Henkelman, Uberuaga & Jónsson, JCP 113, 9901 (2000)).
#pragma once

#include <Eigen/Core>

#include <vector>

#include "atomistic/fire_minimiser.hpp"

namespace surfkmc::atomistic {

struct NebParams {
  /// Intermediate images (the two end states are extra and stay fixed).
  int images = 5;
  /// Spring constant between neighbouring images [eV/Å²].
  double spring = 2.0;
  /// Converged when the largest atomic NEB force (perpendicular force plus spring, climbing-image
  /// force on the highest image) on any image is below this [eV/Å].
  double force_tolerance = 0.01;
  /// The climbing image is switched on once the plain band is below this force [eV/Å].
  double climb_after = 0.1;
  /// Optimiser (its force_tolerance is ignored; the group and step settings are used).
  FireParams fire{};
  void validate() const;
};

struct NebResult {
  std::vector<Eigen::VectorXd> path;  ///< all images, end states included
  std::vector<double> energies;       ///< [eV], one per image
  int climbing_image = -1;
  double saddle_energy = 0.0;     ///< energy of the climbing image [eV]
  double barrier_forward = 0.0;   ///< E_saddle − E_initial [eV]
  double barrier_backward = 0.0;  ///< E_saddle − E_final [eV]
  double max_force = 0.0;         ///< largest residual NEB force [eV/Å]
  int steps = 0;
  int energy_evaluations = 0;
  bool converged = false;
};

/// Runs CI-NEB between two relaxed end states; the initial band is the straight line.
/// `function` gives energy and forces (held coordinates with force 0).
NebResult runNeb(const ForceFunction& function, const Eigen::VectorXd& initial, const Eigen::VectorXd& final_state,
                 const NebParams& params);

/// Runs CI-NEB from a given initial band: `band` holds all images, end states included (params.images
/// must equal band.size() − 2). For paths a straight line cannot guess, e.g. a dislocation loop that
/// grows from one corner while the straight line would slip a whole plane at once.
NebResult runNeb(const ForceFunction& function, std::vector<Eigen::VectorXd> band, const NebParams& params);

}  // namespace surfkmc::atomistic
