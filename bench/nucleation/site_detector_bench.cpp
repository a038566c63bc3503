// SPDX-License-Identifier: MIT
// Site detection on the wires the coupled run analyses every interval: Ag cylinders of D = 5, 10 and
// 20 nm, L = 25 nm (the 20 nm one ≈ 5e5 atoms), as built (pristine facet edges only).
#include <benchmark/benchmark.h>

#include "lattice/wire_builder.hpp"
#include "nucleation/site_detector.hpp"

namespace surfkmc::nucleation {
namespace {

void detectSites(benchmark::State& state) {
  lattice::WireSpec s;
  s.diameter_A = static_cast<double>(state.range(0));
  s.length_A = 250.0;
  const lattice::BuiltWire w = lattice::buildWire(4.0857, s);
  const SiteDetector detector;
  std::int64_t sites = 0;
  for (auto _ : state) {
    const SiteSet set = detector.detect(w.lattice);
    sites = static_cast<std::int64_t>(set.sites.size());
    benchmark::DoNotOptimize(sites);
  }
  state.counters["atoms"] = static_cast<double>(w.lattice.atomCount());
  state.counters["sites"] = static_cast<double>(sites);
  state.counters["atoms_per_s"] =
      benchmark::Counter(static_cast<double>(w.lattice.atomCount()), benchmark::Counter::kIsIterationInvariantRate);
}

BENCHMARK(detectSites)->ArgName("D_A")->Arg(50)->Arg(100)->Arg(200)->Unit(benchmark::kMillisecond);

}  // namespace
}  // namespace surfkmc::nucleation
