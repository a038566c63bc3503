// SPDX-License-Identifier: MIT
// Extended XYZ frames (OVITO, ASE): lattice vectors, pbc, species, position, id, coordination.
#pragma once

#include <functional>
#include <iosfwd>
#include <string>
#include <vector>

#include "lattice/lattice.hpp"

namespace surfkmc::lattice {

/// An extra integer per-atom column, e.g. a marker for the nucleation site.
struct IntColumn {
  std::string name;
  std::function<int(SiteIndex)> value;
};

/// Writes one frame with the atoms in ascending id order. `info` is appended to the comment line
/// as further key=value pairs (e.g. `time=1.5e-3`).
void writeExtXyz(std::ostream& out, const Lattice& lattice, const std::string& species, const std::string& info = {},
                 const std::vector<IntColumn>& extra = {});

/// One atom as read back from an extXYZ frame.
struct XyzAtom {
  std::string species;
  Vec3 position;
  long long id = 0;
  int coordination = 0;
};

/// A frame as read back: cell diagonal [Å], pbc flags, atoms.
struct XyzFrame {
  Vec3 cell;
  bool pbc[3] = {false, false, false};
  std::vector<XyzAtom> atoms;
};

/// Reads one frame written by writeExtXyz (species, pos, id, coordination first). Throws
/// InputError on malformed text.
XyzFrame readExtXyz(std::istream& in);

}  // namespace surfkmc::lattice
