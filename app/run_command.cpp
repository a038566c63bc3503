// SPDX-License-Identifier: MIT
// `surfkmc run`: evolve a wire with the KMC, or load it to its first dislocation nucleation.
#include "app/run_command.hpp"

#include <fmt/format.h>
#include <tbb/global_control.h>
#include <tbb/parallel_for.h>

#include <chrono>
#include <cmath>
#include <nlohmann/json.hpp>
#include <ostream>
#include <sstream>
#include <thread>

#include "app/acceleration_section.hpp"
#include "app/atomic_file.hpp"
#include "app/observer_list.hpp"
#include "app/provenance.hpp"
#include "app/replica_runner.hpp"
#include "app/scenario_loader.hpp"
#include "app/specimen.hpp"
#include "core/error.hpp"
#include "core/units.hpp"
#include "kmc/engine.hpp"
#include "kmc/snapshot_observer.hpp"
#include "kmc/time_series_observer.hpp"
#include "nucleation/site_class.hpp"

namespace surfkmc::app {
namespace {

namespace fs = std::filesystem;

int threadCount(int requested) {
  if (requested > 0) return requested;
  const unsigned hw = std::thread::hardware_concurrency();
  return hw > 0 ? static_cast<int>(hw) : 1;
}

fs::path prepareOutDir(const Scenario& s, const RunOptions& options) {
  const fs::path dir = options.out_dir ? *options.out_dir : fs::path("results") / s.name;
  std::error_code ec;
  fs::create_directories(dir, ec);
  if (ec) throw RuntimeError("cannot create results folder '" + dir.string() + "': " + ec.message());
  return dir;
}

void runKmcOnly(const Scenario& s, const fs::path& dir, const Provenance& prov, std::ostream& out) {
  lattice::BuiltWire built = buildSpecimen(s);
  const std::int64_t atoms_initial = built.lattice.atomCount();
  kmc::EngineOptions options;
  options.checking = s.kmc->checking;
  options.rate_scaling = s.acceleration;
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
  std::ostringstream ts_text, snap_text;
  ts_text << prov.csvComment() << '\n';
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

  kmc::RunLimits limits;
  if (s.kmc->duration_s) limits.until_time_s = *s.kmc->duration_s;
  if (s.kmc->max_events) limits.max_events = *s.kmc->max_events;
  const auto start = std::chrono::steady_clock::now();
  engine.run(limits, &observers);
  const double wall = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();

  const kmc::EventStatistics& st = engine.statistics();
  nlohmann::json counts;
  for (int c = 0; c < kmc::kEventClassCount; ++c)
    counts[kmc::eventClassName(static_cast<kmc::EventClass>(c))] = st.by_class[static_cast<std::size_t>(c)];
  const kmc::SurfaceSample last = kmc::measureSurface(engine, mode);
  nlohmann::json summary = {
      {"scenario", s.name},
      {"mode", "kmc"},
      {"seed", s.seed},
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
      {"provenance", prov.toJson()}};
  writeFileAtomically(dir / "timeseries.csv", ts_text.str());
  if (snap) writeFileAtomically(dir / "snapshots.xyz", snap_text.str());
  writeFileAtomically(dir / "summary.json", summary.dump(2) + "\n");
  out << fmt::format("{}: {} events, {:.4g} s simulated in {:.3g} s wall ({:.3g} events/s); atoms {} -> {}\n", s.name,
                     st.events, st.time_s, wall, wall > 0.0 ? static_cast<double>(st.events) / wall : 0.0,
                     atoms_initial, built.lattice.atomCount());
  out << "results in " << dir.string() << "\n";
}

void runCoupled(const Scenario& s, const fs::path& dir, const Provenance& prov, int threads, std::ostream& out) {
  std::vector<ReplicaOutput> results(static_cast<std::size_t>(s.replicas));
  {
    tbb::global_control limit(tbb::global_control::max_allowed_parallelism, static_cast<std::size_t>(threads));
    tbb::parallel_for(0, s.replicas, [&](int r) {
      results[static_cast<std::size_t>(r)] = runCoupledReplica(s, 0, static_cast<std::uint64_t>(r), true);
    });
  }

  std::ostringstream yield, series;
  yield << prov.csvComment() << '\n'
        << "replica,yield_stress_GPa,yield_strain,time_s,site_class,x_nm,y_nm,z_nm,site_size,nucleated,events,"
           "wall_time_s,stop_reason\n";
  series << prov.csvComment() << '\n'
         << "replica,time_s,applied_strain,stress_GPa,diffusion_strain,slip_strain,surface_diffusivity_m2_per_s";
  for (int c = 0; c < nucleation::kSiteClassCount; ++c)
    series << ",sites_" << nucleation::siteClassName(static_cast<nucleation::SiteClass>(c));
  series << ",max_step_height,pit_vacancies,hazard_per_s,cumulative_hazard,events\n";

  double sum = 0.0, sum2 = 0.0;
  int n = 0;
  for (const ReplicaOutput& o : results) {
    const coupling::CoupledResult& r = o.result;
    yield << fmt::format("{},{:.10g},{:.10g},{:.10g},{},{:.6f},{:.6f},{:.6f},{},{},{},{:.3f},{}\n", o.replica,
                         r.nucleated ? r.yield_stress_GPa : std::nan(""), r.nucleated ? r.yield_strain : std::nan(""),
                         r.time_s, r.nucleated ? nucleation::siteClassName(r.site_class) : "none",
                         units::angstromToNm(r.position_A.x), units::angstromToNm(r.position_A.y),
                         units::angstromToNm(r.position_A.z), r.site_size, r.nucleated ? 1 : 0, r.events,
                         o.wall_time_s, r.stop_reason);
    for (const coupling::CoupledSample& c : r.samples) {
      series << fmt::format("{},{:.10g},{:.10g},{:.10g},{:.10g},{:.10g},{:.6g}", o.replica, c.time_s, c.applied_strain,
                            c.stress_GPa, c.diffusion_strain, c.slip_strain,
                            units::angstrom2PerSToM2PerS(c.surface_diffusivity_A2_per_s));
      for (std::int64_t k : c.sites) series << ',' << k;
      series << fmt::format(",{},{},{:.6g},{:.6g},{}\n", c.max_step_height, c.pit_vacancies, c.hazard_per_s,
                            c.cumulative_hazard, c.events);
    }
    if (r.nucleated) {
      sum += r.yield_stress_GPa;
      sum2 += r.yield_stress_GPa * r.yield_stress_GPa;
      ++n;
    }
  }
  const double mean = n > 0 ? sum / n : std::nan("");
  const double var = n > 1 ? (sum2 - n * mean * mean) / (n - 1) : std::nan("");
  const double sd = var > 0.0 ? std::sqrt(var) : (n > 1 ? 0.0 : std::nan(""));
  nlohmann::json replicas = nlohmann::json::array();
  for (const ReplicaOutput& o : results)
    replicas.push_back({{"replica", o.replica},
                        {"nucleated", o.result.nucleated},
                        {"stop_reason", o.result.stop_reason},
                        {"yield_stress_GPa", o.result.nucleated ? nlohmann::json(o.result.yield_stress_GPa) : nullptr},
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
                            {"provenance", prov.toJson()}};
  for (const ReplicaOutput& o : results)
    writeFileAtomically(dir / fmt::format("yield_r{}.xyz", o.replica), o.yield_snapshot);
  writeFileAtomically(dir / "timeseries.csv", series.str());
  writeFileAtomically(dir / "yield.csv", yield.str());
  writeFileAtomically(dir / "summary.json", summary.dump(2) + "\n");

  out << fmt::format("{}: {} of {} replicas nucleated", s.name, n, s.replicas);
  if (n > 0) out << fmt::format("; yield stress {:.3f} GPa", mean);
  if (n > 1) out << fmt::format(" ± {:.3f} (std {:.3f})", sd / std::sqrt(n), sd);
  out << "\nresults in " << dir.string() << "\n";
}

}  // namespace

void runCommand(const fs::path& scenario, const RunOptions& options, std::ostream& out) {
  const Scenario s = loadScenario(scenario);
  if (s.has_sweep)
    throw InputError(s.sweep_location.message("sweep", "`surfkmc run` runs one scenario; run a sweep with `surfkmc sweep " +
                                                           scenario.string() + "`"));
  if (!s.kmc && !s.loading)
    throw InputError(scenario.string() + ": run needs a kmc: section (surface evolution) or a loading: section (yield)");
  const int threads = threadCount(options.threads);
  const fs::path dir = prepareOutDir(s, options);
  const Provenance prov = Provenance::now(s.source_path.string(), s.source_hash, s.seed, threads);
  if (s.loading) {
    runCoupled(s, dir, prov, threads, out);
  } else {
    runKmcOnly(s, dir, prov, out);
  }
}

}  // namespace surfkmc::app
