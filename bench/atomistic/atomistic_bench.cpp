// SPDX-License-Identifier: MIT
// KIM force evaluations per second against system size, and the wall time of one surface-hop CI-NEB.
#include <benchmark/benchmark.h>

#include "atomistic/crystal_properties.hpp"
#include "atomistic/surface_processes.hpp"

namespace surfkmc::atomistic {
namespace {

const PotentialSpec kAg{"EAM_Dynamo_WuTrinkle_2009_CuAg__MO_270337113239_005", "Ag"};

/// Energy and forces of an n × n × n cubic Ag crystal (4 n³ atoms), periodic: 500 and 5324 atoms.
void BM_ForceEvaluation(benchmark::State& state) {
  const int n = static_cast<int>(state.range(0));
  KimPotential pot(kAg);
  Configuration c = orientedCrystal(4.09, {{{1, 0, 0}, {0, 1, 0}, {0, 0, 1}}}, {n, n, n}, {true, true, true})
                        .configuration([](const Eigen::Vector3d&) { return false; });
  c.positions.row(0).array() += 0.05 * (c.positions.row(1).array() * 1.3).sin();
  Eigen::Matrix3Xd f;
  for (auto _ : state) benchmark::DoNotOptimize(pot.compute(c, &f));
  state.counters["atoms"] = c.size();
  state.counters["evaluations_per_s"] =
      benchmark::Counter(static_cast<double>(state.iterations()), benchmark::Counter::kIsRate);
  state.counters["atom_evaluations_per_s"] =
      benchmark::Counter(static_cast<double>(state.iterations()) * c.size(), benchmark::Counter::kIsRate);
}
BENCHMARK(BM_ForceEvaluation)->Arg(5)->Arg(11)->Unit(benchmark::kMillisecond);

/// One (111) adatom hop (fcc → hcp): relax both end states and run CI-NEB on the default, size-converged
/// slab (337 atoms, 7 images), one thread.
void BM_SurfaceHopNeb(benchmark::State& state) {
  KimPotential pot(kAg);
  BarrierSettings s;
  s.lattice_constant_A = equilibriumLatticeConstant(pot, 4.09);
  const ProcessGeometry g =
      state.range(0) == 111 ? hop111(s.lattice_constant_A, s.terrace_111) : hop100(s.lattice_constant_A, s.terrace_100);
  ProcessResult r;
  for (auto _ : state) r = computeBarrier(kAg, g, s);
  state.counters["atoms"] = r.atoms;
  state.counters["barrier_eV"] = r.barrier_forward_eV;
  state.counters["neb_steps"] = r.neb_steps;
}
BENCHMARK(BM_SurfaceHopNeb)->Arg(111)->Arg(100)->Unit(benchmark::kSecond)->Iterations(3);

}  // namespace
}  // namespace surfkmc::atomistic
