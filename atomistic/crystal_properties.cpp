// SPDX-License-Identifier: MIT
// Bulk, surface and vacancy properties from relaxed configurations; surfaces and vacancy in parallel.
#include "atomistic/crystal_properties.hpp"

#include <tbb/global_control.h>
#include <tbb/parallel_invoke.h>

#include <Eigen/Dense>

#include <cmath>

#include "atomistic/relaxation.hpp"
#include "core/error.hpp"
#include "core/units.hpp"

namespace surfkmc::atomistic {
namespace {

using Rows = std::array<std::array<int, 3>, 3>;
constexpr Rows kCubic{{{1, 0, 0}, {0, 1, 0}, {0, 0, 1}}};
using units::kEvPerA2ToJPerM2;

Configuration periodicCrystal(double a, const Rows& rows, const std::array<int, 3>& repeats) {
  return orientedCrystal(a, rows, repeats, {true, true, true}).configuration([](const Eigen::Vector3d&) {
    return false;
  });
}

/// Second strain derivative of the energy density d²W/dε² [eV/Å³] for a uniaxial strain of axis 0
/// (and of axis 1 too if also_axis1), from a least-squares quartic through 21 strains in ±range.
/// A fit over a finite range, not a 3-point difference: tabulated potentials (cubic-Hermite tables
/// of the openkim EAMs) have second derivatives that jump at the table knots, so 3-point curvatures
/// at strains below ~5e-3 scatter by tens of GPa (measured: docs/atomistic.md).
double strainCurvature(KimPotential& pot, double a, const Rows& rows, double range, bool also_axis1) {
  const Configuration base = periodicCrystal(a, rows, {1, 1, 1});
  const double volume = base.box.prod();
  constexpr int kHalf = 10;
  Eigen::MatrixXd design(2 * kHalf + 1, 5);
  Eigen::VectorXd energy(2 * kHalf + 1);
  for (int k = -kHalf; k <= kHalf; ++k) {
    const double e = range * k / kHalf;
    Configuration c = base;
    c.applyStrain(0, e);
    if (also_axis1) c.applyStrain(1, e);
    energy[k + kHalf] = pot.compute(c) / volume;
    for (int p = 0; p < 5; ++p) design(k + kHalf, p) = std::pow(e, p);
  }
  const Eigen::VectorXd coef = design.colPivHouseholderQr().solve(energy);
  return 2.0 * coef[2];
}

double surfaceEnergy(const PotentialSpec& spec, double a, double bulk_per_atom, const Rows& rows, int layers_per_period,
                     int layers, double tol) {
  KimPotential pot(spec);
  const int repeats = (layers + layers_per_period - 1) / layers_per_period;
  Configuration slab =
      orientedCrystal(a, rows, {1, repeats, 1}, {true, false, true}).configuration([](const Eigen::Vector3d&) {
        return false;
      });
  FireParams fire;
  fire.force_tolerance = tol;
  const FireResult r = relax(pot, slab, fire);
  if (!r.converged) throw RuntimeError("surface relaxation did not converge");
  const double area = slab.box[0] * slab.box[2];
  return (r.energy - slab.size() * bulk_per_atom) / (2.0 * area) * kEvPerA2ToJPerM2;
}

}  // namespace

double bulkEnergyPerAtom(KimPotential& potential, double a) {
  const Configuration c = periodicCrystal(a, kCubic, {1, 1, 1});
  return potential.compute(c) / c.size();
}

double equilibriumLatticeConstant(KimPotential& potential, double guess) {
  require(guess > 0.0, "lattice constant guess must be > 0");
  // Golden-section search on E(a) of the 4-atom periodic cubic cell.
  const double g = (std::sqrt(5.0) - 1.0) / 2.0;
  double lo = 0.92 * guess, hi = 1.08 * guess;
  double x1 = hi - g * (hi - lo), x2 = lo + g * (hi - lo);
  double f1 = bulkEnergyPerAtom(potential, x1), f2 = bulkEnergyPerAtom(potential, x2);
  while (hi - lo > 1.0e-7) {
    if (f1 < f2) {
      hi = x2;
      x2 = x1;
      f2 = f1;
      x1 = hi - g * (hi - lo);
      f1 = bulkEnergyPerAtom(potential, x1);
    } else {
      lo = x1;
      x1 = x2;
      f1 = f2;
      x2 = lo + g * (hi - lo);
      f2 = bulkEnergyPerAtom(potential, x2);
    }
  }
  const double a = 0.5 * (lo + hi);
  if (a < 0.921 * guess || a > 1.079 * guess)
    throw RuntimeError("no energy minimum within 8 % of the lattice-constant guess " + std::to_string(guess) + " Å");
  return a;
}

CrystalProperties computeCrystalProperties(const PotentialSpec& spec, const PropertySettings& s, int threads) {
  require(threads >= 1, "threads must be >= 1");
  require(s.slab_layers >= 6, "slab_layers must be >= 6");
  CrystalProperties p;
  KimPotential pot(spec);
  p.lattice_constant_A = equilibriumLatticeConstant(pot, s.lattice_constant_guess_A);
  const double a = p.lattice_constant_A;
  const double bulk = bulkEnergyPerAtom(pot, a);
  p.cohesive_energy_eV = pot.isolatedAtomEnergy() - bulk;

  // Elastic constants from energy curvatures of homogeneous strains (FCC is a Bravais lattice, so
  // there is no internal relaxation): d²W/dε_xx² = C11; ε_xx = ε_yy: 2(C11 + C12); uniaxial along
  // [110]: (C11 + C12)/2 + C44.
  const double h = s.strain_range;
  const double c11 = strainCurvature(pot, a, kCubic, h, false);
  const double c11_plus_c12 = 0.5 * strainCurvature(pot, a, kCubic, h, true);
  const Rows r110{{{1, 1, 0}, {-1, 1, 0}, {0, 0, 1}}};
  const double c44 = strainCurvature(pot, a, r110, h, false) - 0.5 * c11_plus_c12;
  p.c11_GPa = units::eVPerA3ToGPa(c11);
  p.c12_GPa = units::eVPerA3ToGPa(c11_plus_c12 - c11);
  p.c44_GPa = units::eVPerA3ToGPa(c44);
  const double c12 = p.c12_GPa, c11g = p.c11_GPa, c44g = p.c44_GPa;
  const double det = (c11g - c12) * (c11g + 2.0 * c12);
  const double s11 = (c11g + c12) / det, s12 = -c12 / det, s44 = 1.0 / c44g;
  // Direction cosines of <112>: l1²l2² + l2²l3² + l3²l1² = 1/4 (Nye, Physical Properties of Crystals).
  p.youngs_modulus_112_GPa = 1.0 / (s11 - 2.0 * (s11 - s12 - 0.5 * s44) * 0.25);

  const double tol = s.force_tolerance;
  tbb::global_control limit(tbb::global_control::max_allowed_parallelism, static_cast<std::size_t>(threads));
  tbb::parallel_invoke(
      [&] {
        // x ∥ [-1-12], y ∥ [111] (normal), z ∥ [1-10]: the wire frame; 3 layers per period.
        p.surface_energy_111_J_m2 =
            surfaceEnergy(spec, a, bulk, {{{-1, -1, 2}, {1, 1, 1}, {1, -1, 0}}}, 3, s.slab_layers, tol);
      },
      [&] {
        p.surface_energy_100_J_m2 =
            surfaceEnergy(spec, a, bulk, {{{1, 1, 0}, {0, 0, 1}, {1, -1, 0}}}, 2, s.slab_layers, tol);
      },
      [&] {
        p.surface_energy_110_J_m2 =
            surfaceEnergy(spec, a, bulk, {{{0, 0, 1}, {1, 1, 0}, {-1, 1, 0}}}, 2, s.slab_layers, tol);
      },
      [&] {
        KimPotential vpot(spec);
        Configuration perfect = periodicCrystal(a, kCubic, {4, 4, 4});
        const double e_perfect = vpot.compute(perfect);
        const int n = perfect.size();
        Configuration vac = perfect;
        vac.positions = perfect.positions.rightCols(n - 1);
        vac.fixed.assign(static_cast<std::size_t>(n - 1), 0);
        FireParams fire;
        fire.force_tolerance = tol;
        const FireResult r = relax(vpot, vac, fire);
        if (!r.converged) throw RuntimeError("vacancy relaxation did not converge");
        p.vacancy_formation_eV = r.energy - double(n - 1) / n * e_perfect;
      });
  return p;
}

}  // namespace surfkmc::atomistic
