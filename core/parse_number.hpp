// SPDX-License-Identifier: MIT
// Whole-text number parsing (std::from_chars: locale-free, no leading blanks), shared by every reader of
// numbers written by users or by other programs (YAML values, CSV cells, measurement lines, flags, the
// environment).
#pragma once

#include <charconv>
#include <optional>
#include <string_view>
#include <system_error>

namespace surfkmc {

/// Whether a leading '+' is part of the accepted syntax: YAML and CSV allow one, std::from_chars does not.
enum class LeadingPlus { kRejected, kAccepted };

/// `text` read as a T when all of it is one number, else nullopt: empty text, anything left over, a value
/// out of T's range, or (unless accepted) a leading '+' give nullopt. A floating-point result may be
/// infinite or NaN when the text says so ("inf", "nan"); callers that need a finite value check it.
template <class T>
std::optional<T> parseWhole(std::string_view text, LeadingPlus plus = LeadingPlus::kRejected) {
  if (plus == LeadingPlus::kAccepted && !text.empty() && text.front() == '+') text.remove_prefix(1);
  if (text.empty()) return std::nullopt;
  T value{};
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (ec != std::errc() || end != text.data() + text.size()) return std::nullopt;
  return value;
}

}  // namespace surfkmc
