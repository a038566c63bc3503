// SPDX-License-Identifier: MIT
// Builds the lattice of a wire or slab from its specification.
#include "lattice/wire_builder.hpp"

#include <cmath>
#include <sstream>
#include <vector>

#include "core/error.hpp"
#include "core/units.hpp"

namespace surfkmc::lattice {
namespace {

int roundCells(double length, double cell) { return std::max(1, static_cast<int>(std::lround(length / cell))); }

/// Where the cut's axis goes along one transverse direction of the box, in cells from its low wall.
struct AxisPlacement {
  int cells = 0;
  double axis_cells = 0.0;
};

// The cut has a registry with the lattice that the vacuum must not change: a cylinder cut about the centre of
// whatever box the vacuum asks for is another wire for each parity of the cell count (found in session 34). The
// reference registry is the centre of the box the default vacuum gives (on a cell wall or mid-cell, by the parity
// of its cell count), moved by `shift` (0 or ½ a cell). The axis is the lowest point of that registry with the
// vacuum below the solid, and the box is centred on it, so that whatever measures from the box's centre (the
// roughness) measures from the axis. With the default vacuum and no shift this is the plain box: the fewest cells
// holding the solid and the vacuum on both sides.
AxisPlacement placeAxis(double solid_A, double vacuum_A, double cell_A, double shift) {
  const double reference = 0.5 * std::ceil((solid_A + 2.0 * kDefaultVacuum_A) / cell_A);
  const double registry = reference + shift;  // a multiple of ½ cell
  const double low = (0.5 * solid_A + vacuum_A) / cell_A;
  constexpr double kRoundoff = 1e-9;  // in cells, far below any site spacing
  const double axis = registry + std::ceil(low - registry - kRoundoff);
  return {static_cast<int>(std::lround(2.0 * axis)), axis};
}

}  // namespace

double radiusAt(const WireSpec& spec, double x_A, double length_A) {
  const double r_end = spec.diameter_A / 2.0;
  if (!spec.gauge) return r_end;
  const double r_g = spec.gauge->diameter_A / 2.0;
  const double centre = length_A / 2.0;
  const double half = spec.gauge->length_A / 2.0;
  const double dist = std::abs(x_A - centre);
  if (dist <= half) return r_g;
  const double t = spec.gauge->transition_A;
  if (dist >= half + t || t <= 0.0) return r_end;
  const double f = (dist - half) / t;  // 0 at the gauge, 1 at the thick end
  return r_g + (r_end - r_g) * 0.5 * (1.0 - std::cos(units::kPi * f));
}

BuiltWire buildWire(double lattice_constant_A, const WireSpec& spec, int min_coordination) {
  spec.validate();
  const Frame frame(lattice_constant_A);
  const Vec3 cell = frame.cellLengths();
  std::ostringstream note;

  BoxSpec box;
  const int cells_x = roundCells(spec.length_A, cell.x);
  box.cells_x = std::max(cells_x, 3);
  const double length = box.cells_x * cell.x;
  note << "length " << units::angstromToNm(spec.length_A) << " nm -> " << units::angstromToNm(length) << " nm ("
       << box.cells_x << " cells of " << units::angstromToNm(cell.x) << " nm along [-1-12])";

  double solid_y = 0.0, solid_z = 0.0, size_z = 0.0;
  switch (spec.shape) {
    case Shape::kCylinder:
      solid_y = solid_z = spec.diameter_A;
      break;
    case Shape::kRectangle:
      solid_y = spec.thickness_A;
      solid_z = spec.width_A;
      break;
    case Shape::kSlab:
      solid_y = spec.thickness_A;
      break;
  }
  const AxisPlacement along_y = placeAxis(solid_y, spec.vacuum_A, cell.y, spec.cut_shift_y);
  AxisPlacement along_z;
  box.cells_y = along_y.cells;
  if (spec.shape == Shape::kSlab) {
    box.periodic_z = true;
    box.cells_z = std::max(3, roundCells(spec.size_z_A, cell.z));
    size_z = box.cells_z * cell.z;
    note << "; size_z " << units::angstromToNm(spec.size_z_A) << " nm -> " << units::angstromToNm(size_z) << " nm";
  } else {
    along_z = placeAxis(solid_z, spec.vacuum_A, cell.z, spec.cut_shift_z);
    box.cells_z = along_z.cells;
  }
  if (spec.cut_shift_y != 0.0 || (spec.cut_shift_z != 0.0 && spec.shape != Shape::kSlab))
    note << "; cut axis moved by (" << spec.cut_shift_y << ", " << spec.cut_shift_z
         << ") of a cell along ([111], [1-10]) from its reference registry";
  const long long sites = 1LL * box.cells_x * box.cells_y * box.cells_z * kBasisCount;
  require(sites <= kMaxSites, "the specimen needs a box of " + std::to_string(sites) + " sites; at most " +
                                  std::to_string(kMaxSites) + " are allowed");

  BuiltWire out{Lattice(frame, box), length, size_z, 0, ""};
  Lattice& lat = out.lattice;
  const double yc = along_y.axis_cells * cell.y, zc = along_z.axis_cells * cell.z;
  for (SiteIndex s = 0; s < lat.siteCount(); ++s) {
    const Vec3 p = lat.position(s);
    const double dy = p.y - yc, dz = p.z - zc;
    bool inside = false;
    switch (spec.shape) {
      case Shape::kCylinder: {
        const double r = radiusAt(spec, p.x, length);
        inside = dy * dy + dz * dz <= r * r;
        break;
      }
      case Shape::kRectangle:
        inside = std::abs(dy) <= spec.thickness_A / 2.0 && std::abs(dz) <= spec.width_A / 2.0;
        break;
      case Shape::kSlab:
        inside = std::abs(dy) <= spec.thickness_A / 2.0;
        break;
    }
    if (inside) lat.place(s);
  }

  // Prune under-coordinated atoms until none is left: they could never move under the hop rule.
  std::vector<SiteIndex> doomed;
  do {
    doomed.clear();
    for (SiteIndex s = 0; s < lat.siteCount(); ++s)
      if (lat.occupied(s) && lat.coordination(s) < min_coordination) doomed.push_back(s);
    for (SiteIndex s : doomed) lat.remove(s);
    out.pruned_atoms += static_cast<long long>(doomed.size());
  } while (!doomed.empty());
  lat.renumberAtoms();
  if (out.pruned_atoms > 0) note << "; " << out.pruned_atoms << " under-coordinated atoms pruned";
  out.rounding_note = note.str();
  return out;
}

}  // namespace surfkmc::lattice
