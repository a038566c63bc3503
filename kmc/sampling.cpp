// SPDX-License-Identifier: MIT
// Sampling schedule of observers.
#include "kmc/sampling.hpp"

#include <cmath>

#include "core/binary_reader.hpp"
#include "core/binary_writer.hpp"
#include "core/error.hpp"

namespace surfkmc::kmc {

void Sampling::validate() const {
  require(every_events >= 0, "every_events must be >= 0");
  require(std::isfinite(every_time_s) && every_time_s >= 0.0, "every_time_s must be finite and >= 0");
  require(every_events > 0 || every_time_s > 0.0, "sampling needs every_events > 0 or every_time_s > 0");
}

SampleClock::SampleClock(const Sampling& sampling) : sampling_(sampling) {
  sampling_.validate();
  schedule(0, 0.0);
}

void SampleClock::schedule(std::int64_t events, double time_s) {
  next_events_ = events + sampling_.every_events;
  if (sampling_.every_time_s > 0.0)
    next_time_s_ = (std::floor(time_s / sampling_.every_time_s) + 1.0) * sampling_.every_time_s;
}

void SampleClock::saveState(BinaryWriter& out) const {
  out.write(next_events_);
  out.write(next_time_s_);
}

void SampleClock::restoreState(BinaryReader& in) {
  next_events_ = in.read<std::int64_t>();
  next_time_s_ = in.read<double>();
}

}  // namespace surfkmc::kmc
