// SPDX-License-Identifier: MIT
// Measures surface mass transport in the KMC.
#include "kmc/transport_observer.hpp"

#include <algorithm>
#include <string>
#include <utility>

#include "core/binary_reader.hpp"
#include "core/binary_writer.hpp"
#include "kmc/engine.hpp"
#include "kmc/step_result.hpp"

namespace surfkmc::kmc {

TransportObserver::TransportObserver(std::int64_t atoms, std::int64_t surface_sites)
    : disp_(static_cast<std::size_t>(std::max<std::int64_t>(atoms, 0))),
      surface_sites_(std::max<std::int64_t>(surface_sites, 1)) {}

void TransportObserver::onEvent(const Engine& engine, const StepResult& step) {
  lattice::Vec3& r = disp_[static_cast<std::size_t>(step.atom)];
  const lattice::Vec3 b = step.displacement(engine.lattice());
  // |r + b|² − |r|² = 2 r·b + |b|²: the running sum needs no pass over all atoms.
  sum_sq_ += 2.0 * lattice::dot(r, b) + lattice::norm2(b);
  r += b;
}

double TransportObserver::diffusivity(double elapsed_s) const {
  if (elapsed_s <= 0.0) return 0.0;
  return sum_sq_ / (4.0 * elapsed_s * static_cast<double>(surface_sites_));
}

void TransportObserver::saveState(BinaryWriter& out) const {
  out.writeTag("TRNS");
  out.writeVector(disp_);
  out.write(sum_sq_);
  out.write(surface_sites_);
}

void TransportObserver::restoreState(BinaryReader& in) {
  in.expectTag("TRNS");
  std::vector<lattice::Vec3> disp = in.readVector<lattice::Vec3>();
  if (disp.size() != disp_.size())
    in.fail("displacements of " + std::to_string(disp.size()) + " atoms, this run has " + std::to_string(disp_.size()));
  disp_ = std::move(disp);
  sum_sq_ = in.read<double>();
  surface_sites_ = in.read<std::int64_t>();
}

}  // namespace surfkmc::kmc
