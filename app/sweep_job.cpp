// SPDX-License-Identifier: MIT
// Preparing a sweep (plan, manifest, records folder, tasks), running one task, and the report.
#include "app/sweep_job.hpp"

#include <tbb/info.h>

#include <fmt/format.h>

#include <algorithm>
#include <fstream>
#include <nlohmann/json.hpp>
#include <ostream>
#include <set>
#include <sstream>

#include "app/atomic_file.hpp"
#include "app/experiment_data.hpp"
#include "app/input_identity.hpp"
#include "app/manifest.hpp"
#include "app/replica_record.hpp"
#include "app/replica_runner.hpp"
#include "app/results_folder.hpp"
#include "app/source_file.hpp"
#include "app/specimen.hpp"
#include "app/sweep_report.hpp"
#include "core/error.hpp"

namespace surfkmc::app {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;

/// `--checkpoint-every` overrides every point's `checkpoint_every_s` (it changes no result, so the
/// manifest's scenario hash stays that of the file).
void overrideCheckpointInterval(SweepPlan& plan, std::optional<double> every_s) {
  if (!every_s) return;
  for (SweepPoint& p : plan.points) p.scenario.checkpoint_every_s = *every_s;
}

/// Written first into the results folder: what a later --resume must match.
constexpr const char* kManifestName = "sweep.json";

/// Relative cost of a replica (atoms × time to yield ∝ volume / rate), to start long ones first:
/// with the longest last, one thread would be left running it alone.
double costEstimate(const Scenario& s) {
  const lattice::WireSpec& w = s.wire;
  const double diameter = w.gauge ? w.gauge->diameter_A : w.diameter_A;
  const double area = w.shape == lattice::Shape::kCylinder ? diameter * diameter : w.width_A * w.thickness_A;
  const double rate = s.loading && s.loading->strain_rate_per_s ? *s.loading->strain_rate_per_s : 1.0;
  return area * w.length_A / rate;
}

/// The manifest in `dir`, or nullopt if it has none and `required` is false.
std::optional<json> readManifest(const fs::path& dir, bool required) {
  const fs::path file = dir / kManifestName;
  std::error_code ec;
  if (!fs::exists(fs::symlink_status(file, ec))) {
    if (!required) return std::nullopt;
    throw InputError(dir.string() + ": nothing to resume (no " + kManifestName + "; was it a sweep's results folder?)");
  }
  return parseManifest(SourceFile::read(file));
}

/// Whether the sweep whose manifest is `m` streams its time series (a manifest of a surfkmc before
/// `--series` has no key: it does not).
bool manifestSeries(const json& m, const fs::path& dir) {
  if (!m.contains("series")) return false;
  if (!m["series"].is_boolean())
    throw InputError(printableText((dir / kManifestName).string(), 4096) +
                     ": bad manifest: 'series' must be true or false, got " + printableText(m["series"].dump(), 80));
  return m["series"].get<bool>();
}

/// `--series` is fixed when a sweep starts. Resuming one that streams its series goes on streaming
/// (with or without the flag); turning it on for one started without it would leave the replicas
/// run so far without a series file: refused. Shards of one job array must all agree.
bool seriesOfStartedSweep(const json& m, const fs::path& dir, bool asked, bool shard) {
  const bool started_with = manifestSeries(m, dir);
  const std::string shown = printableText(dir.string(), 4096);
  if (asked && !started_with)
    throw InputError("sweep --series: the sweep in " + shown +
                     " was started without --series, so the replicas it has run streamed no time series, and "
                     "--series now would leave a half-written set in " +
                     printableText((dir / "series").string(), 4096) + "; " +
                     (shard ? "give every shard of the array the same flags"
                            : "resume it without --series, or start the sweep afresh with --series (--force "
                              "moves the folder aside)"));
  if (shard && !asked && started_with)
    throw InputError("sweep --shard: the sweep in " + shown +
                     " was started with --series; give every shard of the array the same flags");
  return started_with;
}

/// Every (point, replica) of the plan in the order tasks are handed out: longest first, ties in
/// (point, replica) order. Shards are cut from this order, so it must not depend on what is done.
std::vector<SweepTask> taskOrder(const SweepPlan& plan) {
  std::vector<std::pair<SweepTask, double>> tasks;
  for (const SweepPoint& p : plan.points)
    for (int r = 0; r < p.scenario.replicas; ++r)
      tasks.push_back({{p.index, static_cast<std::uint64_t>(r)}, costEstimate(p.scenario)});
  std::stable_sort(tasks.begin(), tasks.end(), [](const auto& a, const auto& b) { return a.second > b.second; });
  std::vector<SweepTask> order;
  order.reserve(tasks.size());
  for (const auto& t : tasks) order.push_back(t.first);
  return order;
}

}  // namespace

int sweepThreadCount(int requested) {
  return requested > 0 ? requested : std::max(1, tbb::info::default_concurrency());
}

void SweepJob::checkPlan(const SweepPlan& plan) {
  for (const SweepPoint& p : plan.points)
    if (!p.scenario.loading)
      throw InputError(plan.source_path.string() + ": point " + std::to_string(p.index) +
                       " has no loading: section; a sweep loads every point to yield");
  // Each distinct specimen is built once, so an empty or impossible one is refused before
  // anything runs (or is written).
  std::set<std::pair<std::string, double>> built;
  for (const SweepPoint& p : plan.points) {
    const lattice::WireSpec& w = p.scenario.wire;
    const std::string key =
        fmt::format("{} {} {} {} {} {} {}", static_cast<int>(w.shape), w.diameter_A, w.length_A, w.width_A,
                    w.thickness_A, w.size_z_A,
                    w.gauge ? fmt::format("{} {} {}", w.gauge->diameter_A, w.gauge->length_A, w.gauge->transition_A)
                            : std::string("-"));
    if (!built.insert({key, p.scenario.material.lattice_constant_A}).second) continue;
    try {
      (void)buildSpecimen(p.scenario);
    } catch (const InputError& e) {
      throw InputError("sweep point " + std::to_string(p.index) + ": " + e.what());
    }
  }
}

SweepJob SweepJob::prepare(const SweepOptions& options, int threads, int ranks) {
  if (options.resume_dir && options.force)
    throw InputError("sweep: --force starts afresh and --resume continues; give one of them");
  std::optional<json> manifest;
  std::optional<ResultsFolder> folder;
  fs::path scenario_path;
  if (options.resume_dir) {
    // Locked before anything is read from it, for the whole sweep.
    folder = ResultsFolder::open(*options.resume_dir, kManifestName, FolderUse::kResume, false);
    manifest = readManifest(*options.resume_dir, true);
    // Scenario and material files, each named if it changed since the sweep started.
    checkInputsUnchanged(*manifest, *options.resume_dir);
    (void)seriesOfStartedSweep(*manifest, *options.resume_dir, options.series, false);
    scenario_path = options.scenario ? *options.scenario : manifestScenario(*manifest, *options.resume_dir);
  } else if (options.scenario) {
    scenario_path = *options.scenario;
  } else {
    throw InputError("sweep: give a SCENARIO file, or --resume DIR");
  }
  if (options.resume_dir && options.out_dir && fs::absolute(*options.out_dir) != fs::absolute(*options.resume_dir))
    throw InputError("sweep: --out and --resume name different folders; --resume DIR writes into DIR");

  // The data file is validated now, as `compare` reads it, not found wanting after hours of work.
  if (options.data_file) (void)loadExperimentData(*options.data_file);

  SweepJob job;
  job.shard_ = options.shard;
  job.plan_ = loadSweepPlan(scenario_path);
  overrideCheckpointInterval(job.plan_, options.checkpoint_every_s);
  const SweepPlan& plan = job.plan_;
  checkPlan(plan);

  job.dir_ = options.resume_dir ? *options.resume_dir
             : options.out_dir  ? *options.out_dir
                                : fs::path("results") / plan.points.front().scenario.name;
  if (manifest && manifest->value("scenario_hash", std::string()) != plan.source_hash)
    throw InputError(scenario_path.string() + ": changed since the run in " + job.dir_.string() + " started (hash " +
                     plan.source_hash + ", was " + manifest->value("scenario_hash", std::string()) +
                     "); a resumed sweep must be the same sweep");
  const std::vector<InputFile> inputs = sweepInputs(plan);
  job.inputs_hash_ = inputsHash(inputs);
  job.provenance_ =
      Provenance::now(plan.source_path.string(), plan.source_hash, plan.points.front().scenario.seed, threads, ranks);
  if (!folder) {
    // Only now, with every point valid: a refused sweep leaves the folder untouched. The manifest
    // is written by ResultsFolder::open under the lock, if the folder is fresh. The shards of a
    // job array share one folder (and its lock): whichever starts first writes the manifest, and
    // the others join it.
    // Absolute, so `--resume DIR` without SCENARIO works from any folder.
    const json m = {{"scenario", fs::absolute(plan.source_path).string()},
                    {"scenario_hash", plan.source_hash},
                    {"points", plan.points.size()},
                    {"keys", plan.keys},
                    {"scenario_from_results", fromResults(plan.source_path, job.dir_)},
                    {"inputs", inputsJson(inputs, job.dir_)},
                    {"inputs_hash", job.inputs_hash_},
                    {"series", options.series},
                    {"provenance", job.provenance_.toJson()}};
    folder = ResultsFolder::open(job.dir_, kManifestName, options.shard ? FolderUse::kShard : FolderUse::kFresh,
                                 options.force, m.dump(2) + "\n");
    if (options.shard && folder->hadManifest()) {
      manifest = readManifest(job.dir_, true);
      checkInputsUnchanged(*manifest, job.dir_);
      if (manifest->value("scenario_hash", std::string()) != plan.source_hash)
        throw InputError(job.dir_.string() + " holds a sweep of another scenario (hash " +
                         manifest->value("scenario_hash", std::string()) + ", " + scenario_path.string() + " has " +
                         plan.source_hash + "); give each sweep its own --out");
      (void)seriesOfStartedSweep(*manifest, job.dir_, options.series, true);
    }
    if (!folder->movedAside().empty()) job.moved_aside_ = folder->movedAside();
  }
  job.folder_ = folder;
  job.resumed_ = manifest.has_value();
  job.series_ = manifest ? manifestSeries(*manifest, job.dir_) : options.series;
  job.series_head_ = job.provenance_.csvComment() + '\n' + coupledSeriesHeader();

  job.records_ = job.dir_ / "points";
  // A fresh sweep's folder is new or empty (ResultsFolder): there are no records of an earlier one.
  std::error_code ec;
  fs::create_directories(job.records_, ec);
  if (ec) throw RuntimeError("cannot create results folder '" + job.records_.string() + "': " + ec.message());

  // Records of this run are kept whenever the folder is not fresh; a shard also keeps what an
  // earlier attempt of the same array task left.
  const bool keep = manifest || options.shard;
  const std::vector<SweepTask> order = taskOrder(plan);
  for (std::size_t k = 0; k < order.size(); ++k) {
    if (options.shard && !options.shard->holds(k)) continue;
    const SweepTask& t = order[k];
    ++job.total_;
    if (keep &&
        loadReplicaRecord(replicaRecordPath(job.records_, t.point, t.replica), t.point, t.replica, job.inputs_hash_))
      continue;
    job.todo_.push_back(t);
  }
  return job;
}

SweepJob::Shared SweepJob::shared() const {
  // Absolute paths: a rank on another node may start in another folder.
  return {fs::absolute(plan_.source_path), fs::absolute(dir_), plan_.source_hash, resumed_, series_,
          provenance_.csvComment()};
}

SweepJob SweepJob::attach(const Shared& shared, std::optional<double> checkpoint_every_s) {
  SweepJob job;
  job.resumed_ = shared.resumed;
  job.series_ = shared.series;
  job.series_head_ = shared.provenance_comment + '\n' + coupledSeriesHeader();
  job.plan_ = loadSweepPlan(shared.scenario);
  overrideCheckpointInterval(job.plan_, checkpoint_every_s);
  if (job.plan_.source_hash != shared.hash)
    throw InputError(shared.scenario.string() + ": changed while the sweep started (hash " + job.plan_.source_hash +
                     ", rank 0 read " + shared.hash + "); start it again");
  job.dir_ = shared.dir;
  job.records_ = shared.dir / "points";
  job.inputs_hash_ = inputsHash(sweepInputs(job.plan_));
  return job;
}

ReplicaWatch SweepJob::watchFor(const SweepTask& task) const {
  ReplicaWatch watch;
  const auto folder = [&](const char* name) {
    const fs::path dir = dir_ / name;
    std::error_code ec;
    fs::create_directories(dir, ec);
    if (ec) throw RuntimeError("cannot create '" + printableText(dir.string(), 4096) + "': " + ec.message());
    return dir;
  };
  const std::string stem = fmt::format("p{:05}_r{:04}", task.point, task.replica);
  const Scenario& s = plan_.points.at(task.point).scenario;
  // A run that goes on after nucleating always streams frames: the specimen before and after each slip.
  const bool flows = s.loading && s.loading->until_max_strain;
  if ((s.kmc && s.kmc->snapshot_every_s) || flows) {
    watch.frames_file = folder("frames") / (stem + ".xyz");
    if (s.kmc && s.kmc->snapshot_every_s) watch.frame_every_s = *s.kmc->snapshot_every_s;
  }
  if (series_) {
    watch.series_file = folder("series") / (stem + ".csv");
    watch.series_head = series_head_;
  }
  return watch;
}

ProgressOptions SweepJob::progressOptions(bool quiet) const {
  ProgressOptions options;
  options.quiet = quiet;
  options.status_file = dir_ / "progress.json";
  options.mode = "sweep";
  return options;
}

Stopped SweepJob::stopped(int signal, const std::string& what) const {
  return Stopped(signal, what + "; finished replicas are kept; continue with: surfkmc sweep --resume " +
                             printableText(dir_.string(), 4096));
}

double SweepJob::run(const SweepTask& task, const ReplicaWatch& watch) const {
  if (task.point >= plan_.points.size() ||
      task.replica >= static_cast<std::uint64_t>(plan_.points[task.point].scenario.replicas))
    throw RuntimeError("no point " + std::to_string(task.point) + " replica " + std::to_string(task.replica) +
                       " in this sweep");
  const ReplicaOutput o = runCoupledReplica(plan_.points[task.point].scenario, task.point, task.replica, false,
                                            sweepCheckpoints(dir_, plan_, task.point, resumed_), watch);
  saveReplicaRecord(replicaRecordPath(records_, task.point, task.replica), o, inputs_hash_);
  return o.result.time_s;
}

bool SweepJob::complete() const {
  std::error_code ec;
  return std::all_of(todo_.begin(), todo_.end(), [&](const SweepTask& t) {
    return fs::exists(replicaRecordPath(records_, t.point, t.replica), ec);
  });
}

void SweepJob::finish(const std::optional<fs::path>& data_file, std::ostream& out) const {
  if (shard_) {
    std::size_t missing = 0;
    for (const SweepPoint& p : plan_.points)
      for (int r = 0; r < p.scenario.replicas; ++r)
        if (!fs::exists(replicaRecordPath(records_, p.index, static_cast<std::uint64_t>(r)))) ++missing;
    out << "shard " << shard_->text() << ": its " << total_ << " tasks are done in " << dir_.string() << "; ";
    if (missing > 0)
      out << missing << " tasks of other shards are still to come. When every shard has finished, ";
    else
      out << "every shard has finished: ";
    out << "`surfkmc sweep --resume " << dir_.string() << "` writes the report\n";
    return;
  }
  // The report is built from the saved records alone, so a resumed sweep writes the same files.
  std::vector<std::vector<ReplicaOutput>> results(plan_.points.size());
  for (const SweepPoint& p : plan_.points)
    for (int r = 0; r < p.scenario.replicas; ++r) {
      const auto replica = static_cast<std::uint64_t>(r);
      auto o = loadReplicaRecord(replicaRecordPath(records_, p.index, replica), p.index, replica, inputs_hash_);
      if (!o)
        throw RuntimeError("result of point " + std::to_string(p.index) + " replica " + std::to_string(r) +
                           " is missing");
      results[p.index].push_back(std::move(*o));
    }
  writeSweepReport(plan_, results, dir_, provenance_, data_file, out);
  // Every replica's checkpoint went when its record was saved; the emptied folder goes now.
  std::error_code ec;
  if (fs::is_empty(dir_ / "checkpoints", ec) && !ec) fs::remove(dir_ / "checkpoints", ec);
}

}  // namespace surfkmc::app
