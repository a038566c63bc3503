// SPDX-License-Identifier: MIT
// What one KMC event did, and the running totals of a simulation.
#pragma once

#include <cstdint>

#include "kmc/event_class.hpp"
#include "lattice/lattice.hpp"

namespace surfkmc::kmc {

/// One performed hop.
struct StepResult {
  lattice::SiteIndex from = 0;
  lattice::SiteIndex to = 0;
  /// Direction index d (lattice::kDirections) of the hop, so observers can unwrap positions.
  int direction = 0;
  lattice::AtomId atom = lattice::kNoAtom;
  /// Waiting time before this event [s].
  double dt_s = 0.0;
  /// (n_i, n_j, c) of the hop and its class.
  int n_i = 0;
  int n_j = 0;
  int common = 0;
  EventClass event_class = EventClass::kTerraceHop;
  /// A first-passage super-move: the atom went from `from` to `to` through its basin, and `jump` is
  /// that displacement unwrapped [Å] (direction is then meaningless); n_i, n_j, c and the class are
  /// those of its exit hop, or of a terrace hop when it stopped inside the basin.
  bool super_move = false;
  /// An interlayer transit (docs/model.md#interlayer): the atom entered the rim site `via` along
  /// `direction` and went on to `to`, a site that need not neighbour `from`; `jump` is the two bonds
  /// unwrapped [Å]. n_i and c are those of the entering hop, n_j is n of `to` after the move, minus one.
  bool transit = false;
  lattice::SiteIndex via = 0;
  lattice::Vec3 jump{};

  /// The moved atom's displacement, unwrapped [Å].
  lattice::Vec3 displacement(const lattice::Lattice& lattice) const {
    return super_move || transit ? jump : lattice.bondVector(direction);
  }
};

/// Totals since the engine was built: events by class, all events, simulated time [s].
struct EventStatistics {
  EventCounts by_class{};
  std::int64_t events = 0;
  double time_s = 0.0;
  /// Hops whose barrier came from the bond-counting fallback of a barrier table (Energetics::uncatalogued).
  std::int64_t uncatalogued_events = 0;
  /// Interlayer transits performed (counted in `events`), and entries into a rim site that ended back
  /// on the site they started from or beside it (null events: the clock moved, nothing else; not in `events`).
  std::int64_t transits = 0;
  std::int64_t transit_returns = 0;
  /// Hops drawn with stale u_el factors and rejected (null events: the clock moved, nothing else; not in
  /// `events`; Engine, "exact u_el").
  std::int64_t u_el_rejections = 0;
};

/// When Engine::run stops: at `until_time_s` of simulated time [s] or after `max_events` more
/// events, whichever comes first.
struct RunLimits {
  double until_time_s = 1.0e300;
  std::int64_t max_events = INT64_MAX;
};

}  // namespace surfkmc::kmc
