// SPDX-License-Identifier: MIT
// Sites of an FCC box in the wire frame.
#include "lattice/lattice.hpp"

#include <algorithm>
#include <limits>
#include <string>

#include "core/binary_reader.hpp"
#include "core/binary_writer.hpp"
#include "core/error.hpp"

namespace surfkmc::lattice {

Lattice::Lattice(const Frame& frame, const BoxSpec& box) : frame_(frame), box_(box) {
  if (box.cells_x < 1 || box.cells_y < 1 || box.cells_z < 1) throw InputError("box needs ≥ 1 cell per axis");
  // With fewer than 3 cells a periodic axis would list one site twice among a site's neighbours.
  if ((box.periodic_x && box.cells_x < 3) || (box.periodic_y && box.cells_y < 3) || (box.periodic_z && box.cells_z < 3))
    throw InputError("periodic axes need at least 3 cells");
  const long long sites = 1LL * box.cells_x * box.cells_y * box.cells_z * kBasisCount;
  if (sites >= std::numeric_limits<SiteIndex>::max() - 1) throw InputError("box has too many sites");
  site_count_ = static_cast<SiteIndex>(sites);

  neighbours_.resize((static_cast<std::size_t>(site_count_) + 1) * kNeighbourCount);
  coordination_.assign(static_cast<std::size_t>(site_count_) + 1, 0);
  atom_.assign(static_cast<std::size_t>(site_count_) + 1, kNoAtom);
  for (int d = 0; d < kNeighbourCount; ++d) bond_[d] = frame_.toCartesian(kDirections[d]);

  for (int cx = 0; cx < box.cells_x; ++cx)
    for (int cy = 0; cy < box.cells_y; ++cy)
      for (int cz = 0; cz < box.cells_z; ++cz)
        for (int b = 0; b < kBasisCount; ++b) {
          const SiteIndex s = siteAt(cx, cy, cz, b);
          for (int d = 0; d < kNeighbourCount; ++d) {
            const auto shift = frame_.neighbourCellShift(b, d);
            neighbours_[static_cast<std::size_t>(s) * kNeighbourCount + d] =
                siteAt(cx + shift[0], cy + shift[1], cz + shift[2], frame_.neighbourBasis(b, d));
          }
        }
  for (int d = 0; d < kNeighbourCount; ++d)
    neighbours_[static_cast<std::size_t>(site_count_) * kNeighbourCount + d] = site_count_;
}

Vec3 Lattice::boxLengths() const {
  const Vec3 c = frame_.cellLengths();
  return {c.x * box_.cells_x, c.y * box_.cells_y, c.z * box_.cells_z};
}

SiteIndex Lattice::siteAt(int cx, int cy, int cz, int b) const {
  auto wrap = [](int& c, int n, bool periodic) {
    if (c >= 0 && c < n) return true;
    if (!periodic) return false;
    c = ((c % n) + n) % n;
    return true;
  };
  if (!wrap(cx, box_.cells_x, box_.periodic_x) || !wrap(cy, box_.cells_y, box_.periodic_y) ||
      !wrap(cz, box_.cells_z, box_.periodic_z))
    return site_count_;
  return static_cast<SiteIndex>(((1LL * cx * box_.cells_y + cy) * box_.cells_z + cz) * kBasisCount + b);
}

std::array<int, 3> Lattice::cellOf(SiteIndex s) const {
  const long long cell = s / kBasisCount;
  const int cz = static_cast<int>(cell % box_.cells_z);
  const int cy = static_cast<int>((cell / box_.cells_z) % box_.cells_y);
  const int cx = static_cast<int>(cell / (1LL * box_.cells_z * box_.cells_y));
  return {cx, cy, cz};
}

Vec3 Lattice::position(SiteIndex s) const {
  const auto c = cellOf(s);
  const Vec3 len = frame_.cellLengths();
  const Vec3 p = frame_.toCartesian(frame_.basis(basisOf(s)));
  return {p.x + c[0] * len.x, p.y + c[1] * len.y, p.z + c[2] * len.z};
}

void Lattice::relocate(const std::vector<std::pair<SiteIndex, SiteIndex>>& moves) {
  std::vector<std::uint8_t> leaving(static_cast<std::size_t>(site_count_) + 1, 0);
  for (const auto& [from, to] : moves) {
    if (from < 0 || from >= site_count_ || to < 0 || to >= site_count_) throw InvariantError("relocate: not a site");
    if (!occupied(from)) throw InvariantError("relocate: no atom to move");
    if (leaving[static_cast<std::size_t>(from)]) throw InvariantError("relocate: an atom moved twice");
    leaving[static_cast<std::size_t>(from)] = 1;
  }
  std::vector<std::uint8_t> arriving(leaving.size(), 0);
  for (const auto& [from, to] : moves) {
    if ((occupied(to) && !leaving[static_cast<std::size_t>(to)]) || arriving[static_cast<std::size_t>(to)])
      throw InvariantError("relocate: two atoms on one site");
    arriving[static_cast<std::size_t>(to)] = 1;
  }
  std::vector<AtomId> ids;
  ids.reserve(moves.size());
  for (const auto& [from, to] : moves) {
    ids.push_back(atom_[from]);
    atom_[from] = kNoAtom;
    for (int d = 0; d < kNeighbourCount; ++d) --coordination_[neighbour(from, d)];
  }
  for (std::size_t k = 0; k < moves.size(); ++k) {
    const SiteIndex to = moves[k].second;
    atom_[to] = ids[k];
    for (int d = 0; d < kNeighbourCount; ++d) ++coordination_[neighbour(to, d)];
  }
  coordination_[site_count_] = 0;
}

void Lattice::place(SiteIndex s) {
  if (s < 0 || s >= site_count_) throw InvariantError("place: not a site of the box");
  if (occupied(s)) throw InvariantError("place: site already occupied");
  atom_[s] = next_id_++;
  ++atom_count_;
  for (int d = 0; d < kNeighbourCount; ++d) ++coordination_[neighbour(s, d)];
  coordination_[site_count_] = 0;
}

void Lattice::remove(SiteIndex s) {
  if (s < 0 || s >= site_count_) throw InvariantError("remove: not a site of the box");
  if (!occupied(s)) throw InvariantError("remove: site is vacant");
  atom_[s] = kNoAtom;
  --atom_count_;
  for (int d = 0; d < kNeighbourCount; ++d) --coordination_[neighbour(s, d)];
  coordination_[site_count_] = 0;
}

void Lattice::renumberAtoms() {
  next_id_ = 0;
  for (SiteIndex s = 0; s < site_count_; ++s)
    if (atom_[s] != kNoAtom) atom_[s] = next_id_++;
}

void Lattice::saveOccupancy(BinaryWriter& out) const {
  out.writeTag("LATT");
  out.write(static_cast<std::int64_t>(site_count_));
  out.write(next_id_);
  // The sentinel's slot is always empty: only the real sites are written.
  out.reserve(static_cast<std::size_t>(site_count_) * sizeof(AtomId) + 64);
  out.writeVector(atom_.data(), static_cast<std::size_t>(site_count_));
}

void Lattice::restoreOccupancy(BinaryReader& in) {
  in.expectTag("LATT");
  const auto sites = in.read<std::int64_t>();
  if (sites != site_count_)
    in.fail("the lattice has " + std::to_string(sites) + " sites, this specimen " + std::to_string(site_count_));
  const auto next_id = in.read<AtomId>();
  const std::vector<AtomId> atoms = in.readVector<AtomId>();
  if (next_id < 0 || atoms.size() != static_cast<std::size_t>(site_count_)) in.fail("bad occupancy table");
  std::vector<bool> seen(static_cast<std::size_t>(next_id), false);
  for (const AtomId a : atoms) {
    if (a == kNoAtom) continue;
    if (a < 0 || a >= next_id || seen[static_cast<std::size_t>(a)]) in.fail("bad atom id " + std::to_string(a));
    seen[static_cast<std::size_t>(a)] = true;
  }
  std::copy(atoms.begin(), atoms.end(), atom_.begin());
  atom_[static_cast<std::size_t>(site_count_)] = kNoAtom;
  next_id_ = next_id;
  atom_count_ = 0;
  std::fill(coordination_.begin(), coordination_.end(), std::uint8_t{0});
  for (SiteIndex s = 0; s < site_count_; ++s) {
    if (atom_[s] == kNoAtom) continue;
    ++atom_count_;
    for (int d = 0; d < kNeighbourCount; ++d) ++coordination_[neighbour(s, d)];
  }
  coordination_[site_count_] = 0;
}

std::size_t Lattice::bytes() const {
  return neighbours_.capacity() * sizeof(SiteIndex) + coordination_.capacity() + atom_.capacity() * sizeof(AtomId);
}

}  // namespace surfkmc::lattice
