// SPDX-License-Identifier: MIT
// The cost of keying a hop by its environment (kmc::HopEnvironmentIndex) against keying it by its class
// (n_i, n_j, c), per open hop of an Ag cylinder's surface after a warm-up at 300 K.
#include <benchmark/benchmark.h>

#include <cstdint>
#include <set>
#include <vector>

#include "kmc/energetics.hpp"
#include "kmc/engine.hpp"
#include "kmc/hop_environment_index.hpp"
#include "kmc/hop_walk.hpp"
#include "lattice/wire_builder.hpp"
#include "test_lattices.hpp"
#include "tests/unit/kmc/bond_counting_sets.hpp"

namespace surfkmc::kmc {
namespace {

struct OpenHop {
  std::uint32_t occ_i = 0;
  std::uint32_t occ_j = 0;
  int direction = 0;
};

using testing::occupancyMask;

// Every open hop of every atom with 3–11 neighbours, in site and direction order.
std::vector<OpenHop> openHops(const lattice::Lattice& lat) {
  std::vector<OpenHop> hops;
  for (lattice::SiteIndex s = 0; s < lat.siteCount(); ++s) {
    if (!lat.occupied(s) || lat.coordination(s) < 3 || lat.coordination(s) >= lattice::kNeighbourCount) continue;
    for (int d = 0; d < lattice::kNeighbourCount; ++d) {
      const lattice::SiteIndex t = lat.neighbour(s, d);
      if (t == lat.sentinel() || lat.occupied(t)) continue;
      hops.push_back({occupancyMask(lat, s), occupancyMask(lat, t), d});
    }
  }
  return hops;
}

// Argument: diameter [Å] (L = 100 Å). mode 0: the class index as the engine forms it (popcounts of the masks);
// mode 1: the environment entry, from an index holding every environment the wire offers (a full catalogue).
void hopKey(benchmark::State& state) {
  lattice::WireSpec spec;
  spec.shape = lattice::Shape::kCylinder;
  spec.diameter_A = static_cast<double>(state.range(0));
  spec.length_A = 100.0;
  lattice::BuiltWire wire = lattice::buildWire(testing::kAgLattice_A, spec);
  Engine engine(wire.lattice, silverParams(300.0), RandomStream(2026, StreamId::kKmc));
  engine.run({.max_events = 200'000});
  const std::vector<OpenHop> hops = openHops(wire.lattice);
  std::set<std::uint32_t> keys;
  const HopEnvironmentIndex probe;
  for (const OpenHop& h : hops) keys.insert(HopEnvironmentIndex::pairKey(probe.bits(h.occ_i, h.occ_j, h.direction)));
  const HopEnvironmentIndex index(std::vector<std::uint32_t>(keys.begin(), keys.end()));
  std::array<std::uint32_t, lattice::kNeighbourCount> common{};
  for (int d = 0; d < lattice::kNeighbourCount; ++d)
    for (int m : wire.lattice.frame().commonDirections(d)) common[static_cast<std::size_t>(d)] |= 1u << m;
  const bool environment = state.range(1) == 1;
  for (auto _ : state) {
    std::int64_t sum = 0;
    for (const OpenHop& h : hops) {
      if (environment) {
        sum += index.entry(h.occ_i, h.occ_j, h.direction);
      } else {
        sum += Energetics::index(detail::kPopcount12[h.occ_i], detail::kPopcount12[h.occ_j] - 1,
                                 detail::kPopcount12[h.occ_i & common[static_cast<std::size_t>(h.direction)]]);
      }
    }
    benchmark::DoNotOptimize(sum);
  }
  state.counters["hops_per_s"] =
      benchmark::Counter(static_cast<double>(hops.size()), benchmark::Counter::kIsIterationInvariantRate);
  state.counters["open_hops"] = static_cast<double>(hops.size());
  state.counters["environments"] = static_cast<double>(index.entries());
}

BENCHMARK(hopKey)->ArgNames({"D_A", "env"})->ArgsProduct({{50, 200}, {0, 1}})->Unit(benchmark::kMicrosecond);

}  // namespace
}  // namespace surfkmc::kmc
