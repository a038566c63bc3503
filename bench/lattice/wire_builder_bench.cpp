// SPDX-License-Identifier: MIT
// Building a wire with its neighbour table: time and bytes per site, swept over diameter.
#include <benchmark/benchmark.h>

#include "core/units.hpp"
#include "lattice/wire_builder.hpp"

namespace {

using namespace surfkmc;

void BM_BuildCylinder(benchmark::State& state) {
  lattice::WireSpec spec;
  spec.diameter_A = units::nmToAngstrom(static_cast<double>(state.range(0)));
  spec.length_A = units::nmToAngstrom(static_cast<double>(state.range(1)));
  double sites = 0.0, bytes = 0.0, atoms = 0.0;
  for (auto _ : state) {
    lattice::BuiltWire w = lattice::buildWire(4.0857, spec);
    sites = w.lattice.siteCount();
    bytes = static_cast<double>(w.lattice.bytes());
    atoms = static_cast<double>(w.lattice.atomCount());
    benchmark::DoNotOptimize(w.lattice.atomCount());
  }
  state.counters["sites"] = sites;
  state.counters["atoms"] = atoms;
  state.counters["bytes_per_site"] = bytes / sites;
  state.counters["sites_per_s"] = benchmark::Counter(sites, benchmark::Counter::kIsIterationInvariantRate);
}

BENCHMARK(BM_BuildCylinder)->Args({5, 10})->Args({10, 25})->Args({20, 50})->Unit(benchmark::kMillisecond);

}  // namespace
