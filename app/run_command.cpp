// SPDX-License-Identifier: MIT
// `surfkmc run`: evolve a wire with the KMC, or load it to its first dislocation nucleation.
#include "app/run_command.hpp"

#include <nlohmann/json.hpp>
#include <ostream>
#include <thread>

#include "app/checkpoint_policy.hpp"
#include "app/input_identity.hpp"
#include "app/kmc_run.hpp"
#include "app/loaded_run.hpp"
#include "app/manifest.hpp"
#include "app/progress_meter.hpp"
#include "app/provenance.hpp"
#include "app/results_folder.hpp"
#include "app/scenario_loader.hpp"
#include "app/source_file.hpp"
#include "app/specimen.hpp"
#include "app/stop_request.hpp"
#include "core/error.hpp"

namespace surfkmc::app {
namespace {

namespace fs = std::filesystem;

/// Written first into the results folder: what `run --resume DIR` needs to find the scenario.
constexpr const char* kManifestName = "run.json";
/// Kept up to date while the run goes; what `surfkmc status DIR` reads.
constexpr const char* kProgressName = "progress.json";

/// A finished run: summary.json is written last (its checkpoints are deleted after it).
bool isComplete(const fs::path& dir) {
  std::error_code ec;
  return fs::is_regular_file(fs::symlink_status(dir / "summary.json", ec));
}

nlohmann::json readManifest(const fs::path& dir) {
  const fs::path file = dir / kManifestName;
  std::error_code ec;
  if (!fs::exists(fs::symlink_status(file, ec)))
    throw InputError(dir.string() + ": nothing to resume (no " + kManifestName +
                     "; was it the results folder of a run?)");
  return parseManifest(SourceFile::read(file));
}

int threadCount(int requested) {
  if (requested > 0) return requested;
  const unsigned hw = std::thread::hardware_concurrency();
  return hw > 0 ? static_cast<int>(hw) : 1;
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
    if (isComplete(*options.resume_dir)) {
      out << "the run in " << printableText(options.resume_dir->string(), 4096)
          << " is complete (summary.json is written); nothing to resume\n";
      return;
    }
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
    throw InputError(s.sweep_location.message(
        "sweep", "`surfkmc run` runs one scenario; run a sweep with `surfkmc sweep " + scenario_path.string() + "`"));
  if (!s.kmc && !s.loading)
    throw InputError(scenario_path.string() +
                     ": run needs a kmc: section (surface evolution) or a loading: section (yield)");
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
  ProgressOptions progress;
  progress.quiet = options.quiet;
  progress.status_file = dir / kProgressName;
  progress.mode = s.loading ? "coupled" : "kmc";
  // From here a signal asks the run to stop at its next boundary, with a checkpoint.
  installStopHandlers();
  try {
    if (s.loading) {
      runLoaded(s, dir, prov, threads, checkpoints, progress, out);
    } else {
      runKmcOnly(s, dir, prov, checkpoints, progress, out);
    }
  } catch (const Stopped& e) {
    throw Stopped(e.signal(),
                  std::string(e.what()) + "; continue with: surfkmc run --resume " + printableText(dir.string(), 4096));
  }
  // Results are written: the checkpoints and records they came from are no longer needed.
  std::error_code ec;
  fs::remove_all(checkpoints.dir, ec);
}

}  // namespace surfkmc::app
