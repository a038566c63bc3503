// SPDX-License-Identifier: MIT
// Events per second of the exact engine on the production Ag energetics at 300 K (issue 16's speed
// target): the shipped material's bond counting (ε_b = 0.14 eV, the default) and its hop catalogue with the
// per-hop strain response (kmc.energetics: catalogue; with and without its interlayer transits; keyed by class and by
// environment), on Ag cylinders of 5
// nm × 10 nm and 20 nm × 25 nm, composition–rejection (the default selector), no acceleration. engine_bench.cpp
// measures the test set at 700 K instead.
#include <benchmark/benchmark.h>

#include "app/material.hpp"
#include "app/material_loader.hpp"
#include "engine_timing.hpp"
#include "kmc/engine.hpp"
#include "production_energetics.hpp"

namespace surfkmc::kmc {
namespace {

// Builds the wire once per case, warms it up and times batches of events (engine_timing.hpp).
void productionEvents(benchmark::State& state) {
  const app::Material m = testing::shippedMaterial("Ag", state.range(2) >= 1, state.range(2) == 3);
  lattice::BuiltWire wire = bench::benchWire(state, m.lattice_constant_A);
  EnergeticsParams p = app::energeticsFor(m, 300.0);
  if (state.range(2) == 2) p.interlayer_transit = false;  // kmc.interlayer: false
  Engine engine(wire.lattice, p, RandomStream(2026, StreamId::kKmc));
  bench::timeEvents(state, engine, wire.lattice);
  // Transits are events; a rim entry that came back is a null event, drawn and performed but not counted.
  const EventStatistics& st = engine.statistics();
  state.counters["transits_per_event"] = static_cast<double>(st.transits) / static_cast<double>(st.events);
  state.counters["returns_per_event"] = static_cast<double>(st.transit_returns) / static_cast<double>(st.events);
  // Environment key: rates set from their priors, a move that took back an earlier one (Engine::ratesRestored).
  state.counters["restored_per_event"] = static_cast<double>(engine.ratesRestored()) / static_cast<double>(st.events);
}

// Arguments: diameter [Å], length [Å], energetics (0 bond counting, 1 catalogue, 2 catalogue without its
// interlayer transits: kmc.interlayer: false, 3 catalogue keyed by environment: kmc.hop_key: environment).
BENCHMARK(productionEvents)
    ->ArgNames({"D_A", "L_A", "catalogue"})
    ->Args({50, 100, 0})
    ->Args({50, 100, 1})
    ->Args({50, 100, 2})
    ->Args({50, 100, 3})
    ->Args({200, 250, 0})
    ->Args({200, 250, 1})
    ->Args({200, 250, 2})
    ->Args({200, 250, 3})
    ->Unit(benchmark::kMillisecond);

}  // namespace
}  // namespace surfkmc::kmc
