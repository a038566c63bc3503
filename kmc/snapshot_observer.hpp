// SPDX-License-Identifier: MIT
// extXYZ frames of the lattice every N events or Δt, through lattice::writeExtXyz.
#pragma once

#include <cstdint>
#include <iosfwd>
#include <string>

#include "kmc/observer.hpp"
#include "kmc/sampling.hpp"

namespace surfkmc {
class BinaryWriter;
class BinaryReader;
}  // namespace surfkmc

namespace surfkmc::kmc {

/// Writes a frame at onStart, at each due sample and at onFinish (unless just written); the
/// comment line carries time_s and events.
class SnapshotObserver : public Observer {
 public:
  SnapshotObserver(std::ostream& out, std::string species, const Sampling& sampling);

  void onStart(const Engine& engine) override;
  void onEvent(const Engine& engine, const StepResult& step) override;
  void onFinish(const Engine& engine) override;

  std::int64_t frames() const { return frames_; }

  /// Writes the sampling schedule and frame bookkeeping (not the frames: the caller owns the
  /// stream). A restored observer continues without calling onStart() again.
  void saveState(BinaryWriter& out) const;
  void restoreState(BinaryReader& in);

 private:
  void write(const Engine& engine);

  std::ostream& out_;
  std::string species_;
  SampleClock clock_;
  std::int64_t frames_ = 0;
  std::int64_t last_events_ = -1;
};

}  // namespace surfkmc::kmc
