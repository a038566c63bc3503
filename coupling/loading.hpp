// SPDX-License-Identifier: MIT
// The loading law (Eq. 1 of Wang et al. 2021): σ̇ = E (ε̇ − ε̇_diff − ε̇_slip), exactly integrated.
#pragma once

#include <optional>

namespace surfkmc {
class BinaryWriter;
class BinaryReader;
}  // namespace surfkmc

namespace surfkmc::coupling {

/// Parameters of displacement-controlled tension (or constant stress) of the gauge section.
struct LoadingParams {
  /// Young's modulus along the wire axis <112> [GPa].
  double youngs_modulus_GPa = 0.0;
  /// Applied strain rate ε̇ [1/s]; 0 with constant_stress_GPa set means constant stress.
  double strain_rate_per_s = 0.0;
  /// Held stress [GPa] for studies at fixed σ (no strain rate then).
  std::optional<double> constant_stress_GPa;
  /// Applied strain at which the run stops without nucleation.
  double max_strain = 0.1;
  /// Geometric constant C of the Coble-type creep law (dimensionless).
  double coble_constant = 0.0;
  /// Diameter entering the creep law [Å].
  double diameter_A = 0.0;
  /// Atomic volume Ω_at [Å³].
  double atomic_volume_A3 = 0.0;
  /// Surface atoms per area ν_s [1/Å²].
  double surface_site_density_per_A2 = 0.0;
  /// Temperature [K].
  double temperature_K = 300.0;
  /// Gauge length over which a slip event spreads its strain [Å].
  double gauge_length_A = 0.0;

  /// Throws InputError naming the first bad field.
  void validate() const;
};

/// The state of the loading law: applied, diffusional and slip strain, and the stress they leave.
class Loading {
 public:
  explicit Loading(const LoadingParams& params);

  /// Creep coefficient A [1/(GPa s)] of ε̇_diff = A σ for the surface diffusivity D_s [Å²/s]:
  /// ε̇_diff = C σ Ω² ν_s D_s / (k_B T D³) (Coble 1963 form with the surface layer δ ≈ Ω ν_s).
  double creepCoefficient(double surface_diffusivity_A2_per_s) const;

  /// Advances by dt [s] with D_s held fixed over the step. With dσ/dt = E(ε̇ − Aσ) the solution
  /// σ(t+dt) = σ∞ + (σ − σ∞) e^{−EA dt}, σ∞ = ε̇/A, is exact, so the step size costs no accuracy.
  void advance(double dt_s, double surface_diffusivity_A2_per_s);

  /// Records one slip event across the gauge that lengthens it by `axial_slip_A` = b cos λ [Å], λ the
  /// angle between the Burgers vector and the axis (lattice::SlipSystem): Δε = b cos λ / L_gauge,
  /// stress drop E Δε. Throws InvariantError without a gauge length.
  void slip(double axial_slip_A);

  double time() const { return time_s_; }
  double stress() const { return stress_GPa_; }
  double appliedStrain() const { return applied_; }
  double diffusionStrain() const { return diffusion_; }
  double slipStrain() const { return slip_; }
  /// Stress rate σ̇ [GPa/s] right now, ignoring creep.
  double elasticStressRate() const;
  bool constantStress() const { return params_.constant_stress_GPa.has_value(); }
  /// True once the applied strain reaches max_strain.
  bool finished() const;
  const LoadingParams& params() const { return params_; }

  /// Restores a saved state (checkpoints).
  void restore(double time_s, double applied, double diffusion, double slip);
  /// Writes the time and the three strains (the stress follows from them); restoreState() reads
  /// them back, bit for bit.
  void saveState(BinaryWriter& out) const;
  void restoreState(BinaryReader& in);

 private:
  void updateStress();

  LoadingParams params_;
  double time_s_ = 0.0;
  double applied_ = 0.0;
  double diffusion_ = 0.0;
  double slip_ = 0.0;
  double stress_GPa_ = 0.0;
};

}  // namespace surfkmc::coupling
