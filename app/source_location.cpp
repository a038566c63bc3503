// SPDX-License-Identifier: MIT
// The one format of located input errors.
#include "app/source_location.hpp"

#include <fmt/format.h>

#include <algorithm>

#include "app/source_file.hpp"

namespace surfkmc::app {

std::string SourceLocation::message(const std::string& key, const std::string& what) const {
  // The path on one printable line: a newline in a file name must not forge a line of the log.
  std::string out = printableText(file.string(), 4096);
  if (line > 0) out += fmt::format(":{}:{}", line, std::max(column, 1));
  out += ": ";
  if (!key.empty()) out += fmt::format("{}: ", key);
  out += what;
  if (line > 0 && !line_text.empty()) {
    const std::string number = std::to_string(line);
    // A caret beyond the printed (possibly shortened) line would point at nothing.
    const auto caret = std::min<std::size_t>(static_cast<std::size_t>(std::max(column, 1)) - 1, line_text.size());
    out += fmt::format("\n  {} | {}\n  {:{}} | {:{}}^", number, line_text, "", number.size(), "", caret);
  }
  return out;
}

}  // namespace surfkmc::app
