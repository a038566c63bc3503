// SPDX-License-Identifier: MIT
// The replicas of a sweep as markers on its figures.
#include "app/replica_markers.hpp"

#include "core/units.hpp"

namespace surfkmc::app {
namespace {

/// How a replica ended, as the figures tell it.
enum class Ending { kNucleated, kCrept, kCutShort, kFlowed };

Ending endingOf(const coupling::CoupledResult& r) {
  if (!r.slips.empty()) return Ending::kFlowed;
  if (r.nucleated) return Ending::kNucleated;
  return r.stop_reason == coupling::StopReason::kMaxEvents ? Ending::kCutShort : Ending::kCrept;
}

/// The marker series, in Ending order; empty ones are dropped by appendNonEmpty().
std::vector<Series> markerSeries(const char* what) {
  const auto make = [&](const std::string& label, int pt) {
    Series s;
    s.label = label + what;
    s.style = SeriesStyle::kMarkers;
    s.point_type = pt;
    return s;
  };
  return {make("nucleated", 7), make("crept, no nucleation", 8), make("cut short by max_events", 2),
          make("went on past its first nucleation", 5)};
}

void appendNonEmpty(FigureSpec& figure, std::vector<Series>&& series) {
  for (Series& s : series)
    if (!s.x.empty()) figure.series.push_back(std::move(s));
}

}  // namespace

void addReplicaStrengths(FigureSpec& figure, const SweepPlan& plan,
                         const std::vector<std::vector<ReplicaOutput>>& results) {
  std::vector<Series> markers = markerSeries(" (one replica)");
  for (const SweepPoint& p : plan.points) {
    const double diameter_nm = units::angstromToNm(specimenDiameterA(p.scenario));
    for (const ReplicaOutput& o : results[p.index]) {
      Series& s = markers[static_cast<std::size_t>(endingOf(o.result))];
      s.x.push_back(diameter_nm);
      s.y.push_back(o.result.strength_GPa());
    }
  }
  appendNonEmpty(figure, std::move(markers));
}

void addCurveEnds(FigureSpec& figure, const SweepPlan& plan, const std::vector<std::vector<ReplicaOutput>>& results) {
  std::vector<Series> markers = markerSeries(" (end of curve)");
  markers[static_cast<std::size_t>(Ending::kFlowed)].label = "first nucleation (the run went on to max_strain)";
  for (const SweepPoint& p : plan.points) {
    if (results[p.index].empty() || results[p.index].front().result.samples.empty()) continue;
    const coupling::CoupledResult& r = results[p.index].front().result;
    Series& s = markers[static_cast<std::size_t>(endingOf(r))];
    // Where the curve stopped, or (a run that went on) where it first nucleated.
    s.x.push_back(r.nucleated ? r.yield_strain : r.samples.back().applied_strain);
    s.y.push_back(r.nucleated ? r.yield_stress_GPa : r.samples.back().stress_GPa);
  }
  appendNonEmpty(figure, std::move(markers));
}

}  // namespace surfkmc::app
