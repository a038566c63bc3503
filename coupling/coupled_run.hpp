// SPDX-License-Identifier: MIT
// One replica of the coupled model: surface KMC + loading law (Eq. 1) + nucleation hazard (Eq. 2).
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/random_stream.hpp"
#include "coupling/loading.hpp"
#include "kmc/energetics_params.hpp"
#include "kmc/acceleration_report.hpp"
#include "kmc/rate_scaler.hpp"
#include "kmc/strain_energy_profile.hpp"
#include "lattice/lattice.hpp"
#include "nucleation/nucleation_parameters.hpp"
#include "nucleation/site_detector.hpp"

namespace surfkmc::coupling {

/// Everything one coupled run needs, in engine units.
struct CoupledRunParams {
  kmc::EnergeticsParams energetics;
  kmc::RateScalingParams rate_scaling;
  /// Strain-energy site term u_el (skipped by the engine while the section profile is uniform).
  kmc::StrainEnergyParams strain_energy;
  LoadingParams loading;
  nucleation::NucleationParameters nucleation;
  nucleation::DetectorOptions detector;
  /// Interval between site detections and hazard steps [s] (the cadence key).
  double analysis_interval_s = 0.5;
  /// Largest stress change over which the KMC rates are held fixed [GPa]; the rates then err by at
  /// most a factor exp(σ_tol V_m / 2k_BT) (midpoint rule).
  double stress_tolerance_GPa = 0.01;
  /// Stop after this much simulated time [s] (held-stress runs); 0: no limit.
  double max_duration_s = 0.0;
  /// Safety cap on KMC events for the whole run (0: none).
  std::int64_t max_events = 0;
  /// Run the surface KMC at all (off: a frozen surface, e.g. to isolate the nucleation model).
  bool kmc_enabled = true;

  /// Throws InputError naming the first bad field.
  void validate() const;
};

/// One row of the run's time series, written at every analysis step.
struct CoupledSample {
  double time_s = 0.0;
  double applied_strain = 0.0;
  double stress_GPa = 0.0;
  double diffusion_strain = 0.0;
  double slip_strain = 0.0;
  /// Surface self-diffusivity measured so far [Å²/s].
  double surface_diffusivity_A2_per_s = 0.0;
  std::array<std::int64_t, nucleation::kSiteClassCount> sites{};
  int max_step_height = 0;
  std::int64_t pit_vacancies = 0;
  /// Hazard rate λ at the sample's stress [1/s] and ∫λ dt so far.
  double hazard_per_s = 0.0;
  double cumulative_hazard = 0.0;
  std::int64_t events = 0;
};

/// What a run ends with.
struct CoupledResult {
  bool nucleated = false;
  /// Why the run ended: "nucleated", "max_strain", "duration" or "max_events".
  std::string stop_reason;
  double yield_stress_GPa = 0.0;
  double yield_strain = 0.0;
  double time_s = 0.0;
  nucleation::SiteClass site_class = nucleation::SiteClass::kFacetEdge;
  int site_size = 0;
  lattice::SiteIndex site = 0;
  lattice::Vec3 position_A{};
  std::int64_t events = 0;
  double surface_diffusivity_A2_per_s = 0.0;
  /// What acceleration and the strain-energy term did (empty when the KMC was off).
  kmc::AccelerationReport acceleration;
  std::vector<CoupledSample> samples;
};

/// Drives one replica. Each analysis interval: (1) detect the nucleation sites of the current
/// surface, (2) run the KMC over the interval in sub-steps short enough that σ moves by at most
/// the stress tolerance, (3) advance the loading law with the measured D_s, (4) integrate the
/// hazard with σ linear over the interval; stop at the first nucleation or at max_strain.
class CoupledRun {
 public:
  /// `lattice` is evolved in place and must outlive the run. Streams derive from (seed, point, replica).
  CoupledRun(lattice::Lattice& lattice, const CoupledRunParams& params, std::uint64_t seed, std::uint64_t point = 0,
             std::uint64_t replica = 0);

  CoupledResult run();

 private:
  lattice::Lattice& lattice_;
  CoupledRunParams params_;
  RandomStream kmc_rng_;
  RandomStream nucleation_rng_;
};

}  // namespace surfkmc::coupling
