// SPDX-License-Identifier: MIT
// The allowed interval of a numeric input, and its wording in error messages.
#pragma once

#include <limits>
#include <string>

namespace surfkmc::app {

/// An interval of finite numbers with open or closed ends. NaN and ±inf are never inside.
struct NumberRange {
  double min = -std::numeric_limits<double>::max();
  double max = std::numeric_limits<double>::max();
  bool min_open = false;
  bool max_open = false;

  /// (0, max]
  static NumberRange positive(double max = std::numeric_limits<double>::max()) { return {0.0, max, true, false}; }
  /// [lo, hi]
  static NumberRange closed(double lo, double hi) { return {lo, hi, false, false}; }

  bool contains(double v) const;
  /// "a number > 0 and ≤ 3000" — the "allowed:" part of messages.
  std::string describe() const;
};

}  // namespace surfkmc::app
