// SPDX-License-Identifier: MIT
// CSV time series of a run: time, events by class, adatoms, surface energy, roughness.
#pragma once

#include <cstdint>
#include <iosfwd>

#include "kmc/event_class.hpp"
#include "kmc/observer.hpp"
#include "kmc/sampling.hpp"

namespace surfkmc {
class BinaryWriter;
class BinaryReader;
}  // namespace surfkmc

namespace surfkmc::kmc {

/// Which distance of surface atoms the roughness is the spread of.
enum class RoughnessMode : std::uint8_t {
  kRadial,  ///< distance from the wire axis (box centre in y and z) [Å]
  kHeight,  ///< |y − box centre in y|, for slabs with (111) faces normal to y [Å]
};

/// One row of the time series.
struct SurfaceSample {
  double time_s = 0.0;
  std::int64_t events = 0;
  EventCounts by_class{};
  /// Atoms with at most 3 occupied neighbours.
  std::int64_t adatoms = 0;
  /// Σ over atoms of (12 − n).
  std::int64_t broken_bonds = 0;
  /// ε_b/2 · broken bonds [eV].
  double surface_energy_eV = 0.0;
  /// Root-mean-square deviation of the surface atoms' distance from its mean [Å].
  double roughness_A = 0.0;
};

/// Measures a SurfaceSample of the engine's current state: O(sites).
SurfaceSample measureSurface(const Engine& engine, RoughnessMode mode);

/// Writes a header at onStart, then one CSV row per sample (and one at onFinish):
/// time_s,events,<class counts...>,adatoms,broken_bonds,surface_energy_eV,roughness_A.
class TimeSeriesObserver : public Observer {
 public:
  TimeSeriesObserver(std::ostream& out, const Sampling& sampling, RoughnessMode mode = RoughnessMode::kRadial);

  void onStart(const Engine& engine) override;
  void onEvent(const Engine& engine, const StepResult& step) override;
  void onFinish(const Engine& engine) override;

  /// The most recent row written.
  const SurfaceSample& last() const { return last_; }
  std::int64_t rows() const { return rows_; }

  /// Writes the sampling schedule and the last row (not the text already written: the caller owns
  /// the stream). A restored observer continues without calling onStart() again.
  void saveState(BinaryWriter& out) const;
  void restoreState(BinaryReader& in);

 private:
  void write(const Engine& engine);

  std::ostream& out_;
  SampleClock clock_;
  RoughnessMode mode_;
  SurfaceSample last_;
  std::int64_t rows_ = 0;
};

}  // namespace surfkmc::kmc
