// SPDX-License-Identifier: MIT
// Energy and forces of a portable KIM model (openkim-models), with neighbour lists built here.
#pragma once

#include <Eigen/Core>

#include <memory>
#include <string>

#include "atomistic/configuration.hpp"

namespace surfkmc::atomistic {

/// Which interatomic model, and the species every atom is.
struct PotentialSpec {
  std::string kim_model;  ///< e.g. "EAM_Dynamo_WuTrinkle_2009_CuAg__MO_270337113239_005"
  std::string species;    ///< chemical symbol, e.g. "Ag"
};

/// One instance of a KIM model in units Å, eV. Periodic axes are handled with ghost atoms (the
/// KIM API has no notion of periodicity): every image within the influence distance of the box is
/// a non-contributing particle and its force is added back to its original.
/// Not thread-safe: use one instance per thread (instances are cheap to make).
class KimPotential {
 public:
  /// Throws InputError if the model is not installed or does not support the species.
  explicit KimPotential(const PotentialSpec& spec);
  ~KimPotential();
  KimPotential(const KimPotential&) = delete;
  KimPotential& operator=(const KimPotential&) = delete;

  const PotentialSpec& spec() const { return spec_; }
  /// Influence distance of the model [Å] (the cutoff of its neighbour list).
  double influenceDistance() const;

  /// Potential energy [eV] of the configuration; if `forces` is given, the forces [eV/Å]
  /// (3 × N, held atoms included).
  double compute(const Configuration& config, Eigen::Matrix3Xd* forces = nullptr);
  /// Energy of one isolated atom [eV] (zero for most EAM tabulations, but not assumed).
  double isolatedAtomEnergy();
  /// Number of compute() calls so far.
  long evaluations() const { return evaluations_; }

 private:
  struct Impl;
  PotentialSpec spec_;
  std::unique_ptr<Impl> impl_;
  long evaluations_ = 0;
};

}  // namespace surfkmc::atomistic
