// SPDX-License-Identifier: MIT
// An input text file read whole, with its hash for provenance and its lines for error messages.
#pragma once

#include <cstddef>
#include <filesystem>
#include <string>
#include <string_view>

#include "app/source_location.hpp"

namespace surfkmc::app {

/// Largest input file accepted [bytes]: scenarios and materials are a few kB; anything far
/// larger is a wrong path (or a device), not an input.
inline constexpr std::size_t kMaxInputBytes = 1 << 20;
/// Largest data file a material names (the potential's computed barriers, which `surfkmc learn` grows) [bytes].
inline constexpr std::size_t kMaxDataFileBytes = std::size_t{64} << 20;

/// `text` made safe to print in a message: valid UTF-8 kept, tabs as spaces, control bytes and
/// invalid UTF-8 as '?', cut after `max_bytes` with "...".
std::string printableText(std::string_view text, std::size_t max_bytes);

/// The text of one input file. Errors point into it through location().
class SourceFile {
 public:
  /// Reads a regular file. Throws InputError (missing, unreadable, a directory, too large).
  static SourceFile read(const std::filesystem::path& path, std::size_t max_bytes = kMaxInputBytes);
  /// A file already in memory; `path` is only used in messages.
  SourceFile(std::filesystem::path path, std::string text);

  const std::filesystem::path& path() const { return path_; }
  const std::string& text() const { return text_; }
  /// `fnv1a64:` + 16 hex digits of the exact bytes: identifies the input in every output.
  std::string hash() const;
  /// Line `line` (1-based) made printable (control bytes → '?', long lines cut), or "".
  std::string printableLine(int line) const;
  /// A location from 0-based line and column (yaml-cpp's Mark convention); negative ⇒ whole file.
  SourceLocation location(int line0, int column0) const;

 private:
  std::filesystem::path path_;
  std::string text_;
};

}  // namespace surfkmc::app
