// SPDX-License-Identifier: MIT
// Shape names and the validation of wire specifications.
#include "lattice/wire_spec.hpp"

#include <cmath>

#include "core/error.hpp"

namespace surfkmc::lattice {

std::optional<Shape> parseShape(const std::string& name) {
  if (name == "cylinder") return Shape::kCylinder;
  if (name == "rectangle") return Shape::kRectangle;
  if (name == "slab") return Shape::kSlab;
  return std::nullopt;
}

std::string shapeName(Shape shape) {
  switch (shape) {
    case Shape::kCylinder:
      return "cylinder";
    case Shape::kRectangle:
      return "rectangle";
    case Shape::kSlab:
      return "slab";
  }
  return "?";
}

void WireSpec::validate() const {
  auto positive = [](double v, const char* what) {
    require(std::isfinite(v) && v > 0.0, std::string(what) + " must be a positive finite length");
  };
  positive(length_A, "length");
  switch (shape) {
    case Shape::kCylinder:
      positive(diameter_A, "diameter");
      break;
    case Shape::kRectangle:
      positive(width_A, "width");
      positive(thickness_A, "thickness");
      break;
    case Shape::kSlab:
      positive(size_z_A, "size_z");
      positive(thickness_A, "thickness");
      require(!gauge, "a slab has no gauge section");
      break;
  }
  require(std::isfinite(vacuum_A) && vacuum_A >= 5.0, "vacuum must be at least 5 Å (two (111) layers)");
  auto halfCell = [](double v, const char* what) {
    require(v == 0.0 || v == 0.5, std::string(what) + " must be 0 or 0.5 (of a cell)");
  };
  halfCell(cut_shift_y, "cut_shift_y");
  halfCell(cut_shift_z, "cut_shift_z");
  require(shape != Shape::kSlab || cut_shift_z == 0.0, "a slab is periodic along z, so cut_shift_z must be 0");
  if (gauge) {
    require(shape == Shape::kCylinder, "a gauge section needs a cylinder");
    positive(gauge->diameter_A, "gauge diameter");
    positive(gauge->length_A, "gauge length");
    require(std::isfinite(gauge->transition_A) && gauge->transition_A >= 0.0, "gauge transition must be ≥ 0");
    require(gauge->diameter_A <= diameter_A, "gauge diameter must not exceed the wire diameter");
    require(gauge->length_A + 2.0 * gauge->transition_A <= length_A,
            "gauge length plus two transitions must fit in the wire length");
  }
}

}  // namespace surfkmc::lattice
