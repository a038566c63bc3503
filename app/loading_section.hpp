// SPDX-License-Identifier: MIT
// The scenario's `loading:` section: strain rate (tension) or a held stress, and where to stop.
#pragma once

#include <optional>

namespace surfkmc::app {

class MapReader;

/// Displacement-controlled tension at `strain_rate_per_s`, or a constant `stress_GPa`.
struct LoadingSection {
  /// Applied strain rate ε̇ [1/s].
  std::optional<double> strain_rate_per_s;
  /// Held axial stress σ [GPa] (for studies and benchmarks; no ramp).
  std::optional<double> stress_GPa;
  /// Applied strain at which a run without nucleation stops.
  double max_strain = 0.1;
  /// At constant stress: how long to hold [s] (the run stops earlier at a nucleation).
  std::optional<double> duration_s;
  /// `until: max_strain`: go on after each nucleation (the dislocation slips across the wire on the
  /// lattice) to max_strain; `until: first_nucleation` (the default): stop at the first one.
  bool until_max_strain = false;
  /// `creep: coble` (the default): diffusional creep ε̇_diff = Aσ with the material's Coble constant C and the
  /// KMC's own D_s (docs/model.md#loading); `creep: none`: no diffusional strain, and C is not used.
  bool coble_creep = true;
  /// Include the strain-energy site term u_el = Ω σ(x)²/2E in the hop barriers (docs/methods.md#stress-and-time).
  bool strain_energy = true;
  /// Largest relative hop-rate error before the u_el profile is recomputed, where the stored factors stand
  /// as they are (with super-moves); without them the kinetics are exact (kmc::Engine, "Exact u_el by rejection").
  double stress_refresh_tolerance = 1.0e-3;

  /// Throws InputError naming the field.
  void validate() const;
};

/// The `creep:` value of a section: "coble" or "none".
inline const char* creepName(const LoadingSection& l) { return l.coble_creep ? "coble" : "none"; }

/// Reads `loading:` (strain_rate_per_s | stress_GPa, max_strain, duration_s, until, creep, ...) with located errors.
LoadingSection readLoadingSection(MapReader& map);

}  // namespace surfkmc::app
