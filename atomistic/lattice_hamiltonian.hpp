// SPDX-License-Identifier: MIT
// A lattice Hamiltonian of the occupancy: coordination-dependent site energies, fitted to relaxed energies.
#pragma once

#include <array>
#include <string>
#include <vector>

#include "atomistic/configuration.hpp"

namespace surfkmc::atomistic {

/// Largest FCC coordination (nearest neighbours of a bulk atom).
inline constexpr int kBulkCoordination = 12;

/// counts[n] = number of atoms with n occupied nearest-neighbour sites, n = 0 .. 12.
using CoordinationCounts = std::array<int, kBulkCoordination + 1>;

/// The FCC shells beyond the nearest neighbours that pair terms may reach: the second (6 sites at
/// distance a), third (24 at a√(3/2)) and fourth (12 at a√2). The fifth, at a√(5/2) (6.5 Å in Ag,
/// 6.2 Å in Pt), lies beyond the cutoffs of the shipped potentials (6.00 Å Ag, 6.20 Å Pt).
inline constexpr int kPairShells = 3;
inline constexpr std::array<int, kPairShells> kBulkShellSites{6, 24, 12};
inline constexpr std::array<double, kPairShells> kShellRadius_a{1.0, 1.224744871391589, 1.414213562373095};

/// What H sees of an occupancy: the coordination histogram, and per farther shell the missing pairs
/// summed over atoms, Σ_i (sites of the shell − m_i) with m_i the occupied sites of that shell.
struct OccupancyFeatures {
  CoordinationCounts counts{};
  std::array<int, kPairShells> shell_deficit{};
};

/// The numbers of occupied nearest-neighbour sites n_i (distance a/√2 within 2 %) and of occupied sites
/// in each farther shell (within 2 %) of every occupied site, minimum image on the periodic axes.
/// Throws RuntimeError if a periodic box edge is under twice the fourth-shell radius.
struct SiteNeighbours {
  std::vector<int> nearest;
  std::array<std::vector<int>, kPairShells> shells;
};
SiteNeighbours siteNeighbours(const SiteSet& set);
OccupancyFeatures occupancyFeatures(const SiteSet& set);

/// H(occupancy) = Σ_i [E(n_i) − E(12)] + Σ_k ε_k Σ_i (z_k − m_ik): the energy of a configuration
/// relative to N bulk atoms, as a sum of site energies that depend on each atom's coordination n_i, plus
/// (optionally, ε_k ≠ 0) pair terms over the second, third and fourth shells (z_k sites, m_ik occupied). E(n)
/// need not be linear in n (an EAM's embedding energy is not), so it holds bond counting
/// (E(n) − E(12) = ε_b (12 − n)/2, no pair terms) as the special case of a linear E(n).
class SiteEnergyHamiltonian {
 public:
  using Excess = std::array<double, kBulkCoordination + 1>;
  /// excess[n] = E(n) − E(12) [eV]; excess[12] must be 0 (the bulk is the reference). NaN marks a
  /// coordination the fit could not determine.
  using ShellEnergies = std::array<double, kPairShells>;
  explicit SiteEnergyHamiltonian(const Excess& excess, const ShellEnergies& shell_eV = {});
  /// Nearest-neighbour bond counting with bond energy ε_b [eV]: excess[n] = ε_b (12 − n)/2.
  static SiteEnergyHamiltonian bondCounting(double bond_eV);

  const Excess& siteExcess() const { return excess_; }
  /// ε_k: the energy per atom per missing neighbour of the second, third and fourth shells [eV].
  const ShellEnergies& shellEnergies() const { return shell_eV_; }
  /// Σ_n counts[n] excess[n] + Σ_k ε_k × shell deficit k [eV].
  double excessEnergy(const OccupancyFeatures& features) const;

 private:
  Excess excess_{};
  ShellEnergies shell_eV_{};
};

/// One configuration with its occupancy features and its relaxed energy relative to bulk.
struct EnergySample {
  std::string name;
  /// The family it belongs to (flat, adatoms, islands, vacancies, steps, random, wire, ...).
  std::string kind;
  OccupancyFeatures features{};
  int atoms = 0;
  /// E_relaxed − N E_bulk [eV] from the potential.
  double excess_energy_eV = 0.0;
  /// Every atom ended its relaxation within the site tolerance of its lattice site, so the occupancy
  /// describes the relaxed configuration. Unstable samples are not fitted.
  bool stable = true;
  /// The relaxation reached its force criterion (an unconverged sample is not stable either).
  bool converged = true;
  double max_displacement_A = 0.0;
  /// Atoms with n < 12 (the atoms H gives an energy to).
  int surfaceAtoms() const;
};

struct HamiltonianFit {
  SiteEnergyHamiltonian hamiltonian{SiteEnergyHamiltonian::Excess{}};
  /// determined[n]: some training atom had coordination n, so excess[n] was fitted.
  std::array<bool, kBulkCoordination + 1> determined{};
  /// Atoms of each coordination over the training set.
  CoordinationCounts training_atoms{};
  /// Rank of the least-squares design matrix, and its number of columns (fitted coordinations).
  int rank = 0;
  int parameters = 0;
  int samples = 0;
};

/// Linear least squares (Eigen, complete orthogonal decomposition: the minimum-norm solution if the
/// design is rank-deficient) of excess[0..11], and of the first `pair_shells` (0 .. 3) shell
/// energies ε_k, to the stable samples' energies; excess[12] = 0. Coordinations no stable sample
/// contains stay NaN. Throws RuntimeError without a stable sample.
HamiltonianFit fitSiteEnergies(const std::vector<EnergySample>& training, int pair_shells = 0);

/// Errors of a Hamiltonian against the potential over a set of samples.
struct FitErrors {
  int samples = 0;
  /// Per configuration: H − E_potential [eV].
  double rms_eV = 0.0;
  double max_abs_eV = 0.0;
  std::string worst;
  /// Per surface atom (the error of a configuration over its atoms with n < 12) [meV].
  double rms_per_surface_atom_meV = 0.0;
  double max_abs_per_surface_atom_meV = 0.0;
};

/// Over the stable samples only.
FitErrors fitErrors(const SiteEnergyHamiltonian& hamiltonian, const std::vector<EnergySample>& samples);

}  // namespace surfkmc::atomistic
