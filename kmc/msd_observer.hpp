// SPDX-License-Identifier: MIT
// Mean-square displacement of tagged atoms from their unwrapped paths (sum of hop vectors).
#pragma once

#include <cstdint>
#include <iosfwd>
#include <vector>

#include "kmc/observer.hpp"
#include "kmc/sampling.hpp"
#include "lattice/frame.hpp"
#include "lattice/lattice.hpp"

namespace surfkmc::kmc {

/// Accumulates each atom's bond vectors hop by hop, so periodic wrapping never enters, and
/// writes `time_s,events,msd_A2` rows (mean over the tagged atoms of |Δr|² [Å²]).
class MsdObserver : public Observer {
 public:
  /// `tagged` empty means every atom. Atom ids must exist when the run starts.
  MsdObserver(std::ostream& out, const Sampling& sampling, std::vector<lattice::AtomId> tagged = {});

  void onStart(const Engine& engine) override;
  void onEvent(const Engine& engine, const StepResult& step) override;
  void onFinish(const Engine& engine) override;

  /// Unwrapped displacement of atom `id` since onStart [Å].
  lattice::Vec3 displacement(lattice::AtomId id) const { return disp_[static_cast<std::size_t>(id)]; }
  /// Mean over the tagged atoms of |Δr|² [Å²].
  double meanSquareDisplacement() const;

 private:
  void write(const Engine& engine);

  std::ostream& out_;
  SampleClock clock_;
  std::vector<lattice::AtomId> tagged_;
  std::vector<lattice::Vec3> disp_;
  std::int64_t last_events_ = -1;
};

}  // namespace surfkmc::kmc
