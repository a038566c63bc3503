// SPDX-License-Identifier: MIT
// When an observer takes a sample: every N events and/or every Δt of simulated time.
#pragma once

#include <cstdint>

namespace surfkmc {
class BinaryWriter;
class BinaryReader;
}  // namespace surfkmc

namespace surfkmc::kmc {

/// A sample is due after an event when `every_events` events have passed since the last one, or
/// when the simulated time has reached the next multiple of `every_time_s`. Zero disables a
/// criterion. Time-based samples are taken at the first event at or after the grid time and
/// stamped with that event's time (the state they show is exactly the state at that time).
struct Sampling {
  std::int64_t every_events = 0;
  double every_time_s = 0.0;

  /// Throws InputError if both are zero or either is negative.
  void validate() const;
};

/// Tracks when the next sample of a Sampling is due.
class SampleClock {
 public:
  explicit SampleClock(const Sampling& sampling);
  /// Whether a sample is due now; if so, schedules the next one.
  bool due(std::int64_t events, double time_s) {
    bool is_due = false;
    if (sampling_.every_events > 0 && events >= next_events_) {
      is_due = true;
    }
    if (sampling_.every_time_s > 0.0 && time_s >= next_time_s_) is_due = true;
    if (is_due) schedule(events, time_s);
    return is_due;
  }
  /// Restarts the schedule from (events, time).
  void schedule(std::int64_t events, double time_s);

  /// Writes when the next sample is due; restoreState() reads it back (checkpoints).
  void saveState(BinaryWriter& out) const;
  void restoreState(BinaryReader& in);

 private:
  Sampling sampling_;
  std::int64_t next_events_ = 0;
  double next_time_s_ = 0.0;
};

}  // namespace surfkmc::kmc
