// SPDX-License-Identifier: MIT
// The error hierarchy's helpers.
#include "core/error.hpp"

namespace surfkmc {

void require(bool condition, const std::string& message) {
  if (!condition) throw InputError(message);
}

}  // namespace surfkmc
