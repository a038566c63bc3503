// SPDX-License-Identifier: MIT
// The occupancies a lattice Hamiltonian is fitted to and checked on, their relaxed energies from the
// potential, and the thermodynamic quantities (surface, step and kink energies) built from them.
#pragma once

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "atomistic/configuration.hpp"
#include "atomistic/kim_potential.hpp"
#include "atomistic/lattice_hamiltonian.hpp"
#include "core/error.hpp"
#include "lattice/ext_xyz.hpp"

namespace surfkmc::atomistic {

/// One lattice occupancy: sites, which are occupied, box and periodic axes. Every atom is free when
/// it is relaxed (no held layers: a held layer would be an unrelaxed surface the features cannot see).
struct OccupancySample {
  std::string name;
  std::string kind;
  SiteSet sites;
};

struct DatasetSettings {
  /// The potential's own a0 [Å].
  double lattice_constant_A = 0.0;
  /// Seed of the random surface occupancies (training and held-out draw different streams).
  std::uint64_t seed = 2026;
  /// Relaxation: largest atomic force [eV/Å].
  double force_tolerance = 1.0e-3;
  /// An atom that ends its relaxation farther than this from its site [Å] (after removing the mean
  /// displacement) makes the sample unstable: the occupancy no longer describes it. Half the fcc–hcp
  /// hollow distance a/√6 ≈ 1.67 Å.
  double site_tolerance_A = 0.8;
  void validate() const;
};

/// Flat (111), (100), (110) slabs; adatoms, dimers, islands and vacancies on them; small gas-phase
/// clusters; a vicinal strip; triangular islands; random surface occupancies.
std::vector<OccupancySample> trainingOccupancies(const DatasetSettings& settings);
/// Different configurations of the same families (other islands, pits, subsurface vacancies, kinked
/// steps, random occupancies from other random streams).
std::vector<OccupancySample> heldOutOccupancies(const DatasetSettings& settings);
/// Whole wires from KMC snapshots (extXYZ frames written by `surfkmc run`, lattice constant
/// `file_lattice_constant_A`), rescaled to the potential's a0: one sample per frame, named
/// `<prefix>_frame<k>`, kind "kmc_wire". Throws InputError if an atom's recomputed coordination differs
/// from the frame's `coordination` column (not a lattice occupancy of that lattice constant).
std::vector<OccupancySample> kmcWireOccupancies(const std::vector<lattice::XyzFrame>& frames,
                                                double file_lattice_constant_A, const DatasetSettings& settings,
                                                const std::string& prefix);
/// The configurations the thermodynamic quantities are made of (thermodynamicQuantities()).
std::vector<OccupancySample> thermodynamicOccupancies(const DatasetSettings& settings);

/// Relaxes every sample (all atoms free) with the potential; E − N E_bulk with E_bulk at a0, the
/// coordination counts, and the site-stability check. Up to `threads` threads; results in input order
/// and independent of the thread count.
std::vector<EnergySample> relaxedEnergies(const PotentialSpec& spec, const std::vector<OccupancySample>& samples,
                                          const DatasetSettings& settings, int threads);

/// A thermodynamic quantity as a linear combination Σ c_k E_excess(sample_k) of sample energies, so
/// the potential, H and bond counting are evaluated on exactly the same occupancies.
struct ThermodynamicQuantity {
  std::string name;
  std::string unit;
  std::string definition;
  std::vector<std::pair<std::string, double>> terms;
};

/// γ(111), γ(100) [J/m²]; step energies of the A ({100} microfacet) and B ({111} microfacet) steps of
/// (111) from triangular islands [meV/Å], their sum from the straight strip; kink energies on both
/// steps [eV]. The names of the terms are those of thermodynamicOccupancies().
std::vector<ThermodynamicQuantity> thermodynamicQuantities(const DatasetSettings& settings);

/// Σ c_k energy(sample_k); energy is looked up by sample name. Throws RuntimeError for an unknown name.
template <class Energy>
double evaluate(const ThermodynamicQuantity& q, const std::vector<EnergySample>& samples, Energy energy) {
  double v = 0.0;
  for (const auto& [name, c] : q.terms) {
    const EnergySample* found = nullptr;
    for (const auto& s : samples)
      if (s.name == name) found = &s;
    if (!found) throw RuntimeError("thermodynamic quantity " + q.name + ": no sample '" + name + "'");
    v += c * energy(*found);
  }
  return v;
}

}  // namespace surfkmc::atomistic
