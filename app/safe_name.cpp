// SPDX-License-Identifier: MIT
// Names that become file or folder names.
#include "app/safe_name.hpp"

#include <algorithm>

namespace surfkmc::app {

bool isSafeName(std::string_view name) {
  if (name.empty() || name.size() > kMaxSafeNameLength || name.front() == '.') return false;
  return std::all_of(name.begin(), name.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' || c == '-' ||
           c == '.';
  });
}

}  // namespace surfkmc::app
