// SPDX-License-Identifier: MIT
// The lattice Hamiltonian fitted to the Ag potential against the potential's own surface, step and
// kink energies (issue 16, item 5: within 10 %).
#include <gtest/gtest.h>

#include <cmath>

#include "atomistic/crystal_properties.hpp"
#include "atomistic/hamiltonian_dataset.hpp"
#include "tests/unit/atomistic/ag_model.hpp"

namespace surfkmc::atomistic {
namespace {

TEST(LatticeHamiltonian, AgSurfaceStepAndKinkEnergiesFromHWithinTenPercentOfThePotential) {
  const PotentialSpec spec = test::agModel();
  DatasetSettings s;
  {
    KimPotential pot(spec);
    s.lattice_constant_A = equilibriumLatticeConstant(pot, 4.09);
  }
  const auto training = relaxedEnergies(spec, trainingOccupancies(s), s, 2);
  const auto probes = relaxedEnergies(spec, thermodynamicOccupancies(s), s, 2);
  for (const auto& p : probes) ASSERT_TRUE(p.stable) << p.name;
  // The form the command recommends for Ag: site energies E(n) with second- and third-shell pair terms.
  // (E(n) alone gets γ and the step energies within 3 % but the kinks 23 % low: docs/atomistic.md.)
  const HamiltonianFit fit = fitSiteEnergies(training, kPairShells);
  ASSERT_EQ(fit.rank, fit.parameters);
  const auto direct = [](const EnergySample& e) { return e.excess_energy_eV; };
  const auto model = [&](const EnergySample& e) { return fit.hamiltonian.excessEnergy(e.features); };
  for (const auto& q : thermodynamicQuantities(s)) {
    const double v = evaluate(q, probes, direct), h = evaluate(q, probes, model);
    EXPECT_NEAR(h, v, 0.10 * std::abs(v)) << q.name << " [" << q.unit << "]";
    if (q.name == "gamma_111") {
      // The 6-layer probe slab against the 15-layer slab of computeCrystalProperties (0.862 J/m²).
      EXPECT_NEAR(v, 0.862, 0.005);
    }
  }
}

}  // namespace
}  // namespace surfkmc::atomistic
