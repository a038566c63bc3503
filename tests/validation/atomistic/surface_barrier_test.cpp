// SPDX-License-Identifier: MIT
// CI-NEB barriers of the Wu–Trinkle Ag (and the chosen Pt EAM) against measurements and DFT trends,
// converged with cluster size; every canonical Ag process converges to a stable pair of end states.
#include <gtest/gtest.h>

#include <cmath>

#include "atomistic/crystal_properties.hpp"
#include "atomistic/surface_processes.hpp"
#include "tests/unit/atomistic/ag_model.hpp"

namespace surfkmc::atomistic {
namespace {

const PotentialSpec kPt{"EAM_Dynamo_ZhouWadleyJohnson_2001_Pt__MO_102190350384_005", "Pt"};

BarrierSettings settingsFor(const PotentialSpec& spec, double guess) {
  KimPotential pot(spec);
  BarrierSettings s;
  s.lattice_constant_A = equilibriumLatticeConstant(pot, guess);
  return s;
}

ProcessResult barrierOf(const PotentialSpec& spec, const BarrierSettings& s, const std::string& name) {
  for (const auto& g : canonicalProcesses(s))
    if (g.name == name) return computeBarrier(spec, g, s);
  ADD_FAILURE() << "no process " << name;
  return {};
}

TEST(SurfaceBarriers, AgHopsAgainstMeasurements) {
  const BarrierSettings s = settingsFor(test::agModel(), 4.09);
  const ProcessResult h100 = computeBarrier(test::agModel(), hop100(s.lattice_constant_A, s.terrace_100), s);
  ASSERT_TRUE(h100.converged && h100.end_states_stable);
  // Ag on Ag(100): 0.40 ± 0.05 eV (onset of diffusion at 160 K, low-energy ion scattering; Langelaar &
  // Boerma). Band: three standard errors of that measurement.
  EXPECT_NEAR(h100.barrier_forward_eV, 0.40, 3 * 0.05);
  const ProcessResult h111 = computeBarrier(test::agModel(), hop111(s.lattice_constant_A, s.terrace_111), s);
  ASSERT_TRUE(h111.converged && h111.end_states_stable);
  // Ag on Ag(111): 97 ± 10 meV (STM island densities, Brune group, EPFL record 135767). Embedded-atom
  // models are known to fall short of measured (111) barriers (Feibelman, Nelson & Kellogg, PRB 49,
  // 10548 (1994) found < 1 meV for Pt), so this is a magnitude check, not a validation of accuracy: the
  // static barrier must lie within a factor 2 of the measured activation energy. Wu–Trinkle gives
  // 64–68 meV (docs/atomistic.md), 30 % below the measurement.
  const double effective = std::max(h111.barrier_forward_eV, h111.barrier_backward_eV);
  EXPECT_GT(effective, 0.097 / 2);
  EXPECT_LT(effective, 0.097 * 2);
}

TEST(SurfaceBarriers, AgPrefersHopAndPtPrefersExchangeOn100) {
  // DFT: exchange beats the hop on (100) only for the late 5d metals (Pt, Ir, Au), not for Ag (Yu &
  // Scheffler, PRB 56, R15569 (1997)); FIM sees Pt/Pt(100) move by exchange at 0.47 eV (Kellogg &
  // Feibelman, PRL 64, 3143 (1990)).
  const BarrierSettings ag = settingsFor(test::agModel(), 4.09);
  const ProcessResult ag_hop = barrierOf(test::agModel(), ag, "100_hop");
  const ProcessResult ag_exchange = barrierOf(test::agModel(), ag, "100_exchange");
  EXPECT_LT(ag_hop.barrier_forward_eV, ag_exchange.barrier_forward_eV);
  const BarrierSettings pt = settingsFor(kPt, 3.92);
  const ProcessResult pt_hop = barrierOf(kPt, pt, "100_hop");
  const ProcessResult pt_exchange = barrierOf(kPt, pt, "100_exchange");
  EXPECT_LT(pt_exchange.barrier_forward_eV, pt_hop.barrier_forward_eV);
  ASSERT_TRUE(pt_exchange.converged && pt_exchange.end_states_stable);
}

TEST(SurfaceBarriers, ConvergedWithClusterSize) {
  // Slabs growing in all three directions; the last two sizes must agree within 5 meV (issue 15).
  const BarrierSettings s = settingsFor(test::agModel(), 4.09);
  const double a = s.lattice_constant_A;
  std::vector<double> e111, e100;
  for (int n : {4, 5, 6}) {
    e111.push_back(computeBarrier(test::agModel(), hop111(a, {n, (7 * n + 3) / 4, n + 2, 2}), s).barrier_forward_eV);
    e100.push_back(computeBarrier(test::agModel(), hop100(a, {2 * n - 1, 2 * n - 1, n + 2, 2}), s).barrier_forward_eV);
  }
  EXPECT_LT(std::abs(e111[2] - e111[1]), 0.005);
  EXPECT_LT(std::abs(e100[2] - e100[1]), 0.005);
  // The default sizes of BarrierSettings are the n = 4 ones: within 5 meV of the largest too.
  EXPECT_LT(std::abs(e111[0] - e111[2]), 0.005);
  EXPECT_LT(std::abs(e100[0] - e100[2]), 0.005);
}

TEST(SurfaceBarriers, OpenClusterWithHeldShellConvergesToThePeriodicSlab) {
  // The same hops on open balls cut from a large slab (free radius R, held shell 6.5 Å > the 6.0 Å
  // cutoff): R = 10 and 12 Å agree within 5 meV, and R = 12 Å agrees with the periodic slab within 5 meV.
  const BarrierSettings s = settingsFor(test::agModel(), 4.09);
  const double a = s.lattice_constant_A;
  const ProcessGeometry h111 = hop111(a, {8, 14, 9, 2}), h100 = hop100(a, {14, 14, 9, 2});
  const double slab111 = computeBarrier(test::agModel(), hop111(a, s.terrace_111), s).barrier_forward_eV;
  const double slab100 = computeBarrier(test::agModel(), hop100(a, s.terrace_100), s).barrier_forward_eV;
  std::vector<double> e111, e100;
  for (double r : {10.0, 12.0}) {
    const ProcessResult c111 = computeBarrier(test::agModel(), cutProcess(h111, r, 6.5), s);
    const ProcessResult c100 = computeBarrier(test::agModel(), cutProcess(h100, r, 6.5), s);
    ASSERT_TRUE(c111.converged && c111.end_states_stable && c100.converged && c100.end_states_stable);
    e111.push_back(c111.barrier_forward_eV);
    e100.push_back(c100.barrier_forward_eV);
  }
  EXPECT_LT(std::abs(e111[1] - e111[0]), 0.005);
  EXPECT_LT(std::abs(e100[1] - e100[0]), 0.005);
  EXPECT_LT(std::abs(e111[1] - slab111), 0.005);
  EXPECT_LT(std::abs(e100[1] - slab100), 0.005);
}

TEST(SurfaceBarriers, EveryCanonicalAgProcessConverges) {
  const BarrierSettings s = settingsFor(test::agModel(), 4.09);
  const auto results = computeBarriers(test::agModel(), canonicalProcesses(s), s, 1);
  EXPECT_EQ(results.size(), 17u);
  for (const auto& r : results) {
    EXPECT_TRUE(r.converged) << r.name;
    EXPECT_TRUE(r.end_states_stable) << r.name;
    EXPECT_LT(r.max_residual_force_eV_A, s.neb.force_tolerance) << r.name;
    EXPECT_GT(r.barrier_forward_eV, 0.0) << r.name;
    EXPECT_GT(r.barrier_backward_eV, 0.0) << r.name;
  }
}

}  // namespace
}  // namespace surfkmc::atomistic
