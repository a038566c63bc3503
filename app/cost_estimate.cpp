// SPDX-License-Identifier: MIT
// `check`'s cost estimate.
#include "app/cost_estimate.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <chrono>

#include "app/progress_meter.hpp"
#include "app/specimen.hpp"
#include "kmc/engine.hpp"

namespace surfkmc::app {
namespace {

using Clock = std::chrono::steady_clock;

std::optional<double> horizonOf(const Scenario& s) {
  if (s.loading) {
    if (s.loading->strain_rate_per_s) return s.loading->max_strain / *s.loading->strain_rate_per_s;
    return s.loading->duration_s;
  }
  if (s.kmc && s.kmc->duration_s) return *s.kmc->duration_s;
  return std::nullopt;
}

}  // namespace

CostEstimate estimateCost(const Scenario& s, double budget_s) {
  CostEstimate c;
  c.horizon_s = horizonOf(s);
  if (!s.kmc || s.ablation == coupling::Ablation::kFrozenSurface) {
    c.has_kmc = false;
    return c;
  }
  lattice::BuiltWire built = buildSpecimen(s);
  kmc::EngineOptions options;
  options.rate_scaling = s.acceleration;
  options.super_moves = s.super_moves;
  kmc::Engine engine(built.lattice, energeticsFor(s.material, s.kmc->temperature_K),
                     RandomStream(s.seed, StreamId::kKmc), options);
  const std::int64_t min_events = s.acceleration.enabled ? 2 * s.acceleration.window_events : 0;
  const auto start = Clock::now();
  double half_time = 0.0;
  std::int64_t half_events = -1;
  while (true) {
    const double wall = std::chrono::duration<double>(Clock::now() - start).count();
    if ((wall >= budget_s && engine.events() >= min_events) || wall >= 5.0 * budget_s) break;
    if (half_events < 0 && wall >= budget_s / 2 && engine.events() >= min_events / 2) {
      half_events = engine.events();
      half_time = engine.time_s();
    }
    kmc::RunLimits chunk;
    chunk.max_events = 1000;
    if (engine.run(chunk) < chunk.max_events) {
      c.frozen = engine.events() == 0;
      break;
    }
  }
  c.wall_timed_s = std::chrono::duration<double>(Clock::now() - start).count();
  c.events_timed = engine.events();
  if (c.frozen || c.events_timed == 0) return c;
  c.events_per_s = static_cast<double>(c.events_timed) / c.wall_timed_s;
  if (half_events < 0 || half_events >= c.events_timed) half_events = 0, half_time = 0.0;
  c.simulated_s_per_event = (engine.time_s() - half_time) / static_cast<double>(c.events_timed - half_events);
  std::optional<double> events;
  if (c.horizon_s && c.simulated_s_per_event > 0.0) events = *c.horizon_s / c.simulated_s_per_event;
  if (s.kmc->max_events) events = std::min(events.value_or(1e300), static_cast<double>(*s.kmc->max_events));
  if (events) {
    // Rate scaling first measures its bias: probes of plain KMC (at about this speed) and their scaled arms.
    const double probe_events = s.acceleration.enabled ? static_cast<double>(s.bias_probe.probes) *
                                                             static_cast<double>(s.bias_probe.plain_events)
                                                       : 0.0;
    c.events = events;
    c.wall_s = (*events + probe_events) / c.events_per_s;
  }
  return c;
}

std::string costText(const CostEstimate& c) {
  if (!c.has_kmc)
    return "no KMC (no kmc: section, or ablation frozen_surface): the loading and nucleation alone take seconds";
  if (c.frozen) return "the surface is frozen at this temperature (no atom can move): the run performs no event";
  std::string t =
      fmt::format("{:.3g} events/s on one thread ({} events timed in {:.2g} s), {:.3g} s simulated per event",
                  c.events_per_s, c.events_timed, c.wall_timed_s, c.simulated_s_per_event);
  if (c.wall_s)
    t += fmt::format(
        "; to the horizon ({}): ~{:.3g} events, ~{} of wall time per replica (rough: rates change as the "
        "surface evolves and the stress rises; nucleation ends a loaded replica sooner)",
        c.horizon_s ? fmt::format("{:.3g} s simulated", *c.horizon_s) : std::string("kmc.max_events"), *c.events,
        *c.wall_s > 2 * 86400.0 ? fmt::format("{:.3g} days", *c.wall_s / 86400.0) : clockText(*c.wall_s));
  return t;
}

}  // namespace surfkmc::app
