// SPDX-License-Identifier: MIT
// Cost of a checkpoint of the KMC state (lattice occupancy + engine) on Ag cylinders of growing
// size: saving (what a running simulation pays per checkpoint) and restoring (once per resume).
#include <benchmark/benchmark.h>

#include "core/binary_reader.hpp"
#include "core/binary_writer.hpp"
#include "kmc/engine.hpp"
#include "lattice/wire_builder.hpp"
#include "test_lattices.hpp"
#include "tests/unit/kmc/bond_counting_sets.hpp"

namespace surfkmc::kmc {
namespace {

using testing::kAgLattice_A;

lattice::BuiltWire wire(benchmark::State& state) {
  lattice::WireSpec spec;
  spec.diameter_A = static_cast<double>(state.range(0));
  spec.length_A = static_cast<double>(state.range(1));
  return lattice::buildWire(kAgLattice_A, spec);
}

EngineOptions accelerated() {
  EngineOptions o;
  o.rate_scaling.enabled = true;
  o.strain_energy.enabled = true;
  return o;
}

void checkpointSave(benchmark::State& state) {
  lattice::BuiltWire w = wire(state);
  Engine engine(w.lattice, silverParams(700.0), RandomStream(1, StreamId::kKmc), accelerated());
  engine.run({.max_events = 100'000});
  std::size_t bytes = 0;
  for (auto _ : state) {
    BinaryWriter out;
    w.lattice.saveOccupancy(out);
    engine.saveState(out);
    bytes = out.bytes().size();
    benchmark::DoNotOptimize(out.bytes().data());
  }
  state.counters["sites"] = static_cast<double>(w.lattice.siteCount());
  state.counters["checkpoint_bytes"] = static_cast<double>(bytes);
}

void checkpointRestore(benchmark::State& state) {
  lattice::BuiltWire w = wire(state);
  Engine engine(w.lattice, silverParams(700.0), RandomStream(1, StreamId::kKmc), accelerated());
  engine.run({.max_events = 100'000});
  BinaryWriter out;
  w.lattice.saveOccupancy(out);
  engine.saveState(out);
  lattice::BuiltWire fresh = wire(state);
  Engine restored(fresh.lattice, silverParams(700.0), RandomStream(1, StreamId::kKmc), accelerated());
  for (auto _ : state) {
    BinaryReader in(out.bytes());
    fresh.lattice.restoreOccupancy(in);
    restored.restoreState(in);
  }
  state.counters["sites"] = static_cast<double>(w.lattice.siteCount());
}

// Arguments: diameter [Å], length [Å] (the engine benchmark's sizes, and a 40 nm wire).
BENCHMARK(checkpointSave)
    ->ArgNames({"D_A", "L_A"})
    ->Args({50, 100})
    ->Args({200, 250})
    ->Args({400, 500})
    ->Unit(benchmark::kMillisecond);
BENCHMARK(checkpointRestore)
    ->ArgNames({"D_A", "L_A"})
    ->Args({50, 100})
    ->Args({200, 250})
    ->Args({400, 500})
    ->Unit(benchmark::kMillisecond);

}  // namespace
}  // namespace surfkmc::kmc
