// SPDX-License-Identifier: MIT
// A place in an input file, and the one format of located input errors.
#pragma once

#include <filesystem>
#include <string>

namespace surfkmc::app {

/// A 1-based line and column in a text file, with that line's text for the error message.
struct SourceLocation {
  std::filesystem::path file;
  int line = 0;    ///< 1-based; 0 when the error is about the file as a whole
  int column = 0;  ///< 1-based
  std::string line_text;

  /// `file:line:column: key: what`, then the offending line and a caret under the column.
  /// `key` may be empty (errors about the whole document).
  std::string message(const std::string& key, const std::string& what) const;
};

}  // namespace surfkmc::app
