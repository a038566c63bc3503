// SPDX-License-Identifier: MIT
// Measures surface mass transport in the KMC: D_s = Σ_atoms |Δr|² / (4 t N_surface).
#pragma once

#include <cstdint>
#include <vector>

#include "kmc/observer.hpp"
#include "lattice/frame.hpp"

namespace surfkmc {
class BinaryWriter;
class BinaryReader;
}  // namespace surfkmc

namespace surfkmc::kmc {

/// Tracks every atom's unwrapped displacement (sum of its hop vectors). The surface
/// self-diffusivity of Mullins' theory is the tracer diffusivity per surface site:
/// D_s = Σ_i |Δr_i|² / (4 t N_s), with N_s the number of surface sites (4 = 2d, d = 2 for a surface).
class TransportObserver : public Observer {
 public:
  /// `atoms`: number of atom ids (lattice.nextAtomId()); `surface_sites`: N_s.
  TransportObserver(std::int64_t atoms, std::int64_t surface_sites);

  void onEvent(const Engine& engine, const StepResult& step) override;

  /// Σ_i |Δr_i|² since construction [Å²].
  double sumSquareDisplacement() const { return sum_sq_; }
  /// D_s over `elapsed_s` [Å²/s]; 0 before any time has passed.
  double diffusivity(double elapsed_s) const;
  std::int64_t surfaceSites() const { return surface_sites_; }
  void setSurfaceSites(std::int64_t n) { surface_sites_ = n; }

  /// Writes every atom's displacement and the running sum (checkpoints).
  void saveState(BinaryWriter& out) const;
  /// Reads what saveState() wrote for the same number of atom ids (InputError otherwise).
  void restoreState(BinaryReader& in);

 private:
  std::vector<lattice::Vec3> disp_;
  double sum_sq_ = 0.0;
  std::int64_t surface_sites_ = 1;
};

}  // namespace surfkmc::kmc
