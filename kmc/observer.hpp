// SPDX-License-Identifier: MIT
// The interface the engine calls after each event; observers write to caller-owned streams.
#pragma once

namespace surfkmc::kmc {

class Engine;
struct StepResult;

/// Called by Engine::run. Implementations must be cheap in onEvent (most events are not
/// sampled); a run without an observer takes a loop with no call at all.
class Observer {
 public:
  virtual ~Observer() = default;
  /// Before the first event of a run.
  virtual void onStart(const Engine& /*engine*/) {}
  /// After each event; `engine` shows the state after it.
  virtual void onEvent(const Engine& engine, const StepResult& step) = 0;
  /// After the last event of a run (time may have advanced past it to the run's end time).
  virtual void onFinish(const Engine& /*engine*/) {}
};

}  // namespace surfkmc::kmc
