// SPDX-License-Identifier: MIT
// Reads back what BinaryWriter wrote, checking every length against what is left.
#pragma once

#include <array>
#include <cstdint>
#include <cstring>
#include <string>
#include <string_view>
#include <type_traits>
#include <vector>

namespace surfkmc {

/// A cursor over bytes written by BinaryWriter (which must outlive the reader). Every read that
/// runs past the end, and every tag that does not match, throws InputError ("checkpoint is
/// truncated or corrupt: ..."): checkpoints are input the user hands back to the program.
class BinaryReader {
 public:
  explicit BinaryReader(std::string_view bytes) : bytes_(bytes) {}

  template <class T>
  T read() {
    static_assert(std::is_arithmetic_v<T> || std::is_enum_v<T>, "read() gives numbers; use readVector/readString");
    T value{};
    std::memcpy(&value, take(sizeof(T)), sizeof(T));
    return value;
  }
  template <class T, std::size_t N>
  void readArray(std::array<T, N>& values) {
    for (T& v : values) v = read<T>();
  }
  template <class T>
  std::vector<T> readVector() {
    static_assert(std::is_trivially_copyable_v<T>, "readVector needs plain elements");
    const auto n = read<std::uint64_t>();
    if (n > remaining() / sizeof(T)) fail("a list is longer than the data left");
    std::vector<T> values(static_cast<std::size_t>(n));
    if (!values.empty()) std::memcpy(values.data(), take(values.size() * sizeof(T)), values.size() * sizeof(T));
    return values;
  }
  std::string readString();
  /// Throws unless the next four bytes are `tag`.
  void expectTag(std::string_view tag);
  /// Throws unless every byte was read.
  void expectEnd() const;
  std::size_t remaining() const { return bytes_.size() - pos_; }

  /// Throws InputError("checkpoint is truncated or corrupt: " + what).
  [[noreturn]] void fail(const std::string& what) const;

 private:
  const char* take(std::size_t n);

  std::string_view bytes_;
  std::size_t pos_ = 0;
};

}  // namespace surfkmc
