// SPDX-License-Identifier: MIT
// BinaryWriter / BinaryReader: exact round trips, and loud failures on damaged input.
#include <gtest/gtest.h>

#include <array>
#include <cmath>
#include <limits>
#include <string>
#include <vector>

#include "core/binary_reader.hpp"
#include "core/binary_writer.hpp"
#include "core/error.hpp"
#include "core/random_stream.hpp"

namespace surfkmc {
namespace {

TEST(BinaryStream, NumbersVectorsAndTextsComeBackBitForBit) {
  BinaryWriter w;
  w.writeTag("TEST");
  w.write(std::int64_t{-42});
  w.write(0.1 + 0.2);
  w.write(-0.0);
  w.write(std::numeric_limits<double>::denorm_min());
  w.write(std::uint8_t{7});
  w.writeArray(std::array<std::int32_t, 3>{1, -2, 3});
  w.writeVector(std::vector<double>{1.5, std::nextafter(1.0, 2.0)});
  w.writeString(std::string("a\0b", 3));

  BinaryReader r(w.bytes());
  r.expectTag("TEST");
  EXPECT_EQ(r.read<std::int64_t>(), -42);
  EXPECT_EQ(r.read<double>(), 0.1 + 0.2);
  EXPECT_TRUE(std::signbit(r.read<double>()));
  EXPECT_EQ(r.read<double>(), std::numeric_limits<double>::denorm_min());
  EXPECT_EQ(r.read<std::uint8_t>(), 7);
  std::array<std::int32_t, 3> a{};
  r.readArray(a);
  EXPECT_EQ(a, (std::array<std::int32_t, 3>{1, -2, 3}));
  EXPECT_EQ(r.readVector<double>(), (std::vector<double>{1.5, std::nextafter(1.0, 2.0)}));
  EXPECT_EQ(r.readString(), std::string("a\0b", 3));
  EXPECT_NO_THROW(r.expectEnd());
}

TEST(BinaryStream, TruncatedWrongTagAndLeftoverBytesAreInputErrors) {
  BinaryWriter w;
  w.writeTag("ABCD");
  w.writeVector(std::vector<double>{1.0, 2.0, 3.0});
  const std::string bytes = w.bytes();

  BinaryReader wrong_tag(bytes);
  EXPECT_THROW(wrong_tag.expectTag("ABCE"), InputError);

  BinaryReader truncated(std::string_view(bytes).substr(0, bytes.size() - 1));
  truncated.expectTag("ABCD");
  EXPECT_THROW(truncated.readVector<double>(), InputError);

  BinaryReader leftover(bytes);
  leftover.expectTag("ABCD");
  EXPECT_THROW(leftover.expectEnd(), InputError);

  // A huge length must not allocate: it is checked against what is left first.
  BinaryWriter huge;
  huge.write(std::uint64_t{1} << 60);
  BinaryReader h(huge.bytes());
  EXPECT_THROW(h.readVector<double>(), InputError);
  BinaryReader hs(huge.bytes());
  EXPECT_THROW(hs.readString(), InputError);
}

TEST(BinaryStream, RandomStreamStateContinuesTheSameDraws) {
  RandomStream a(9, StreamId::kKmc, 3, 4);
  for (int i = 0; i < 1000; ++i) a.bits();
  BinaryWriter w;
  a.saveState(w);
  RandomStream b(1, StreamId::kTest);
  BinaryReader r(w.bytes());
  b.restoreState(r);
  EXPECT_EQ(a, b);
  for (int i = 0; i < 1000; ++i) ASSERT_EQ(a.bits(), b.bits());
}

}  // namespace
}  // namespace surfkmc
