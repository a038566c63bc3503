// SPDX-License-Identifier: MIT
// A nucleation barrier through computed points, interpolated in ln ΔG.
#include "nucleation/barrier_table.hpp"

#include <algorithm>
#include <cmath>
#include <iterator>

#include "core/error.hpp"

namespace surfkmc::nucleation {

BarrierTable BarrierTable::envelope(std::vector<BarrierPoint> points) {
  require(points.size() >= 2, "a tabulated barrier needs at least 2 points, got " + std::to_string(points.size()));
  for (const BarrierPoint& p : points) {
    require(std::isfinite(p.stress_GPa), "a tabulated barrier's stresses must be finite");
    require(std::isfinite(p.barrier_eV) && p.barrier_eV > 0.0, "a tabulated barrier's barriers must be > 0");
  }
  std::sort(points.begin(), points.end(),
            [](const BarrierPoint& a, const BarrierPoint& b) { return a.stress_GPa < b.stress_GPa; });
  BarrierTable t;
  double lowest = points.front().barrier_eV;
  for (const BarrierPoint& p : points) {
    require(t.stress_GPa_.empty() || p.stress_GPa > t.stress_GPa_.back(), "a tabulated barrier's stresses must differ");
    lowest = std::min(lowest, p.barrier_eV);
    t.stress_GPa_.push_back(p.stress_GPa);
    t.barrier_eV_.push_back(lowest);
    t.ln_barrier_.push_back(std::log(lowest));
  }
  return t;
}

void BarrierTable::validate(const std::string& name) const {
  require(
      stress_GPa_.size() >= 2 && barrier_eV_.size() == stress_GPa_.size() && ln_barrier_.size() == stress_GPa_.size(),
      name + " needs at least 2 points");
  for (std::size_t i = 0; i < stress_GPa_.size(); ++i) {
    require(std::isfinite(stress_GPa_[i]) && (i == 0 || stress_GPa_[i] > stress_GPa_[i - 1]),
            name + ": stresses must be finite and increasing");
    require(std::isfinite(barrier_eV_[i]) && barrier_eV_[i] > 0.0 && (i == 0 || barrier_eV_[i] <= barrier_eV_[i - 1]),
            name + ": barriers must be > 0 and non-increasing with stress");
  }
}

double BarrierTable::energy_eV(double stress_GPa) const {
  // The interval whose line gives ln ΔG: the one containing σ, or the end one on the side σ lies outside.
  const auto upper = std::upper_bound(stress_GPa_.begin() + 1, stress_GPa_.end() - 1, stress_GPa);
  const auto i = static_cast<std::size_t>(std::distance(stress_GPa_.begin(), upper)) - 1;
  const double slope = (ln_barrier_[i + 1] - ln_barrier_[i]) / (stress_GPa_[i + 1] - stress_GPa_[i]);
  return std::exp(ln_barrier_[i] + slope * (stress_GPa - stress_GPa_[i]));
}

}  // namespace surfkmc::nucleation
