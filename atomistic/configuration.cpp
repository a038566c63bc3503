// SPDX-License-Identifier: MIT
// Configurations and site sets: the wire-frame lattice and oriented FCC boxes.
#include "atomistic/configuration.hpp"

#include <Eigen/Geometry>

#include <cmath>
#include <limits>
#include <string>

#include "core/error.hpp"
#include "lattice/lattice.hpp"

namespace surfkmc::atomistic {

int Configuration::freeCount() const {
  int n = 0;
  for (unsigned char f : fixed) n += f ? 0 : 1;
  return n;
}

void Configuration::validate() const {
  require(fixed.size() == static_cast<std::size_t>(positions.cols()), "configuration: " + std::to_string(fixed.size()) +
                                                                          " fixed flags for " +
                                                                          std::to_string(positions.cols()) + " atoms");
  for (int k = 0; k < 3; ++k)
    require(
        !periodic[k] || (std::isfinite(box[k]) && box[k] > 0.0),
        "configuration: periodic axis " + std::to_string(k) + " needs a box edge > 0, got " + std::to_string(box[k]));
  require(positions.allFinite(), "configuration: non-finite position");
}

void Configuration::applyStrain(int axis, double strain) {
  positions.row(axis) *= 1.0 + strain;
  box[axis] *= 1.0 + strain;
}

Configuration cutCluster(const Configuration& config, const Eigen::Vector3d& centre, double free_radius_A,
                         double shell_A, std::vector<int>* kept) {
  config.validate();
  require(free_radius_A > 0.0 && shell_A >= 0.0, "cutCluster: need free radius > 0 and shell >= 0");
  const double outer = free_radius_A + shell_A;
  for (int k = 0; k < 3; ++k)
    require(!config.periodic[k] || 2.0 * outer < config.box[k],
            "cutCluster: a ball of radius " + std::to_string(outer) + " Å meets its periodic image along axis " +
                std::to_string(k) + " (box " + std::to_string(config.box[k]) + " Å)");
  Configuration c;
  std::vector<int> index;
  std::vector<Eigen::Vector3d> where;
  for (int i = 0; i < config.size(); ++i) {
    Eigen::Vector3d d = config.positions.col(i) - centre;
    for (int k = 0; k < 3; ++k)
      if (config.periodic[k]) d[k] -= config.box[k] * std::round(d[k] / config.box[k]);
    if (d.norm() >= outer) continue;
    index.push_back(i);
    where.push_back(centre + d);
    c.fixed.push_back(config.fixed[i] || d.norm() >= free_radius_A ? 1 : 0);
  }
  c.positions.resize(3, static_cast<Eigen::Index>(where.size()));
  for (std::size_t i = 0; i < where.size(); ++i) c.positions.col(static_cast<Eigen::Index>(i)) = where[i];
  if (kept) *kept = index;
  return c;
}

Eigen::Vector3d SiteSet::minimumImage(const Eigen::Vector3d& a, const Eigen::Vector3d& b) const {
  Eigen::Vector3d d = b - a;
  for (int k = 0; k < 3; ++k)
    if (periodic[k]) d[k] -= box[k] * std::round(d[k] / box[k]);
  return d;
}

int SiteSet::nearestSite(const Eigen::Vector3d& p) const {
  int best = -1;
  double best_d2 = std::numeric_limits<double>::infinity();
  for (int s = 0; s < size(); ++s) {
    const double d2 = minimumImage(p, sites[s]).squaredNorm();
    if (d2 < best_d2) {
      best_d2 = d2;
      best = s;
    }
  }
  return best;
}

SiteSet sitesFromLattice(const lattice::Lattice& lattice) {
  SiteSet set;
  const lattice::Vec3 len = lattice.boxLengths();
  set.box = {len.x, len.y, len.z};
  set.periodic = {lattice.box().periodic_x, lattice.box().periodic_y, lattice.box().periodic_z};
  set.lattice_constant_A = lattice.frame().latticeConstant();
  set.sites.reserve(static_cast<std::size_t>(lattice.siteCount()));
  for (lattice::SiteIndex s = 0; s < lattice.siteCount(); ++s) {
    const lattice::Vec3 p = lattice.position(s);
    set.sites.emplace_back(p.x, p.y, p.z);
    set.occupied.push_back(lattice.occupied(s) ? 1 : 0);
  }
  return set;
}

double latticePeriod(double a, const std::array<int, 3>& hkl) {
  const double norm = std::sqrt(double(hkl[0] * hkl[0] + hkl[1] * hkl[1] + hkl[2] * hkl[2]));
  const bool even = (hkl[0] + hkl[1] + hkl[2]) % 2 == 0;
  return (even ? 0.5 : 1.0) * a * norm;
}

SiteSet orientedCrystal(double a, const std::array<std::array<int, 3>, 3>& rows, const std::array<int, 3>& repeats,
                        const std::array<bool, 3>& periodic) {
  require(a > 0.0, "orientedCrystal: lattice constant must be > 0");
  Eigen::Matrix3d rotation;  // rows: unit box axes in cubic coordinates
  for (int i = 0; i < 3; ++i) {
    require(repeats[i] >= 1, "orientedCrystal: repeats must be >= 1");
    Eigen::Vector3d r(rows[i][0], rows[i][1], rows[i][2]);
    require(r.norm() > 0.0, "orientedCrystal: zero axis");
    rotation.row(i) = r.normalized();
  }
  // Left-handed sets are allowed (the wire frame x ∥ [-1-12], y ∥ [111], z ∥ [1-10] is one): FCC is
  // centrosymmetric, so the mirror image of the crystal is the same crystal.
  require((rotation * rotation.transpose() - Eigen::Matrix3d::Identity()).norm() < 1e-9,
          "orientedCrystal: axes must be orthogonal");
  SiteSet set;
  set.periodic = periodic;
  set.lattice_constant_A = a;
  for (int i = 0; i < 3; ++i) set.box[i] = repeats[i] * latticePeriod(a, rows[i]);
  const double reach = set.box.norm();
  const int n = static_cast<int>(std::ceil(2.0 * reach / a)) + 1;
  const double eps = 1e-6;
  for (int i = -n; i <= n; ++i)
    for (int j = -n; j <= n; ++j)
      for (int k = -n; k <= n; ++k) {
        if ((i + j + k) % 2 != 0) continue;
        const Eigen::Vector3d p = rotation * (0.5 * a * Eigen::Vector3d(i, j, k));
        bool inside = true;
        for (int d = 0; d < 3 && inside; ++d) inside = p[d] > -eps && p[d] < set.box[d] - eps;
        if (inside) set.sites.push_back(p.cwiseMax(0.0));
      }
  set.occupied.assign(set.sites.size(), 1);
  return set;
}

}  // namespace surfkmc::atomistic
