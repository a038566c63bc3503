// SPDX-License-Identifier: MIT
// Reproducible random streams.
#include "core/random_stream.hpp"

#include "core/binary_reader.hpp"
#include "core/binary_writer.hpp"

namespace surfkmc {
namespace {

// SplitMix64 finaliser (Steele, Lea, Flood 2014): decorrelates nearby integer keys.
std::uint64_t mix(std::uint64_t z) {
  z += 0x9e3779b97f4a7c15ULL;
  z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
  z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
  return z ^ (z >> 31);
}

}  // namespace

RandomStream::RandomStream(std::uint64_t seed, StreamId id, std::uint64_t point, std::uint64_t replica) {
  const std::uint64_t key = mix(mix(mix(seed) ^ point) ^ (replica * 0xd1b54a32d192ed03ULL));
  // pcg64 has 2^127 independent sequences: the stream id and replica pick one, the key the start.
  const pcg_extras::pcg128_t state = (static_cast<pcg_extras::pcg128_t>(mix(key)) << 64) | key;
  const pcg_extras::pcg128_t sequence =
      (static_cast<pcg_extras::pcg128_t>(static_cast<std::uint64_t>(id)) << 64) | mix(key ^ 0x5851f42d4c957f2dULL);
  engine_.seed(state, sequence);
}

void RandomStream::saveState(BinaryWriter& out) const {
  Engine copy = engine_;
  for (const pcg_extras::pcg128_t v : {copy.state(), copy.increment()}) {
    out.write(static_cast<std::uint64_t>(v >> 64));
    out.write(static_cast<std::uint64_t>(v));
  }
}

void RandomStream::restoreState(BinaryReader& in) {
  const auto get = [&in]() {
    const auto hi = in.read<std::uint64_t>();
    const auto lo = in.read<std::uint64_t>();
    return (static_cast<pcg_extras::pcg128_t>(hi) << 64) | lo;
  };
  const pcg_extras::pcg128_t state = get();
  const pcg_extras::pcg128_t increment = get();
  // pcg streams have odd increments; anything else is not a saved stream.
  if ((increment & 1u) == 0u) in.fail("random stream state has an even increment");
  engine_.state() = state;
  engine_.increment() = increment;
}

}  // namespace surfkmc
