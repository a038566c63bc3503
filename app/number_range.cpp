// SPDX-License-Identifier: MIT
// The allowed interval of a numeric input.
#include "app/number_range.hpp"

#include <cmath>
#include <sstream>

namespace surfkmc::app {
namespace {

constexpr double kUnbounded = std::numeric_limits<double>::max();

std::string shortNumber(double v) {
  std::ostringstream s;
  s.precision(10);
  s << v;
  return s.str();
}

}  // namespace

bool NumberRange::contains(double v) const {
  if (!std::isfinite(v)) return false;
  if (min_open ? !(v > min) : !(v >= min)) return false;
  if (max_open ? !(v < max) : !(v <= max)) return false;
  return true;
}

std::string NumberRange::describe() const {
  std::string out = "a finite number";
  const bool has_min = min > -kUnbounded, has_max = max < kUnbounded;
  if (has_min) out += std::string(min_open ? " > " : " ≥ ") + shortNumber(min);
  if (has_min && has_max) out += " and";
  if (has_max) out += std::string(max_open ? " < " : " ≤ ") + shortNumber(max);
  return out;
}

}  // namespace surfkmc::app
