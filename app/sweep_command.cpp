// SPDX-License-Identifier: MIT
// `surfkmc sweep`: every (point, replica) of a scenario's sweep, in parallel, resumable.
#include "app/sweep_command.hpp"

#include <tbb/blocked_range.h>
#include <tbb/global_control.h>
#include <tbb/parallel_for.h>
#include <tbb/partitioner.h>

#include <algorithm>
#include <fstream>
#include <nlohmann/json.hpp>
#include <ostream>
#include <sstream>
#include <thread>

#include "app/atomic_file.hpp"
#include "app/progress_meter.hpp"
#include "app/provenance.hpp"
#include "app/replica_record.hpp"
#include "app/replica_runner.hpp"
#include "app/sweep_plan.hpp"
#include "app/sweep_report.hpp"
#include "core/error.hpp"

namespace surfkmc::app {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;

/// Written first into the results folder: what a later --resume must match.
constexpr const char* kManifestName = "sweep.json";

struct Task {
  std::size_t point = 0;
  std::uint64_t replica = 0;
  double cost = 0.0;
};

/// Relative cost of a replica (atoms × time to yield ∝ volume / rate), to start long ones first:
/// with the longest last, one thread would be left running it alone.
double costEstimate(const Scenario& s) {
  const lattice::WireSpec& w = s.wire;
  const double area = w.shape == lattice::Shape::kCylinder
                          ? (w.gauge ? w.gauge->diameter_A : w.diameter_A) * (w.gauge ? w.gauge->diameter_A : w.diameter_A)
                          : w.width_A * w.thickness_A;
  const double rate = s.loading && s.loading->strain_rate_per_s ? *s.loading->strain_rate_per_s : 1.0;
  return area * w.length_A / rate;
}

json readManifest(const fs::path& dir) {
  const fs::path file = dir / kManifestName;
  std::ifstream in(file, std::ios::binary);
  if (!in) throw InputError(dir.string() + ": nothing to resume (no " + kManifestName + "; was it a sweep's results folder?)");
  std::ostringstream text;
  text << in.rdbuf();
  try {
    return json::parse(text.str());
  } catch (const json::exception& e) {
    throw InputError(file.string() + ": unreadable (" + e.what() + ")");
  }
}

int threadCount(int requested) {
  if (requested > 0) return requested;
  const unsigned hw = std::thread::hardware_concurrency();
  return hw > 0 ? static_cast<int>(hw) : 1;
}

}  // namespace

void sweepCommand(const SweepOptions& options, std::ostream& out) {
  std::optional<json> manifest;
  fs::path scenario_path;
  if (options.resume_dir) {
    manifest = readManifest(*options.resume_dir);
    scenario_path = options.scenario ? *options.scenario : fs::path(manifest->value("scenario", std::string()));
  } else if (options.scenario) {
    scenario_path = *options.scenario;
  } else {
    throw InputError("sweep: give a SCENARIO file, or --resume DIR");
  }
  if (options.resume_dir && options.out_dir && fs::absolute(*options.out_dir) != fs::absolute(*options.resume_dir))
    throw InputError("sweep: --out and --resume name different folders; --resume DIR writes into DIR");

  const SweepPlan plan = loadSweepPlan(scenario_path);
  for (const SweepPoint& p : plan.points)
    if (!p.scenario.loading)
      throw InputError(scenario_path.string() + ": point " + std::to_string(p.index) +
                       " has no loading: section; a sweep loads every point to yield");
  if (manifest && manifest->value("scenario_hash", std::string()) != plan.source_hash)
    throw InputError(scenario_path.string() + ": changed since the run in " + options.resume_dir->string() +
                     " started (hash " + plan.source_hash + ", was " + manifest->value("scenario_hash", std::string()) +
                     "); a resumed sweep must be the same sweep");

  const fs::path dir = options.resume_dir   ? *options.resume_dir
                       : options.out_dir    ? *options.out_dir
                                            : fs::path("results") / plan.points.front().scenario.name;
  const fs::path records = dir / "points";
  const int threads = threadCount(options.threads);
  const Provenance prov = Provenance::now(plan.source_path.string(), plan.source_hash,
                                          plan.points.front().scenario.seed, threads);
  std::error_code ec;
  if (!manifest) {
    // A fresh run must not pick up results of an earlier one in the same folder.
    fs::remove_all(records, ec);
    if (ec) throw RuntimeError("cannot clear '" + records.string() + "': " + ec.message());
  }
  fs::create_directories(records, ec);
  if (ec) throw RuntimeError("cannot create results folder '" + records.string() + "': " + ec.message());
  if (!manifest) {
    // Absolute, so `--resume DIR` without SCENARIO works from any folder.
    const json m = {{"scenario", fs::absolute(plan.source_path).string()},
                    {"scenario_hash", plan.source_hash},
                    {"points", plan.points.size()},
                    {"keys", plan.keys},
                    {"provenance", prov.toJson()}};
    writeFileAtomically(dir / kManifestName, m.dump(2) + "\n");
  }

  std::vector<Task> todo;
  std::size_t total = 0;
  for (const SweepPoint& p : plan.points) {
    for (int r = 0; r < p.scenario.replicas; ++r) {
      ++total;
      const auto replica = static_cast<std::uint64_t>(r);
      if (manifest && loadReplicaRecord(replicaRecordPath(records, p.index, replica), p.index, replica, plan.source_hash))
        continue;
      todo.push_back({p.index, replica, costEstimate(p.scenario)});
    }
  }
  std::stable_sort(todo.begin(), todo.end(), [](const Task& a, const Task& b) { return a.cost > b.cost; });
  if (manifest) out << "resuming " << dir.string() << ": " << total - todo.size() << " of " << total << " done\n";

  ProgressMeter progress(total, total - todo.size());
  {
    tbb::global_control limit(tbb::global_control::max_allowed_parallelism, static_cast<std::size_t>(threads));
    // One task per chunk: replicas take seconds to minutes, so balance beats scheduling overhead.
    tbb::parallel_for(
        tbb::blocked_range<std::size_t>(0, todo.size(), 1),
        [&](const tbb::blocked_range<std::size_t>& range) {
          for (std::size_t i = range.begin(); i != range.end(); ++i) {
            const Task& t = todo[i];
            const ReplicaOutput o = runCoupledReplica(plan.points[t.point].scenario, t.point, t.replica, false);
            saveReplicaRecord(replicaRecordPath(records, t.point, t.replica), o, plan.source_hash);
            progress.taskDone(o.result.time_s);
          }
        },
        tbb::simple_partitioner());
  }
  progress.finish();

  // The report is built from the saved records alone, so a resumed sweep writes the same files.
  std::vector<std::vector<ReplicaOutput>> results(plan.points.size());
  for (const SweepPoint& p : plan.points)
    for (int r = 0; r < p.scenario.replicas; ++r) {
      const auto replica = static_cast<std::uint64_t>(r);
      auto o = loadReplicaRecord(replicaRecordPath(records, p.index, replica), p.index, replica, plan.source_hash);
      if (!o) throw RuntimeError("result of point " + std::to_string(p.index) + " replica " + std::to_string(r) + " is missing");
      results[p.index].push_back(std::move(*o));
    }
  writeSweepReport(plan, results, dir, prov, options.data_file, out);
}

}  // namespace surfkmc::app
