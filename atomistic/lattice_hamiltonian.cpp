// SPDX-License-Identifier: MIT
// Coordination features of an occupancy, site energies E(n), their least-squares fit and its errors.
#include "atomistic/lattice_hamiltonian.hpp"

#include <Eigen/Dense>

#include <cmath>
#include <limits>

#include "core/error.hpp"

namespace surfkmc::atomistic {

SiteNeighbours siteNeighbours(const SiteSet& set) {
  require(set.lattice_constant_A > 0.0, "siteNeighbours: the site set has no lattice constant");
  const double a = set.lattice_constant_A;
  // Shells at a/√2, a, a√(3/2), a√2, a√(5/2): a 2 % window around each cannot catch the next.
  const auto inShell = [](double d2, double r) { return d2 > std::pow(0.98 * r, 2) && d2 < std::pow(1.02 * r, 2); };
  // The minimum image is unique only within half a box edge.
  const double reach = 1.02 * kShellRadius_a[kPairShells - 1] * a;
  for (int k = 0; k < 3; ++k)
    if (set.periodic[k] && set.box[k] < 2.0 * reach)
      throw RuntimeError("siteNeighbours: periodic box edge " + std::to_string(set.box[k]) + " Å along axis " +
                         std::to_string(k) + " is shorter than twice the fourth-shell radius");
  std::vector<int> occupied;
  for (int s = 0; s < set.size(); ++s)
    if (set.occupied[s]) occupied.push_back(s);
  SiteNeighbours out;
  out.nearest.assign(occupied.size(), 0);
  for (auto& shell : out.shells) shell.assign(occupied.size(), 0);
  for (std::size_t i = 0; i < occupied.size(); ++i)
    for (std::size_t j = i + 1; j < occupied.size(); ++j) {
      const double d2 = set.minimumImage(set.sites[occupied[i]], set.sites[occupied[j]]).squaredNorm();
      std::vector<int>* shell = inShell(d2, a / std::sqrt(2.0)) ? &out.nearest : nullptr;
      for (int k = 0; k < kPairShells && !shell; ++k)
        if (inShell(d2, kShellRadius_a[k] * a)) shell = &out.shells[k];
      if (!shell) continue;
      ++(*shell)[i];
      ++(*shell)[j];
    }
  return out;
}

OccupancyFeatures occupancyFeatures(const SiteSet& set) {
  const SiteNeighbours nb = siteNeighbours(set);
  OccupancyFeatures f;
  for (std::size_t i = 0; i < nb.nearest.size(); ++i) {
    if (nb.nearest[i] > kBulkCoordination) throw RuntimeError("a site has more than 12 nearest neighbours: not FCC");
    ++f.counts[nb.nearest[i]];
    for (int k = 0; k < kPairShells; ++k) f.shell_deficit[k] += kBulkShellSites[k] - nb.shells[k][i];
  }
  return f;
}

SiteEnergyHamiltonian::SiteEnergyHamiltonian(const Excess& excess, const ShellEnergies& shell_eV)
    : excess_(excess), shell_eV_(shell_eV) {
  require(excess_[kBulkCoordination] == 0.0, "site energies are relative to bulk: E(12) − E(12) must be 0");
}

SiteEnergyHamiltonian SiteEnergyHamiltonian::bondCounting(double bond_eV) {
  Excess e{};
  // Each missing bond costs ε_b, shared by its two atoms.
  for (int n = 0; n <= kBulkCoordination; ++n) e[n] = 0.5 * bond_eV * (kBulkCoordination - n);
  return SiteEnergyHamiltonian(e);
}

double SiteEnergyHamiltonian::excessEnergy(const OccupancyFeatures& features) const {
  double e = 0.0;
  for (int k = 0; k < kPairShells; ++k)
    if (features.shell_deficit[k] != 0) e += shell_eV_[k] * features.shell_deficit[k];
  for (int n = 0; n < kBulkCoordination; ++n)
    if (features.counts[n] != 0) e += features.counts[n] * excess_[n];
  return e;
}

int EnergySample::surfaceAtoms() const {
  int m = 0;
  for (int n = 0; n < kBulkCoordination; ++n) m += features.counts[n];
  return m;
}

HamiltonianFit fitSiteEnergies(const std::vector<EnergySample>& training, int pair_shells) {
  require(pair_shells >= 0 && pair_shells <= kPairShells, "Hamiltonian fit: pair_shells must lie in [0, 3]");
  HamiltonianFit fit;
  std::vector<const EnergySample*> used;
  for (const auto& s : training)
    if (s.stable) used.push_back(&s);
  if (used.empty()) throw RuntimeError("Hamiltonian fit: no stable training configuration");
  for (const auto* s : used)
    for (int n = 0; n <= kBulkCoordination; ++n) fit.training_atoms[n] += s->features.counts[n];
  std::vector<int> columns;  // the coordinations the training set contains (bulk excluded: fixed at 0)
  for (int n = 0; n < kBulkCoordination; ++n)
    if (fit.training_atoms[n] > 0) columns.push_back(n);
  const auto sites = static_cast<Eigen::Index>(columns.size());
  const auto width = sites + pair_shells;
  Eigen::MatrixXd design(static_cast<Eigen::Index>(used.size()), width);
  Eigen::VectorXd energy(design.rows());
  for (Eigen::Index r = 0; r < design.rows(); ++r) {
    for (std::size_t c = 0; c < columns.size(); ++c)
      design(r, static_cast<Eigen::Index>(c)) = used[r]->features.counts[columns[c]];
    for (int k = 0; k < pair_shells; ++k) design(r, sites + k) = used[r]->features.shell_deficit[k];
    energy[r] = used[r]->excess_energy_eV;
  }
  const Eigen::CompleteOrthogonalDecomposition<Eigen::MatrixXd> cod(design);
  const Eigen::VectorXd solution = cod.solve(energy);
  SiteEnergyHamiltonian::Excess excess;
  excess.fill(std::numeric_limits<double>::quiet_NaN());
  excess[kBulkCoordination] = 0.0;
  for (std::size_t c = 0; c < columns.size(); ++c) {
    excess[columns[c]] = solution[static_cast<Eigen::Index>(c)];
    fit.determined[columns[c]] = true;
  }
  fit.determined[kBulkCoordination] = true;
  SiteEnergyHamiltonian::ShellEnergies shell{};
  for (int k = 0; k < pair_shells; ++k) shell[k] = solution[sites + k];
  fit.hamiltonian = SiteEnergyHamiltonian(excess, shell);
  fit.rank = static_cast<int>(cod.rank());
  fit.parameters = static_cast<int>(width);
  fit.samples = static_cast<int>(used.size());
  return fit;
}

FitErrors fitErrors(const SiteEnergyHamiltonian& hamiltonian, const std::vector<EnergySample>& samples) {
  FitErrors e;
  double sum2 = 0.0, sum2_atom = 0.0;
  for (const auto& s : samples) {
    if (!s.stable) continue;
    const double err = hamiltonian.excessEnergy(s.features) - s.excess_energy_eV;
    const double per_atom = 1.0e3 * err / std::max(1, s.surfaceAtoms());
    ++e.samples;
    sum2 += err * err;
    sum2_atom += per_atom * per_atom;
    if (!(std::abs(err) <= e.max_abs_eV)) {  // also takes a NaN error, so it cannot hide
      e.max_abs_eV = std::abs(err);
      e.worst = s.name;
    }
    if (!(std::abs(per_atom) <= e.max_abs_per_surface_atom_meV)) e.max_abs_per_surface_atom_meV = std::abs(per_atom);
  }
  if (e.samples > 0) {
    e.rms_eV = std::sqrt(sum2 / e.samples);
    e.rms_per_surface_atom_meV = std::sqrt(sum2_atom / e.samples);
  }
  return e;
}

}  // namespace surfkmc::atomistic
