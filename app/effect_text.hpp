// SPDX-License-Identifier: MIT
// An effect with its standard error as the tables of `compare` print it.
#pragma once

#include <fmt/format.h>

#include <string>

#include "core/statistics.hpp"

namespace surfkmc::app {

/// "+0.057 ± 0.002", with as many decimals as the standard error needs (decimalsFor), and " (paired)" when the
/// error comes from replica-by-replica differences.
inline std::string effectText(double effect, double se, bool paired) {
  const int d = decimalsFor(se);
  return fmt::format("{:+.{}f} ± {:.{}f}{}", effect, d, se, d, paired ? " (paired)" : "");
}

}  // namespace surfkmc::app
