// SPDX-License-Identifier: MIT
// `check`'s cost estimate: events per wall second from a short timing, extrapolated to the run's horizon.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "app/scenario.hpp"

namespace surfkmc::app {

/// What a short timing of a scenario's KMC says about one replica (or one KMC-only run).
struct CostEstimate {
  bool has_kmc = true;  ///< false: a loaded run with a frozen surface (no kmc: section, or ablation frozen_surface)
  bool frozen = false;  ///< no atom can move: the run performs no event
  std::int64_t events_timed = 0;
  double wall_timed_s = 0.0;
  double events_per_s = 0.0;           ///< KMC events per wall second, one thread
  double simulated_s_per_event = 0.0;  ///< over the second half of the timing (after rate scaling adapts)
  std::optional<double> horizon_s;     ///< the longest a replica runs, in simulated time [s]
  std::optional<double> events;        ///< events to the horizon (or the event cap)
  std::optional<double> wall_s;        ///< wall time to the horizon on one thread [s]
};

/// Runs the scenario's KMC on its specimen (at zero stress) for about `budget_s` of wall time, and
/// at least two rate-scaling windows when rate scaling is on, so the time per event is the adapted
/// one. The model: wall time = min(horizon / (simulated time per event), max_events) / (events per
/// wall second), with horizon = max_strain / strain rate (loaded at a rate), loading.duration_s
/// (held stress) or kmc.duration_s (KMC-only). It is rough: the rates change as the surface evolves
/// and the stress rises, and a loaded replica that nucleates ends before its horizon.
CostEstimate estimateCost(const Scenario& s, double budget_s);

/// One line for `check`: the measured rate and the extrapolated time per replica.
std::string costText(const CostEstimate& c);

}  // namespace surfkmc::app
