// SPDX-License-Identifier: MIT
// What to build: the shape of a wire or slab, in ångström, validated.
#pragma once

#include <optional>
#include <string>

namespace surfkmc::lattice {

enum class Shape { kCylinder, kRectangle, kSlab };

/// Parses "cylinder" | "rectangle" | "slab"; nullopt otherwise.
std::optional<Shape> parseShape(const std::string& name);
std::string shapeName(Shape shape);

/// A thinner gauge section in the middle of the wire (the MD's dog-bone): diameter
/// `diameter_A` over `length_A`, the wire's own diameter elsewhere, with a smooth
/// (half-cosine) transition of length `transition_A` on each side.
struct GaugeSpec {
  double diameter_A = 0.0;
  double length_A = 0.0;
  double transition_A = 0.0;
};

/// The default vacuum [Å]; it also fixes the reference registry of every cut (buildWire).
inline constexpr double kDefaultVacuum_A = 8.0;

/// Geometry of the specimen [Å]. A wire is periodic along x ([-1-12]); a slab along x and z with a
/// free (111) surface normal to y.
struct WireSpec {
  Shape shape = Shape::kCylinder;
  double diameter_A = 0.0;   ///< cylinder diameter [Å]
  double width_A = 0.0;      ///< rectangle, along z = [1-10] [Å]
  double thickness_A = 0.0;  ///< rectangle and slab, along y = [111] [Å]
  double length_A = 0.0;     ///< wire length along x [Å] (slab: size_x)
  double size_z_A = 0.0;     ///< slab extent along z [Å]
  std::optional<GaugeSpec> gauge;
  /// Vacuum kept around the solid so atoms can sit on top of the surface [Å]. It pads the box only: the
  /// cut's registry with the lattice does not depend on it (see buildWire).
  double vacuum_A = kDefaultVacuum_A;
  /// Moves the cut's axis (a slab's mid-plane: y only) by 0 or ½ of a repeat cell, a√3 along y = [111] and
  /// a/√2 along z = [1-10], from its reference registry (buildWire); the box stays centred on the axis.
  /// Only the y shift cuts another wire: half a cell along z plus half a cell along x is a lattice vector, so the
  /// z shift translates the same wire (and renumbers its sites).
  double cut_shift_y = 0.0;
  double cut_shift_z = 0.0;

  /// Throws InputError naming the field (without file location; app/ adds it).
  void validate() const;
};

}  // namespace surfkmc::lattice
