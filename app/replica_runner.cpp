// SPDX-License-Identifier: MIT
// One replica of a scenario.
#include "app/replica_runner.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <optional>
#include <sstream>

#include "app/checkpoint_file.hpp"
#include "app/replica_record.hpp"
#include "app/specimen.hpp"
#include "app/stop_request.hpp"
#include "app/streamed_file.hpp"
#include "core/binary_reader.hpp"
#include "core/binary_writer.hpp"
#include "core/error.hpp"
#include "core/units.hpp"
#include "kmc/energetics_params.hpp"
#include "kmc/rate_scaling_bias.hpp"
#include "lattice/ext_xyz.hpp"
#include "nucleation/site_class.hpp"

namespace surfkmc::app {

coupling::CoupledRunParams coupledParams(const Scenario& s, double diameter_A, double gauge_length_A) {
  const Material& m = s.material;
  const double temperature = temperatureK(s);
  coupling::CoupledRunParams p;

  p.energetics = energeticsFor(m, temperature);

  const LoadingSection& l = *s.loading;
  coupling::LoadingParams& lp = p.loading;
  lp.youngs_modulus_GPa = m.youngs_modulus_112_GPa;
  if (l.stress_GPa) {
    lp.constant_stress_GPa = *l.stress_GPa;
  } else {
    lp.strain_rate_per_s = *l.strain_rate_per_s;
  }
  lp.max_strain = l.max_strain;
  lp.coble_constant = l.coble_creep ? m.coble_constant : 0.0;
  lp.diameter_A = diameter_A;
  lp.atomic_volume_A3 = m.atomic_volume_A3;
  // Atoms per area on (111), √3 a²/4 each: the close-packed surface layer of Coble's δ ≈ Ω ν_s.
  lp.surface_site_density_per_A2 = 4.0 / (std::sqrt(3.0) * m.lattice_constant_A * m.lattice_constant_A);
  lp.temperature_K = temperature;
  // A slip event lengthens the gauge by b cos λ of the full dislocation that crossed it (lattice/slip.hpp).
  lp.gauge_length_A = gauge_length_A;

  nucleation::NucleationParameters& n = p.nucleation;
  n.temperature_K = temperature;
  n.attempt_frequency_per_s = m.debye_frequency_per_s;
  // The scenario loader refused meyer_neldel for a material without the temperature, or at or above it.
  if (s.nucleation.activation_entropy == "meyer_neldel") n.meyer_neldel_temperature_K = *m.meyer_neldel_temperature_K;
  n.form = s.nucleation.model == "power" ? nucleation::BarrierForm::kPower : nucleation::BarrierForm::kLinear;
  auto cls = [&](double sigma, double omega) {
    nucleation::ClassParameters c;
    c.sigma_ath_GPa = sigma;
    c.activation_volume_A3 = omega;
    c.barrier_eV = s.nucleation.power_barrier_eV;
    c.exponent = s.nucleation.power_exponent;
    return c;
  };
  if (s.nucleation.model != "computed") {
    // The scenario loader read the class laws (loadLinearLaw), or refused the model for a material without them.
    if (!m.linear_law)
      throw InputError("material " + m.name + ": nucleation.model '" + s.nucleation.model +
                       "' needs the class laws of Eq. 2, and none were read (loadLinearLaw)");
    const LinearNucleationLaw& law = *m.linear_law;
    n.facet_edge = cls(law.edge_sigma_ath_GPa, law.edge_activation_volume_A3);
    n.step = cls(law.step_sigma_ath_GPa, law.step_activation_volume_A3);
    n.pit = cls(law.pit_sigma_ath_GPa, law.pit_activation_volume_A3);
    n.step_height_sigma = {law.step_height_floor, law.step_height_decay};
    n.pit_size_sigma = {law.pit_size_floor, law.pit_size_decay};
  } else {
    // The scenario loader read them, or refused `computed` for a material without barriers.
    n.form = nucleation::BarrierForm::kPower;
    n.computed = s.nucleation_barriers->laws;
    n.computed_stress_offset_GPa = computedStressOffsetGPa(s);
  }

  p.rate_scaling = s.acceleration;
  p.super_moves = s.super_moves;
  p.strain_energy = strainEnergyFor(m, l);

  p.analysis_interval_s = s.nucleation.analysis_interval_s;
  p.stress_tolerance_GPa = s.nucleation.stress_tolerance_GPa;
  if (s.kmc && s.kmc->max_events) p.max_events = *s.kmc->max_events;
  p.kmc_enabled = s.kmc.has_value();
  p.ablation = s.ablation;
  p.continue_after_nucleation = l.until_max_strain;
  if (l.stress_GPa) p.max_duration_s = *l.duration_s;
  return p;
}

std::string coupledSeriesHeader() {
  std::string head =
      "replica,time_s,applied_strain,stress_GPa,diffusion_strain,slip_strain,surface_diffusivity_m2_per_s";
  for (int c = 0; c < nucleation::kSiteClassCount; ++c)
    head += ",sites_" + std::string(nucleation::siteClassName(static_cast<nucleation::SiteClass>(c)));
  return head + ",max_step_height,pit_vacancies,hazard_per_s,cumulative_hazard,events\n";
}

std::string coupledSeriesRow(std::uint64_t replica, const coupling::CoupledSample& c) {
  std::string row = fmt::format("{},{:.10g},{:.10g},{:.10g},{:.10g},{:.10g},{:.6g}", replica, c.time_s,
                                c.applied_strain, c.stress_GPa, c.diffusion_strain, c.slip_strain,
                                units::angstrom2PerSToM2PerS(c.surface_diffusivity_A2_per_s));
  for (std::int64_t k : c.sites) row += fmt::format(",{}", k);
  return row + fmt::format(",{},{},{:.6g},{:.6g},{}\n", c.max_step_height, c.pit_vacancies, c.hazard_per_s,
                           c.cumulative_hazard, c.events);
}

namespace {

using Clock = std::chrono::steady_clock;
double since(Clock::time_point t) { return std::chrono::duration<double>(Clock::now() - t).count(); }

/// Where a replica is, for the progress line.
TaskProgress progressOf(const coupling::CoupledRun& run) {
  const coupling::CoupledRunParams& p = run.params();
  TaskProgress now;
  now.time_s = run.time_s();
  if (!run.loading().constantStress()) now.strain = run.loading().appliedStrain();
  now.stress_GPa = run.loading().stress();
  if (!run.samples().empty())
    now.diffusivity_m2_per_s = units::angstrom2PerSToM2PerS(run.samples().back().surface_diffusivity_A2_per_s);
  now.events = run.events();
  if (run.loading().constantStress()) {
    now.fraction = p.max_duration_s > 0.0 ? run.time_s() / p.max_duration_s : 0.0;
  } else {
    now.fraction = run.loading().appliedStrain() / p.loading.max_strain;
  }
  if (p.max_events > 0)
    now.fraction = std::max(now.fraction, static_cast<double>(run.events()) / static_cast<double>(p.max_events));
  return now;
}

/// Between two boundaries: the engine's clock and events, the applied strain that goes with that
/// clock (ε̇ t), the stress and D_s of the last boundary.
TaskProgress progressBetween(const coupling::CoupledRun& run, double time_s, std::int64_t events) {
  TaskProgress now = progressOf(run);
  const coupling::CoupledRunParams& p = run.params();
  now.time_s = time_s;
  now.events = events;
  if (run.loading().constantStress()) {
    now.fraction = p.max_duration_s > 0.0 ? time_s / p.max_duration_s : 0.0;
  } else {
    now.strain = p.loading.strain_rate_per_s * time_s;
    now.fraction = *now.strain / p.loading.max_strain;
  }
  return now;
}

/// KMC events between two progress updates inside an analysis interval: a fraction of a second.
constexpr std::int64_t kEventsPerTick = std::int64_t{1} << 16;

/// The specimen at the end of the replica, its nucleation site (if any) marked.
std::string finalFrame(const lattice::Lattice& lat, const std::string& species, const coupling::CoupledResult& r,
                       std::uint64_t replica) {
  std::ostringstream xyz;
  const lattice::Vec3 site = r.position_A;
  const double mark_radius = 1.5 * lat.frame().nearestNeighbourDistance();
  std::vector<lattice::IntColumn> extra;
  if (r.nucleated)
    extra.push_back({"nucleation_site", [&lat, site, mark_radius](lattice::SiteIndex i) {
                       const lattice::Vec3 p = lat.position(i);
                       const double dx = p.x - site.x, dy = p.y - site.y, dz = p.z - site.z;
                       return dx * dx + dy * dy + dz * dz <= mark_radius * mark_radius ? 1 : 0;
                     }});
  const std::string info = r.nucleated
                               ? fmt::format("time={} yield_stress_GPa={} site_class={} replica={}", r.time_s,
                                             r.yield_stress_GPa, nucleation::siteClassName(r.site_class), replica)
                               : fmt::format("time={} nucleated=F replica={}", r.time_s, replica);
  lattice::writeExtXyz(xyz, lat, species, info, extra);
  return xyz.str();
}

/// The files a replica streams while it runs, and their place in its checkpoint.
class ReplicaStreams {
 public:
  ReplicaStreams(const ReplicaWatch& watch, std::uint64_t replica, const lattice::Lattice& lat, std::string species)
      : watch_(watch), replica_(replica), lattice_(lat), species_(std::move(species)) {}

  void start() {
    if (!watch_.series_file.empty()) {
      series_.emplace(StreamedFile::start(watch_.series_file));
      series_->append(watch_.series_head);
    }
    if (!watch_.frames_file.empty()) frames_.emplace(StreamedFile::start(watch_.frames_file));
  }

  /// At an analysis boundary: the rows of the samples so far, a frame if one is due, the progress.
  void atBoundary(const coupling::CoupledRun& run) {
    appendRows(run.samples());
    if (frames_ && watch_.frame_every_s > 0.0 && run.time_s() >= next_frame_s_) {
      std::ostringstream xyz;
      lattice::writeExtXyz(xyz, lattice_, species_,
                           fmt::format("time={} applied_strain={} stress_GPa={} replica={}", run.time_s(),
                                       run.loading().appliedStrain(), run.loading().stress(), replica_));
      frames_->append(xyz.str());
      next_frame_s_ = (std::floor(run.time_s() / watch_.frame_every_s) + 1.0) * watch_.frame_every_s;
    }
    if (watch_.progress) watch_.progress(progressOf(run));
  }

  /// Just before or after slip event `e` changed the specimen: a frame, if frames are streamed.
  void atSlip(const coupling::CoupledRun& run, const coupling::SlipEvent& e, bool after) {
    if (!frames_) return;
    std::ostringstream xyz;
    lattice::writeExtXyz(xyz, lattice_, species_,
                         fmt::format("time={} applied_strain={} stress_GPa={} slip={} slip_event={} site_class={} "
                                     "slip_system={} replica={}",
                                     e.time_s, e.applied_strain, after ? e.stress_after_GPa : e.stress_before_GPa,
                                     after ? "after" : "before", run.slips().size() - (after ? 1 : 0),
                                     nucleation::siteClassName(e.site_class), e.system, replica_));
    frames_->append(xyz.str());
  }

  void finish(const coupling::CoupledResult& result, const std::string& final_frame) {
    appendRows(result.samples);
    if (frames_) frames_->append(final_frame);
    sync();
  }

  bool wantsFinalFrame() const { return frames_.has_value(); }
  bool streams() const { return !watch_.series_file.empty() || !watch_.frames_file.empty(); }

  /// Flushed before a checkpoint records their lengths.
  void sync() {
    if (series_) series_->sync();
    if (frames_) frames_->sync();
  }

  /// Nothing for a replica that streams nothing (a sweep's), so its checkpoints stay as they were.
  void save(BinaryWriter& out) const {
    if (!streams()) return;
    out.writeTag("STRM");
    out.write(rows_);
    out.write(next_frame_s_);
    out.write(static_cast<std::uint8_t>(series_.has_value()));
    if (series_) series_->mark().save(out);
    out.write(static_cast<std::uint8_t>(frames_.has_value()));
    if (frames_) frames_->mark().save(out);
  }

  void resume(BinaryReader& in) {
    if (!streams()) return;
    in.expectTag("STRM");
    rows_ = in.read<std::uint64_t>();
    next_frame_s_ = in.read<double>();
    resumeOne(in, watch_.series_file, series_, "time series");
    resumeOne(in, watch_.frames_file, frames_, "frames");
  }

 private:
  static void resumeOne(BinaryReader& in, const std::filesystem::path& path, std::optional<StreamedFile>& file,
                        const std::string& what) {
    const bool saved = in.read<std::uint8_t>() != 0;
    if (saved != !path.empty()) in.fail("the " + what + " was streamed in one run and not in the other");
    if (saved) file.emplace(StreamedFile::resume(path, StreamMark::restore(in)));
  }

  void appendRows(const std::vector<coupling::CoupledSample>& samples) {
    for (; rows_ < samples.size(); ++rows_)
      if (series_) series_->append(coupledSeriesRow(replica_, samples[rows_]));
  }

  const ReplicaWatch& watch_;
  std::uint64_t replica_;
  const lattice::Lattice& lattice_;
  std::string species_;
  std::optional<StreamedFile> series_, frames_;
  std::uint64_t rows_ = 0;
  double next_frame_s_ = 0.0;
};

/// Rate scaling's bias on D_s, measured on the as-built specimen at the run's first stress over at
/// most the run's length (kmc::measureRateScalingBias); not measured without rate scaling or KMC.
/// Its own random streams, so the run itself is the same with or without it; a resumed replica
/// measures it again from the same specimen and seeds, and finds the same.
kmc::RateScalingBias measuredBias(const Scenario& s, const lattice::Lattice& specimen,
                                  const coupling::CoupledRunParams& p, double stress_GPa, RandomStream& rng) {
  if (!s.acceleration.enabled || !p.kmc_enabled || p.ablation == coupling::Ablation::kFrozenSurface) return {};
  kmc::EngineOptions options;
  options.rate_scaling = p.rate_scaling;
  options.super_moves = p.super_moves;
  kmc::RateScalingBiasParams probe = s.bias_probe;
  const coupling::LoadingParams& l = p.loading;
  const bool held = l.constant_stress_GPa.has_value();
  probe.max_time_s = held ? p.max_duration_s : l.max_strain / l.strain_rate_per_s;
  if (!(probe.max_time_s > 0.0)) return {};
  // Never more plain events per probe than the run's own cap.
  if (p.max_events > 0) probe.plain_events = std::clamp<std::int64_t>(p.max_events, 1000, probe.plain_events);
  return kmc::measureRateScalingBias(specimen, p.energetics, options, stress_GPa, probe, rng);
}

}  // namespace

double specimenDiameterA(const Scenario& s) {
  if (s.wire.shape == lattice::Shape::kCylinder) return s.wire.gauge ? s.wire.gauge->diameter_A : s.wire.diameter_A;
  return std::sqrt(4.0 / units::kPi * s.wire.width_A * s.wire.thickness_A);
}

double surfacePerSectionPerA(const lattice::WireSpec& w) {
  switch (w.shape) {
    case lattice::Shape::kCylinder:
      return 4.0 / (w.gauge ? w.gauge->diameter_A : w.diameter_A);
    case lattice::Shape::kRectangle:
      return 2.0 * (w.width_A + w.thickness_A) / (w.width_A * w.thickness_A);
    case lattice::Shape::kSlab:
      return 2.0 / w.thickness_A;
  }
  throw RuntimeError("unknown specimen shape");
}

double computedStressOffsetGPa(const Scenario& s) {
  if (!s.nucleation_barriers) return 0.0;
  const NucleationBarrierFile& f = *s.nucleation_barriers;
  // The segment's surface stress f_s pulls on its box with f_s P/A; the same f_s pulls on the specimen's
  // core with f_s (P/A)_specimen, which its applied stress does not include. Scale by P/A, at equal f_s.
  return f.segment_stress_GPa * (1.0 - surfacePerSectionPerA(s.wire) * f.segment_diameter_A / 4.0);
}

ReplicaOutput runCoupledReplica(const Scenario& s, std::uint64_t point, std::uint64_t replica, bool keep_snapshot,
                                const CheckpointPolicy& checkpoints, const ReplicaWatch& watch) {
  const auto start = Clock::now();
  lattice::BuiltWire built = buildSpecimen(s);
  const double gauge = s.wire.gauge ? s.wire.gauge->length_A : built.length_A;
  ReplicaOutput out;
  out.point = point;
  out.replica = replica;
  out.atoms_initial = built.lattice.atomCount();
  const coupling::CoupledRunParams params = coupledParams(s, specimenDiameterA(s), gauge);
  // Ablation arms of a sweep share one point's streams (Scenario::stream_point).
  const std::uint64_t stream_point = s.stream_point.value_or(point);
  // The start's probes draw first from this stream, the end's after them.
  RandomStream probe_rng(s.seed, StreamId::kBiasProbe, stream_point, replica);
  const double first_stress = params.loading.constant_stress_GPa.value_or(0.0);
  const kmc::RateScalingBias bias = measuredBias(s, built.lattice, params, first_stress, probe_rng);
  coupling::CoupledRun run(built.lattice, params, s.seed, stream_point, replica);
  ReplicaStreams streams(watch, replica, built.lattice, s.material.species);

  const std::filesystem::path file =
      checkpoints.dir.empty() ? std::filesystem::path() : checkpoints.file(point, replica);
  CheckpointHeader header;
  header.kind = CheckpointKind::kCoupled;
  header.scenario_hash = checkpoints.scenario_hash;
  header.point = point;
  header.replica = replica;
  double wall_before = 0.0;  // spent by the runs this one continues [s]
  const auto state = checkpoints.resume && !file.empty() ? readCheckpoint(file, header, wall_before) : std::nullopt;
  if (state) {
    BinaryReader in(*state);
    try {
      run.restoreState(in);
      streams.resume(in);
      in.expectEnd();
    } catch (const InputError& e) {
      throw InputError(file.string() + ": " + e.what() + "; delete it to start that replica afresh");
    }
    out.resumed = true;
  } else {
    streams.start();
  }
  // Saving only reads the run, so when it happens (wall clock, a signal) cannot change the result.
  const auto save = [&](const coupling::CoupledRun& at) {
    std::error_code ec;
    std::filesystem::create_directories(checkpoints.dir, ec);
    if (ec) throw RuntimeError("cannot create checkpoint folder '" + checkpoints.dir.string() + "': " + ec.message());
    streams.sync();
    BinaryWriter saved;
    at.saveState(saved);
    streams.save(saved);
    header.wall_time_s = wall_before + since(start);
    writeCheckpoint(file, header, saved.bytes());
  };
  run.setSlipHook([&streams](const coupling::CoupledRun& at, const coupling::SlipEvent& e, bool after) {
    streams.atSlip(at, e, after);
  });
  if (watch.progress)
    run.setEventTick([&](double t, std::int64_t events) { watch.progress(progressBetween(run, t, events)); },
                     kEventsPerTick);
  auto last = Clock::now();
  out.result = run.run([&](const coupling::CoupledRun& at) {
    streams.atBoundary(at);
    if (stopRequested()) {
      if (!file.empty()) save(at);
      throw Stopped(stopSignal(), fmt::format("replica {} stopped at t = {:.6g} s{}", replica, at.time_s(),
                                              file.empty() ? "" : "; its checkpoint is written"));
    }
    if (checkpoints.writes() && since(last) >= checkpoints.every_s) {
      save(at);
      last = Clock::now();
    }
  });
  out.result.acceleration.rate_scaling_bias = bias;
  out.result.acceleration.rate_scaling_bias_at_end =
      measuredBias(s, built.lattice, params, run.loading().stress(), probe_rng);
  out.atoms_final = built.lattice.atomCount();
  const std::string frame = keep_snapshot || streams.wantsFinalFrame()
                                ? finalFrame(built.lattice, s.material.species, out.result, replica)
                                : std::string();
  streams.finish(out.result, frame);
  if (keep_snapshot) out.yield_snapshot = frame;
  out.wall_time_s = wall_before + since(start);
  std::error_code ec;
  if (!file.empty() && std::filesystem::exists(file, ec)) {
    // The record first: a kill between the two leaves the record, never neither.
    if (checkpoints.record_dir)
      saveReplicaRecord(replicaRecordPath(*checkpoints.record_dir, point, replica), out, checkpoints.scenario_hash);
    std::filesystem::remove(file, ec);
  }
  return out;
}

}  // namespace surfkmc::app
