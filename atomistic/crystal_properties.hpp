// SPDX-License-Identifier: MIT
// Zero-temperature properties of an FCC metal under a potential: a0, E_coh, elastic constants, E<112>,
// surface energies, vacancy formation energy.
#pragma once

#include "atomistic/kim_potential.hpp"

namespace surfkmc::atomistic {

/// Zero-kelvin, static properties; every number from relaxed atomistic configurations.
struct CrystalProperties {
  double lattice_constant_A = 0.0;
  /// E_atom − E_bulk/N [eV] (positive for a bound crystal).
  double cohesive_energy_eV = 0.0;
  double c11_GPa = 0.0;
  double c12_GPa = 0.0;
  double c44_GPa = 0.0;
  /// Young's modulus along <112> from the compliances: 1/E = S11 − 2(S11 − S12 − S44/2)/4.
  double youngs_modulus_112_GPa = 0.0;
  /// Relaxed surface energies [J/m²].
  double surface_energy_111_J_m2 = 0.0;
  double surface_energy_100_J_m2 = 0.0;
  double surface_energy_110_J_m2 = 0.0;
  /// Relaxed, constant-volume vacancy formation energy in a 256-site cubic supercell [eV].
  double vacancy_formation_eV = 0.0;
};

/// Settings of the property calculations.
struct PropertySettings {
  /// Start of the a0 search [Å]; the search brackets ±8 % around it.
  double lattice_constant_guess_A = 4.0;
  /// Relaxation criterion: largest atomic force [eV/Å].
  double force_tolerance = 1.0e-4;
  /// Elastic constants: half-width of the strain range the energy is fitted over.
  double strain_range = 2.0e-2;
  /// (111), (100), (110) slab thicknesses in atomic layers.
  int slab_layers = 15;
};

/// Equilibrium lattice constant [Å]: golden-section minimum of the energy of the periodic cubic cell.
double equilibriumLatticeConstant(KimPotential& potential, double guess_A);
/// Energy per atom of the perfect crystal at lattice constant a [eV].
double bulkEnergyPerAtom(KimPotential& potential, double a);

/// All properties. Uses up to `threads` threads (the surfaces and the vacancy are independent).
CrystalProperties computeCrystalProperties(const PotentialSpec& spec, const PropertySettings& settings, int threads);

}  // namespace surfkmc::atomistic
