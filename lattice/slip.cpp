// SPDX-License-Identifier: MIT
// A full dislocation crossing the wire, as a translation of a slab of the crystal by b.
#include "lattice/slip.hpp"

#include <algorithm>
#include <cmath>
#include <utility>
#include <vector>

#include "core/error.hpp"

namespace surfkmc::lattice {

namespace {

Vec3 unit(Vec3 v) { return (1.0 / norm(v)) * v; }

/// Every {111} normal and <110> direction, up to sign, in cubic half-units.
constexpr std::array<CubicVec, 4> kNormals{{{1, 1, 1}, {-1, 1, 1}, {1, -1, 1}, {1, 1, -1}}};
constexpr std::array<CubicVec, 6> kBurgers{{{1, 1, 0}, {1, -1, 0}, {1, 0, 1}, {1, 0, -1}, {0, 1, 1}, {0, 1, -1}}};

CubicVec negate(CubicVec v) { return {-v.i, -v.j, -v.k}; }
int cubicDot(CubicVec a, CubicVec b) { return a.i * b.i + a.j * b.j + a.k * b.k; }

}  // namespace

std::array<SlipSystem, 2> tensileSlipSystems(const Frame& frame) {
  std::vector<SlipSystem> all;
  for (CubicVec n : kNormals)
    for (CubicVec b : kBurgers) {
      if (cubicDot(n, b) != 0) continue;  // b must lie in the plane
      SlipSystem s;
      s.plane_normal = n;
      s.burgers = b;
      s.unit_normal = unit(frame.toCartesian(n));
      s.burgers_A = frame.toCartesian(b);
      if (s.unit_normal.x < 0.0) {
        s.plane_normal = negate(n);
        s.unit_normal = -1.0 * s.unit_normal;
      }
      if (s.burgers_A.x < 0.0) {
        s.burgers = negate(b);
        s.burgers_A = -1.0 * s.burgers_A;
      }
      s.cos_lambda = s.burgers_A.x / norm(s.burgers_A);
      s.schmid_factor = s.unit_normal.x * s.cos_lambda;
      all.push_back(s);
    }
  if (all.size() != 12) throw InvariantError("FCC has 12 {111}<110> slip systems");
  // Largest Schmid factor first; ties in a fixed order of the cubic indices, so the result is the same everywhere.
  std::stable_sort(all.begin(), all.end(),
                   [](const SlipSystem& a, const SlipSystem& b) { return a.schmid_factor > b.schmid_factor + 1e-12; });
  if (!(std::abs(all[0].schmid_factor - all[1].schmid_factor) < 1e-12 &&
        all[1].schmid_factor > all[2].schmid_factor + 1e-6))
    throw InvariantError("<112> tension should have exactly two most-stressed full slip systems");
  return {all[0], all[1]};
}

double axialOffsetFromPlane(const Lattice& lattice, const SlipSystem& system, SiteIndex through, SiteIndex s) {
  const Vec3 p = lattice.position(through);
  const Vec3 r = lattice.position(s);
  const double length = lattice.boxLengths().x;
  // The plane n · (r − p) = 0 crosses the line of the site (fixed y, z) at the axial offset −n·(r−p)/n_x.
  const double u = dot(system.unit_normal, r - p) / system.unit_normal.x;
  double wrapped = std::fmod(u, length);
  if (wrapped < 0.0) wrapped += length;
  return wrapped;
}

namespace {

/// Offsets from the plane through `through` that applySlip() moves: (c/2, c/2 + ⌊N/2⌋ c); atomic
/// planes sit at whole cells c.
std::pair<double, double> slabBounds(const Lattice& lattice) {
  const BoxSpec& box = lattice.box();
  if (!box.periodic_x) throw InputError("slip needs a box periodic along the wire axis");
  if (box.cells_x < 2) throw InputError("slip needs a wire at least two repeat cells long");
  const double cell = lattice.frame().cellLengths().x;
  return {0.5 * cell, 0.5 * cell + (box.cells_x / 2) * cell};
}

}  // namespace

double lateralMisalignment(const Lattice& lattice, const SlipSystem& system, SiteIndex through) {
  const auto [lower, upper] = slabBounds(lattice);
  double slab_y = 0.0, slab_z = 0.0, rest_y = 0.0, rest_z = 0.0;
  std::int64_t slab = 0, rest = 0;
  for (SiteIndex s = 0; s < lattice.siteCount(); ++s) {
    if (!lattice.occupied(s)) continue;
    const Vec3 r = lattice.position(s);
    const double u = axialOffsetFromPlane(lattice, system, through, s);
    if (u > lower && u < upper) {
      slab_y += r.y;
      slab_z += r.z;
      ++slab;
    } else {
      rest_y += r.y;
      rest_z += r.z;
      ++rest;
    }
  }
  if (slab == 0 || rest == 0) return 0.0;
  const double dy = slab_y / slab + system.burgers_A.y - rest_y / rest;
  const double dz = slab_z / slab + system.burgers_A.z - rest_z / rest;
  return std::hypot(dy, dz);
}

SlipOutcome applySlip(Lattice& lattice, const SlipSystem& system, SiteIndex through) {
  const auto [lower, upper] = slabBounds(lattice);
  const Frame& frame = lattice.frame();

  // Where each basis site goes under b: a cell shift and a basis index (b is a lattice vector).
  std::array<std::array<int, 3>, kBasisCount> shift{};
  std::array<int, kBasisCount> to_basis{};
  for (int k = 0; k < kBasisCount; ++k)
    if (!frame.decompose(frame.basis(k) + system.burgers, shift[k], to_basis[k]))
      throw InvariantError("a Burgers vector a/2<110> must map sites to sites");

  std::vector<std::pair<SiteIndex, SiteIndex>> moves;
  for (SiteIndex s = 0; s < lattice.siteCount(); ++s) {
    if (!lattice.occupied(s)) continue;
    const double u = axialOffsetFromPlane(lattice, system, through, s);
    if (!(u > lower && u < upper)) continue;
    const auto c = lattice.cellOf(s);
    const int b = lattice.basisOf(s);
    const SiteIndex to = lattice.siteAt(c[0] + shift[b][0], c[1] + shift[b][1], c[2] + shift[b][2], to_basis[b]);
    if (to == lattice.sentinel())
      throw RuntimeError(
          "slip would move an atom out of the box: give the specimen more vacuum (geometry.vacuum_nm, default 0.8)");
    moves.emplace_back(s, to);
  }
  lattice.relocate(moves);
  return {static_cast<std::int64_t>(moves.size()), system.burgers_A.x};
}

}  // namespace surfkmc::lattice
