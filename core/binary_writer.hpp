// SPDX-License-Identifier: MIT
// Exact binary state for checkpoints: numbers as their bytes, vectors and strings with a length.
#pragma once

#include <array>
#include <bit>
#include <cstdint>
#include <cstring>
#include <string>
#include <string_view>
#include <type_traits>
#include <vector>

namespace surfkmc {

/// Appends values to a byte buffer exactly as they are in memory (doubles bit for bit), so a state
/// read back by BinaryReader is identical to the one written. Checkpoints are read on the machine
/// type that wrote them (little-endian, IEEE 754); other byte orders are refused at compile time.
class BinaryWriter {
 public:
  static_assert(std::endian::native == std::endian::little, "checkpoints assume a little-endian machine");

  /// An arithmetic or enum value, bit for bit.
  template <class T>
  void write(T value) {
    static_assert(std::is_arithmetic_v<T> || std::is_enum_v<T>, "write() takes numbers; use writeVector/writeString");
    char bytes[sizeof(T)];
    std::memcpy(bytes, &value, sizeof(T));
    bytes_.append(bytes, sizeof(T));
  }
  /// A fixed-size array of numbers, without its length.
  template <class T, std::size_t N>
  void writeArray(const std::array<T, N>& values) {
    for (const T& v : values) write(v);
  }
  /// The length, then the elements (numbers, or plain structs of numbers without padding);
  /// BinaryReader::readVector reads it back.
  template <class T>
  void writeVector(const T* values, std::size_t count) {
    static_assert(std::is_trivially_copyable_v<T>, "writeVector needs plain elements");
    write(static_cast<std::uint64_t>(count));
    if (count > 0) bytes_.append(reinterpret_cast<const char*>(values), count * sizeof(T));
  }
  template <class T>
  void writeVector(const std::vector<T>& values) {
    writeVector(values.data(), values.size());
  }
  /// Room for `bytes` more bytes, so large states grow the buffer once.
  void reserve(std::size_t bytes) { bytes_.reserve(bytes_.size() + bytes); }
  /// The length, then the characters.
  void writeString(std::string_view text);
  /// A four-character section mark that BinaryReader::expectTag checks, so a misread fails loudly.
  void writeTag(std::string_view tag);

  const std::string& bytes() const { return bytes_; }

 private:
  std::string bytes_;
};

}  // namespace surfkmc
