// SPDX-License-Identifier: MIT
// Sites of an FCC box in the wire frame: the neighbour table, occupancy, coordination, atom ids.
#pragma once

#include <array>
#include <cstdint>
#include <utility>
#include <vector>

#include "lattice/frame.hpp"

namespace surfkmc {
class BinaryWriter;
class BinaryReader;
}  // namespace surfkmc

namespace surfkmc::lattice {

using SiteIndex = std::int32_t;
using AtomId = std::int32_t;
inline constexpr AtomId kNoAtom = -1;

/// Size of the box in repeat cells, and which axes wrap around.
struct BoxSpec {
  int cells_x = 1;
  int cells_y = 1;
  int cells_z = 1;
  bool periodic_x = true;
  bool periodic_y = false;
  bool periodic_z = false;
};

/// The site table of an FCC box. Sites are numbered cell by cell (x slowest), 6 per cell.
/// One extra sentinel site stands for "outside the box": it is never occupied, may never
/// receive an atom, and every missing neighbour points to it, so the hot loop needs no bounds tests.
class Lattice {
 public:
  Lattice(const Frame& frame, const BoxSpec& box);

  const Frame& frame() const { return frame_; }
  const BoxSpec& box() const { return box_; }
  /// Box edge lengths [Å].
  Vec3 boxLengths() const;

  /// Number of real sites (the sentinel excluded).
  SiteIndex siteCount() const { return site_count_; }
  /// The sentinel's index (== siteCount()).
  SiteIndex sentinel() const { return site_count_; }

  /// The 12 neighbours of site s, in the order of kDirections.
  const SiteIndex* neighbours(SiteIndex s) const { return &neighbours_[static_cast<std::size_t>(s) * kNeighbourCount]; }
  SiteIndex neighbour(SiteIndex s, int d) const {
    return neighbours_[static_cast<std::size_t>(s) * kNeighbourCount + d];
  }

  bool occupied(SiteIndex s) const { return atom_[s] != kNoAtom; }
  /// Number of occupied nearest neighbours of s (whether or not s itself is occupied).
  int coordination(SiteIndex s) const { return coordination_[s]; }
  /// Id of the atom on s, or kNoAtom.
  AtomId atomAt(SiteIndex s) const { return atom_[s]; }
  /// Raw coordination array (length siteCount() + 1), for hot loops.
  const std::uint8_t* coordinationData() const { return coordination_.data(); }
  const AtomId* atomData() const { return atom_.data(); }

  /// Puts a new atom on vacant site s; ids are handed out in order of placement.
  void place(SiteIndex s);
  /// Removes the atom on s.
  void remove(SiteIndex s);
  /// Moves the atom on `from` to the vacant site `to`, keeping its id. No checks: hot path.
  void move(SiteIndex from, SiteIndex to) {
    atom_[to] = atom_[from];
    atom_[from] = kNoAtom;
    const SiteIndex* nf = neighbours(from);
    const SiteIndex* nt = neighbours(to);
    for (int d = 0; d < kNeighbourCount; ++d) --coordination_[nf[d]];
    for (int d = 0; d < kNeighbourCount; ++d) ++coordination_[nt[d]];
    coordination_[site_count_] = 0;
  }
  /// Moves many atoms at once, each keeping its id: every `from` must be occupied, and every `to`
  /// vacant once all the `from` sites are emptied (a rigid translation of a region, e.g. slip).
  /// Throws InvariantError otherwise, before changing anything. O(moves).
  void relocate(const std::vector<std::pair<SiteIndex, SiteIndex>>& moves);
  /// Gives the atoms ids 0 .. atomCount() − 1 in site order (after building and pruning).
  void renumberAtoms();
  /// Number of atoms on the lattice.
  std::int64_t atomCount() const { return atom_count_; }
  /// Ids are 0 .. nextAtomId() − 1 (some may have been removed).
  AtomId nextAtomId() const { return next_id_; }

  /// Position of site s [Å] in the box, origin at the corner of cell (0,0,0).
  Vec3 position(SiteIndex s) const;
  /// Cell indices and basis of site s.
  std::array<int, 3> cellOf(SiteIndex s) const;
  int basisOf(SiteIndex s) const { return static_cast<int>(s % kBasisCount); }
  /// Site in cell (cx, cy, cz), basis b; wraps periodic axes; sentinel if outside.
  SiteIndex siteAt(int cx, int cy, int cz, int b) const;
  /// Bond vector for direction d [Å].
  Vec3 bondVector(int d) const { return bond_[d]; }

  /// Writes the occupancy (the atom id on every site) and the next atom id, for checkpoints.
  void saveOccupancy(BinaryWriter& out) const;
  /// Replaces the occupancy by one saveOccupancy() wrote for a box of the same size, and recounts
  /// the coordinations: O(sites). Throws InputError if it does not fit this box.
  void restoreOccupancy(BinaryReader& in);

  /// Heap bytes held by the table (neighbours, occupancy, coordination).
  std::size_t bytes() const;

 private:
  Frame frame_;
  BoxSpec box_;
  SiteIndex site_count_ = 0;
  std::vector<SiteIndex> neighbours_;
  std::vector<std::uint8_t> coordination_;
  std::vector<AtomId> atom_;
  std::array<Vec3, kNeighbourCount> bond_{};
  std::int64_t atom_count_ = 0;
  AtomId next_id_ = 0;
};

}  // namespace surfkmc::lattice
