// SPDX-License-Identifier: MIT
// Step velocity from a ripening island: a one-layer Ag island beside a straight step on a (111) slab.
// Shared by tests/validation/kmc/step_velocity_test.cpp and tools/kmc/step_velocity.cpp.
#pragma once

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <numbers>
#include <vector>

#include "core/random_stream.hpp"
#include "kmc/energetics_params.hpp"
#include "kmc/engine.hpp"
#include "lattice/lattice.hpp"
#include "lattice/wire_builder.hpp"
#include "test_lattices.hpp"
#include "test_statistics.hpp"

namespace surfkmc::kmc::testing {

/// A (111) slab, 60 Å × 60 Å, 8 Å thick, whose top face carries one extra layer in two pieces: a
/// strip z ∈ [0, 20 Å) across the whole x period (two straight steps along x) and a compact island
/// of radius 9 Å (36 atoms) centred in the uncovered half, 11 Å from either step. Strip and island
/// share one layer, so the island's edge atoms detach onto the terrace between them, and those that
/// reach a step before returning stay there (Gibbs–Thomson: the island's edge has the higher
/// chemical potential). The island shrinks and the steps advance; nothing else changes the layer,
/// because an adatom cannot climb onto or descend from it on the lattice (n = 2 < n_min over its
/// rim).
struct IslandBesideStep {
  lattice::Lattice lattice;
  lattice::Vec3 island_centre{};  // x, z of the island's centre and y of its layer [Å]
  std::int64_t island_atoms = 0;

  /// Atoms of the island's layer within `kCountRadius_A` of its centre (x–z, minimum image): the
  /// island plus any adatom passing; the strip's steps stay ≥ 4 Å further out.
  std::int64_t atomsNearIsland() const {
    const lattice::Vec3 box = lattice.boxLengths();
    std::int64_t n = 0;
    for (lattice::SiteIndex s = 0; s < lattice.siteCount(); ++s) {
      if (!lattice.occupied(s)) continue;
      const lattice::Vec3 q = lattice.position(s);
      if (std::abs(q.y - island_centre.y) > 0.1) continue;
      double dx = q.x - island_centre.x, dz = q.z - island_centre.z;
      dx -= box.x * std::round(dx / box.x);
      dz -= box.z * std::round(dz / box.z);
      n += std::hypot(dx, dz) < kCountRadius_A;
    }
    return n;
  }

  /// Edge radius of a compact island of n atoms, √(n·A_atom/π) [Å], A_atom = a²√3/4 on (111).
  static double edgeRadius(double n) {
    return std::sqrt(n * kAgLattice_A * kAgLattice_A * std::sqrt(3.0) / 4.0 / std::numbers::pi);
  }

  static constexpr double kCountRadius_A = 14.0;
};

namespace detail {

/// Fills the vacant adatom sites (3 occupied neighbours) of the layer at height layer_y: those with x (along_x)
/// or z below band_A make the band, those within 9 Å of out.island_centre in x–z the island (placed after the
/// band, in site order).
inline void placeBandAndIsland(IslandBesideStep& out, double layer_y, bool along_x, double band_A) {
  constexpr double kIslandRadius_A = 9.0;
  lattice::Lattice& lat = out.lattice;
  std::vector<lattice::SiteIndex> band, island;
  for (lattice::SiteIndex s = 0; s < lat.siteCount(); ++s) {
    if (lat.occupied(s) || lat.coordination(s) != 3) continue;
    const lattice::Vec3 q = lat.position(s);
    if (std::abs(q.y - layer_y) > 0.1) continue;
    if ((along_x ? q.x : q.z) < band_A)
      band.push_back(s);
    else if (std::hypot(q.x - out.island_centre.x, q.z - out.island_centre.z) < kIslandRadius_A)
      island.push_back(s);
  }
  for (lattice::SiteIndex s : band) lat.place(s);
  for (lattice::SiteIndex s : island) lat.place(s);
  out.island_atoms = static_cast<std::int64_t>(island.size());
}

}  // namespace detail

inline IslandBesideStep islandBesideStep() {
  constexpr double kStripWidth_A = 20.0;
  IslandBesideStep out{slab111(60.0, 8.0).lattice};
  const lattice::Lattice& lat = out.lattice;
  const double layer_y = lat.position(topSiteWithCoordination(lat, 3)).y;
  const lattice::Vec3 box = lat.boxLengths();
  out.island_centre = {0.5 * box.x, layer_y, 0.5 * (kStripWidth_A + box.z)};
  detail::placeBandAndIsland(out, layer_y, false, kStripWidth_A);
  return out;
}

/// The same ripening on the top (111) facet of an as-cut cylinder wire (diameter_A, periodic length_A along
/// x = [-1-12]), for the step velocity on a wire's facet (issue 16 item 6): one extra layer on the facet in two
/// pieces, a band x ∈ [0, 20 Å) across the whole facet width (two straight steps along z = [1-10], the
/// close-packed direction across the wire) and a compact island of radius 9 Å centred on the facet's middle
/// line in the uncovered length. The facet's own edges are steps down to the next layer, so an atom leaving
/// the island can also end at a facet edge, or cross it (interlayer transits); the rest of the as-cut surface
/// evolves at the same time.
inline IslandBesideStep islandBesideStepOnWire(double diameter_A, double length_A) {
  constexpr double kBandLength_A = 20.0;
  lattice::WireSpec spec;
  spec.diameter_A = diameter_A;
  spec.length_A = length_A;
  IslandBesideStep out{lattice::buildWire(kAgLattice_A, spec).lattice};
  const lattice::Lattice& lat = out.lattice;
  const double layer_y = lat.position(topSiteWithCoordination(lat, 3)).y;
  double z_lo = 1e300, z_hi = -1e300;  // the facet's adatom sites across the wire
  for (lattice::SiteIndex s = 0; s < lat.siteCount(); ++s)
    if (!lat.occupied(s) && lat.coordination(s) == 3 && std::abs(lat.position(s).y - layer_y) <= 0.1) {
      z_lo = std::min(z_lo, lat.position(s).z);
      z_hi = std::max(z_hi, lat.position(s).z);
    }
  out.island_centre = {0.5 * (kBandLength_A + lat.boxLengths().x), layer_y, 0.5 * (z_lo + z_hi)};
  detail::placeBandAndIsland(out, layer_y, true, kBandLength_A);
  return out;
}

/// One ripening run: N(t) at `samples` equally spaced times up to `end_s`, and the half-life.
struct IslandDecay {
  std::vector<double> atoms;    // atomsNearIsland() at t_k = end_s·k/samples, k = 1..samples
  std::vector<double> adatoms;  // atoms with n ≤ 3 at the same times
  double t_half_s = 0.0;        // first time N ≤ N₀/2 (linear between samples); end_s if never
  /// Mean velocity of the island's edge over its first half-life [Å/s]:
  /// (R(N₀) − R(N₀/2)) / t_half = R₀ (1 − 1/√2) / t_half.
  double step_velocity_A_per_s = 0.0;
  std::int64_t events = 0;
  double effective_acceleration = 1.0;
  std::int64_t super_moves = 0;
};

/// One run on the energetics `p` (its temperature and stress; production_energetics.hpp gives the shipped Ag),
/// from the specimen `g` (by default the slab's).
inline IslandDecay runIslandDecay(const EnergeticsParams& p, const EngineOptions& options, double end_s, int samples,
                                  std::uint64_t seed, IslandBesideStep g = islandBesideStep()) {
  Engine e(g.lattice, p, RandomStream(seed, StreamId::kKmc), options);
  const double n0 = static_cast<double>(g.atomsNearIsland());
  IslandDecay out;
  out.t_half_s = end_s;
  double prev_t = 0.0, prev_n = n0;
  for (int k = 1; k <= samples; ++k) {
    const double t = end_s * k / samples;
    e.run({.until_time_s = t});
    const double n = static_cast<double>(g.atomsNearIsland());
    double adatoms = 0.0;
    for (lattice::SiteIndex s = 0; s < g.lattice.siteCount(); ++s)
      adatoms += g.lattice.occupied(s) && g.lattice.coordination(s) <= 3;
    out.atoms.push_back(n);
    out.adatoms.push_back(adatoms);
    if (out.t_half_s == end_s && n <= 0.5 * n0 && prev_n > 0.5 * n0)
      out.t_half_s = prev_t + (t - prev_t) * (prev_n - 0.5 * n0) / (prev_n - n);
    prev_t = t;
    prev_n = n;
  }
  out.step_velocity_A_per_s =
      (IslandBesideStep::edgeRadius(n0) - IslandBesideStep::edgeRadius(0.5 * n0)) / out.t_half_s;
  out.events = e.events();
  out.effective_acceleration = e.accelerationReport().effective_acceleration;
  out.super_moves = e.accelerationReport().super_moves;
  return out;
}

}  // namespace surfkmc::kmc::testing
