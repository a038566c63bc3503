// SPDX-License-Identifier: MIT
// The lattice Hamiltonian: exact features of known occupancies, exact recovery of known parameters.
#include "atomistic/lattice_hamiltonian.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <set>

#include "atomistic/hamiltonian_dataset.hpp"

namespace surfkmc::atomistic {
namespace {

constexpr double kA0 = 4.09;

DatasetSettings settings() {
  DatasetSettings s;
  s.lattice_constant_A = kA0;
  return s;
}

const OccupancySample& byName(const std::vector<OccupancySample>& samples, const std::string& name) {
  for (const auto& s : samples)
    if (s.name == name) return s;
  throw std::runtime_error("no sample " + name);
}

TEST(LatticeHamiltonian, PeriodicBulkHasNoMissingNeighboursInAnyShell) {
  SiteSet bulk = orientedCrystal(kA0, {{{-1, -1, 2}, {1, 1, 1}, {1, -1, 0}}}, {3, 2, 5}, {true, true, true});
  const OccupancyFeatures f = occupancyFeatures(bulk);
  EXPECT_EQ(f.counts[kBulkCoordination], bulk.size());
  EXPECT_EQ(f.shell_deficit[0], 0);
  EXPECT_EQ(f.shell_deficit[1], 0);
  EXPECT_EQ(f.shell_deficit[2], 0);
  // A box whose half-edge is within a fourth-shell radius would count one neighbour for two images.
  SiteSet small = orientedCrystal(kA0, {{{-1, -1, 2}, {1, 1, 1}, {1, -1, 0}}}, {2, 2, 5}, {true, true, true});
  EXPECT_THROW(occupancyFeatures(small), RuntimeError);
}

TEST(LatticeHamiltonian, FlatSlab111HasTheExactCoordinationsAndShellDeficits) {
  // 6 layers of 4 x 7 cells, 56 atoms a layer, both faces free. A (111) surface atom has 9 nearest
  // neighbours and misses 3 of its 6 second neighbours (3 sit one layer up) and 9 of its 24 third
  // neighbours (6 one layer up, 3 two layers up) and 3 of its 12 fourth neighbours (two layers up); the
  // layer under it misses the 3 third and the 3 fourth neighbours two layers up.
  const auto probes = thermodynamicOccupancies(settings());
  const auto& slab = byName(probes, "probe_flat_111");
  const OccupancyFeatures f = occupancyFeatures(slab.sites);
  EXPECT_EQ(f.counts[9], 2 * 56);
  EXPECT_EQ(f.counts[12], 4 * 56);
  EXPECT_EQ(f.shell_deficit[0], 2 * 56 * 3);
  EXPECT_EQ(f.shell_deficit[1], 2 * 56 * (9 + 3));
  EXPECT_EQ(f.shell_deficit[2], 2 * 56 * (3 + 3));
  // Bond counting: each surface atom has lost 3 bonds, half of each is its own.
  const double eps = 0.14;
  EXPECT_NEAR(SiteEnergyHamiltonian::bondCounting(eps).excessEnergy(f), 2 * 56 * 1.5 * eps, 1e-12);
}

TEST(LatticeHamiltonian, FitRecoversKnownParametersExactlyFromSyntheticEnergies) {
  // A known, non-linear E(n) with both shell terms; energies of the real training occupancies from it.
  SiteEnergyHamiltonian::Excess excess{};
  for (int n = 0; n < kBulkCoordination; ++n) excess[n] = 0.3 * std::pow(12.0 - n, 0.7) + 0.01 * (n % 3);
  const SiteEnergyHamiltonian truth(excess, {0.021, -0.004, 0.003});
  std::vector<EnergySample> samples;
  for (const auto& o : trainingOccupancies(settings())) {
    EnergySample e;
    e.name = o.name;
    e.features = occupancyFeatures(o.sites);
    e.excess_energy_eV = truth.excessEnergy(e.features);
    samples.push_back(e);
  }
  const HamiltonianFit fit = fitSiteEnergies(samples, kPairShells);
  EXPECT_EQ(fit.rank, fit.parameters);
  EXPECT_EQ(fit.parameters, kBulkCoordination + kPairShells);
  for (int n = 0; n <= kBulkCoordination; ++n) EXPECT_NEAR(fit.hamiltonian.siteExcess()[n], excess[n], 1e-9) << n;
  EXPECT_NEAR(fit.hamiltonian.shellEnergies()[0], 0.021, 1e-10);
  EXPECT_NEAR(fit.hamiltonian.shellEnergies()[1], -0.004, 1e-10);
  EXPECT_NEAR(fit.hamiltonian.shellEnergies()[2], 0.003, 1e-10);
  const FitErrors err = fitErrors(fit.hamiltonian, samples);
  EXPECT_LT(err.max_abs_eV, 1e-8);
}

TEST(LatticeHamiltonian, UnseenCoordinationsStayUndeterminedAndUnstableSamplesAreNotFitted) {
  EnergySample flat;
  flat.name = "flat";
  flat.features.counts[9] = 10;
  flat.excess_energy_eV = 4.0;
  EnergySample wrong = flat;  // an unstable sample with a wrong energy must not move the fit
  wrong.features.counts[9] = 1;
  wrong.stable = false;
  const HamiltonianFit fit = fitSiteEnergies({flat, wrong});
  EXPECT_NEAR(fit.hamiltonian.siteExcess()[9], 0.4, 1e-12);
  EXPECT_TRUE(fit.determined[9]);
  EXPECT_FALSE(fit.determined[3]);
  EXPECT_TRUE(std::isnan(fit.hamiltonian.siteExcess()[3]));
  EXPECT_EQ(fit.samples, 1);
  EXPECT_THROW(fitSiteEnergies({wrong}), RuntimeError);
}

TEST(HamiltonianDataset, ProbesNameBothStepTypesAndEveryQuantityFindsItsSamples) {
  const auto probes = thermodynamicOccupancies(settings());
  std::set<std::string> names;
  for (const auto& p : probes) EXPECT_TRUE(names.insert(p.name).second) << "duplicate " << p.name;
  for (const char* n : {"probe_triangle_A_n4", "probe_triangle_B_n4", "probe_triangle_A_n7", "probe_triangle_B_n7"})
    EXPECT_EQ(names.count(n), 1u) << n;
  for (const auto& q : thermodynamicQuantities(settings()))
    for (const auto& [name, c] : q.terms) EXPECT_EQ(names.count(name), 1u) << q.name << ": " << name;
  // The held-out configurations are not training configurations.
  std::set<std::string> training;
  for (const auto& t : trainingOccupancies(settings())) training.insert(t.name);
  for (const auto& h : heldOutOccupancies(settings())) EXPECT_EQ(training.count(h.name), 0u) << h.name;
}

TEST(HamiltonianDataset, BondCountingGivesTheTextbookStepAndKinkEnergies) {
  // Nearest-neighbour bond counting: a close-packed step of (111), of either type, leaves two bonds
  // unmade per edge atom (ε_b/2 each), so β = ε_b/b; a kink leaves one, ε_k = ε_b/2. The probes must
  // give these exactly, whatever their size.
  const double eps = 0.2, b = kA0 / std::sqrt(2.0);
  const auto bonds = SiteEnergyHamiltonian::bondCounting(eps);
  std::vector<EnergySample> samples;
  for (const auto& o : thermodynamicOccupancies(settings())) {
    EnergySample e;
    e.name = o.name;
    e.features = occupancyFeatures(o.sites);
    samples.push_back(e);
  }
  const auto energy = [&](const EnergySample& s) { return bonds.excessEnergy(s.features); };
  for (const auto& q : thermodynamicQuantities(settings())) {
    const double v = evaluate(q, samples, energy);
    const double expected = q.name.rfind("kink_", 0) == 0   ? 0.5 * eps
                            : q.name == "step_A_plus_B_111" ? 2.0e3 * eps / b
                            : q.name.rfind("step_", 0) == 0 ? 1.0e3 * eps / b
                                                            : v;
    EXPECT_NEAR(v, expected, 1e-9) << q.name;
  }
}

}  // namespace
}  // namespace surfkmc::atomistic
