// SPDX-License-Identifier: MIT
// Flat-vector view of a configuration for the minimiser and the NEB.
#include "atomistic/relaxation.hpp"

namespace surfkmc::atomistic {

Eigen::VectorXd flatten(const Configuration& config) {
  return Eigen::Map<const Eigen::VectorXd>(config.positions.data(), config.positions.size());
}

void unflatten(const Eigen::VectorXd& x, Configuration& config) {
  config.positions = Eigen::Map<const Eigen::Matrix3Xd>(x.data(), 3, config.size());
}

ForceFunction forceFunction(KimPotential& potential, const Configuration& shape) {
  shape.validate();
  return
      [&potential, config = shape, forces = Eigen::Matrix3Xd()](const Eigen::VectorXd& x, Eigen::VectorXd& f) mutable {
        unflatten(x, config);
        const double e = potential.compute(config, &forces);
        for (int i = 0; i < config.size(); ++i)
          if (config.fixed[i]) forces.col(i).setZero();
        f = Eigen::Map<const Eigen::VectorXd>(forces.data(), forces.size());
        return e;
      };
}

FireResult relax(KimPotential& potential, Configuration& config, const FireParams& params) {
  Eigen::VectorXd x = flatten(config);
  const FireResult r = minimiseFire(forceFunction(potential, config), x, params);
  unflatten(x, config);
  return r;
}

}  // namespace surfkmc::atomistic
