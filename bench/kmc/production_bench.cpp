// SPDX-License-Identifier: MIT
// Events per second of the exact engine on the production Ag energetics at 300 K (issue 16's speed
// target): the shipped material's bond counting (ε_b = 0.14 eV, the default) and its hop catalogue with the
// per-hop strain response (kmc.energetics: catalogue), on Ag cylinders of 5 nm × 10 nm and 20 nm × 25 nm,
// composition–rejection (the default selector), no acceleration. engine_bench.cpp measures the test set at
// 700 K instead.
#include <benchmark/benchmark.h>

#include "app/material.hpp"
#include "app/material_loader.hpp"
#include "kmc/engine.hpp"
#include "lattice/wire_builder.hpp"

namespace surfkmc::kmc {
namespace {

/// The shipped Ag material, with its hop catalogue read when `catalogue` (as a scenario asking for it would).
app::Material productionAg(bool catalogue) {
  app::Material m = app::loadMaterialFile(app::materialsDirectory() / "Ag.yaml");
  if (catalogue) m.hop_table = app::loadHopCatalogue(m, EnergeticsParams{}.n_min).table;
  return m;
}

// events_per_s is per CPU second of this thread. The wire is built once per case and warmed up (the pristine
// cut relaxes into a rough surface with another mix of events), then batches of events are timed.
void productionEvents(benchmark::State& state) {
  const app::Material m = productionAg(state.range(2) == 1);
  lattice::WireSpec spec;
  spec.shape = lattice::Shape::kCylinder;
  spec.diameter_A = static_cast<double>(state.range(0));
  spec.length_A = static_cast<double>(state.range(1));
  lattice::BuiltWire wire = lattice::buildWire(m.lattice_constant_A, spec);
  Engine engine(wire.lattice, app::energeticsFor(m, 300.0), RandomStream(2026, StreamId::kKmc));
  constexpr std::int64_t kWarmup = 300'000;
  constexpr std::int64_t kBatch = 100'000;
  engine.run({.max_events = kWarmup});
  std::int64_t events = 0;
  const double t0 = engine.time_s();
  for (auto _ : state) {
    events += engine.run({.max_events = kBatch});
    benchmark::ClobberMemory();
  }
  const double sites = static_cast<double>(wire.lattice.siteCount());
  state.counters["events_per_s"] = benchmark::Counter(static_cast<double>(events), benchmark::Counter::kIsRate);
  // Physical time per event: what a target in simulated seconds costs in events.
  state.counters["sim_s_per_event"] = (engine.time_s() - t0) / static_cast<double>(events > 0 ? events : 1);
  state.counters["sites"] = sites;
  state.counters["mobile"] = static_cast<double>(engine.mobileAtoms());
  state.counters["bytes_per_site"] = static_cast<double>(wire.lattice.bytes() + engine.bytes()) / sites;
}

// Arguments: diameter [Å], length [Å], energetics (0 bond counting, 1 catalogue).
BENCHMARK(productionEvents)
    ->ArgNames({"D_A", "L_A", "catalogue"})
    ->Args({50, 100, 0})
    ->Args({50, 100, 1})
    ->Args({200, 250, 0})
    ->Args({200, 250, 1})
    ->Unit(benchmark::kMillisecond);

}  // namespace
}  // namespace surfkmc::kmc
