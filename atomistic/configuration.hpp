// SPDX-License-Identifier: MIT
// Atomic configurations for the potential: positions, held atoms, periodic axes; built from sites.
#pragma once

#include <Eigen/Core>

#include <array>
#include <vector>

namespace surfkmc::lattice {
class Lattice;
}

namespace surfkmc::atomistic {

/// Atoms of one species in an orthogonal box [0, box) whose axes are periodic or open.
/// Positions are kept unwrapped (an atom may leave the box on a periodic axis); the potential wraps.
struct Configuration {
  /// Positions, one column per atom [Å].
  Eigen::Matrix3Xd positions;
  /// 1 for atoms held at their positions (the fixed boundary shell), 0 for free atoms.
  std::vector<unsigned char> fixed;
  /// Box edge lengths [Å]; only the periodic axes use them.
  Eigen::Vector3d box = Eigen::Vector3d::Zero();
  std::array<bool, 3> periodic{false, false, false};

  int size() const { return static_cast<int>(positions.cols()); }
  int freeCount() const;
  /// Throws InputError if sizes disagree or a periodic edge is not > 0.
  void validate() const;
  /// Stretches axis `axis` (positions and box) by 1 + strain: a uniaxial strain.
  void applyStrain(int axis, double strain);
};

/// A ball of `config` around `centre` [Å]: atoms within free_radius_A stay free (unless held already),
/// atoms within free_radius_A + shell_A are held (the fixed boundary shell), the rest are dropped. Atoms
/// are placed at their minimum image relative to the centre, so the cluster is open on every axis.
/// `kept` (optional) receives the indices in `config` of the cluster's atoms, in order. Throws
/// InputError if the ball would meet its own periodic image.
Configuration cutCluster(const Configuration& config, const Eigen::Vector3d& centre, double free_radius_A,
                         double shell_A, std::vector<int>* kept = nullptr);

/// Candidate lattice sites in a box with their occupancy: the bridge from a lattice to atoms.
struct SiteSet {
  std::vector<Eigen::Vector3d> sites;  ///< [Å]
  std::vector<unsigned char> occupied;
  Eigen::Vector3d box = Eigen::Vector3d::Zero();
  std::array<bool, 3> periodic{false, false, false};
  /// Lattice constant a [Å].
  double lattice_constant_A = 0.0;

  int size() const { return static_cast<int>(sites.size()); }
  /// Index of the site nearest to p (minimum image on periodic axes).
  int nearestSite(const Eigen::Vector3d& p) const;
  /// Displacement b − a with the minimum-image convention on periodic axes [Å].
  Eigen::Vector3d minimumImage(const Eigen::Vector3d& a, const Eigen::Vector3d& b) const;
  /// Occupied sites as atoms, in site order; sites with `held(position)` true are fixed.
  template <class Held>
  Configuration configuration(Held held) const {
    Configuration c;
    c.box = box;
    c.periodic = periodic;
    std::vector<int> idx;
    for (int s = 0; s < size(); ++s)
      if (occupied[s]) idx.push_back(s);
    c.positions.resize(3, static_cast<Eigen::Index>(idx.size()));
    c.fixed.resize(idx.size());
    for (std::size_t i = 0; i < idx.size(); ++i) {
      c.positions.col(static_cast<Eigen::Index>(i)) = sites[idx[i]];
      c.fixed[i] = held(sites[idx[i]]) ? 1 : 0;
    }
    return c;
  }
};

/// The sites of a lattice::Lattice box in the wire frame (x ∥ [-1-12], y ∥ [111], z ∥ [1-10]),
/// with its occupancy and periodic axes.
SiteSet sitesFromLattice(const lattice::Lattice& lattice);

/// FCC sites of lattice constant a [Å] in an orthogonal box whose axes are the cubic directions
/// `rows` (row i = Miller indices of box axis i; mutually orthogonal), repeated
/// `repeats[i]` times the shortest lattice period along each axis. All sites are occupied.
SiteSet orientedCrystal(double lattice_constant_A, const std::array<std::array<int, 3>, 3>& rows,
                        const std::array<int, 3>& repeats, const std::array<bool, 3>& periodic);

/// The shortest FCC lattice period along the cubic direction [h k l] [Å]: (a/2)|hkl| if h + k + l
/// is even, a|hkl| otherwise.
double latticePeriod(double lattice_constant_A, const std::array<int, 3>& hkl);

}  // namespace surfkmc::atomistic
