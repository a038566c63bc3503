// SPDX-License-Identifier: MIT
// Exact binary state for checkpoints.
#include "core/binary_writer.hpp"

#include "core/error.hpp"

namespace surfkmc {

void BinaryWriter::writeString(std::string_view text) {
  write(static_cast<std::uint64_t>(text.size()));
  bytes_.append(text);
}

void BinaryWriter::writeTag(std::string_view tag) {
  if (tag.size() != 4) throw RuntimeError("checkpoint section tags have four characters");
  bytes_.append(tag);
}

}  // namespace surfkmc
