// SPDX-License-Identifier: MIT
// The scenario's `geometry:` section: user units (nm) in, lattice::WireSpec (Å) out.
#pragma once

#include "lattice/wire_spec.hpp"

namespace surfkmc::app {

class MapReader;

/// Largest extent accepted for any geometry length [nm]; the builder's site limit is the real
/// bound, this one keeps the arithmetic before it far from overflow.
inline constexpr double kMaxExtent_nm = 1000.0;

/// Reads a `geometry:` map:
///   shape: cylinder | rectangle | slab
///   cylinder:  diameter_nm, length_nm, optional gauge {diameter_nm, length_nm, transition_nm}
///   rectangle: width_nm (along [1-10]), thickness_nm (along [111]), length_nm
///   slab:      size_x_nm, size_z_nm, thickness_nm (periodic in x and z, free (111) surface)
///   optional vacuum_nm (default 0.8) around the solid: padding only, it never changes the cut;
///   optional cut_shift_y, cut_shift_z (0 or 0.5, default 0; a slab has no cut_shift_z): the cut's axis moved
///   by half a repeat cell along [111] and [1-10] from its reference registry.
/// Calls finish() and WireSpec::validate(), both with located errors.
lattice::WireSpec readGeometrySection(MapReader& map);

}  // namespace surfkmc::app
