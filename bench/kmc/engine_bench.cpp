// SPDX-License-Identifier: MIT
// Events per second on Ag cylinders (5 nm × 10 nm, 20 nm × 25 nm) at 700 K, no load, both selectors.
#include <benchmark/benchmark.h>

#include <memory>

#include "engine_timing.hpp"
#include "kmc/engine.hpp"
#include "test_lattices.hpp"
#include "tests/unit/kmc/bond_counting_sets.hpp"

namespace surfkmc::kmc {
namespace {

using testing::kAgLattice_A;

// Builds the wire once per size, warms it up and times batches of events (engine_timing.hpp).
void engineEvents(benchmark::State& state) {
  lattice::BuiltWire wire = bench::benchWire(state, kAgLattice_A);
  const Selector selector = state.range(2) == 0 ? Selector::kSumTree : Selector::kCompositionRejection;
  Engine engine(wire.lattice, silverParams(700.0), RandomStream(2026, StreamId::kKmc), {.selector = selector});
  bench::timeEvents(state, engine, wire.lattice);
}

// Arguments: diameter [Å], length [Å], selector (0 sum tree, 1 composition–rejection).
BENCHMARK(engineEvents)
    ->ArgNames({"D_A", "L_A", "cr"})
    ->Args({50, 100, 0})
    ->Args({50, 100, 1})
    ->Args({200, 250, 0})
    ->Args({200, 250, 1})
    ->Unit(benchmark::kMillisecond);

}  // namespace
}  // namespace surfkmc::kmc
