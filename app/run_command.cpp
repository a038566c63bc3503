// SPDX-License-Identifier: MIT
// `surfkmc run`: evolve a wire with the KMC, or load it to its first dislocation nucleation.
#include "app/run_command.hpp"

#include <fmt/format.h>
#include <tbb/global_control.h>
#include <tbb/parallel_for.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <fstream>
#include <nlohmann/json.hpp>
#include <ostream>
#include <sstream>
#include <thread>

#include "app/acceleration_section.hpp"
#include "app/atomic_file.hpp"
#include "app/checkpoint_file.hpp"
#include "app/checkpoint_policy.hpp"
#include "app/citation.hpp"
#include "app/input_identity.hpp"
#include "app/manifest.hpp"
#include "app/observer_list.hpp"
#include "app/provenance.hpp"
#include "app/replica_record.hpp"
#include "app/replica_runner.hpp"
#include "app/results_folder.hpp"
#include "app/scenario_loader.hpp"
#include "app/source_file.hpp"
#include "app/specimen.hpp"
#include "core/binary_reader.hpp"
#include "core/binary_writer.hpp"
#include "core/error.hpp"
#include "core/statistics.hpp"
#include "core/units.hpp"
#include "kmc/engine.hpp"
#include "kmc/snapshot_observer.hpp"
#include "kmc/time_series_observer.hpp"
#include "nucleation/site_class.hpp"

namespace surfkmc::app {
namespace {

namespace fs = std::filesystem;
using Clock = std::chrono::steady_clock;

/// Written first into the results folder: what `run --resume DIR` needs to find the scenario.
constexpr const char* kManifestName = "run.json";
/// Events between two looks at the wall clock in a checkpointed KMC-only run: a few milliseconds.
constexpr std::int64_t kEventsPerChunk = std::int64_t{1} << 14;

double secondsSince(Clock::time_point t) { return std::chrono::duration<double>(Clock::now() - t).count(); }

nlohmann::json readManifest(const fs::path& dir) {
  const fs::path file = dir / kManifestName;
  std::error_code ec;
  if (!fs::exists(fs::symlink_status(file, ec)))
    throw InputError(dir.string() + ": nothing to resume (no " + kManifestName + "; was it the results folder of a run?)");
  return parseManifest(SourceFile::read(file));
}

/// Passes on only the events: a run split into chunks must start and finish its observers once.
class EventsOnly : public kmc::Observer {
 public:
  explicit EventsOnly(kmc::Observer& inner) : inner_(inner) {}
  void onEvent(const kmc::Engine& engine, const kmc::StepResult& step) override { inner_.onEvent(engine, step); }

 private:
  kmc::Observer& inner_;
};

int threadCount(int requested) {
  if (requested > 0) return requested;
  const unsigned hw = std::thread::hardware_concurrency();
  return hw > 0 ? static_cast<int>(hw) : 1;
}

/// summary.json's `cite` section for a run of `s`.
nlohmann::json citeJson(const Scenario& s) {
  CiteList cite;
  cite.add(s);
  return cite.toJson();
}

void runKmcOnly(const Scenario& s, const fs::path& dir, const Provenance& prov, const CheckpointPolicy& checkpoints,
                std::ostream& out) {
  const auto start = Clock::now();
  lattice::BuiltWire built = buildSpecimen(s);
  std::int64_t atoms_initial = built.lattice.atomCount();
  kmc::EngineOptions options;
  options.checking = s.kmc->checking;
  options.rate_scaling = s.acceleration;
  options.super_moves = s.super_moves;
  kmc::Engine engine(built.lattice, energeticsFor(s.material, s.kmc->temperature_K), RandomStream(s.seed, StreamId::kKmc), options);

  const kmc::RoughnessMode mode =
      s.wire.shape == lattice::Shape::kSlab ? kmc::RoughnessMode::kHeight : kmc::RoughnessMode::kRadial;
  kmc::Sampling ts_sampling;
  if (s.kmc->timeseries_every_s) {
    ts_sampling.every_time_s = *s.kmc->timeseries_every_s;
  } else if (s.kmc->duration_s) {
    ts_sampling.every_time_s = *s.kmc->duration_s / 100.0;
  } else {
    ts_sampling.every_events = std::max<std::int64_t>(1, *s.kmc->max_events / 100);
  }
  // The provenance line is added when the file is written, so the rows of a resumed run continue
  // those of its checkpoint.
  std::ostringstream ts_text, snap_text;
  ObserverList observers;
  kmc::TimeSeriesObserver ts(ts_text, ts_sampling, mode);
  observers.add(ts);
  std::optional<kmc::SnapshotObserver> snap;
  if (s.kmc->snapshot_every_s) {
    kmc::Sampling sampling;
    sampling.every_time_s = *s.kmc->snapshot_every_s;
    snap.emplace(snap_text, s.material.species, sampling);
    observers.add(*snap);
  }

  const fs::path file = checkpoints.file(0, 0);
  CheckpointHeader header;
  header.kind = CheckpointKind::kKmc;
  header.scenario_hash = checkpoints.scenario_hash;
  double wall_before = 0.0;
  bool resumed = false;
  if (checkpoints.resume) {
    if (const auto state = readCheckpoint(file, header, wall_before)) {
      BinaryReader in(*state);
      try {
        in.expectTag("KRUN");
        atoms_initial = in.read<std::int64_t>();
        built.lattice.restoreOccupancy(in);
        engine.restoreState(in);
        ts.restoreState(in);
        ts_text << in.readString();
        if ((in.read<std::uint8_t>() != 0) != snap.has_value()) in.fail("snapshots were on in one run and off in the other");
        if (snap) {
          snap->restoreState(in);
          snap_text << in.readString();
        }
        in.expectEnd();
      } catch (const InputError& e) {
        throw InputError(file.string() + ": " + e.what() + "; delete it to start the run afresh");
      }
      resumed = true;
      out << fmt::format("continuing from the checkpoint at {} events, t = {:.6g} s\n", engine.events(), engine.time_s());
    }
  }
  const auto save = [&] {
    BinaryWriter state;
    state.writeTag("KRUN");
    state.write(atoms_initial);
    built.lattice.saveOccupancy(state);
    engine.saveState(state);
    ts.saveState(state);
    state.writeString(ts_text.str());
    state.write(static_cast<std::uint8_t>(snap.has_value()));
    if (snap) {
      snap->saveState(state);
      state.writeString(snap_text.str());
    }
    header.wall_time_s = wall_before + secondsSince(start);
    writeCheckpoint(file, header, state.bytes());
  };

  kmc::RunLimits limits;
  if (s.kmc->duration_s) limits.until_time_s = *s.kmc->duration_s;
  if (s.kmc->max_events) limits.max_events = *s.kmc->max_events;
  if (!checkpoints.writes() && !resumed) {
    engine.run(limits, &observers);
  } else {
    // The same run in chunks of events: Engine::run stops a chunk after exactly its events without
    // drawing ahead, so the chunks continue one another as one run would. Between chunks the
    // state is complete and saving it reads it only.
    if (checkpoints.writes()) {
      std::error_code ec;
      fs::create_directories(checkpoints.dir, ec);
      if (ec) throw RuntimeError("cannot create checkpoint folder '" + checkpoints.dir.string() + "': " + ec.message());
    }
    if (!resumed) observers.onStart(engine);
    EventsOnly events(observers);
    auto last = Clock::now();
    while (engine.events() < limits.max_events && engine.time_s() < limits.until_time_s) {
      kmc::RunLimits chunk;
      chunk.until_time_s = limits.until_time_s;
      chunk.max_events = std::min(kEventsPerChunk, limits.max_events - engine.events());
      if (engine.run(chunk, &events) < chunk.max_events) break;  // stopped on time
      if (checkpoints.writes() && secondsSince(last) >= checkpoints.every_s) {
        save();
        last = Clock::now();
      }
    }
    observers.onFinish(engine);
  }
  const double wall = wall_before + secondsSince(start);

  const kmc::EventStatistics& st = engine.statistics();
  nlohmann::json counts;
  for (int c = 0; c < kmc::kEventClassCount; ++c)
    counts[kmc::eventClassName(static_cast<kmc::EventClass>(c))] = st.by_class[static_cast<std::size_t>(c)];
  const kmc::SurfaceSample last = kmc::measureSurface(engine, mode);
  // Why the run ended: its event cap, its duration, or a surface on which no atom can move (the
  // bond-counting model freezes a flat terrace with no adatom: nothing happens, for ever).
  const std::string stop_reason = engine.mobileAtoms() == 0                   ? "frozen"
                                   : s.kmc->max_events && st.events >= *s.kmc->max_events ? "max_events"
                                                                                       : "duration";
  nlohmann::json summary = {
      {"scenario", s.name},
      {"mode", "kmc"},
      {"seed", s.seed},
      {"stop_reason", stop_reason},
      {"events", st.events},
      {"simulated_time_s", st.time_s},
      {"wall_time_s", wall},
      {"events_per_s", wall > 0.0 ? static_cast<double>(st.events) / wall : 0.0},
      {"atoms_initial", atoms_initial},
      {"atoms_final", built.lattice.atomCount()},
      {"temperature_K", s.kmc->temperature_K},
      {"events_by_class", counts},
      {"acceleration", accelerationJson(engine.accelerationReport())},
      {"final_surface", {{"adatoms", last.adatoms}, {"broken_bonds", last.broken_bonds},
                         {"surface_energy_eV", last.surface_energy_eV}, {"roughness_A", last.roughness_A}}},
      {"cite", citeJson(s)},
      {"provenance", prov.toJson()}};
  writeFileAtomically(dir / "timeseries.csv", prov.csvComment() + '\n' + ts_text.str());
  if (snap) writeFileAtomically(dir / "snapshots.xyz", snap_text.str());
  writeFileAtomically(dir / "summary.json", summary.dump(2) + "\n");
  out << fmt::format("{}: {} events, {:.4g} s simulated in {:.3g} s wall ({:.3g} events/s); atoms {} -> {}\n", s.name,
                     st.events, st.time_s, wall, wall > 0.0 ? static_cast<double>(st.events) / wall : 0.0,
                     atoms_initial, built.lattice.atomCount());
  if (stop_reason == "frozen")
    out << "no atom can move on this surface at this temperature: the run ended with nothing left to happen\n";
  out << "results in " << printableText(dir.string(), 4096) << "\n";
}

fs::path snapshotPath(const fs::path& dir, std::uint64_t replica) { return dir / fmt::format("yield_r{}.xyz", replica); }

void runCoupled(const Scenario& s, const fs::path& dir, const Provenance& prov, int threads,
                const CheckpointPolicy& checkpoints, std::ostream& out) {
  std::vector<ReplicaOutput> results(static_cast<std::size_t>(s.replicas));
  // With checkpoints, each finished replica is kept at once (snapshot, then record), so a killed
  // run neither loses nor recomputes it.
  const bool keep_finished = checkpoints.writes() || checkpoints.resume;
  if (keep_finished) {
    std::error_code ec;
    fs::create_directories(*checkpoints.record_dir, ec);
    if (ec) throw RuntimeError("cannot create '" + checkpoints.record_dir->string() + "': " + ec.message());
  }
  std::vector<char> kept(results.size(), 0);
  {
    tbb::global_control limit(tbb::global_control::max_allowed_parallelism, static_cast<std::size_t>(threads));
    tbb::parallel_for(0, s.replicas, [&](int r) {
      const auto replica = static_cast<std::uint64_t>(r);
      ReplicaOutput& o = results[static_cast<std::size_t>(r)];
      std::error_code ec;
      if (checkpoints.resume && fs::exists(snapshotPath(dir, replica), ec)) {
        if (auto done = loadReplicaRecord(replicaRecordPath(*checkpoints.record_dir, 0, replica), 0, replica,
                                          checkpoints.scenario_hash)) {
          o = std::move(*done);
          kept[static_cast<std::size_t>(r)] = 1;
          return;
        }
      }
      o = runCoupledReplica(s, 0, replica, true, checkpoints);
      writeFileAtomically(snapshotPath(dir, replica), o.yield_snapshot);
      if (keep_finished)
        saveReplicaRecord(replicaRecordPath(*checkpoints.record_dir, 0, replica), o, checkpoints.scenario_hash);
    });
  }
  if (checkpoints.resume) {
    const auto finished = std::count(kept.begin(), kept.end(), 1);
    const auto continued = std::count_if(results.begin(), results.end(), [](const ReplicaOutput& o) { return o.resumed; });
    out << fmt::format("resumed: {} of {} replicas were finished, {} continued from checkpoints\n", finished,
                       s.replicas, continued);
  }

  std::ostringstream yield, series;
  yield << prov.csvComment() << '\n'
        << "replica,yield_stress_GPa,yield_strain,time_s,site_class,x_nm,y_nm,z_nm,site_size,nucleated,events,"
           "wall_time_s,stop_reason,strength_GPa\n";
  series << prov.csvComment() << '\n'
         << "replica,time_s,applied_strain,stress_GPa,diffusion_strain,slip_strain,surface_diffusivity_m2_per_s";
  for (int c = 0; c < nucleation::kSiteClassCount; ++c)
    series << ",sites_" << nucleation::siteClassName(static_cast<nucleation::SiteClass>(c));
  series << ",max_step_height,pit_vacancies,hazard_per_s,cumulative_hazard,events\n";

  RunningStats yield_stats;
  for (const ReplicaOutput& o : results) {
    const coupling::CoupledResult& r = o.result;
    yield << fmt::format("{},{:.10g},{:.10g},{:.10g},{},{:.6f},{:.6f},{:.6f},{},{},{},{:.3f},{},{:.10g}\n", o.replica,
                         r.nucleated ? r.yield_stress_GPa : std::nan(""), r.nucleated ? r.yield_strain : std::nan(""),
                         r.time_s, r.nucleated ? nucleation::siteClassName(r.site_class) : "none",
                         units::angstromToNm(r.position_A.x), units::angstromToNm(r.position_A.y),
                         units::angstromToNm(r.position_A.z), r.site_size, r.nucleated ? 1 : 0, r.events,
                         o.wall_time_s, r.stop_reason, r.strength_GPa());
    for (const coupling::CoupledSample& c : r.samples) {
      series << fmt::format("{},{:.10g},{:.10g},{:.10g},{:.10g},{:.10g},{:.6g}", o.replica, c.time_s, c.applied_strain,
                            c.stress_GPa, c.diffusion_strain, c.slip_strain,
                            units::angstrom2PerSToM2PerS(c.surface_diffusivity_A2_per_s));
      for (std::int64_t k : c.sites) series << ',' << k;
      series << fmt::format(",{},{},{:.6g},{:.6g},{}\n", c.max_step_height, c.pit_vacancies, c.hazard_per_s,
                            c.cumulative_hazard, c.events);
    }
    if (r.nucleated) yield_stats.add(r.yield_stress_GPa);
  }
  const MeanStdErr yield_summary = yield_stats.summary();
  const int n = yield_summary.n;
  const double mean = yield_summary.mean, sd = yield_summary.sd;
  nlohmann::json replicas = nlohmann::json::array();
  for (const ReplicaOutput& o : results)
    replicas.push_back({{"replica", o.replica},
                        {"nucleated", o.result.nucleated},
                        {"stop_reason", o.result.stop_reason},
                        {"yield_stress_GPa", o.result.nucleated ? nlohmann::json(o.result.yield_stress_GPa) : nullptr},
                        {"strength_GPa", o.result.strength_GPa()},
                        {"time_s", o.result.time_s},
                        {"events", o.result.events},
                        {"atoms_initial", o.atoms_initial},
                        {"atoms_final", o.atoms_final},
                        {"surface_diffusivity_m2_per_s",
                         units::angstrom2PerSToM2PerS(o.result.surface_diffusivity_A2_per_s)},
                        {"acceleration", accelerationJson(o.result.acceleration)},
                        {"wall_time_s", o.wall_time_s}});
  nlohmann::json summary = {{"scenario", s.name},
                            {"mode", "coupled"},
                            {"seed", s.seed},
                            {"material", s.material.name},
                            {"replicas", s.replicas},
                            {"nucleated", n},
                            {"yield_stress_GPa",
                             {{"mean", n > 0 ? nlohmann::json(mean) : nullptr},
                              {"std", n > 1 ? nlohmann::json(sd) : nullptr},
                              {"stderr", n > 1 ? nlohmann::json(sd / std::sqrt(n)) : nullptr}}},
                            {"per_replica", replicas},
                            {"cite", citeJson(s)},
                            {"provenance", prov.toJson()}};
  writeFileAtomically(dir / "timeseries.csv", series.str());
  writeFileAtomically(dir / "yield.csv", yield.str());
  writeFileAtomically(dir / "summary.json", summary.dump(2) + "\n");

  const auto cut_short = std::count_if(results.begin(), results.end(), [](const ReplicaOutput& o) {
    return !o.result.nucleated && o.result.stop_reason == "max_events";
  });
  if (cut_short > 0)
    out << fmt::format("warning: {} of {} replicas stopped at kmc.max_events before nucleating: their strengths are "
                       "lower bounds (stop_reason in yield.csv and summary.json)\n",
                       cut_short, s.replicas);
  out << fmt::format("{}: {} of {} replicas nucleated", s.name, n, s.replicas);
  if (n > 0) out << fmt::format("; yield stress {:.3f} GPa", mean);
  if (n > 1) out << fmt::format(" ± {:.3f} (std {:.3f})", sd / std::sqrt(n), sd);
  out << "\nresults in " << printableText(dir.string(), 4096) << "\n";
}

}  // namespace

void runCommand(const fs::path& scenario, const RunOptions& options, std::ostream& out) {
  if (options.resume_dir && options.force)
    throw InputError("run: --force starts afresh and --resume continues; give one of them");
  std::optional<nlohmann::json> manifest;
  std::optional<ResultsFolder> folder;
  fs::path scenario_path = scenario;
  if (options.resume_dir) {
    // Locked before anything is read from it, for the whole run.
    folder = ResultsFolder::open(*options.resume_dir, kManifestName, FolderUse::kResume, false);
    manifest = readManifest(*options.resume_dir);
    // Scenario and material files, each named if it changed since the run started.
    checkInputsUnchanged(*manifest, *options.resume_dir);
    if (scenario_path.empty()) scenario_path = manifestScenario(*manifest, *options.resume_dir);
    if (options.out_dir && fs::absolute(*options.out_dir) != fs::absolute(*options.resume_dir))
      throw InputError("run: --out and --resume name different folders; --resume DIR writes into DIR");
  } else if (scenario_path.empty()) {
    throw InputError("run: give a SCENARIO file, or --resume DIR");
  }
  const Scenario s = loadScenario(scenario_path);
  if (s.has_sweep)
    throw InputError(s.sweep_location.message("sweep", "`surfkmc run` runs one scenario; run a sweep with `surfkmc sweep " +
                                                           scenario_path.string() + "`"));
  if (!s.kmc && !s.loading)
    throw InputError(scenario_path.string() + ": run needs a kmc: section (surface evolution) or a loading: section (yield)");
  if (manifest && manifest->value("scenario_hash", std::string()) != s.source_hash)
    throw InputError(scenario_path.string() + ": changed since the run in " + options.resume_dir->string() +
                     " started (hash " + s.source_hash + ", was " + manifest->value("scenario_hash", std::string()) +
                     "); a resumed run must be the same run");
  const int threads = threadCount(options.threads);
  // The specimen is built once here, so an empty one is refused before the folder is touched.
  (void)buildSpecimen(s);
  const Provenance prov = Provenance::now(s.source_path.string(), s.source_hash, s.seed, threads);
  const std::vector<InputFile> inputs = scenarioInputs(s);
  const std::string inputs_hash = inputsHash(inputs);
  const fs::path out_dir = options.out_dir ? *options.out_dir : fs::path("results") / s.name;
  if (!folder) {
    // Only now, with the scenario valid: a refused run leaves the folder untouched. The manifest
    // is written by ResultsFolder::open under the lock; the folder is new or empty, so there are no
    // checkpoints of an earlier run. Absolute, so `--resume DIR` without SCENARIO works from any folder.
    const nlohmann::json m = {{"scenario", fs::absolute(s.source_path).string()},
                              {"scenario_hash", s.source_hash},
                              {"mode", s.loading ? "coupled" : "kmc"},
                              {"scenario_from_results", fromResults(s.source_path, out_dir)},
                              {"inputs", inputsJson(inputs, out_dir)},
                              {"inputs_hash", inputs_hash},
                              {"provenance", prov.toJson()}};
    folder = ResultsFolder::open(out_dir, kManifestName, FolderUse::kFresh, options.force, m.dump(2) + "\n");
    if (!folder->movedAside().empty())
      out << "moved the earlier results in " << printableText(folder->path().string(), 4096) << " aside to "
          << printableText(folder->movedAside().string(), 4096) << "\n";
  }
  const fs::path dir = folder->path();

  CheckpointPolicy checkpoints;
  checkpoints.dir = dir / "checkpoints";
  checkpoints.every_s = checkpointInterval(options.checkpoint_every_s, s);
  checkpoints.resume = manifest.has_value();
  checkpoints.scenario_hash = inputs_hash;
  checkpoints.record_dir = checkpoints.dir;
  if (s.loading) {
    runCoupled(s, dir, prov, threads, checkpoints, out);
  } else {
    runKmcOnly(s, dir, prov, checkpoints, out);
  }
  // Results are written: the checkpoints and records they came from are no longer needed.
  std::error_code ec;
  fs::remove_all(checkpoints.dir, ec);
}

}  // namespace surfkmc::app
