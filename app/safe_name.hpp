// SPDX-License-Identifier: MIT
// Names that become file or folder names (scenario and material `name`, results folders).
#pragma once

#include <string>
#include <string_view>

namespace surfkmc::app {

/// Longest name accepted [characters].
inline constexpr std::size_t kMaxSafeNameLength = 64;

/// What a safe name may hold, for error messages ("allowed: ...").
inline constexpr const char* kSafeNameRule =
    "1 to 64 letters, digits, '_', '-' or '.', not starting with '.' (it names output files)";

/// True if `name` is 1 to 64 ASCII letters, digits, '_', '-' or '.', and does not start with '.'
/// (so it is never `.`, `..`, a hidden file, a path, an option or text a shell or gnuplot acts on).
bool isSafeName(std::string_view name);

}  // namespace surfkmc::app
