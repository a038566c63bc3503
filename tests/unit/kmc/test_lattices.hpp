// SPDX-License-Identifier: MIT
// Small lattices shared by the kmc tests and benches: (111) slab, island with an adatom, island
// beside a step (island_decay.hpp), (100) surface, rough wire.
#pragma once

#include <cmath>
#include <cstdint>
#include <cstdlib>
#include <vector>

#include "core/random_stream.hpp"
#include "kmc/engine.hpp"
#include "lattice/lattice.hpp"
#include "lattice/wire_builder.hpp"

namespace surfkmc::kmc::testing {

inline constexpr double kAgLattice_A = 4.0857;

/// Cubic half-unit coordinates of site s (from the cell indices and the basis).
inline lattice::CubicVec cubicOf(const lattice::Lattice& lat, lattice::SiteIndex s) {
  const auto c = lat.cellOf(s);
  return lat.frame().basis(lat.basisOf(s)) + lattice::CubicVec{-c[0], -c[0], 2 * c[0]} +
         lattice::CubicVec{2 * c[1], 2 * c[1], 2 * c[1]} + lattice::CubicVec{c[2], -c[2], 0};
}

/// Bit m: neighbour m of s is on the lattice and occupied (the engine's neighbourhood word without its sentinel bits).
inline std::uint32_t occupancyMask(const lattice::Lattice& lat, lattice::SiteIndex s) {
  std::uint32_t mask = 0;
  for (int m = 0; m < lattice::kNeighbourCount; ++m) {
    const lattice::SiteIndex t = lat.neighbour(s, m);
    if (t != lat.sentinel() && lat.occupied(t)) mask |= 1u << m;
  }
  return mask;
}

/// A (111) slab periodic in x and z, thickness `thickness_A`, free faces normal to y.
inline lattice::BuiltWire slab111(double size_A, double thickness_A) {
  lattice::WireSpec s;
  s.shape = lattice::Shape::kSlab;
  s.length_A = size_A;
  s.size_z_A = size_A;
  s.thickness_A = thickness_A;
  return lattice::buildWire(kAgLattice_A, s);
}

/// The vacant site of largest y with exactly `n` occupied neighbours (an adatom site on top).
inline lattice::SiteIndex topSiteWithCoordination(const lattice::Lattice& lat, int n) {
  lattice::SiteIndex best = lat.sentinel();
  double best_y = -1e300;
  for (lattice::SiteIndex s = 0; s < lat.siteCount(); ++s) {
    if (lat.occupied(s) || lat.coordination(s) != n) continue;
    const double y = lat.position(s).y;
    if (y > best_y) {
      best_y = y;
      best = s;
    }
  }
  return best;
}

/// A compact one-layer island (radius 9 Å) on a (111) slab, and an adatom on top of it. On the
/// lattice the adatom cannot step down (the sites over the island's rim have two neighbours, below
/// n_min), so at 300 K it wanders on the island top at ~1e11 hops/s until the island's own atoms,
/// at ~1e5–1e6 events/s, change its rim: the regime where plain KMC spends almost every event on
/// one atom.
struct IslandTop {
  lattice::Lattice lattice;
  lattice::SiteIndex adatom = 0;
};

inline IslandTop islandWithAdatom() {
  lattice::BuiltWire slab = slab111(30.0, 8.0);
  lattice::Lattice& lat = slab.lattice;
  const lattice::Vec3 c = lat.position(topSiteWithCoordination(lat, 3));
  std::vector<lattice::SiteIndex> island;
  for (lattice::SiteIndex s = 0; s < lat.siteCount(); ++s) {
    if (lat.occupied(s) || lat.coordination(s) != 3) continue;
    const lattice::Vec3 q = lat.position(s);
    if (std::abs(q.y - c.y) < 0.1 && std::hypot(q.x - c.x, q.z - c.z) < 9.0) island.push_back(s);
  }
  for (lattice::SiteIndex s : island) lat.place(s);
  IslandTop t{lat, topSiteWithCoordination(lat, 3)};
  t.lattice.place(t.adatom);
  return t;
}

/// A (001) film in a fully periodic box of 6 × 6 × 12 cells (the box period along cubic k is 12
/// half-units, as in tests/unit/lattice/surface_test.cpp): the five layers k mod 12 ∈ {8, ..., 11, 0}.
/// The k = 0 layer is the top (001) terrace; sites with k = 1 are hollow sites (4 occupied
/// neighbours) above it. `top_hollow` gets one such site.
inline lattice::Lattice film100(lattice::SiteIndex& top_hollow) {
  const lattice::Frame f(kAgLattice_A);
  lattice::Lattice lat(f, {6, 6, 12, true, true, true});
  auto kmod = [&](lattice::SiteIndex s) { return ((cubicOf(lat, s).k % 12) + 12) % 12; };
  for (lattice::SiteIndex s = 0; s < lat.siteCount(); ++s) {
    const int k = kmod(s);
    if (k == 0 || k >= 8) lat.place(s);
  }
  top_hollow = lat.sentinel();
  for (lattice::SiteIndex s = 0; s < lat.siteCount() && top_hollow == lat.sentinel(); ++s)
    if (kmod(s) == 1) top_hollow = s;
  return lat;
}

/// A cylinder roughened at random: a fraction of its surface atoms removed and re-placed as
/// adatoms on vacant sites with at least 3 occupied neighbours (so every atom starts able to move
/// or be freed). Deterministic for a given seed.
inline lattice::BuiltWire roughWire(double diameter_A, double length_A, double fraction, std::uint64_t seed) {
  lattice::WireSpec spec;
  spec.diameter_A = diameter_A;
  spec.length_A = length_A;
  lattice::BuiltWire w = lattice::buildWire(kAgLattice_A, spec);
  lattice::Lattice& lat = w.lattice;
  RandomStream rng(seed, StreamId::kTest);
  std::int64_t moved = 0;
  for (lattice::SiteIndex s = 0; s < lat.siteCount(); ++s) {
    if (!lat.occupied(s) || lat.coordination(s) >= 12 || rng.uniform() >= fraction) continue;
    lat.remove(s);
    ++moved;
  }
  while (moved > 0) {
    const auto s = static_cast<lattice::SiteIndex>(rng.below(static_cast<std::uint64_t>(lat.siteCount())));
    if (lat.occupied(s) || lat.coordination(s) < 3) continue;
    lat.place(s);
    --moved;
  }
  return w;
}

/// Rate scaling that acts within a few hundred events and a strain-energy profile that refreshes
/// often: the options under which incremental bookkeeping is most exposed.
inline EngineOptions acceleratedOptions(Selector selector, bool checking = false) {
  EngineOptions o{.selector = selector, .checking = checking};
  o.rate_scaling.enabled = true;
  o.rate_scaling.window_events = 500;
  o.rate_scaling.min_executions = 10;
  o.rate_scaling.buffer = 5.0;
  o.rate_scaling.min_rate_per_s = 1.0;
  o.strain_energy.enabled = true;
  o.strain_energy.stress_refresh_tolerance = 1e-3;
  return o;
}

}  // namespace surfkmc::kmc::testing
