// SPDX-License-Identifier: MIT
// One tagged atom's mean square displacement, and how many events every other atom made meanwhile: for
// validations whose theory assumes that only the tagged atom moves, or that compare the rest's activity.
#pragma once

#include <cstdint>
#include <sstream>

#include "kmc/engine.hpp"
#include "kmc/msd_observer.hpp"
#include "kmc/observer.hpp"
#include "kmc/step_result.hpp"

namespace surfkmc::kmc::testing {

class TrackedAtom : public Observer {
 public:
  explicit TrackedAtom(lattice::AtomId id) : id_(id), msd_(sink_, {.every_events = 1'000'000'000}, {id}) {}

  void onStart(const Engine& e) override { msd_.onStart(e); }
  void onEvent(const Engine& e, const StepResult& s) override {
    msd_.onEvent(e, s);
    others_ += s.atom != id_;
  }
  void onFinish(const Engine& e) override { msd_.onFinish(e); }

  /// |Δr|² of the tagged atom since the start [Å²].
  double squareDisplacement() const { return msd_.meanSquareDisplacement(); }
  /// Events of atoms other than the tagged one.
  std::int64_t otherEvents() const { return others_; }

 private:
  lattice::AtomId id_;
  std::ostringstream sink_;
  MsdObserver msd_;
  std::int64_t others_ = 0;
};

}  // namespace surfkmc::kmc::testing
