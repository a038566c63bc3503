// SPDX-License-Identifier: MIT
// A full dislocation crossing the wire: the crystal beyond its {111} plane shifts by b = a/2<110>.
#pragma once

#include <array>
#include <cstdint>

#include "lattice/frame.hpp"
#include "lattice/lattice.hpp"

namespace surfkmc::lattice {

/// A {111}<110> slip system in the wire frame.
struct SlipSystem {
  CubicVec plane_normal;       ///< {111} normal in cubic half-units, oriented so that its x component is > 0
  CubicVec burgers;            ///< a/2<110> in cubic half-units, oriented so that b · x > 0 (tension elongates)
  Vec3 unit_normal{};          ///< the plane normal as a unit vector in the wire frame
  Vec3 burgers_A{};            ///< b in the wire frame [Å]
  double schmid_factor = 0.0;  ///< cos φ cos λ for stress along the wire axis x
  double cos_lambda = 0.0;     ///< cos λ between b and the axis: the axial slip is |b| cos λ
};

/// The full-dislocation systems with the largest Schmid factor for tension along x = [-1-12]:
/// (-111)[0-11] and (1-11)[-101], mirror images of each other through the (1-10) plane, each with
/// cos φ = 2/√18, cos λ = √3/2, Schmid factor 1/√6 ≈ 0.408 (computed over all 12 systems, not typed in).
std::array<SlipSystem, 2> tensileSlipSystems(const Frame& frame);

/// What applySlip() did.
struct SlipOutcome {
  std::int64_t atoms_moved = 0;
  /// Axial elongation b · x [Å] that the slip gives the gauge (the loading law's slip strain × L_g).
  double axial_slip_A = 0.0;
};

/// Slips the periodic wire on `system`'s plane through the site `through` (which stays put; the
/// first {111} plane beyond it moves): every atom in the slab that runs forward along +x from that
/// plane for half the box length is translated by b, keeping its id. b is a lattice vector lying in
/// both faces of the slab, so the bulk stays perfect and only the surface changes: a slip step where
/// the plane leaves the surface and, half a box length on, the opposite step of the partner plane.
/// A periodic box of fixed length cannot hold a single offset b: the partner plane takes it up, as
/// the grips do in a tensile test (docs/model.md, "Slip"). Throws RuntimeError if an atom would
/// leave the box (too little vacuum), InputError if the box is not periodic along x or is shorter
/// than two repeat cells.
SlipOutcome applySlip(Lattice& lattice, const SlipSystem& system, SiteIndex through);

/// How far the slab that applySlip(lattice, system, through) would move ends up from the rest of
/// the wire, laterally: |mean(y, z) of the slab's atoms + b⊥ − mean(y, z) of the other atoms| [Å].
/// The run picks the system that keeps this smallest (docs/model.md#slip).
double lateralMisalignment(const Lattice& lattice, const SlipSystem& system, SiteIndex through);

/// Signed distance of site s from the slip plane of `system` through `through`, as the axial offset
/// (along +x, wrapped into [0, L)) from that plane at the site's height [Å]. Planes of atoms sit at
/// whole multiples of the repeat cell a√6/2 for both systems; applySlip() moves offsets in
/// (c/2, c/2 + L/2) with c = a√6/2, rounded down to whole cells.
double axialOffsetFromPlane(const Lattice& lattice, const SlipSystem& system, SiteIndex through, SiteIndex s);

}  // namespace surfkmc::lattice
