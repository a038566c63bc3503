// SPDX-License-Identifier: MIT
// Events per second on Ag cylinders (5 nm × 10 nm, 20 nm × 25 nm) at 700 K, no load, both selectors.
#include <benchmark/benchmark.h>

#include <memory>

#include "kmc/engine.hpp"
#include "lattice/wire_builder.hpp"
#include "test_lattices.hpp"
#include "tests/unit/kmc/bond_counting_sets.hpp"

namespace surfkmc::kmc {
namespace {

using testing::kAgLattice_A;

// events_per_s is per CPU second of this thread (the machine is shared, so wall time overstates the
// cost). Builds the wire once per size, warms it up (the pristine cut relaxes into a rough surface with
// a different mix of events), then times batches of events.
void engineEvents(benchmark::State& state) {
  lattice::WireSpec spec;
  spec.shape = lattice::Shape::kCylinder;
  spec.diameter_A = static_cast<double>(state.range(0));
  spec.length_A = static_cast<double>(state.range(1));
  lattice::BuiltWire wire = lattice::buildWire(kAgLattice_A, spec);
  const Selector selector = state.range(2) == 0 ? Selector::kSumTree : Selector::kCompositionRejection;
  Engine engine(wire.lattice, silverParams(700.0), RandomStream(2026, StreamId::kKmc), {.selector = selector});
  constexpr std::int64_t kWarmup = 300'000;
  constexpr std::int64_t kBatch = 100'000;
  engine.run({.max_events = kWarmup});
  std::int64_t events = 0;
  for (auto _ : state) {
    events += engine.run({.max_events = kBatch});
    benchmark::ClobberMemory();
  }
  const double sites = static_cast<double>(wire.lattice.siteCount());
  state.counters["events_per_s"] = benchmark::Counter(static_cast<double>(events), benchmark::Counter::kIsRate);
  state.counters["sites"] = sites;
  state.counters["atoms"] = static_cast<double>(wire.lattice.atomCount());
  state.counters["mobile"] = static_cast<double>(engine.mobileAtoms());
  state.counters["bytes_per_site"] = static_cast<double>(wire.lattice.bytes() + engine.bytes()) / sites;
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
