// SPDX-License-Identifier: MIT
// One replica of the coupled model: surface KMC + loading law (Eq. 1) + nucleation hazard (Eq. 2).
#pragma once

#include <array>
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/random_stream.hpp"
#include "coupling/ablation.hpp"
#include "coupling/loading.hpp"
#include "kmc/acceleration_report.hpp"
#include "kmc/energetics_params.hpp"
#include "kmc/engine.hpp"
#include "kmc/rate_scaler.hpp"
#include "kmc/strain_energy_profile.hpp"
#include "kmc/transport_observer.hpp"
#include "lattice/lattice.hpp"
#include "lattice/slip.hpp"
#include "nucleation/hazard.hpp"
#include "nucleation/nucleation_parameters.hpp"
#include "nucleation/site_detector.hpp"

namespace surfkmc {
class BinaryWriter;
class BinaryReader;
}  // namespace surfkmc

namespace surfkmc::coupling {

/// Everything one coupled run needs, in engine units.
struct CoupledRunParams {
  kmc::EnergeticsParams energetics;
  kmc::RateScalingParams rate_scaling;
  kmc::SuperMoveParams super_moves;
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
  /// What the run leaves out (Ablation); kFrozenSurface turns the KMC off whatever kmc_enabled says.
  Ablation ablation = Ablation::kNone;
  /// Go on after a nucleation (the scenario's `loading.until: max_strain`): the dislocation slips
  /// across the wire on the lattice (lattice::applySlip), the stress drops by E b cos λ / L_g, the
  /// hazard is re-armed, and the run continues to max_strain. Off: stop at the first nucleation.
  bool continue_after_nucleation = false;

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

  friend bool operator==(const CoupledSample&, const CoupledSample&) = default;
};

/// One slip event: a dislocation nucleated at a site and crossed the wire.
struct SlipEvent {
  double time_s = 0.0;
  double applied_strain = 0.0;
  /// Stress the hazard crossed its threshold at (σ linear over the analysis interval, as for the
  /// first nucleation's yield_stress_GPa) [GPa].
  double nucleation_stress_GPa = 0.0;
  /// The loading law's stress just before and just after the slip [GPa]: they differ by E b cos λ / L_g
  /// exactly. stress_before_GPa differs from nucleation_stress_GPa by the creep's curvature within the interval.
  double stress_before_GPa = 0.0;
  double stress_after_GPa = 0.0;
  /// Diffusional and slip strain just before the event, and ∫λ dt at it (the Exp(1) threshold).
  double diffusion_strain = 0.0;
  double slip_strain_before = 0.0;
  double cumulative_hazard = 0.0;
  nucleation::SiteClass site_class = nucleation::SiteClass::kFacetEdge;
  int site_size = 0;
  lattice::SiteIndex site = 0;
  lattice::Vec3 position_A{};
  /// Which of lattice::tensileSlipSystems() slipped (0 or 1): the one that leaves the wire straightest
  /// (lattice::lateralMisalignment), drawn with equal odds on a tie.
  int system = 0;
  std::int64_t atoms_moved = 0;

  friend bool operator==(const SlipEvent&, const SlipEvent&) = default;
};

/// Why a run ended. The names (stopReasonName) are what results files write.
enum class StopReason : std::uint8_t {
  kNone,       ///< not ended (a run in progress)
  kNucleated,  ///< the first dislocation nucleated
  kMaxStrain,  ///< the loading reached max_strain
  kDuration,   ///< the simulated time reached its limit
  kMaxEvents,  ///< the KMC event cap: a lower bound, left out of means
  kFrozen,     ///< (KMC-only runs) no atom can move
};

/// "none", "nucleated", "max_strain", "duration", "max_events" or "frozen".
const char* stopReasonName(StopReason reason);
/// The reason a name stands for; nullopt for any other text.
std::optional<StopReason> parseStopReason(std::string_view name);

/// What a run ends with.
struct CoupledResult {
  bool nucleated = false;
  /// Why the run ended.
  StopReason stop_reason = StopReason::kNone;
  double yield_stress_GPa = 0.0;
  double yield_strain = 0.0;
  double time_s = 0.0;
  nucleation::SiteClass site_class = nucleation::SiteClass::kFacetEdge;
  int site_size = 0;
  lattice::SiteIndex site = 0;
  lattice::Vec3 position_A{};
  std::int64_t events = 0;
  /// Events whose barrier a barrier table did not hold (kmc::EventStatistics::uncatalogued_events).
  std::int64_t uncatalogued_events = 0;
  /// Interlayer transits among the events (kmc::EventStatistics::transits).
  std::int64_t interlayer_transits = 0;
  double surface_diffusivity_A2_per_s = 0.0;
  /// What acceleration and the strain-energy term did (empty when the KMC was off).
  kmc::AccelerationReport acceleration;
  std::vector<CoupledSample> samples;
  /// Every slip event in order (continue_after_nucleation); the first is the first nucleation.
  std::vector<SlipEvent> slips;

  /// The strength [GPa] as Wang et al. (2021) define the yield strength: the highest stress the
  /// wire carried before its first dislocation nucleated. A wire that reached the end of its
  /// loading without nucleating (one that flows by diffusional creep at a plateau stress) gets the
  /// highest stress it carried at all: a lower bound of its eventual nucleation stress, and equal
  /// to it while the stress stays on the plateau. From the samples and the yield stress; 0 for a
  /// run without either.
  double strength_GPa() const;
  /// Flow stress [GPa]: the time average of the stress from the first slip event to the end of the
  /// run (the stress curve is the samples plus each slip's stress before it); NaN without slips.
  double flowStress_GPa() const;
  /// Mean stress drop of the slip events [GPa]; NaN without slips.
  double meanStressDrop_GPa() const;

  friend bool operator==(const CoupledResult&, const CoupledResult&) = default;
};

/// Drives one replica. Each analysis interval: (1) detect the nucleation sites of the current
/// surface (with Ablation::kAsCutSites the hazard keeps the specimen's as-built sites instead, and
/// the samples record those), (2) run the KMC over the interval in sub-steps short enough that σ moves by at most
/// the stress tolerance, (3) advance the loading law with the measured D_s, (4) integrate the
/// hazard with σ linear over the interval; stop at the first nucleation or at max_strain.
///
/// Checkpoints: the start of each analysis interval is a boundary at which the whole state of the
/// run — lattice occupancy, engine (selector included, see kmc::Engine::saveState), loading,
/// hazard, transport, samples so far and the nucleation stream — can be written by saveState()
/// without changing anything, so a run that writes checkpoints and one that does not are the same.
class CoupledRun {
 public:
  /// Called at every analysis boundary, before the sites of the interval are detected; may call
  /// saveState() (e.g. when enough wall time has passed). Must not change the run.
  using BoundaryHook = std::function<void(const CoupledRun&)>;
  /// Called just before a slip changes the lattice (`after` false) and just after (`after` true),
  /// e.g. to write snapshots. Must not change the run.
  using SlipHook = std::function<void(const CoupledRun&, const SlipEvent&, bool after)>;
  void setSlipHook(SlipHook hook) { slip_hook_ = std::move(hook); }

  /// `lattice` is evolved in place and must outlive the run. Streams derive from (seed, point, replica).
  CoupledRun(lattice::Lattice& lattice, const CoupledRunParams& params, std::uint64_t seed, std::uint64_t point = 0,
             std::uint64_t replica = 0);

  /// Called every `every_events` KMC events inside an analysis interval with the engine's clock
  /// [s] and events so far, to show progress between boundaries (which may be a minute of wall
  /// time apart). Only reads; the run is the same with or without it.
  using EventTick = std::function<void(double engine_time_s, std::int64_t events)>;
  void setEventTick(EventTick tick, std::int64_t every_events) {
    tick_ = std::move(tick);
    tick_every_ = every_events;
  }

  /// Runs to the end (once), calling `at_boundary` (if set) at each analysis boundary.
  CoupledResult run(const BoundaryHook& at_boundary = {});

  /// Writes the state at an analysis boundary (call it from the BoundaryHook, or before run()).
  void saveState(BinaryWriter& out) const;
  /// Restores a saved state into a run built with the same lattice specimen (as built, before
  /// any event), parameters, seed, point and replica; run() then continues from that boundary and
  /// gives bit for bit the result of the uninterrupted run. Throws InputError on a mismatch.
  void restoreState(BinaryReader& in);

  /// Simulated time [s] at the current boundary, and the KMC events so far.
  double time_s() const { return t_; }
  std::int64_t events() const { return engine_ ? engine_->events() : 0; }
  /// The samples of the boundaries before this one, the loading now, and the parameters: what a
  /// BoundaryHook streams and reports while the run goes.
  const std::vector<CoupledSample>& samples() const { return samples_; }
  const Loading& loading() const { return loading_; }
  const CoupledRunParams& params() const { return params_; }
  /// The lattice the run evolves, and the slip events so far.
  const lattice::Lattice& lattice() const { return lattice_; }
  const std::vector<SlipEvent>& slips() const { return slips_; }

 private:
  lattice::Lattice& lattice_;
  CoupledRunParams params_;
  RandomStream nucleation_rng_;
  Loading loading_;
  nucleation::Hazard hazard_;
  nucleation::SiteDetector detector_;
  std::optional<kmc::Engine> engine_;
  kmc::TransportObserver transport_;
  /// Time at the current analysis boundary [s].
  double t_ = 0.0;
  std::vector<CoupledSample> samples_;
  /// With Ablation::kAsCutSites: the sites of the specimen as built, which the hazard sees throughout.
  std::optional<nucleation::SiteSet> as_cut_sites_;
  /// The two most-stressed slip systems of the wire's frame, and the slip events so far.
  std::array<lattice::SlipSystem, 2> slip_systems_;
  std::vector<SlipEvent> slips_;
  EventTick tick_;
  std::int64_t tick_every_ = 0;
  SlipHook slip_hook_;

  /// The sites as the hazard sees them: detected step sites on the trace of an earlier slip plane
  /// are relabelled slip steps.
  void markSlipSteps(nucleation::SiteSet& sites) const;
};

}  // namespace surfkmc::coupling
