// SPDX-License-Identifier: MIT
// The timing loop the engine benchmarks share: warm the wire up, time batches of events, report counters.
#pragma once

#include <benchmark/benchmark.h>

#include <cstdint>

#include "kmc/engine.hpp"
#include "lattice/wire_builder.hpp"

namespace surfkmc::kmc::bench {

/// A cylinder of the benchmark's first two arguments, diameter and length [Å].
inline lattice::BuiltWire benchWire(const benchmark::State& state, double lattice_constant_A) {
  lattice::WireSpec spec;
  spec.shape = lattice::Shape::kCylinder;
  spec.diameter_A = static_cast<double>(state.range(0));
  spec.length_A = static_cast<double>(state.range(1));
  return lattice::buildWire(lattice_constant_A, spec);
}

/// Warms `engine` up (the pristine cut relaxes into a rough surface with another mix of events), then times
/// batches of events. events_per_s is per CPU second of this thread (the machine is shared, so wall time
/// overstates the cost); sim_s_per_event is the physical time an event advances, what a target in simulated
/// seconds costs in events; bytes_per_site counts the lattice and the engine.
inline void timeEvents(benchmark::State& state, Engine& engine, const lattice::Lattice& lattice) {
  constexpr std::int64_t kWarmup = 300'000;
  constexpr std::int64_t kBatch = 100'000;
  engine.run({.max_events = kWarmup});
  std::int64_t events = 0;
  const double t0 = engine.time_s();
  for (auto _ : state) {
    events += engine.run({.max_events = kBatch});
    benchmark::ClobberMemory();
  }
  const double sites = static_cast<double>(lattice.siteCount());
  state.counters["events_per_s"] = benchmark::Counter(static_cast<double>(events), benchmark::Counter::kIsRate);
  state.counters["sim_s_per_event"] = (engine.time_s() - t0) / static_cast<double>(events > 0 ? events : 1);
  state.counters["sites"] = sites;
  state.counters["atoms"] = static_cast<double>(lattice.atomCount());
  state.counters["mobile"] = static_cast<double>(engine.mobileAtoms());
  state.counters["bytes_per_site"] = static_cast<double>(lattice.bytes() + engine.bytes()) / sites;
}

}  // namespace surfkmc::kmc::bench
