// SPDX-License-Identifier: MIT
// A hop taken from a KMC lattice (hopProcess + cutProcess) gives the barrier the canonical slab gives
// for the same process: the route `surfkmc atomistic hops` uses against the route of docs/atomistic.md.
#include <gtest/gtest.h>

#include <cmath>

#include "atomistic/crystal_properties.hpp"
#include "atomistic/hop_catalogue.hpp"
#include "tests/unit/atomistic/ag_model.hpp"
#include "tests/unit/kmc/test_lattices.hpp"

namespace surfkmc::atomistic {
namespace {

TEST(HopBarriers, FacetAdatomHopFromTheKmcLatticeMatchesTheCanonicalSlab) {
  BarrierSettings s;
  {
    KimPotential pot(test::agModel());
    s.lattice_constant_A = equilibriumLatticeConstant(pot, 4.09);
  }
  // The KMC's (3, 3, 1) hop: an adatom on a (111) slab built at the KMC's lattice constant, cut as the
  // command cuts it (R = 10 Å free, 6.5 Å held). On the lattice it goes fcc → fcc over one atom, through the
  // hcp hollow; the potential's path climbs the fcc → hcp saddle on the way (hcp lies 3 meV below fcc).
  lattice::BuiltWire slab = kmc::testing::slab111(40.0, 14.0);
  const lattice::SiteIndex adatom = kmc::testing::topSiteWithCoordination(slab.lattice, 3);
  slab.lattice.place(adatom);
  const HopEnvironments environments;
  const LatticeHop* hop = nullptr;
  const auto hops = enumerateHops(slab.lattice, environments, 3, 3);
  for (const LatticeHop& h : hops)
    if (h.from == adatom) hop = &h;
  ASSERT_NE(hop, nullptr);
  const ProcessResult cluster =
      computeBarrier(test::agModel(), cutProcess(hopProcess(slab.lattice, *hop, s.lattice_constant_A), 10.0, 6.5), s);
  ASSERT_TRUE(cluster.converged && cluster.end_states_stable);
  // The canonical fcc → hcp hop on the periodic slab. The two routes differ by the cluster cut, which
  // docs/atomistic.md measured at 1.2 meV for R = 10 Å, and by the NEB tolerance (< 0.1 meV); 5 meV is
  // the convergence criterion of the cluster-size tests.
  const ProcessResult slab_hop = computeBarrier(test::agModel(), hop111(s.lattice_constant_A, s.terrace_111), s);
  ASSERT_TRUE(slab_hop.converged && slab_hop.end_states_stable);
  EXPECT_NEAR(cluster.barrier_forward_eV, slab_hop.barrier_forward_eV, 0.005);
  // fcc → fcc: no energy change.
  EXPECT_NEAR(cluster.final_energy_eV, cluster.initial_energy_eV, 0.002);
}

}  // namespace
}  // namespace surfkmc::atomistic
