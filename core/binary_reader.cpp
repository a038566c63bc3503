// SPDX-License-Identifier: MIT
// Reads back what BinaryWriter wrote.
#include "core/binary_reader.hpp"

#include "core/error.hpp"

namespace surfkmc {

std::string BinaryReader::readString() {
  const auto n = read<std::uint64_t>();
  if (n > remaining()) fail("a text is longer than the data left");
  return std::string(take(static_cast<std::size_t>(n)), static_cast<std::size_t>(n));
}

void BinaryReader::expectTag(std::string_view tag) {
  if (remaining() < tag.size() || bytes_.substr(pos_, tag.size()) != tag)
    fail("expected section '" + std::string(tag) + "' at byte " + std::to_string(pos_));
  pos_ += tag.size();
}

void BinaryReader::expectEnd() const {
  if (remaining() != 0) fail(std::to_string(remaining()) + " bytes left over after the last section");
}

void BinaryReader::fail(const std::string& what) const {
  throw InputError("checkpoint is truncated or corrupt: " + what);
}

const char* BinaryReader::take(std::size_t n) {
  if (n > remaining())
    fail("it ends early (needed " + std::to_string(n) + " bytes at byte " + std::to_string(pos_) + ")");
  const char* p = bytes_.data() + pos_;
  pos_ += n;
  return p;
}

}  // namespace surfkmc
