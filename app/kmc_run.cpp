// SPDX-License-Identifier: MIT
// `surfkmc run` without a loading: section.
#include "app/kmc_run.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <chrono>
#include <iostream>
#include <limits>
#include <nlohmann/json.hpp>
#include <optional>
#include <ostream>
#include <sstream>

#include "app/acceleration_section.hpp"
#include "app/atomic_file.hpp"
#include "app/checkpoint_file.hpp"
#include "app/citation.hpp"
#include "app/observer_list.hpp"
#include "app/source_file.hpp"
#include "app/specimen.hpp"
#include "app/stop_request.hpp"
#include "app/streamed_file.hpp"
#include "core/binary_reader.hpp"
#include "core/binary_writer.hpp"
#include "core/error.hpp"
#include "coupling/coupled_run.hpp"
#include "kmc/engine.hpp"
#include "kmc/rate_scaling_bias.hpp"
#include "kmc/snapshot_observer.hpp"
#include "kmc/time_series_observer.hpp"

namespace surfkmc::app {
namespace {

namespace fs = std::filesystem;
using Clock = std::chrono::steady_clock;

/// Events between two looks at the wall clock, the stop flag and the progress: a few milliseconds.
constexpr std::int64_t kEventsPerChunk = std::int64_t{1} << 14;

double secondsSince(Clock::time_point t) { return std::chrono::duration<double>(Clock::now() - t).count(); }

/// Passes on only the events: a run split into chunks must start and finish its observers once.
class EventsOnly : public kmc::Observer {
 public:
  explicit EventsOnly(kmc::Observer& inner) : inner_(inner) {}
  void onEvent(const kmc::Engine& engine, const kmc::StepResult& step) override { inner_.onEvent(engine, step); }

 private:
  kmc::Observer& inner_;
};

kmc::Sampling seriesSampling(const KmcSection& k) {
  kmc::Sampling sampling;
  if (k.timeseries_every_s) {
    sampling.every_time_s = *k.timeseries_every_s;
  } else if (k.duration_s) {
    sampling.every_time_s = *k.duration_s / 100.0;
  } else {
    sampling.every_events = std::max<std::int64_t>(1, *k.max_events / 100);
  }
  return sampling;
}

/// Without snapshot_every_s: frames at the start and the end only (a time step no run reaches).
kmc::Sampling frameSampling(const KmcSection& k) {
  kmc::Sampling sampling;
  sampling.every_time_s = k.snapshot_every_s ? *k.snapshot_every_s : std::numeric_limits<double>::max() / 4;
  return sampling;
}

/// One KMC-only run: the engine, its two streamed outputs and its checkpoint.
class KmcRun {
 public:
  KmcRun(const Scenario& s, const fs::path& dir, const CheckpointPolicy& checkpoints)
      : s_(s),
        dir_(dir),
        checkpoints_(checkpoints),
        built_(buildSpecimen(s)),
        atoms_initial_(built_.lattice.atomCount()),
        engine_(built_.lattice, energeticsFor(s.material, s.kmc->temperature_K), RandomStream(s.seed, StreamId::kKmc),
                engineOptions(s)),
        mode_(s.wire.shape == lattice::Shape::kSlab ? kmc::RoughnessMode::kHeight : kmc::RoughnessMode::kRadial),
        series_(series_text_, seriesSampling(*s.kmc), mode_),
        frames_(frames_text_, s.material.species, frameSampling(*s.kmc)) {
    observers_.add(series_);
    observers_.add(frames_);
    header_.kind = CheckpointKind::kKmc;
    header_.scenario_hash = checkpoints.scenario_hash;
    if (s.kmc->duration_s) limits_.until_time_s = *s.kmc->duration_s;
    if (s.kmc->max_events) limits_.max_events = *s.kmc->max_events;
    // On the as-built specimen (also when resuming: the same seeds find the same), its own streams.
    bias_ = measureBias();
  }

  /// Rate scaling's bias on the surface the run ended with (after run()).
  void measureBiasAtEnd() { bias_at_end_ = measureBias(); }
  const kmc::RateScalingBias& bias() const { return bias_; }
  const kmc::RateScalingBias& biasAtEnd() const { return bias_at_end_; }

  /// Continues from the checkpoint if there is one (true), else starts the streamed files afresh.
  bool open(const std::string& csv_comment) {
    if (checkpoints_.resume && restore()) return true;
    series_file_.emplace(StreamedFile::start(dir_ / "timeseries.csv"));
    frames_file_.emplace(StreamedFile::start(dir_ / "snapshots.xyz"));
    series_file_->append(csv_comment + '\n');
    observers_.onStart(engine_);
    drain();
    return false;
  }

  void run(ProgressMeter& progress) {
    EventsOnly events(observers_);
    auto last_checkpoint = Clock::now();
    progress.update(0, where());  // at once, and so the events of a resumed run's past are not counted
    // Engine::run stops a chunk after exactly its events without drawing ahead, so the chunks
    // continue one another as one run would; between chunks the state is whole.
    while (engine_.events() < limits_.max_events && engine_.time_s() < limits_.until_time_s) {
      kmc::RunLimits chunk;
      chunk.until_time_s = limits_.until_time_s;
      chunk.max_events = std::min(kEventsPerChunk, limits_.max_events - engine_.events());
      const bool stopped_on_time = engine_.run(chunk, &events) < chunk.max_events;
      drain();
      progress.update(0, where());
      if (stopped_on_time) break;
      if (stopRequested()) stop();
      if (checkpoints_.writes() && secondsSince(last_checkpoint) >= checkpoints_.every_s) {
        save();
        last_checkpoint = Clock::now();
      }
    }
    observers_.onFinish(engine_);
    drain();
    series_file_->sync();
    frames_file_->sync();
    progress.taskDone(0, engine_.time_s(), engine_.events());
  }

  nlohmann::json summary(const Provenance& prov, double wall) const;
  void report(double wall, std::ostream& out) const;

  double wallBefore() const { return wall_before_; }
  std::string resumedFrom() const {
    return fmt::format("continuing from the checkpoint at {} events, t = {:.6g} s\n", engine_.events(),
                       engine_.time_s());
  }
  coupling::StopReason stopReason() const {
    // The event cap, the duration, or a surface on which no atom can move (the bond-counting model
    // freezes a flat terrace with no adatom: nothing happens, for ever).
    if (engine_.mobileAtoms() == 0) return coupling::StopReason::kFrozen;
    return s_.kmc->max_events && engine_.events() >= *s_.kmc->max_events ? coupling::StopReason::kMaxEvents
                                                                         : coupling::StopReason::kDuration;
  }

 private:
  static kmc::EngineOptions engineOptions(const Scenario& s) {
    kmc::EngineOptions options;
    options.checking = s.kmc->checking;
    options.rate_scaling = s.acceleration;
    options.super_moves = s.super_moves;
    return options;
  }

  /// Probes of the bias on the lattice as it is now; not measured without rate scaling.
  kmc::RateScalingBias measureBias() {
    if (!s_.acceleration.enabled) return {};
    kmc::RateScalingBiasParams probe = s_.bias_probe;
    probe.max_time_s = std::min(probe.max_time_s, limits_.until_time_s);
    // Never more plain events per probe than the run's own cap.
    probe.plain_events = std::clamp<std::int64_t>(limits_.max_events, 1000, probe.plain_events);
    return kmc::measureRateScalingBias(built_.lattice, energeticsFor(s_.material, s_.kmc->temperature_K),
                                       engineOptions(s_), 0.0, probe, probe_rng_);
  }

  /// Moves what the observers wrote onto the disk, so readers see it while the run goes.
  void drain() {
    series_file_->append(series_text_.str());
    frames_file_->append(frames_text_.str());
    series_text_.str({});
    frames_text_.str({});
  }

  TaskProgress where() const {
    TaskProgress p;
    p.time_s = engine_.time_s();
    p.events = engine_.events();
    if (s_.kmc->duration_s) p.fraction = engine_.time_s() / *s_.kmc->duration_s;
    if (s_.kmc->max_events)
      p.fraction =
          std::max(p.fraction, static_cast<double>(engine_.events()) / static_cast<double>(*s_.kmc->max_events));
    return p;
  }

  [[noreturn]] void stop() {
    save();
    throw Stopped(stopSignal(), fmt::format("stopped at {} events, t = {:.6g} s; the checkpoint is written",
                                            engine_.events(), engine_.time_s()));
  }

  void save();
  bool restore();

  const Scenario& s_;
  fs::path dir_;
  const CheckpointPolicy& checkpoints_;
  lattice::BuiltWire built_;
  std::int64_t atoms_initial_;
  kmc::Engine engine_;
  kmc::RoughnessMode mode_;
  std::ostringstream series_text_, frames_text_;
  kmc::TimeSeriesObserver series_;
  kmc::SnapshotObserver frames_;
  ObserverList observers_;
  std::optional<StreamedFile> series_file_, frames_file_;
  kmc::RunLimits limits_;
  // The start's probes draw first from this stream, the end's after them.
  RandomStream probe_rng_{s_.seed, StreamId::kBiasProbe};
  kmc::RateScalingBias bias_, bias_at_end_;
  CheckpointHeader header_;
  double wall_before_ = 0.0;
  Clock::time_point start_ = Clock::now();
};

void KmcRun::save() {
  std::error_code ec;
  fs::create_directories(checkpoints_.dir, ec);
  if (ec) throw RuntimeError("cannot create checkpoint folder '" + checkpoints_.dir.string() + "': " + ec.message());
  series_file_->sync();
  frames_file_->sync();
  BinaryWriter state;
  state.writeTag("KRN2");
  state.write(atoms_initial_);
  built_.lattice.saveOccupancy(state);
  engine_.saveState(state);
  series_.saveState(state);
  frames_.saveState(state);
  series_file_->mark().save(state);
  frames_file_->mark().save(state);
  header_.wall_time_s = wall_before_ + secondsSince(start_);
  writeCheckpoint(checkpoints_.file(0, 0), header_, state.bytes());
}

bool KmcRun::restore() {
  const fs::path file = checkpoints_.file(0, 0);
  const auto state = readCheckpoint(file, header_, wall_before_);
  if (!state) return false;
  BinaryReader in(*state);
  StreamMark series_mark, frames_mark;
  try {
    in.expectTag("KRN2");
    atoms_initial_ = in.read<std::int64_t>();
    built_.lattice.restoreOccupancy(in);
    engine_.restoreState(in);
    series_.restoreState(in);
    frames_.restoreState(in);
    series_mark = StreamMark::restore(in);
    frames_mark = StreamMark::restore(in);
    in.expectEnd();
  } catch (const InputError& e) {
    throw InputError(file.string() + ": " + e.what() + "; delete it to start the run afresh");
  }
  series_file_.emplace(StreamedFile::resume(dir_ / "timeseries.csv", series_mark));
  frames_file_.emplace(StreamedFile::resume(dir_ / "snapshots.xyz", frames_mark));
  return true;
}

nlohmann::json KmcRun::summary(const Provenance& prov, double wall) const {
  const kmc::EventStatistics& st = engine_.statistics();
  nlohmann::json counts;
  for (int c = 0; c < kmc::kEventClassCount; ++c)
    counts[kmc::eventClassName(static_cast<kmc::EventClass>(c))] = st.by_class[static_cast<std::size_t>(c)];
  const kmc::SurfaceSample last = kmc::measureSurface(engine_, mode_);
  kmc::AccelerationReport acceleration = engine_.accelerationReport();
  acceleration.rate_scaling_bias = bias_;
  acceleration.rate_scaling_bias_at_end = bias_at_end_;
  CiteList cite;
  cite.add(s_);
  return {{"scenario", s_.name},
          {"mode", "kmc"},
          {"seed", s_.seed},
          {"stop_reason", coupling::stopReasonName(stopReason())},
          {"events", st.events},
          {"simulated_time_s", st.time_s},
          {"wall_time_s", wall},
          {"events_per_s", wall > 0.0 ? static_cast<double>(st.events) / wall : 0.0},
          {"atoms_initial", atoms_initial_},
          {"atoms_final", built_.lattice.atomCount()},
          {"temperature_K", s_.kmc->temperature_K},
          {"events_by_class", counts},
          {"energetics", s_.kmc->energetics},
          {"hop_key", s_.kmc->hop_key},
          {"stress_response", stressResponseName(s_.material)},
          // The share of events whose barrier the catalogue did not hold (bond-counting fallback; with
          // hop_key: environment, the class entry for an environment it does not hold); null without a
          // catalogue, where every barrier is bond counting by choice.
          {"uncatalogued_event_fraction",
           engine_.energetics().catalogue() && st.events > 0
               ? nlohmann::json(static_cast<double>(st.uncatalogued_events) / static_cast<double>(st.events))
               : nlohmann::json(nullptr)},
          // Interlayer transits (docs/model.md#interlayer): whether the run had them, how many events were
          // transits, and how many entries into a rim came back (null events, not in `events`).
          {"interlayer", engine_.energetics().params().interlayer_transit},
          {"interlayer_transits", st.transits},
          {"transit_returns", st.transit_returns},
          {"acceleration", accelerationJson(acceleration)},
          {"final_surface",
           {{"adatoms", last.adatoms},
            {"broken_bonds", last.broken_bonds},
            {"surface_energy_eV", last.surface_energy_eV},
            {"roughness_A", last.roughness_A}}},
          {"cite", cite.toJson()},
          {"provenance", prov.toJson()}};
}

void KmcRun::report(double wall, std::ostream& out) const {
  const kmc::EventStatistics& st = engine_.statistics();
  out << fmt::format("{}: {} events, {:.4g} s simulated in {:.3g} s wall ({:.3g} events/s); atoms {} -> {}\n", s_.name,
                     st.events, st.time_s, wall, wall > 0.0 ? static_cast<double>(st.events) / wall : 0.0,
                     atoms_initial_, built_.lattice.atomCount());
  if (stopReason() == coupling::StopReason::kFrozen)
    out << "no atom can move on this surface at this temperature: the run ended with nothing left to happen\n";
  out << "results in " << printableText(dir_.string(), 4096) << "\n";
}

}  // namespace

void runKmcOnly(const Scenario& s, const fs::path& dir, const Provenance& prov, const CheckpointPolicy& checkpoints,
                const ProgressOptions& progress_options, std::ostream& out) {
  const auto start = Clock::now();
  KmcRun run(s, dir, checkpoints);
  if (run.open(prov.csvComment())) out << run.resumedFrom();
  ProgressMeter progress(1, 0, progress_options);
  try {
    run.run(progress);
  } catch (const Stopped&) {
    progress.finish("stopped");
    throw;
  }
  progress.finish();
  run.measureBiasAtEnd();
  const double wall = run.wallBefore() + secondsSince(start);
  writeFileAtomically(dir / "summary.json", run.summary(prov, wall).dump(2) + "\n");
  run.report(wall, out);
  if (const auto warning = rateScalingBiasWarning(run.bias(), run.biasAtEnd(), "")) std::cerr << *warning;
}

}  // namespace surfkmc::app
