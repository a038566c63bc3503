// SPDX-License-Identifier: MIT
// Reproducible random streams: every stream derives from (seed, stream id, point, replica).
#pragma once

#include <cmath>
#include <cstdint>
#include <pcg_random.hpp>

namespace surfkmc {

class BinaryWriter;
class BinaryReader;

/// Named purposes of random streams, so two consumers never share one.
enum class StreamId : std::uint64_t {
  kKmc = 1,
  kNucleation = 2,
  kBuild = 3,
  kTest = 4,
  kHopSampling = 5,
  /// The rate-scaling bias probes (kmc/rate_scaling_bias.hpp): never the run's own streams.
  kBiasProbe = 6
};

/// A pcg64 stream with the draws the engines need. Same (seed, id, point, replica) ⇒ same draws,
/// whatever the thread or rank that owns it.
class RandomStream {
 public:
  RandomStream(std::uint64_t seed, StreamId id, std::uint64_t point = 0, std::uint64_t replica = 0);

  /// Uniform in (0, 1]: never 0, so −log(u) is finite. 53 random bits.
  double uniformOpenLow() { return (static_cast<double>(engine_() >> 11) + 1.0) * 0x1.0p-53; }
  /// Uniform in [0, 1). 53 random bits.
  double uniform() { return static_cast<double>(engine_() >> 11) * 0x1.0p-53; }
  /// Exp(1) variate.
  double exponential() { return -std::log(uniformOpenLow()); }
  /// Uniform integer in [0, n), without modulo bias.
  std::uint64_t below(std::uint64_t n) { return engine_(n); }
  /// Raw 64 random bits.
  std::uint64_t bits() { return engine_(); }

  /// Exact state as four 64-bit words, for binary checkpoints.
  void saveState(BinaryWriter& out) const;
  void restoreState(BinaryReader& in);

  friend bool operator==(const RandomStream& a, const RandomStream& b) { return a.engine_ == b.engine_; }

 private:
  // pcg64 with access to its 128-bit state and increment: pcg's own stream operators do not
  // compile for 128-bit integers under C++20, so checkpoints write the two words themselves.
  class Engine : public pcg64 {
   public:
    using pcg64::pcg64;
    pcg_extras::pcg128_t& state() { return state_; }
    pcg_extras::pcg128_t& increment() { return inc_; }
  };
  Engine engine_;
};

}  // namespace surfkmc
