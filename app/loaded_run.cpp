// SPDX-License-Identifier: MIT
// `surfkmc run` with a loading: section.
#include "app/loaded_run.hpp"

#include <fmt/format.h>
#include <tbb/global_control.h>
#include <tbb/parallel_for.h>

#include <algorithm>
#include <cmath>
#include <iostream>
#include <nlohmann/json.hpp>
#include <ostream>
#include <sstream>

#include "app/acceleration_section.hpp"
#include "app/atomic_file.hpp"
#include "app/citation.hpp"
#include "app/json_records.hpp"
#include "app/replica_record.hpp"
#include "app/replica_runner.hpp"
#include "app/source_file.hpp"
#include "app/stop_request.hpp"
#include "app/sweep_report.hpp"
#include "core/error.hpp"
#include "core/statistics.hpp"
#include "core/units.hpp"
#include "kmc/rate_scaling_bias.hpp"
#include "nucleation/site_class.hpp"

namespace surfkmc::app {
namespace {

namespace fs = std::filesystem;

fs::path yieldSnapshotPath(const fs::path& dir, std::uint64_t replica) {
  return dir / fmt::format("yield_r{}.xyz", replica);
}

/// Replicas a killed run had finished: their snapshot is written and their record is whole.
std::vector<char> loadFinished(const Scenario& s, const fs::path& dir, const CheckpointPolicy& checkpoints,
                               std::vector<ReplicaOutput>& results) {
  std::vector<char> kept(results.size(), 0);
  if (!checkpoints.resume) return kept;
  for (int r = 0; r < s.replicas; ++r) {
    const auto replica = static_cast<std::uint64_t>(r);
    std::error_code ec;
    if (!fs::exists(yieldSnapshotPath(dir, replica), ec)) continue;
    if (auto done = loadReplicaRecord(replicaRecordPath(*checkpoints.record_dir, 0, replica), 0, replica,
                                      checkpoints.scenario_hash)) {
      results[static_cast<std::size_t>(r)] = std::move(*done);
      kept[static_cast<std::size_t>(r)] = 1;
    }
  }
  return kept;
}

ReplicaWatch watchFor(const Scenario& s, const fs::path& dir, const Provenance& prov, std::uint64_t replica,
                      ProgressMeter& progress) {
  ReplicaWatch watch;
  watch.progress = [&progress, replica](const TaskProgress& now) { progress.update(replica, now); };
  watch.series_file = dir / fmt::format("timeseries_r{}.csv", replica);
  watch.series_head = prov.csvComment() + '\n' + coupledSeriesHeader();
  watch.frames_file = dir / fmt::format("frames_r{}.xyz", replica);
  if (s.kmc && s.kmc->snapshot_every_s) watch.frame_every_s = *s.kmc->snapshot_every_s;
  return watch;
}

/// Runs the replicas not yet finished, in parallel; each finished one is kept at once (snapshot,
/// then record), so a killed run neither loses nor recomputes it.
void runReplicas(const Scenario& s, const fs::path& dir, const Provenance& prov, int threads,
                 const CheckpointPolicy& checkpoints, const std::vector<char>& kept, ProgressMeter& progress,
                 std::vector<ReplicaOutput>& results) {
  tbb::global_control limit(tbb::global_control::max_allowed_parallelism, static_cast<std::size_t>(threads));
  tbb::parallel_for(0, s.replicas, [&](int r) {
    if (kept[static_cast<std::size_t>(r)]) return;
    const auto replica = static_cast<std::uint64_t>(r);
    ReplicaOutput& o = results[static_cast<std::size_t>(r)];
    o = runCoupledReplica(s, 0, replica, true, checkpoints, watchFor(s, dir, prov, replica, progress));
    writeFileAtomically(yieldSnapshotPath(dir, replica), o.yield_snapshot);
    saveReplicaRecord(replicaRecordPath(*checkpoints.record_dir, 0, replica), o, checkpoints.scenario_hash);
    progress.taskDone(replica, o.result.time_s, o.result.events);
  });
}

std::string yieldCsv(const Provenance& prov, const std::vector<ReplicaOutput>& results) {
  std::ostringstream yield;
  yield << prov.csvComment() << '\n'
        << "replica,yield_stress_GPa,yield_strain,time_s,site_class,x_nm,y_nm,z_nm,site_size,nucleated,events,"
           "wall_time_s,stop_reason,strength_GPa\n";
  for (const ReplicaOutput& o : results) {
    const coupling::CoupledResult& r = o.result;
    yield << fmt::format("{},{:.10g},{:.10g},{:.10g},{},{:.6f},{:.6f},{:.6f},{},{},{},{:.3f},{},{:.10g}\n", o.replica,
                         r.nucleated ? r.yield_stress_GPa : std::nan(""), r.nucleated ? r.yield_strain : std::nan(""),
                         r.time_s, r.nucleated ? nucleation::siteClassName(r.site_class) : "none",
                         units::angstromToNm(r.position_A.x), units::angstromToNm(r.position_A.y),
                         units::angstromToNm(r.position_A.z), r.site_size, r.nucleated ? 1 : 0, r.events, o.wall_time_s,
                         coupling::stopReasonName(r.stop_reason), r.strength_GPa());
  }
  return yield.str();
}

std::string seriesCsv(const Provenance& prov, const std::vector<ReplicaOutput>& results) {
  std::string series = prov.csvComment() + '\n' + coupledSeriesHeader();
  for (const ReplicaOutput& o : results)
    for (const coupling::CoupledSample& c : o.result.samples) series += coupledSeriesRow(o.replica, c);
  return series;
}

/// The run as a sweep of one point with no swept keys, for the shared points.csv schema.
SweepPlan onePointPlan(const Scenario& s) {
  SweepPlan plan;
  plan.points.push_back(SweepPoint{0, {}, s});
  return plan;
}

/// Mean and standard deviation of the nucleated replicas' yield stresses (core/statistics.hpp).
using YieldStatistics = MeanStdErr;

YieldStatistics yieldStatistics(const std::vector<ReplicaOutput>& results) {
  return meanStdErr(
      results, [](const ReplicaOutput& o) { return o.result.nucleated; },
      [](const ReplicaOutput& o) { return o.result.yield_stress_GPa; });
}

nlohmann::json summaryJson(const Scenario& s, const Provenance& prov, const std::vector<ReplicaOutput>& results,
                           const YieldStatistics& y) {
  nlohmann::json replicas = nlohmann::json::array();
  for (const ReplicaOutput& o : results)
    replicas.push_back(
        {{"replica", o.replica},
         {"nucleated", o.result.nucleated},
         {"stop_reason", coupling::stopReasonName(o.result.stop_reason)},
         {"yield_stress_GPa", o.result.nucleated ? nlohmann::json(o.result.yield_stress_GPa) : nullptr},
         {"strength_GPa", o.result.strength_GPa()},
         {"time_s", o.result.time_s},
         {"events", o.result.events},
         {"uncatalogued_event_fraction",
          s.kmc && s.kmc->energetics == "catalogue" && o.result.events > 0
              ? nlohmann::json(static_cast<double>(o.result.uncatalogued_events) / static_cast<double>(o.result.events))
              : nlohmann::json(nullptr)},
         {"interlayer_transits", o.result.interlayer_transits},
         {"atoms_initial", o.atoms_initial},
         {"atoms_final", o.atoms_final},
         {"surface_diffusivity_m2_per_s", units::angstrom2PerSToM2PerS(o.result.surface_diffusivity_A2_per_s)},
         {"acceleration", accelerationJson(o.result.acceleration)},
         {"wall_time_s", o.wall_time_s}});
  CiteList cite;
  cite.add(s);
  return {{"scenario", s.name},
          {"mode", "coupled"},
          {"seed", s.seed},
          {"material", s.material.name},
          {"energetics", s.kmc ? nlohmann::json(s.kmc->energetics) : nlohmann::json(nullptr)},
          {"hop_key", s.kmc ? nlohmann::json(s.kmc->hop_key) : nlohmann::json(nullptr)},
          {"stress_response", stressResponseName(s.material)},
          {"nucleation_model", s.nucleation.model},
          {"creep", creepName(*s.loading)},
          {"activation_entropy", s.nucleation.activation_entropy},
          {"replicas", s.replicas},
          {"nucleated", y.n},
          {"yield_stress_GPa", y},
          {"per_replica", replicas},
          // The sweep's `keys` and `points` for the one point a run is: one schema for both.
          {"keys", nlohmann::json::array()},
          {"points", pointsJson(onePointPlan(s), {results})},
          {"cite", cite.toJson()},
          {"provenance", prov.toJson()}};
}

void printReport(const Scenario& s, const fs::path& dir, const std::vector<ReplicaOutput>& results,
                 const YieldStatistics& y, std::ostream& out) {
  const auto cut_short = std::count_if(results.begin(), results.end(), [](const ReplicaOutput& o) {
    return !o.result.nucleated && o.result.stop_reason == coupling::StopReason::kMaxEvents;
  });
  if (cut_short > 0)
    out << fmt::format(
        "warning: {} of {} replicas stopped at kmc.max_events before nucleating: their strengths are "
        "lower bounds (stop_reason in yield.csv and summary.json)\n",
        cut_short, s.replicas);
  std::vector<kmc::RateScalingBias> start, end;
  for (const ReplicaOutput& o : results) {
    start.push_back(o.result.acceleration.rate_scaling_bias);
    end.push_back(o.result.acceleration.rate_scaling_bias_at_end);
  }
  if (const auto warning = rateScalingBiasWarning(kmc::poolRateScalingBias(start), kmc::poolRateScalingBias(end), ""))
    std::cerr << *warning;
  out << fmt::format("{}: {} of {} replicas nucleated", s.name, y.n, s.replicas);
  if (y.n > 0) out << fmt::format("; yield stress {:.3f} GPa", y.mean);
  if (y.n > 1) out << fmt::format(" ± {:.3f} (std {:.3f})", y.se, y.sd);
  out << "\nresults in " << printableText(dir.string(), 4096) << "\n";
}

}  // namespace

void runLoaded(const Scenario& s, const fs::path& dir, const Provenance& prov, int threads,
               const CheckpointPolicy& checkpoints, const ProgressOptions& progress_options, std::ostream& out) {
  std::error_code ec;
  fs::create_directories(*checkpoints.record_dir, ec);
  if (ec) throw RuntimeError("cannot create '" + checkpoints.record_dir->string() + "': " + ec.message());
  std::vector<ReplicaOutput> results(static_cast<std::size_t>(s.replicas));
  const std::vector<char> kept = loadFinished(s, dir, checkpoints, results);
  const auto finished = static_cast<std::size_t>(std::count(kept.begin(), kept.end(), 1));
  ProgressMeter progress(results.size(), finished, progress_options);
  try {
    runReplicas(s, dir, prov, threads, checkpoints, kept, progress, results);
  } catch (const Stopped&) {
    progress.finish("stopped");
    throw;
  }
  progress.finish();
  if (checkpoints.resume) {
    const auto continued =
        std::count_if(results.begin(), results.end(), [](const ReplicaOutput& o) { return o.resumed; });
    out << fmt::format("resumed: {} of {} replicas were finished, {} continued from checkpoints\n", finished,
                       s.replicas, continued);
  }
  const YieldStatistics y = yieldStatistics(results);
  writeFileAtomically(dir / "timeseries.csv", seriesCsv(prov, results));
  writeFileAtomically(dir / "yield.csv", yieldCsv(prov, results));
  writeFileAtomically(dir / "points.csv", pointsCsv(onePointPlan(s), {results}, prov));
  writeFileAtomically(dir / "stress_strain.csv", stressStrainCsv(onePointPlan(s), {results}, prov));
  writeFileAtomically(dir / "summary.json", summaryJson(s, prov, results, y).dump(2) + "\n");
  printReport(s, dir, results, y, out);
}

}  // namespace surfkmc::app
