// SPDX-License-Identifier: MIT
// A configuration's energy as a ForceFunction of the flat coordinate vector, and its relaxation.
#pragma once

#include <Eigen/Core>

#include "atomistic/configuration.hpp"
#include "atomistic/fire_minimiser.hpp"
#include "atomistic/kim_potential.hpp"

namespace surfkmc::atomistic {

/// Flat coordinates x0 y0 z0 x1 ... of a configuration [Å].
Eigen::VectorXd flatten(const Configuration& config);
/// Writes flat coordinates back into a configuration.
void unflatten(const Eigen::VectorXd& x, Configuration& config);

/// E(x) and F(x) for the configuration `shape` (box, periodic axes, held atoms) at coordinates x;
/// forces on held atoms are 0. The potential must outlive the function.
ForceFunction forceFunction(KimPotential& potential, const Configuration& shape);

/// Relaxes the free atoms in place with FIRE.
FireResult relax(KimPotential& potential, Configuration& config, const FireParams& params);

}  // namespace surfkmc::atomistic
